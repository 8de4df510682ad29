package policywatch.admin;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import policywatch.ingest.FeedPollStatusView;
import policywatch.ingest.FeedPollStatus;

/**
 * {@code feeds} in {@code /actuator/health}: DOWN only when every enabled feed is failing (a
 * network or proxy problem, most likely); one failing publisher does not make the service
 * unhealthy. Details: counts of enabled, healthy, failing and parked feeds.
 */
@Component
class FeedsHealthIndicator implements HealthIndicator {

	private final FeedPollStatusView feeds;

	FeedsHealthIndicator(FeedPollStatusView feeds) {
		this.feeds = feeds;
	}

	@Override
	public Health health() {
		List<FeedPollStatus> all = this.feeds.feeds();
		FeedCounts counts = FeedCounts.of(all);
		Health.Builder health = (counts.enabled() > 0 && counts.failing() == counts.enabled()) ? Health.down()
				: Health.up();
		return health.withDetail("enabled", counts.enabled())
			.withDetail("healthy", counts.healthy())
			.withDetail("failing", counts.failing())
			.withDetail("parked", counts.parked())
			.withDetail("notPolledYet", counts.waiting())
			.build();
	}

}
