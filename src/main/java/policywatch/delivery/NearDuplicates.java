package policywatch.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import policywatch.dedupe.Fingerprint;
import policywatch.dedupe.Fingerprinter;
import policywatch.dedupe.NearDuplicateIndex;
import policywatch.ingest.PendingEntry;
import policywatch.subscription.ChatMatch;

import static policywatch.database.SqlTimestamps.instant;
import static policywatch.database.SqlTimestamps.ts;

/**
 * Folds near-duplicate stories before alerting. Every planned entry is fingerprinted and compared
 * with the entries of the last {@code policywatch.dedupe.window}, across all feeds; its fingerprint
 * is stored ({@code story_signature}) so a restart rebuilds the in-memory index. A chat that was
 * already alerted about the story gets no new alert: its alert is edited instead, to list the new
 * source ("Also: …", at most {@value #MAX_SOURCES} sources). Chats that were not alerted about the
 * story (their subscriptions matched only this copy) are alerted as usual.
 */
@Service
public class NearDuplicates {

	private static final Logger logger = LoggerFactory.getLogger(NearDuplicates.class);

	static final int MAX_SOURCES = 5;

	/** How often the index and the table are pruned. */
	private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

	private static final int MAX_LINK = 300;

	private static final int IN_LIST = 1000;

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final DedupeProperties properties;

	private final Clock clock;

	private final DeliveryPreferences preferences;

	private final AlertTexts texts;

	// Guarded by this
	private final NearDuplicateIndex index = new NearDuplicateIndex();

	/** Per indexed entry: its story and when it was seen (epoch milliseconds). */
	private final Map<Long, long[]> indexed = new HashMap<>();

	private boolean loaded;

	/** Held from an entry's check until its planning transaction ends. */
	private final ReentrantLock folding = new ReentrantLock();

	private Instant prunedAt = Instant.MIN;

	NearDuplicates(JdbcClient jdbc, Outbox outbox, DedupeProperties properties, Clock clock,
			DeliveryPreferences preferences, AlertTexts texts) {
		this.preferences = preferences;
		this.texts = texts;
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Records an entry being planned and folds it into an earlier story when it is a near-duplicate.
	 * Runs in the planning transaction.
	 * @param entry the entry
	 * @param matches the chats its subscriptions matched
	 * @return the chats still to alert: those that had no alert for the story yet
	 */
	List<ChatMatch> fold(PendingEntry entry, List<ChatMatch> matches) {
		if (!this.properties.enabled()) {
			return matches;
		}
		Fingerprint fingerprint = Fingerprinter.of(entry.title(), entry.body());
		holdUntilCompletion(entry.id());
		long storyId = record(entry, fingerprint);
		if (storyId == entry.id() || matches.isEmpty()) {
			return matches;
		}
		Map<Long, Alerted> alerted = alertedChats(storyId);
		List<ChatMatch> remaining = new ArrayList<>();
		List<StorySource> sources = null;
		Map<Long, java.util.Locale> locales = null;
		int edits = 0;
		for (ChatMatch match : matches) {
			Alerted earlier = alerted.get(match.chatId());
			if (earlier == null) {
				remaining.add(match);
				continue;
			}
			if (sources == null) {
				sources = storySources(storyId);
				// the edited alerts' languages, in one batch however many chats had the story
				locales = this.preferences.locales(matches.stream()
					.map(ChatMatch::chatId)
					.filter(alerted::containsKey)
					.toList());
			}
			List<StorySource> others = sources.stream().filter((source) -> source.entryId() != earlier.entryId()).toList();
			if (others.size() > MAX_SOURCES) {
				continue;
			}
			String edited = withSources(earlier.message(), others, this.texts,
					locales.getOrDefault(match.chatId(), policywatch.text.Languages.ENGLISH));
			if (!edited.equals(earlier.message())
					&& this.outbox.addEdit(entry.id(), match.chatId(), earlier.alertId(), edited)) {
				edits++;
			}
		}
		logger.info("Folded near-duplicate entry={} feed={} story={} edits={} alerts={}", entry.id(), entry.feedId(),
				storyId, edits, remaining.size());
		return remaining;
	}

	/**
	 * Holds the folding lock until the planning transaction ends, so that a copy planned by another pass
	 * at the same moment sees this entry's alerts (committed) before it decides. Only the check and the
	 * outbox rows of one entry run under it; matching runs outside. A rolled-back entry is forgotten,
	 * to be recorded again when it is planned again.
	 */
	private void holdUntilCompletion(long entryId) {
		if (!TransactionSynchronizationManager.isSynchronizationActive() || this.folding.isHeldByCurrentThread()) {
			return;
		}
		this.folding.lock();
		try {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					try {
						if (status != STATUS_COMMITTED) {
							forget(entryId);
						}
					}
					finally {
						NearDuplicates.this.folding.unlock();
					}
				}

			});
		}
		catch (RuntimeException ex) {
			this.folding.unlock();
			throw ex;
		}
	}

	private synchronized void forget(long entryId) {
		this.indexed.remove(entryId);
	}

	/**
	 * The other copies of the story an entry belongs to, oldest first: what a digest lists as the
	 * story's sources (the entry itself is not included).
	 * @param entryId an entry that was planned
	 * @return its story's other sources, empty when it has none or was not recorded
	 */
	public List<StorySource> sources(long entryId) {
		List<Long> story = this.jdbc.sql("SELECT story_id FROM story_signature WHERE entry_id = ?")
			.param(entryId)
			.query(Long.class)
			.list();
		if (story.isEmpty()) {
			return List.of();
		}
		return storySources(story.get(0)).stream().filter((source) -> source.entryId() != entryId).toList();
	}

	/**
	 * A story and its sources.
	 *
	 * @param id the story (the entry that first carried it)
	 * @param sources every recorded copy, oldest first
	 */
	record Story(long id, List<StorySource> sources) {

		/**
		 * @return the copies other than that entry, at most {@value NearDuplicates#MAX_SOURCES}
		 */
		List<StorySource> others(long entryId) {
			return this.sources.stream().filter((source) -> source.entryId() != entryId).limit(MAX_SOURCES).toList();
		}

	}

	/**
	 * The stories of many entries (a digest's items), read in two batched queries whatever their number.
	 * @param entryIds entries that were planned
	 * @return by entry, its story; entries that were not recorded are missing (a story of their own)
	 */
	Map<Long, Story> stories(java.util.Collection<Long> entryIds) {
		Map<Long, Long> storyOf = new HashMap<>();
		List<Long> ids = new ArrayList<>(new java.util.LinkedHashSet<>(entryIds));
		for (int i = 0; i < ids.size(); i += IN_LIST) {
			this.jdbc.sql("SELECT entry_id, story_id FROM story_signature WHERE entry_id IN (:ids)")
				.param("ids", ids.subList(i, Math.min(ids.size(), i + IN_LIST)))
				.query((rs) -> {
					storyOf.put(rs.getLong("entry_id"), rs.getLong("story_id"));
				});
		}
		List<Long> storyIds = new ArrayList<>(new java.util.LinkedHashSet<>(storyOf.values()));
		Map<Long, List<StorySource>> sources = new HashMap<>();
		for (int i = 0; i < storyIds.size(); i += IN_LIST) {
			this.jdbc.sql("""
					SELECT s.entry_id, s.story_id, s.feed_id, f.name, s.title, s.link FROM story_signature s
					LEFT JOIN feed f ON f.id = s.feed_id
					WHERE s.story_id IN (:ids) ORDER BY s.entry_id""")
				.param("ids", storyIds.subList(i, Math.min(storyIds.size(), i + IN_LIST)))
				.query((rs) -> {
					sources.computeIfAbsent(rs.getLong("story_id"), (id) -> new ArrayList<>()).add(source(rs));
				});
		}
		Map<Long, Story> stories = new HashMap<>();
		Map<Long, Story> byId = new HashMap<>();
		storyOf.forEach((entryId, storyId) -> stories.put(entryId, byId.computeIfAbsent(storyId,
				(id) -> new Story(id, List.copyOf(sources.getOrDefault(id, List.of()))))));
		return stories;
	}

	/**
	 * Fingerprints and indexes the entry.
	 * @return its story: the story of the most similar entry in the window, or its own id
	 */
	private synchronized long record(PendingEntry entry, Fingerprint fingerprint) {
		Instant now = this.clock.instant();
		load(now);
		prune(now);
		long[] known = this.indexed.get(entry.id());
		if (known != null) {
			return known[0];
		}
		long cutoff = now.minus(this.properties.window()).toEpochMilli();
		long storyId = entry.id();
		double best = -1;
		for (NearDuplicateIndex.Match match : this.index.matches(fingerprint)) {
			long[] other = this.indexed.get(match.id());
			if (other != null && other[1] >= cutoff && match.similarity().jaccard() > best) {
				best = match.similarity().jaccard();
				storyId = other[0];
			}
		}
		this.jdbc.sql("""
				INSERT INTO story_signature (entry_id, story_id, seen_at, feed_id, title, link, shingles, min_hash, numbers, lead_words)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(entry.id(), storyId, ts(now), entry.feedId(), policywatch.text.Texts.truncate(entry.title(), 2000),
					(entry.link() != null && entry.link().length() <= 2048) ? entry.link() : null, fingerprint.shingles(),
					fingerprint.encodedMinHash(), fingerprint.encodedNumbers(), fingerprint.encodedLead())
			.update();
		this.index.add(entry.id(), fingerprint);
		this.indexed.put(entry.id(), new long[] { storyId, now.toEpochMilli() });
		return storyId;
	}

	/** Rebuilds the index from the table, once. */
	private void load(Instant now) {
		if (this.loaded) {
			return;
		}
		Instant since = now.minus(this.properties.window());
		int[] count = { 0 };
		this.jdbc.sql("""
				SELECT entry_id, story_id, seen_at, shingles, min_hash, numbers, lead_words FROM story_signature
				WHERE seen_at >= ? ORDER BY entry_id""")
			.param(ts(since))
			.query((rs) -> {
				long entryId = rs.getLong("entry_id");
				try {
					Fingerprint fingerprint = Fingerprint.decode(rs.getString("min_hash"), rs.getInt("shingles"),
							rs.getString("numbers"), rs.getString("lead_words"));
					this.index.add(entryId, fingerprint);
					this.indexed.put(entryId,
							new long[] { rs.getLong("story_id"), instant(rs, "seen_at").toEpochMilli() });
					count[0]++;
				}
				catch (IllegalArgumentException ex) {
					logger.warn("Unable to read a stored fingerprint entry={} reason={}", entryId, ex.getMessage());
				}
			});
		this.loaded = true;
		this.prunedAt = now;
		logger.info("Loaded near-duplicate index entries={} window={}", count[0], this.properties.window());
	}

	/**
	 * Drops entries older than the window from the index, and rows older than twice the window
	 * from the table, except the rows of stories still held for a digest or quiet hours (a weekly
	 * digest lists a story's sources days after the window).
	 */
	private void prune(Instant now) {
		if (now.isBefore(this.prunedAt.plus(PRUNE_EVERY))) {
			return;
		}
		this.prunedAt = now;
		long cutoff = now.minus(this.properties.window()).toEpochMilli();
		int removed = this.index.retain((id) -> {
			long[] known = this.indexed.get(id);
			return known != null && known[1] >= cutoff;
		});
		this.indexed.values().removeIf((known) -> known[1] < cutoff);
		int deleted = this.jdbc.sql("""
				DELETE FROM story_signature WHERE seen_at < ? AND story_id NOT IN (
				  SELECT h.story_id FROM digest_item d JOIN story_signature h ON h.entry_id = d.entry_id)""")
			.param(ts(now.minus(this.properties.window().multipliedBy(2))))
			.update();
		if (removed > 0 || deleted > 0) {
			logger.info("Pruned near-duplicate index removed={} deleted={} remaining={}", removed, deleted,
					this.index.size());
		}
	}

	/**
	 * Per chat, its first alert about the story. A built digest does not count: it is not edited
	 * (a copy arriving after the digest went out comes in the next one, listing the story's sources).
	 */
	private Map<Long, Alerted> alertedChats(long storyId) {
		Map<Long, Alerted> alerted = new HashMap<>();
		this.jdbc.sql("""
				SELECT a.id, a.entry_id, a.chat_id, a.message FROM alert a
				JOIN story_signature s ON s.entry_id = a.entry_id
				WHERE s.story_id = ? AND a.kind = 'ALERT' AND a.digest = FALSE
				ORDER BY a.id""")
			.param(storyId)
			.query((rs) -> {
				alerted.putIfAbsent(rs.getLong("chat_id"),
						new Alerted(rs.getLong("id"), rs.getLong("entry_id"), rs.getString("message")));
			});
		return alerted;
	}

	private List<StorySource> storySources(long storyId) {
		Map<Long, StorySource> sources = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT s.entry_id, s.feed_id, f.name, s.title, s.link FROM story_signature s
				LEFT JOIN feed f ON f.id = s.feed_id
				WHERE s.story_id = ? ORDER BY s.entry_id""")
			.param(storyId)
			.query((rs) -> {
				sources.put(rs.getLong("entry_id"), source(rs));
			});
		return new ArrayList<>(sources.values());
	}

	private static StorySource source(java.sql.ResultSet rs) throws java.sql.SQLException {
		String name = rs.getString("name");
		return new StorySource(rs.getLong("entry_id"), rs.getString("feed_id"),
				(name != null) ? name : rs.getString("feed_id"), rs.getString("title"), rs.getString("link"));
	}

	/**
	 * The alert's message with an "Also:" line listing the other sources (replacing an earlier one),
	 * in the chat's language, within Telegram's 4096 characters: when the links do not fit, the
	 * names alone, as many as fit.
	 */
	static String withSources(String message, List<StorySource> sources, AlertTexts texts, java.util.Locale locale) {
		String edited = message + "\n\n" + texts.get("alerts.also", locale, sourceLinks(sources, true));
		for (int count = sources.size(); edited.length() > AlertFormatter.MAX_LENGTH && count > 0; count--) {
			edited = message + "\n\n" + texts.get("alerts.also", locale, sourceLinks(sources.subList(0, count), false));
		}
		return (edited.length() <= AlertFormatter.MAX_LENGTH) ? edited : message;
	}

	/**
	 * @param links whether a source with a web address links to its copy
	 * @return the sources' names separated by " · "
	 */
	static String sourceLinks(List<StorySource> sources, boolean links) {
		StringBuilder html = new StringBuilder();
		for (int i = 0; i < sources.size(); i++) {
			StorySource source = sources.get(i);
			if (i > 0) {
				html.append(" · ");
			}
			String link = AlertFormatter.safeLink(source.link());
			String name = TelegramHtmlEscaper.escape(policywatch.text.Texts.truncate(source.feedName(), 80));
			if (links && link != null && link.length() <= MAX_LINK) {
				html.append("<a href=\"").append(TelegramHtmlEscaper.escapeAttribute(link)).append("\">").append(name)
					.append("</a>");
			}
			else {
				html.append(name);
			}
		}
		return html.toString();
	}

	private record Alerted(long alertId, long entryId, String message) {
	}

}
