package policywatch.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

import policywatch.subscription.ConfiguredSubscription;
import policywatch.subscription.Subscriptions;

/**
 * The feeds ({@code feeds.yml}) and admin-defined subscriptions ({@code subscriptions.yml}) now in
 * effect. Loaded at start-up, where files with problems stop start-up with every problem listed;
 * replaced by {@link ConfigReloader} when an edit is accepted.
 */
@Service
public class FeedCatalog {

	private static final Logger logger = LoggerFactory.getLogger(FeedCatalog.class);

	/** The property giving the interval of feeds that set none. */
	static final String DEFAULT_INTERVAL_PROPERTY = "policywatch.ingest.default-interval";

	private final Path dir;

	private final Duration defaultInterval;

	private volatile AdminConfig config;

	@Autowired
	FeedCatalog(PolicyWatchProperties properties, Environment environment, Subscriptions subscriptions) {
		this(properties.configDir(), defaultInterval(environment));
		subscriptions.replaceConfigured(this.config.subscriptions());
		logger.info("Loaded config dir={} feeds={} adminSubscriptions={} defaultInterval={}", this.dir,
				this.config.feeds().size(), this.config.subscriptions().size(), this.defaultInterval);
	}

	FeedCatalog(Path dir, Duration defaultInterval) {
		this.dir = dir;
		this.defaultInterval = defaultInterval;
		this.config = AdminConfig.load(dir, defaultInterval);
	}

	static Duration defaultInterval(Environment environment) {
		Duration interval = Binder.get(environment)
			.bind(DEFAULT_INTERVAL_PROPERTY, Duration.class)
			.orElse(FeedsConfig.DEFAULT_INTERVAL);
		if (interval.compareTo(FeedsConfig.MINIMUM_INTERVAL) < 0) {
			throw new IllegalStateException(DEFAULT_INTERVAL_PROPERTY + " is " + interval + "; it must be at least 1s");
		}
		return interval;
	}

	/**
	 * The feeds now configured, in file order.
	 */
	public List<FeedDefinition> feeds() {
		return this.config.feeds();
	}

	/**
	 * The admin-defined subscriptions now configured, in file order.
	 */
	public List<ConfiguredSubscription> subscriptions() {
		return this.config.subscriptions();
	}

	/**
	 * The feeds file.
	 */
	public Path file() {
		return this.dir.resolve(AdminConfig.FEEDS_FILE);
	}

	/**
	 * The config folder.
	 */
	public Path dir() {
		return this.dir;
	}

	Duration defaultInterval() {
		return this.defaultInterval;
	}

	AdminConfig config() {
		return this.config;
	}

	void replace(AdminConfig config) {
		this.config = config;
	}

}
