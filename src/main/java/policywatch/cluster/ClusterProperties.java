package policywatch.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Running several nodes on one database.
 *
 * @param nodeId this node's name in the sender lease (default: the host name and a random suffix,
 * new at each start)
 * @param leaseRenew how often the holder renews the sender lease (and other nodes try to take it)
 * @param leaseTtl how long the lease lasts without a renewal: another node takes over at most
 * {@code lease-ttl + lease-renew} after the holder died
 * @param leaseMargin the holder stops sending this long before its lease expires when it cannot
 * renew it; covers the clock difference between nodes
 * @param leaseHandover on a clean shutdown the holder lets the lease expire after this much
 * (rather than at its usual expiry), so that another node takes over quickly once the holder's
 * last request to Telegram has ended
 */
@ConfigurationProperties("policywatch.cluster")
public record ClusterProperties(String nodeId, @DefaultValue("3s") Duration leaseRenew,
		@DefaultValue("10s") Duration leaseTtl, @DefaultValue("2s") Duration leaseMargin,
		@DefaultValue("5s") Duration leaseHandover) {

	public ClusterProperties {
		if (leaseRenew.isNegative() || leaseRenew.isZero()) {
			throw new IllegalArgumentException("policywatch.cluster.lease-renew must be positive");
		}
		if (leaseMargin.isNegative() || leaseHandover.isNegative()) {
			throw new IllegalArgumentException(
					"policywatch.cluster.lease-margin and lease-handover must not be negative");
		}
		if (leaseTtl.compareTo(leaseRenew.plus(leaseMargin)) <= 0) {
			throw new IllegalArgumentException("policywatch.cluster.lease-ttl (" + leaseTtl
					+ ") must be longer than lease-renew + lease-margin (" + leaseRenew.plus(leaseMargin)
					+ "), or the holder would lose the lease between two renewals");
		}
	}

}
