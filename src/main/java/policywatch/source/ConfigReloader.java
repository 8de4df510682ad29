package policywatch.source;

import java.nio.file.Files;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import policywatch.subscription.Subscriptions;

/**
 * Re-reads {@code feeds.yml} and {@code subscriptions.yml}. A valid pair replaces the running
 * configuration: admin-defined subscriptions are replaced and {@link FeedsReloaded} is published
 * so that polling follows (a new feed starts, a removed one stops, a changed interval applies,
 * parked feeds are tried again). With any problem nothing is applied and the previous
 * configuration stays active; so it does when the database refuses the new subscriptions (the
 * transaction rolls back and the matcher is only changed after a commit). Either way {@link ConfigReloaded} or {@link ConfigRejected} tells
 * whoever informs the admins.
 */
@Service
public class ConfigReloader {

	private static final Logger logger = LoggerFactory.getLogger(ConfigReloader.class);

	private final FeedCatalog catalog;

	private final Subscriptions subscriptions;

	private final ApplicationEventPublisher events;

	ConfigReloader(FeedCatalog catalog, Subscriptions subscriptions, ApplicationEventPublisher events) {
		this.catalog = catalog;
		this.subscriptions = subscriptions;
		this.events = events;
	}

	/**
	 * Reloads the config files.
	 * @param trigger what asked for it; an admin's {@code /reload} also retries parked feeds when
	 * nothing changed, the watcher does nothing then
	 * @return what happened
	 */
	public synchronized ReloadResult reload(ReloadTrigger trigger) {
		AdminConfig current = this.catalog.config();
		AdminConfig next;
		if (!Files.exists(this.catalog.file())) {
			return reject(List.of(new ConfigProblem(this.catalog.file(), 0, "", "file deleted; the previous "
					+ "configuration (" + current.feeds().size() + " feeds) stays active until the file is back")),
					trigger);
		}
		try {
			next = AdminConfig.load(this.catalog.dir(), this.catalog.defaultInterval());
		}
		catch (InvalidConfigException ex) {
			return reject(ex.problems(), trigger);
		}
		ConfigChanges changes = ConfigChanges.between(current, next);
		if (changes.isEmpty() && trigger == ReloadTrigger.WATCH) {
			return new ReloadResult.Applied(changes);
		}
		if (changes.addedSubscriptions() > 0 || changes.removedSubscriptions() > 0) {
			try {
				this.subscriptions.replaceConfigured(next.subscriptions());
			}
			catch (RuntimeException ex) {
				// rolled back: the database and the matcher still hold the last good configuration, which stays
				// the one the next reload is compared against
				logger.error("Unable to apply subscriptions trigger={} reason={}", trigger, ex.toString(), ex);
				return reject(List.of(new ConfigProblem(this.catalog.dir().resolve(AdminConfig.SUBSCRIPTIONS_FILE), 0,
						"", "could not be applied, nothing was changed (" + oneLine(ex) + "); the previous "
								+ "subscriptions stay active")),
						trigger);
			}
		}
		this.catalog.replace(next);
		this.events.publishEvent(new FeedsReloaded(next.feeds()));
		logger.info("Reloaded config trigger={} feeds={} added={} removed={} changed={} adminSubscriptions={}", trigger,
				changes.feeds(), changes.addedFeeds(), changes.removedFeeds(), changes.changedFeeds(),
				changes.subscriptions());
		this.events.publishEvent(new ConfigReloaded(changes, trigger));
		return new ReloadResult.Applied(changes);
	}

	private static String oneLine(RuntimeException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		message = message.replace('\n', ' ');
		return (message.length() > 300) ? message.substring(0, 300) + "…" : message;
	}

	private ReloadResult reject(List<ConfigProblem> problems, ReloadTrigger trigger) {
		logger.warn("Rejected config change, keeping the previous config trigger={} problems={} first=\"{}\"", trigger,
				problems.size(), problems.get(0));
		this.events.publishEvent(new ConfigRejected(problems, trigger));
		return new ReloadResult.Rejected(problems);
	}

}
