package policywatch.ingest;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import policywatch.source.FeedCatalog;
import policywatch.source.FeedsReloaded;

/**
 * Copies the configured feeds into the database before polling starts, and again on every
 * accepted reload (a new feed starts polling, a removed one stops, a changed interval applies),
 * and makes the feeds' Quartz jobs follow (see {@link FeedSchedule}).
 */
@Component
class FeedSync implements InitializingBean {

	private final FeedCatalog catalog;

	private final FeedStore store;

	private final FeedSchedule schedule;

	FeedSync(FeedCatalog catalog, FeedStore store, FeedSchedule schedule) {
		this.catalog = catalog;
		this.store = store;
		this.schedule = schedule;
	}

	@Override
	public void afterPropertiesSet() {
		this.store.sync(this.catalog.feeds());
		this.schedule.sync(this.store.active());
	}

	@EventListener
	void onReload(FeedsReloaded event) {
		this.store.sync(event.feeds());
		this.schedule.sync(this.store.active());
	}

}
