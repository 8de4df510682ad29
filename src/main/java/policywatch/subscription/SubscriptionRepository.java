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
		return new Subscription(keys.getKey().longValue(), chatId, query, origin, List.copyOf(feeds));
	}

	List<Subscription> findByOrigin(String origin) {
		return this.jdbc.sql("SELECT * FROM subscription WHERE origin = ? ORDER BY id").param(origin).query(MAPPER).list();
	}

	private static List<String> feeds(String column) {
		return (column == null || column.isBlank()) ? List.of() : List.of(column.split(","));
	}

	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM subscription WHERE id = ?").param(id).update() > 0;
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
