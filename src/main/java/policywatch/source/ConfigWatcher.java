package policywatch.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Watches the config folder by reading its files every few seconds and comparing their content,
 * which works with every editor (in place, or write-and-rename), on network and container
 * volumes, and when a file is deleted and recreated. A change is acted on once the files have
 * stayed the same for one more check: {@code feeds.yml} and {@code subscriptions.yml} are
 * reloaded through {@link ConfigReloader}; a changed {@code settings.yml} is checked and
 * announced with {@link SettingsChanged} (its values apply at the next restart). The checks run
 * on the source module's {@link TaskScheduler}, each after the previous one has finished.
 */
@Component
class ConfigWatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ConfigWatcher.class);

	private final ConfigReloader reloader;

	private final ApplicationEventPublisher events;

	private final Path feeds;

	private final Path subscriptions;

	private final Path settings;

	private final Duration interval;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private volatile ScheduledFuture<?> checks;

	private Snapshot applied;

	private Snapshot pending;

	ConfigWatcher(FeedCatalog catalog, ConfigReloader reloader, ApplicationEventPublisher events,
			SourceProperties properties, @Qualifier(SourceConfiguration.SCHEDULER) TaskScheduler scheduler,
			Clock clock) {
		this.reloader = reloader;
		this.events = events;
		this.feeds = catalog.dir().resolve(AdminConfig.FEEDS_FILE);
		this.subscriptions = catalog.dir().resolve(AdminConfig.SUBSCRIPTIONS_FILE);
		this.settings = catalog.dir().resolve(SettingsFile.FILE);
		this.interval = properties.watchInterval();
		this.scheduler = scheduler;
		this.clock = clock;
		this.applied = snapshot();
		this.pending = this.applied;
	}

	@Override
	public void start() {
		if (this.interval.isZero() || this.interval.isNegative()) {
			logger.info("Config watching is off (policywatch.source.watch-interval=0); use /reload after an edit");
			return;
		}
		this.checks = this.scheduler.scheduleWithFixedDelay(this::check, this.clock.instant().plus(this.interval),
				this.interval);
		logger.info("Watching config dir={} every={}ms", this.feeds.getParent(), this.interval.toMillis());
	}

	@Override
	public void stop() {
		ScheduledFuture<?> checks = this.checks;
		this.checks = null;
		if (checks != null) {
			checks.cancel(false);
		}
	}

	@Override
	public boolean isRunning() {
		return this.checks != null;
	}

	/**
	 * One check: remembers a change, and acts on it once the files stayed the same since the last check.
	 */
	void check() {
		try {
			Snapshot now = snapshot();
			if (!now.equals(this.pending)) {
				this.pending = now;
				return;
			}
			if (now.equals(this.applied)) {
				return;
			}
			Snapshot before = this.applied;
			this.applied = now;
			if (!same(before.feeds, now.feeds) || !same(before.subscriptions, now.subscriptions)) {
				logger.info("Config files changed, reloading dir={}", this.feeds.getParent());
				this.reloader.reload(ReloadTrigger.WATCH);
			}
			if (!same(before.settings, now.settings)) {
				List<ConfigProblem> problems = (now.settings != null) ? SettingsFile.validate(this.settings) : List.of();
				logger.info("Settings file changed, applied at the next restart file={} problems={}", this.settings,
						problems.size());
				this.events.publishEvent(new SettingsChanged(this.settings, problems, now.settings == null));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to reload config dir={} reason={}", this.feeds.getParent(), ex.toString());
		}
	}

	private Snapshot snapshot() {
		return new Snapshot(digest(this.feeds), digest(this.subscriptions), digest(this.settings));
	}

	private static boolean same(String a, String b) {
		return (a == null) ? b == null : a.equals(b);
	}

	/**
	 * The SHA-256 of the file's content; {@code null} when it does not exist; a marker for an unreadable file.
	 */
	private static String digest(Path file) {
		try {
			byte[] content = Files.readAllBytes(file);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			return "unreadable: " + ex.getMessage();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Snapshot(String feeds, String subscriptions, String settings) {
	}

}
