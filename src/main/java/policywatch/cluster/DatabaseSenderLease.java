package policywatch.cluster;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

import static policywatch.database.SqlTimestamps.ts;

/**
 * The sender lease as a row of {@code sender_lease}. Every node tries every
 * {@code lease-renew}: one atomic {@code UPDATE} takes the row when it expired or renews it when
 * this node holds it. The holder that fails to renew (the row was taken, or the database does not
 * answer) stops at once; one that cannot even try stops {@code lease-margin} before the row
 * expires, as {@link #held()} looks at the clock.
 */
final class DatabaseSenderLease implements SenderLease, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseSenderLease.class);

	static final String NAME = "sender";

	private final JdbcClient jdbc;

	private final ClusterProperties properties;

	private final Clock clock;

	private final TaskScheduler scheduler;

	private final String nodeId;

	private final List<Runnable> onAcquired = new CopyOnWriteArrayList<>();

	/** Whether the last attempt took or renewed the row. */
	private volatile boolean holding;

	/** When this node stops acting as the holder without a renewal. */
	private volatile Instant validUntil;

	private volatile boolean running;

	private ScheduledFuture<?> renewal;

	DatabaseSenderLease(JdbcClient jdbc, ClusterProperties properties, Clock clock, TaskScheduler scheduler) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.scheduler = scheduler;
		this.nodeId = (properties.nodeId() != null && !properties.nodeId().isBlank()) ? properties.nodeId().strip()
				: defaultNodeId();
	}

	private static String defaultNodeId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			host = "node";
		}
		if (host.length() > 150) {
			host = host.substring(0, 150);
		}
		return host + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Override
	public boolean held() {
		Instant until = this.validUntil;
		return this.holding && until != null && this.clock.instant().isBefore(until);
	}

	@Override
	public Duration remaining() {
		Instant until = this.validUntil;
		if (!this.holding || until == null) {
			return Duration.ZERO;
		}
		Duration left = Duration.between(this.clock.instant(), until);
		return left.isNegative() ? Duration.ZERO : left;
	}

	@Override
	public String nodeId() {
		return this.nodeId;
	}

	@Override
	public void onAcquired(Runnable action) {
		this.onAcquired.add(action);
		if (held()) {
			action.run();
		}
	}

	/**
	 * Takes or renews the lease once.
	 * @return whether this node holds it now
	 */
	synchronized boolean renew() {
		Instant now = this.clock.instant();
		Instant expires = now.plus(this.properties.leaseTtl());
		boolean taken;
		try {
			taken = this.jdbc.sql("""
					UPDATE sender_lease SET holder = ?, expires_at = ?
					WHERE name = ? AND (holder = ? OR expires_at < ?)""")
				.params(this.nodeId, ts(expires), NAME, this.nodeId, ts(now))
				.update() == 1;
		}
		catch (DataAccessException ex) {
			logger.warn("Unable to renew the sender lease node={} reason={}", this.nodeId, ex.toString());
			taken = false;
		}
		if (taken) {
			this.validUntil = expires.minus(this.properties.leaseMargin());
			if (!this.holding) {
				this.holding = true;
				logger.info("Sender lease acquired node={} expires={}", this.nodeId, expires);
				for (Runnable action : this.onAcquired) {
					try {
						action.run();
					}
					catch (RuntimeException ex) {
						logger.warn("Unable to start sending node={} reason={}", this.nodeId, ex.toString(), ex);
					}
				}
			}
		}
		else if (this.holding) {
			this.holding = false;
			this.validUntil = null;
			logger.warn("Sender lease lost, stopped sending node={}", this.nodeId);
		}
		return taken;
	}

	/**
	 * Lets the lease go: another node may take it after {@code lease-handover}.
	 */
	synchronized void release() {
		if (!this.holding) {
			return;
		}
		this.holding = false;
		this.validUntil = null;
		Instant until = this.clock.instant().plus(this.properties.leaseHandover());
		try {
			this.jdbc.sql("UPDATE sender_lease SET expires_at = ? WHERE name = ? AND holder = ? AND expires_at > ?")
				.params(ts(until), NAME, this.nodeId, ts(until))
				.update();
			logger.info("Sender lease released node={} takeOverFrom={}", this.nodeId, until);
		}
		catch (DataAccessException ex) {
			logger.warn("Unable to release the sender lease node={} reason={}", this.nodeId, ex.toString());
		}
	}

	@Override
	public void start() {
		this.running = true;
		renew();
		this.renewal = this.scheduler.scheduleWithFixedDelay(this::renewQuietly,
				this.clock.instant().plus(this.properties.leaseRenew()), this.properties.leaseRenew());
	}

	private void renewQuietly() {
		if (!this.running) {
			return;
		}
		try {
			renew();
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to renew the sender lease node={} reason={}", this.nodeId, ex.toString(), ex);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.renewal != null) {
			this.renewal.cancel(false);
		}
		release();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Starts before the sender and the bot, stops after them.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1000;
	}

}
