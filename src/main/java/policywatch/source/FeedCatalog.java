package policywatch.source;

import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import policywatch.PolicyWatchProperties;

/**
 * The feeds the admin configured in {@code feeds.yml}. Loaded at start-up; a file with problems
 * stops start-up with every problem listed.
 */
@Service
public class FeedCatalog {

	private static final Logger logger = LoggerFactory.getLogger(FeedCatalog.class);

	private final Path file;

	private volatile List<FeedDefinition> feeds;

	FeedCatalog(PolicyWatchProperties properties) {
		this.file = properties.configDir().resolve("feeds.yml");
		this.feeds = FeedsConfig.load(this.file);
		logger.info("Loaded feeds file={} count={}", this.file, this.feeds.size());
	}

	public List<FeedDefinition> feeds() {
		return this.feeds;
	}

	public Path file() {
		return this.file;
	}

}
