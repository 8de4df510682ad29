package policywatch.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import policywatch.ingest.PendingEntry;

import static policywatch.database.SqlTimestamps.instant;
import static policywatch.database.SqlTimestamps.ts;

/**
 * The {@code digest_item} table: matches held for a digest or until quiet hours end. Written in
 * the planning transaction; turned into an outbox row and deleted in one transaction.
 */
@Repository
class DigestStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeterRegistry meters;

	DigestStore(JdbcClient jdbc, Clock clock) {
		this(jdbc, clock, new SimpleMeterRegistry());
	}

	@Autowired
	DigestStore(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * A held match.
	 *
	 * @param id item id
	 * @param entryId the entry
	 * @param subscriptionId the first subscription it matched (digests group by it)
	 * @param title the entry's title
	 * @param source the feed's name
	 * @param link the entry's link, or {@code null}
	 * @param published when it was published, or when it was held
	 */
	record Item(long id, long entryId, long subscriptionId, String title, String source, String link,
			Instant published) {
	}

	/**
	 * Holds an entry for a chat; an entry already held for the chat is not held twice.
	 */
	boolean hold(long chatId, PendingEntry entry, long subscriptionId, boolean quiet) {
		boolean held = this.jdbc.sql("""
				INSERT INTO digest_item (chat_id, entry_id, subscription_id, quiet, title, source, link, published_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(chatId, entry.id(), subscriptionId, quiet, policywatch.text.Texts.truncate(entry.title(), 2000),
					policywatch.text.Texts.truncate(entry.feedName(), 300),
					(entry.link() != null && entry.link().length() <= 2048) ? entry.link() : null, ts(entry.published()),
					ts(this.clock.instant()))
			.update() > 0;
		if (held) {
			this.meters.counter(DeliveryHistory.HELD_METER).increment();
		}
		return held;
	}

	/**
	 * @param subscriptionIds only these subscriptions' items, or {@code null} for all
	 * @return a chat's held items, newest first
	 */
	List<Item> items(long chatId, boolean quiet, Collection<Long> subscriptionIds) {
		String only = (subscriptionIds != null) ? " AND subscription_id IN (:subscriptions)" : "";
		var statement = this.jdbc.sql("SELECT * FROM digest_item WHERE chat_id = :chat AND quiet = :quiet" + only
				+ " ORDER BY COALESCE(published_at, created_at) DESC, id DESC")
			.param("chat", chatId)
			.param("quiet", quiet);
		if (subscriptionIds != null) {
			if (subscriptionIds.isEmpty()) {
				return List.of();
			}
			statement = statement.param("subscriptions", subscriptionIds);
		}
		return statement.query((rs, n) -> {
			Instant published = instant(rs, "published_at");
			return new Item(rs.getLong("id"), rs.getLong("entry_id"), rs.getLong("subscription_id"), rs.getString("title"),
					rs.getString("source"), rs.getString("link"), (published != null) ? published : instant(rs, "created_at"));
		}).list();
	}

	/**
	 * @return how many of the items were deleted (fewer when another node took some)
	 */
	int delete(List<Long> ids) {
		int deleted = 0;
		for (int i = 0; i < ids.size(); i += 1000) {
			deleted += this.jdbc.sql("DELETE FROM digest_item WHERE id IN (:ids)")
				.param("ids", ids.subList(i, Math.min(ids.size(), i + 1000)))
				.update();
		}
		return deleted;
	}

	/**
	 * @return the chats that have items held for their quiet hours
	 */
	List<Long> chatsHoldingQuietItems() {
		return this.jdbc.sql("SELECT DISTINCT chat_id FROM digest_item WHERE quiet = TRUE").query(Long.class).list();
	}

	/**
	 * Drops digest items of subscriptions that no longer exist.
	 */
	int deleteOrphans() {
		return this.jdbc.sql("""
				DELETE FROM digest_item WHERE quiet = FALSE
				  AND NOT EXISTS (SELECT 1 FROM subscription s WHERE s.id = digest_item.subscription_id)""").update();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM digest_item").query(Long.class).single();
	}

	/**
	 * @return the digest items (not quiet) of these subscriptions by chat, each chat's newest first
	 */
	java.util.Map<Long, List<Item>> itemsOf(List<Long> subscriptionIds) {
		java.util.Map<Long, List<Item>> byChat = new java.util.LinkedHashMap<>();
		for (int i = 0; i < subscriptionIds.size(); i += 1000) {
			this.jdbc.sql("SELECT * FROM digest_item WHERE quiet = FALSE AND subscription_id IN (:ids)"
					+ " ORDER BY chat_id, COALESCE(published_at, created_at) DESC, id DESC")
				.param("ids", subscriptionIds.subList(i, Math.min(subscriptionIds.size(), i + 1000)))
				.query((rs) -> {
					Instant published = instant(rs, "published_at");
					byChat.computeIfAbsent(rs.getLong("chat_id"), (id) -> new java.util.ArrayList<>())
						.add(new Item(rs.getLong("id"), rs.getLong("entry_id"), rs.getLong("subscription_id"),
								rs.getString("title"), rs.getString("source"), rs.getString("link"),
								(published != null) ? published : instant(rs, "created_at")));
				});
		}
		// a chat whose subscriptions fell in different slices: keep newest first
		byChat.values().forEach((items) -> items.sort(java.util.Comparator.comparing(Item::published).reversed()
			.thenComparing(java.util.Comparator.comparingLong(Item::id).reversed())));
		return byChat;
	}

}
