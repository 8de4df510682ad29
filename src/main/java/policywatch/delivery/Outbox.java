package policywatch.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static policywatch.database.SqlTimestamps.instant;
import static policywatch.database.SqlTimestamps.ts;

/**
 * The {@code alert} table: the outbox. An alert is written once per entry and chat (a unique
 * constraint makes sure) and leaves the PENDING state exactly once.
 */
@Repository
class Outbox {

	static final String PENDING = "PENDING";

	/** The kind of an outbox row that edits an alert already sent. */
	static final String EDIT = "EDIT";

	private final JdbcClient jdbc;

	private final Clock clock;

	Outbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	boolean add(long entryId, long chatId, String subscriptionIds, String message) {
		return add(entryId, chatId, subscriptionIds, message, null, false);
	}

	/**
	 * @param buttons the inline keyboard, or {@code null}
	 * @param digest whether the message is a built digest (never folded with other alerts)
	 */
	boolean add(long entryId, long chatId, String subscriptionIds, String message, Keyboard buttons, boolean digest) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				INSERT INTO alert (entry_id, chat_id, subscription_ids, message, state, attempts, next_attempt_at, created_at,
				  digest, buttons)
				VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(entryId, chatId, subscriptionIds, message, ts(now), ts(now), digest,
					(buttons != null && !buttons.isEmpty()) ? buttons.encode() : null)
			.update() > 0;
	}

	/**
	 * Queues an edit of an alert already planned for the chat: sent after it, as
	 * {@code editMessageText} of its Telegram message.
	 * @param entryId the entry that caused the edit (a near-duplicate)
	 * @param editOf the alert to edit
	 * @param message the edited message, in full
	 */
	boolean addEdit(long entryId, long chatId, long editOf, String message) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				INSERT INTO alert (entry_id, chat_id, subscription_ids, message, state, attempts, next_attempt_at, created_at,
				  kind, edit_of)
				VALUES (?, ?, '', ?, 'PENDING', 0, ?, ?, 'EDIT', ?) ON CONFLICT DO NOTHING""")
			.params(entryId, chatId, message, ts(now), ts(now), editOf)
			.update() > 0;
	}

	/**
	 * @return a pending edit with the alert it edits, or {@code null} when it is no longer pending
	 */
	PendingEdit pendingEdit(long id, long chatId) {
		return this.jdbc.sql("""
				SELECT e.message, o.state, o.telegram_message_id, o.last_error FROM alert e
				LEFT JOIN alert o ON o.id = e.edit_of
				WHERE e.id = ? AND e.chat_id = ? AND e.state = 'PENDING' AND e.kind = 'EDIT'""")
			.params(id, chatId)
			.query((rs, row) -> {
				// 0 when null; a digest is marked by its last_error
				long messageId = rs.getLong("telegram_message_id");
				boolean ownMessage = "SENT".equals(rs.getString("state")) && messageId != 0
						&& rs.getString("last_error") == null;
				return new PendingEdit(rs.getString("message"), rs.getString("state"), ownMessage ? messageId : null);
			})
			.optional()
			.orElse(null);
	}

	/**
	 * An edit waiting to be sent.
	 * @param message the edited message
	 * @param originalState the state of the alert it edits ({@code null} when it was deleted)
	 * @param messageId the Telegram message to edit, {@code null} when the alert was not sent as a
	 * message of its own (pending, logged, failed or in a digest)
	 */
	record PendingEdit(String message, String originalState, Long messageId) {
	}

	/**
	 * Cancels the given pending rows.
	 */
	void cancel(List<Long> ids, String reason) {
		this.jdbc.sql("UPDATE alert SET state = 'CANCELLED', last_error = :reason WHERE id IN (:ids) AND state = 'PENDING'")
			.param("reason", truncate(reason))
			.param("ids", ids)
			.update();
	}

	/**
	 * The first pending alerts of each chat whose oldest pending alert is due: a chat waits as a
	 * whole (its alerts keep their order), and a chat with a long backlog contributes no more than
	 * {@code perChat} rows, so it cannot crowd out the others.
	 * @param perChat the most alerts per chat
	 * @param limit the most rows
	 * @return alerts in chat order of their oldest alert, then in planning order within a chat
	 */
	List<OutboxAlert> due(int perChat, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM (
				  SELECT a.id, a.entry_id, a.chat_id, a.attempts, a.created_at, a.next_attempt_at, a.kind, a.digest,
				    a.buttons,
				    e.title, e.link,
				    ROW_NUMBER() OVER (PARTITION BY a.chat_id ORDER BY a.id) AS position,
				    COUNT(*) OVER (PARTITION BY a.chat_id) AS backlog,
				    MIN(a.id) OVER (PARTITION BY a.chat_id) AS first_id,
				    MIN(CASE WHEN a.next_attempt_at > ? THEN a.id END) OVER (PARTITION BY a.chat_id) AS first_waiting
				  FROM alert a JOIN entry e ON e.id = a.entry_id
				  WHERE a.state = 'PENDING'
				) pending
				WHERE position <= ? AND (first_waiting IS NULL OR first_waiting > first_id)
				  AND next_attempt_at <= ?
				ORDER BY first_id, id
				LIMIT ?""")
			.params(ts(this.clock.instant()), perChat, ts(this.clock.instant()), limit)
			.query((rs, row) -> new OutboxAlert(rs.getLong("id"), rs.getLong("entry_id"), rs.getLong("chat_id"),
					rs.getInt("attempts"), instant(rs, "created_at"), rs.getString("title"),
					rs.getString("link"), rs.getInt("backlog"), EDIT.equals(rs.getString("kind")), rs.getBoolean("digest"),
					rs.getString("buttons")))
			.list();
	}

	/**
	 * @return an alert's rendered message (read only when it is sent, not with every pass), or
	 * {@code null} when it is no longer pending for that chat (sent, cancelled or moved meanwhile)
	 */
	String pendingMessage(long id, long chatId) {
		return this.jdbc.sql("SELECT message FROM alert WHERE id = ? AND chat_id = ? AND state = 'PENDING'")
			.params(id, chatId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	/**
	 * @return when the next chat becomes due (a chat waits for its oldest pending alert), or
	 * {@code null} when none is pending
	 */
	Instant nextDue() {
		List<Instant> next = this.jdbc.sql("""
				SELECT MIN(next_attempt_at) AS next_due FROM alert
				WHERE id IN (SELECT MIN(id) FROM alert WHERE state = 'PENDING' GROUP BY chat_id)""")
			.query((rs, row) -> instant(rs, "next_due"))
			.list();
		return next.isEmpty() ? null : next.get(0);
	}

	/**
	 * Marks alerts sent by one message (several when it was a digest).
	 */
	void markSent(List<Long> ids, Long messageId) {
		finish(ids, "SENT", messageId, (ids.size() > 1) ? "sent in a digest" : null);
	}

	void markLogged(List<Long> ids) {
		finish(ids, "LOGGED", null, null);
	}

	void markFailed(List<Long> ids, String reason) {
		finish(ids, "FAILED", null, reason);
	}

	private void finish(List<Long> ids, String state, Long messageId, String reason) {
		this.jdbc.sql("""
				UPDATE alert SET state = :state, telegram_message_id = :message, last_error = :reason, sent_at = :now,
				  attempts = attempts + 1
				WHERE id IN (:ids) AND state = 'PENDING'""")
			.param("state", state)
			.param("message", messageId)
			.param("reason", truncate(reason))
			.param("now", ts(this.clock.instant()))
			.param("ids", ids)
			.update();
	}

	void retryAt(List<Long> ids, Instant next, String reason, boolean countAttempt) {
		this.jdbc.sql("""
				UPDATE alert SET next_attempt_at = :next, last_error = :reason, attempts = attempts + :counted
				WHERE id IN (:ids) AND state = 'PENDING'""")
			.param("next", ts(next))
			.param("reason", truncate(reason))
			.param("counted", countAttempt ? 1 : 0)
			.param("ids", ids)
			.update();
	}

	int cancelPending(long chatId, String reason) {
		return this.jdbc.sql("UPDATE alert SET state = 'CANCELLED', last_error = ? WHERE chat_id = ? AND state = 'PENDING'")
			.params(truncate(reason), chatId)
			.update();
	}

	/**
	 * Moves a chat's pending alerts to its new id. An alert for an entry the new chat already has
	 * (in any state) cannot move, since an entry is alerted once per chat: it is cancelled.
	 */
	@Transactional
	Moved moveChat(long oldChatId, long newChatId) {
		int cancelled = this.jdbc.sql("""
				UPDATE alert SET state = 'CANCELLED', last_error = :reason
				WHERE chat_id = :old AND state = 'PENDING'
				  AND entry_id IN (SELECT entry_id FROM alert WHERE chat_id = :new)""")
			.param("reason", "chat migrated to " + newChatId + ", which already has this alert")
			.param("old", oldChatId)
			.param("new", newChatId)
			.update();
		int moved = this.jdbc.sql("UPDATE alert SET chat_id = ?, next_attempt_at = ? WHERE chat_id = ? AND state = 'PENDING'")
			.params(newChatId, ts(this.clock.instant()), oldChatId)
			.update();
		return new Moved(moved, cancelled);
	}

	/**
	 * Deletes alerts that left the outbox (sent, logged, failed or cancelled) before the given
	 * time, oldest first. Their entries stay, so no entry is ever alerted twice.
	 * @return how many were deleted
	 */
	int deleteFinishedBefore(Instant before, int limit) {
		return this.jdbc.sql("""
				DELETE FROM alert WHERE id IN (
				  SELECT id FROM alert WHERE state <> 'PENDING' AND COALESCE(sent_at, created_at) < ?
				  ORDER BY id LIMIT ?)""")
			.params(ts(before), limit)
			.update();
	}

	long countByState(String state) {
		return this.jdbc.sql("SELECT COUNT(*) FROM alert WHERE state = ?").param(state).query(Long.class).single();
	}

	/**
	 * @return the chat whose oldest pending alert is the oldest of all, with its pending count
	 */
	java.util.Optional<DeliveryStats.WaitingChat> oldestPending() {
		return this.jdbc.sql("SELECT chat_id, created_at FROM alert WHERE state = 'PENDING' ORDER BY created_at, id LIMIT 1")
			.query((rs, row) -> new DeliveryStats.WaitingChat(rs.getLong("chat_id"), instant(rs, "created_at"), 0))
			.optional()
			.map((chat) -> new DeliveryStats.WaitingChat(chat.chatId(), chat.since(),
					this.jdbc.sql("SELECT COUNT(*) FROM alert WHERE chat_id = ? AND state = 'PENDING'")
						.param(chat.chatId())
						.query(Long.class)
						.single()));
	}

	long countWaitingChats() {
		return this.jdbc.sql("SELECT COUNT(DISTINCT chat_id) FROM alert WHERE state = 'PENDING'").query(Long.class).single();
	}

	long countSentSince(LocalDate day, ZoneId zone) {
		return this.jdbc.sql("SELECT COUNT(*) FROM alert WHERE state = 'SENT' AND kind = 'ALERT' AND sent_at >= ?")
			.param(ts(day.atStartOfDay(zone).toInstant()))
			.query(Long.class)
			.single();
	}

	/**
	 * @param moved alerts now pending for the new chat
	 * @param cancelled alerts the new chat already had
	 */
	record Moved(int moved, int cancelled) {
	}

	private static String truncate(String reason) {
		return policywatch.text.Texts.truncate(reason, 500);
	}

}
