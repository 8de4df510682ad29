package policywatch.subscription;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static policywatch.database.SqlTimestamps.ts;

@Repository
class ChatRepository {

	private static final RowMapper<Chat> MAPPER = (rs, n) -> new Chat(rs.getLong("id"), rs.getString("type"),
			rs.getString("title"), rs.getBoolean("active"), rs.getBoolean("paused"));

	private static final int IN_LIST = 1000;

	private final JdbcClient jdbc;

	private final Clock clock;

	ChatRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Optional<Chat> find(long id) {
		return this.jdbc.sql("SELECT * FROM chat WHERE id = ?").param(id).query(MAPPER).optional();
	}

	/**
	 * @return the chats with these ids, read in chunks (a story can match tens of thousands of chats,
	 * more than one statement may bind)
	 */
	List<Chat> findAll(List<Long> ids) {
		List<Chat> found = new ArrayList<>(ids.size());
		for (int i = 0; i < ids.size(); i += IN_LIST) {
			found.addAll(this.jdbc.sql("SELECT * FROM chat WHERE id IN (:ids)")
				.param("ids", ids.subList(i, Math.min(ids.size(), i + IN_LIST)))
				.query(MAPPER)
				.list());
		}
		return found;
	}

	/**
	 * Records that a chat talked to the bot: creates it, refreshes its title and makes it active.
	 */
	void touch(long id, String type, String title) {
		var now = ts(this.clock.instant());
		int updated = this.jdbc.sql("UPDATE chat SET type = ?, title = ?, active = TRUE, updated_at = ? WHERE id = ?")
			.params(type, title, now, id)
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("INSERT INTO chat (id, type, title, active, paused, created_at, updated_at) "
						+ "VALUES (?, ?, ?, TRUE, FALSE, ?, ?) ON CONFLICT DO NOTHING")
				.params(id, type, title, now, now)
				.update();
		}
	}

	/**
	 * Makes sure a chat row exists without changing its state (admin-defined subscriptions).
	 */
	void ensure(long id, String type) {
		var now = ts(this.clock.instant());
		this.jdbc
			.sql("INSERT INTO chat (id, type, title, active, paused, created_at, updated_at) "
					+ "VALUES (?, ?, NULL, TRUE, FALSE, ?, ?) ON CONFLICT DO NOTHING")
			.params(id, type, now, now)
			.update();
	}

	boolean setPaused(long id, boolean paused) {
		return this.jdbc.sql("UPDATE chat SET paused = ?, updated_at = ? WHERE id = ?")
			.params(paused, ts(this.clock.instant()), id)
			.update() > 0;
	}

	boolean setActive(long id, boolean active) {
		return this.jdbc.sql("UPDATE chat SET active = ?, updated_at = ? WHERE id = ? AND active <> ?")
			.params(active, ts(this.clock.instant()), id, active)
			.update() > 0;
	}

	long countActive() {
		return this.jdbc.sql("SELECT COUNT(*) FROM chat WHERE active = TRUE").query(Long.class).single();
	}

}
