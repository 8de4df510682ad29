package policywatch.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static policywatch.database.SqlTimestamps.instant;
import static policywatch.database.SqlTimestamps.ts;

/**
 * The {@code archived_article} table, the archive's source of truth.
 */
@Repository
class ArchiveStore {

	static final int MAX_BODY = 1_200_000;

	private static final String COLUMNS = "entry_id, feed_id, feed_name, title, link, published_at, archived_at";

	private final JdbcClient jdbc;

	ArchiveStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return whether the article was added (false when it was archived already)
	 */
	boolean insert(Stored article) {
		ArchivedArticle a = article.article();
		return this.jdbc.sql("""
				INSERT INTO archived_article (entry_id, feed_id, feed_name, title, link, body, published_at, archived_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(a.entryId(), a.feedId(), truncate(a.feedName(), 500), truncate(a.title(), 2000),
					(a.link() != null && a.link().length() <= 2048) ? a.link() : null, truncate(article.body(), MAX_BODY),
					ts(a.published()), ts(a.archived()))
			.update() > 0;
	}

	/**
	 * @return the articles with these ids that are still archived, with their text, in no particular order
	 */
	List<Stored> find(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + ", body FROM archived_article WHERE entry_id IN (:ids)")
			.param("ids", ids)
			.query((rs, row) -> new Stored(article(rs), rs.getString("body")))
			.list();
	}

	/**
	 * @return the newest articles archived since {@code from}, with a smaller id than {@code before}, newest first
	 */
	List<Stored> newest(Instant from, long before, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + ", body FROM archived_article WHERE archived_at >= ? AND entry_id < ?"
				+ " ORDER BY entry_id DESC LIMIT ?")
			.params(ts(from), before, limit)
			.query((rs, row) -> new Stored(article(rs), rs.getString("body")))
			.list();
	}

	/**
	 * Reads every article archived since {@code from}, in pages, in id order.
	 */
	void forEachSince(Instant from, int page, Consumer<Stored> action) {
		long after = Long.MIN_VALUE;
		while (true) {
			List<Stored> batch = this.jdbc.sql("SELECT " + COLUMNS + ", body FROM archived_article"
					+ " WHERE archived_at >= ? AND entry_id > ? ORDER BY entry_id LIMIT ?")
				.params(ts(from), after, page)
				.query((rs, row) -> new Stored(article(rs), rs.getString("body")))
				.list();
			batch.forEach(action);
			if (batch.size() < page) {
				return;
			}
			after = batch.get(batch.size() - 1).article().entryId();
		}
	}

	/**
	 * Deletes up to {@code limit} articles archived before a time.
	 * @return how many were deleted
	 */
	int deleteBefore(Instant before, int limit) {
		List<Long> ids = this.jdbc
			.sql("SELECT entry_id FROM archived_article WHERE archived_at < ? ORDER BY archived_at LIMIT ?")
			.params(ts(before), limit)
			.query(Long.class)
			.list();
		if (ids.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("DELETE FROM archived_article WHERE entry_id IN (:ids)").param("ids", ids).update();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM archived_article").query(Long.class).single();
	}

	private static ArchivedArticle article(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new ArchivedArticle(rs.getLong("entry_id"), rs.getString("feed_id"), rs.getString("feed_name"),
				rs.getString("title"), rs.getString("link"), instant(rs, "published_at"), instant(rs, "archived_at"));
	}

	private static String truncate(String text, int max) {
		if (text == null) {
			return "";
		}
		return (text.length() <= max) ? text : text.substring(0, max);
	}

	/**
	 * An article with the text it is matched on.
	 */
	record Stored(ArchivedArticle article, String body) {

		static List<Long> ids(Collection<Stored> stored) {
			List<Long> ids = new ArrayList<>(stored.size());
			stored.forEach((s) -> ids.add(s.article().entryId()));
			return ids;
		}

	}

}
