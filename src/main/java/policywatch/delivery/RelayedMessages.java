package policywatch.delivery;

import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static policywatch.database.SqlTimestamps.ts;

/**
 * The {@code relayed_message} table: replies and notices that a node not holding the sender lease
 * had to send. The holder sends them ({@link Relay}) through the pacer, replies ahead of queued
 * alerts.
 */
@Repository
class RelayedMessages {

	/** Kinds of message: how the holder sends it. */
	enum Kind {

		/** A reply to a command, Telegram HTML, ahead of queued alerts. */
		REPLY,

		/** A notice in Telegram HTML. */
		HTML,

		/** A notice in plain text. */
		PLAIN

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	RelayedMessages(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void add(long chatId, Kind kind, String text) {
		this.jdbc.sql("INSERT INTO relayed_message (chat_id, kind, text, created_at) VALUES (?, ?, ?, ?)")
			.params(chatId, kind.name(), text, ts(this.clock.instant()))
			.update();
	}

	/**
	 * @return the oldest messages, replies first
	 */
	List<Message> next(int limit) {
		return this.jdbc.sql("""
				SELECT id, chat_id, kind, text FROM relayed_message
				ORDER BY CASE WHEN kind = 'REPLY' THEN 0 ELSE 1 END, id LIMIT ?""")
			.param(limit)
			.query((rs, row) -> new Message(rs.getLong("id"), rs.getLong("chat_id"), Kind.valueOf(rs.getString("kind")),
					rs.getString("text")))
			.list();
	}

	void delete(long id) {
		this.jdbc.sql("DELETE FROM relayed_message WHERE id = ?").param(id).update();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM relayed_message").query(Long.class).single();
	}

	record Message(long id, long chatId, Kind kind, String text) {
	}

}
