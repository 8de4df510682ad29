package policywatch.ingest;

import java.util.List;

import org.springframework.stereotype.Service;

/**
 * Read-only view of the feeds' polling state, for admins.
 */
@Service
public class FeedHealth {

	private final FeedStore store;

	FeedHealth(FeedStore store) {
		this.store = store;
	}

	public List<FeedStatus> feeds() {
		return this.store.all()
			.stream()
			.map((feed) -> new FeedStatus(feed.id(), feed.name(), feed.enabled(), feed.lastPollAt(),
					feed.lastSuccessAt(), feed.lastStatus(), feed.lastError(), feed.consecutiveFailures(),
					feed.nextPollAt()))
			.toList();
	}

}
