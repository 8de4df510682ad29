package policywatch.cluster;

import java.time.Duration;

/**
 * The right to send: Telegram's limits are per bot, so one node of a cluster sends alerts, replies
 * and notices, and long-polls for updates, at a time. The holder renews a row in the database every
 * few seconds; when it stops renewing, another node takes over once the row expires. A node that
 * cannot renew stops acting as the holder a safety margin before its row expires, so two nodes
 * never send at once (clocks in sync within that margin).
 */
public interface SenderLease {

	/**
	 * @return whether this node holds the lease now and may send
	 */
	boolean held();

	/**
	 * @return how much longer this node may act as the holder without a renewal, {@link Duration#ZERO}
	 * when it does not hold the lease
	 */
	Duration remaining();

	/**
	 * @return this node's id ({@code policywatch.cluster.node-id})
	 */
	String nodeId();

	/**
	 * Runs the action (quickly, on the lease's thread) each time this node acquires the lease.
	 */
	void onAcquired(Runnable action);

}
