package policywatch.ingest;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import policywatch.source.FeedCatalog;

/**
 * Copies the configured feeds into the database before polling starts.
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

}
