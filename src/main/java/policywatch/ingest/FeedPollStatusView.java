package policywatch.ingest;

import java.util.List;

import org.springframework.stereotype.Service;

/**
 * Read-only view of the feeds' polling state, for admins.
 */
@Service
public class FeedPollStatusView {

	private final FeedStore store;

	FeedPollStatusView(FeedStore store) {
		this.store = store;
	}

	public List<FeedPollStatus> feeds() {
		return this.store.all()
			.stream()
			.map((feed) -> new FeedPollStatus(feed.id(), feed.name(), feed.enabled(), feed.lastPollAt(),
					feed.lastSuccessAt(), feed.lastStatus(), feed.lastError(), feed.consecutiveFailures(),
					feed.nextPollAt()))
			.toList();
	}

}
