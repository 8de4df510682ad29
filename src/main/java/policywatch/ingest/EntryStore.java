package policywatch.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import policywatch.ingest.parse.FeedItem;

import static policywatch.database.SqlTimestamps.instant;
import static policywatch.database.SqlTimestamps.ts;

/**
 * The {@code entry} table: every entry ever seen, per feed, and the new ones waiting to be matched.
 */
@Repository
public class EntryStore {

	static final String SEEN = "SEEN";

	static final String NEW = "NEW";

	static final String MATCHED = "MATCHED";

	private static final int IN_LIST = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final EntryClaims claims;

	EntryStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.claims = new EntryClaims(jdbc);
	}

	/**
	 * @return the items of a feed that are not stored yet, neither by key nor by link
	 */
	List<FeedItem> unknown(String feedId, List<FeedItem> items) {
		Set<String> knownKeys = new HashSet<>();
		Set<String> knownLinks = new HashSet<>();
		for (List<FeedItem> chunk : chunks(items)) {
			knownKeys.addAll(this.jdbc.sql("SELECT entry_key FROM entry WHERE feed_id = :feed AND entry_key IN (:keys)")
				.param("feed", feedId)
				.param("keys", chunk.stream().map(FeedItem::key).toList())
				.query(String.class)
				.list());
			List<String> links = chunk.stream().map(EntryStore::linkKey).filter((link) -> link != null).toList();
			if (!links.isEmpty()) {
				knownLinks.addAll(this.jdbc.sql("SELECT link_key FROM entry WHERE feed_id = :feed AND link_key IN (:links)")
					.param("feed", feedId)
					.param("links", links)
					.query(String.class)
					.list());
			}
		}
		List<FeedItem> unknown = new ArrayList<>();
		Set<String> batchKeys = new HashSet<>();
		for (FeedItem item : items) {
			String link = linkKey(item);
			if (knownKeys.contains(item.key()) || (link != null && knownLinks.contains(link))
					|| !batchKeys.add(item.key()) || (link != null && !batchKeys.add("link:" + link))) {
				continue;
			}
			unknown.add(item);
		}
		return unknown;
	}

	/**
	 * Records items without alerting anyone (the first poll of a feed).
	 */
	int insertSeen(String feedId, Collection<FeedItem> items) {
		int added = 0;
		for (FeedItem item : items) {
			added += insert(feedId, item, "", SEEN);
		}
		return added;
	}

	/**
	 * Records a new item, waiting to be matched.
	 */
	int insertNew(String feedId, FeedItem item, String text) {
		return insert(feedId, item, text, NEW);
	}

	private int insert(String feedId, FeedItem item, String text, String state) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				INSERT INTO entry (feed_id, entry_key, link_key, link, title, description, body, published_at,
				  first_seen_at, last_seen_at, state)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(feedId, item.key(), linkKey(item), truncate(item.link(), 2048), truncate(item.title(), 2000),
					SEEN.equals(state) ? null : truncate(item.description(), 100_000), text, ts(item.published()), ts(now), ts(now), state)
			.update();
	}

	/**
	 * @param after only entries with a larger id
	 * @param limit the most to return
	 * @return new entries, oldest first
	 */
	public List<PendingEntry> pending(long after, int limit) {
		return this.jdbc.sql("""
				SELECT e.*, f.name AS feed_name FROM entry e JOIN feed f ON f.id = e.feed_id
				WHERE e.state = 'NEW' AND e.id > ? ORDER BY e.id LIMIT ?""")
			.params(after, limit)
			.query((rs, row) -> new PendingEntry(rs.getLong("id"), rs.getString("feed_id"), rs.getString("feed_name"),
					rs.getString("title"), rs.getString("link"), nonNull(rs.getString("description")),
					nonNull(rs.getString("body")), instant(rs, "published_at")))
			.list();
	}

	/**
	 * Marks an entry as matched (its alerts are planned). Call in the transaction that writes them.
	 * The article text is dropped then: alerts carry their own rendered summary, and only the
	 * entry's identity is needed to recognise it later. The entry is claimed first (see
	 * {@link EntryClaims}): an entry another node or thread is matching right now is skipped, not
	 * waited for.
	 * @return false when another process got there first or holds the entry now
	 */
	public boolean markMatched(long entryId) {
		return this.claims.claim(entryId);
	}

	public long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM entry").query(Long.class).single();
	}

	private static String linkKey(FeedItem item) {
		return (item.link() != null && item.link().length() <= 512) ? item.link() : null;
	}

	private static String nonNull(String text) {
		return (text != null) ? text : "";
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

	private static <T> List<List<T>> chunks(List<T> items) {
		List<List<T>> chunks = new ArrayList<>();
		for (int i = 0; i < items.size(); i += IN_LIST) {
			chunks.add(items.subList(i, Math.min(items.size(), i + IN_LIST)));
		}
		return chunks;
	}

}
