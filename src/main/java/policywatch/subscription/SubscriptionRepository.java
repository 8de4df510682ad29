package policywatch.subscription;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import static policywatch.database.SqlTimestamps.ts;

@Repository
class SubscriptionRepository {

	private static final RowMapper<Subscription> MAPPER = (rs, n) -> new Subscription(rs.getLong("id"),
			rs.getLong("chat_id"), rs.getString("query"), rs.getString("origin"), feeds(rs.getString("feeds")));

	private final JdbcClient jdbc;

	private final Clock clock;

	SubscriptionRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	List<Subscription> findAll() {
		return this.jdbc.sql("SELECT * FROM subscription ORDER BY id").query(MAPPER).list();
	}

	List<Subscription> findByChat(long chatId) {
		return this.jdbc.sql("SELECT * FROM subscription WHERE chat_id = ? ORDER BY id")
			.param(chatId)
			.query(MAPPER)
			.list();
	}

	Optional<Subscription> findByChatAndQuery(long chatId, String query) {
		return this.jdbc.sql("SELECT * FROM subscription WHERE chat_id = ? AND query = ?")
			.params(chatId, query)
			.query(MAPPER)
			.optional();
	}

	int countByChat(long chatId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM subscription WHERE chat_id = ?")
			.param(chatId)
			.query(Integer.class)
			.single();
	}

	/**
	 * @return subscriptions a user made in chats, in every chat
	 */
	int countByCreator(long userId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM subscription WHERE created_by = ? AND origin = 'CHAT'")
			.param(userId)
			.query(Integer.class)
			.single();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM subscription").query(Long.class).single();
	}

	long countChats() {
		return this.jdbc.sql("SELECT COUNT(DISTINCT chat_id) FROM subscription").query(Long.class).single();
	}

	Subscription insert(long chatId, String query, String origin, Long createdBy) {
		return insert(chatId, query, origin, createdBy, List.of());
	}

	Subscription insert(long chatId, String query, String origin, Long createdBy, List<String> feeds) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO subscription (chat_id, query, origin, created_by, created_at, feeds) VALUES (?, ?, ?, ?, ?, ?)")
			.params(chatId, query, origin, createdBy, ts(this.clock.instant()), feeds.isEmpty() ? null : String.join(",", feeds))
			.update(keys, "id");
		long id = keys.getKey().longValue();
		recordChange(id);
		return new Subscription(id, chatId, query, origin, List.copyOf(feeds));
	}

	List<Subscription> findByOrigin(String origin) {
		return this.jdbc.sql("SELECT * FROM subscription WHERE origin = ? ORDER BY id").param(origin).query(MAPPER).list();
	}

	private static List<String> feeds(String column) {
		return (column == null || column.isBlank()) ? List.of() : List.of(column.split(","));
	}

	boolean delete(long id) {
		boolean deleted = this.jdbc.sql("DELETE FROM subscription WHERE id = ?").param(id).update() > 0;
		if (deleted) {
			recordChange(id);
		}
		return deleted;
	}

	/**
	 * @return the stored subscriptions among these ids
	 */
	List<Subscription> findAllById(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT * FROM subscription WHERE id IN (:ids)").param("ids", ids).query(MAPPER).list();
	}

	/**
	 * Takes the row lock that serialises replacing the admin-defined subscriptions across the
	 * nodes of a cluster, until the caller's transaction ends.
	 */
	void lockConfigured() {
		this.jdbc.sql("UPDATE config_lock SET id = id WHERE id = 1").update();
	}

	/**
	 * Records that a subscription was written or deleted, in the caller's transaction (see
	 * {@link Subscriptions#refresh}).
	 */
	private void recordChange(long subscriptionId) {
		this.jdbc.sql("INSERT INTO subscription_change (subscription_id, changed_at) VALUES (?, ?)")
			.params(subscriptionId, ts(this.clock.instant()))
			.update();
	}

	/**
	 * @return the changes after {@code seq}, oldest first, at most {@code limit}
	 */
	List<SubscriptionChange> changesAfter(long seq, int limit) {
		return this.jdbc.sql("SELECT seq, subscription_id FROM subscription_change WHERE seq > ? ORDER BY seq LIMIT ?")
			.params(seq, limit)
			.query((rs, n) -> new SubscriptionChange(rs.getLong("seq"), rs.getLong("subscription_id")))
			.list();
	}

	/**
	 * @return the last change's number, 0 when there is none
	 */
	long lastChange() {
		return this.jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM subscription_change").query(Long.class).single();
	}

	/**
	 * Forgets changes made before this time (every node has long applied them).
	 * @return how many were deleted
	 */
	int deleteChangesBefore(java.time.Instant before) {
		return this.jdbc.sql("DELETE FROM subscription_change WHERE changed_at < ?").param(ts(before)).update();
	}

	/**
	 * A subscription written or deleted.
	 * @param seq the change's number, in commit order give or take the transactions in flight
	 * @param subscriptionId the subscription
	 */
	record SubscriptionChange(long seq, long subscriptionId) {
	}

	/**
	 * Applies the digest schedule and time zone that {@code subscriptions.yml} gives an admin
	 * subscription. A changed schedule gets its next time from the digest runner.
	 */
	void setConfiguredMode(long subscriptionId, String digest, String timeZone) {
		List<String[]> current = this.jdbc.sql("SELECT digest, time_zone FROM subscription_mode WHERE subscription_id = ?")
			.param(subscriptionId)
			.query((rs, n) -> new String[] { rs.getString("digest"), rs.getString("time_zone") })
			.list();
		if (current.isEmpty()) {
			if (digest != null || timeZone != null) {
				this.jdbc.sql("INSERT INTO subscription_mode (subscription_id, digest, time_zone) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
					.params(subscriptionId, digest, timeZone)
					.update();
			}
			return;
		}
		if (java.util.Objects.equals(current.get(0)[0], digest) && java.util.Objects.equals(current.get(0)[1], timeZone)) {
			return;
		}
		this.jdbc.sql("UPDATE subscription_mode SET digest = ?, time_zone = ?, next_digest_at = NULL WHERE subscription_id = ?")
			.params(digest, timeZone, subscriptionId)
			.update();
	}

}
