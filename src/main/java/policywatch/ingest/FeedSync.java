package policywatch.ingest;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import policywatch.source.FeedCatalog;
import policywatch.source.FeedsReloaded;

/**
 * Copies the configured feeds into the database before polling starts, and again on every
 * accepted reload (a new feed starts polling, a removed one stops, a changed interval applies).
 */
@Component
class FeedSync implements InitializingBean {

	private final FeedCatalog catalog;

	private final FeedStore store;

	FeedSync(FeedCatalog catalog, FeedStore store) {
		this.catalog = catalog;
		this.store = store;
	}

	@Override
	public void afterPropertiesSet() {
		this.store.sync(this.catalog.feeds());
	}

	@EventListener
	void onReload(FeedsReloaded event) {
		this.store.sync(event.feeds());
	}

}
