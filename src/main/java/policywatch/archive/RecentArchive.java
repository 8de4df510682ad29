package policywatch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import policywatch.archive.ArchiveStore.Stored;
import policywatch.ingest.PendingEntry;
import policywatch.query.MatchDocument;
import policywatch.query.Matchers;
import policywatch.query.Query;
import policywatch.query.SearchTerms;
import policywatch.query.SubscriptionMatcher;

/**
 * The recent archive: stores each new entry's text for {@code policywatch.archive.retention} and searches it with
 * the subscription query language. The database table is the source of truth; the Lucene index only narrows a search
 * to candidates, each of which is then matched exactly as an alert would be, so results agree with what a
 * subscription alerts. Thread-safe.
 */
public final class RecentArchive implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RecentArchive.class);

	/** Rows read at a time when (re)building the index. */
	private static final int REBUILD_PAGE = 500;

	/** Candidates confirmed at a time. */
	private static final int PAGE = 200;

	private static final int DELETE_BATCH = 1000;

	/**
	 * How far before the last commit the index is brought up to date on start: planning transactions that were
	 * open at the commit may have committed later with an earlier time.
	 */
	static final Duration CATCH_UP_MARGIN = Duration.ofMinutes(10);

	private final ArchiveStore store;

	private final ArchiveIndex index;

	private final ArchiveProperties properties;

	private final Clock clock;

	private final AtomicBoolean ready = new AtomicBoolean();

	private final AtomicInteger uncommitted = new AtomicInteger();

	RecentArchive(ArchiveStore store, Path indexPath, ArchiveProperties properties, Clock clock) throws IOException {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.index = new ArchiveIndex(indexPath);
	}

	/**
	 * Archives a new entry. Inside a transaction (the one that plans its alerts) the article is indexed once the
	 * transaction commits; the database row is written in it.
	 */
	public void add(PendingEntry entry) {
		Instant now = this.clock.instant();
		Stored stored = new Stored(new ArchivedArticle(entry.id(), entry.feedId(), entry.feedName(),
				(entry.title() != null) ? entry.title() : "", entry.link(), entry.published(), now), entry.body());
		if (!this.store.insert(stored)) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					indexQuietly(stored);
				}
			});
		}
		else {
			indexQuietly(stored);
		}
	}

	private void indexQuietly(Stored stored) {
		try {
			this.index.put(stored.article().entryId(), stored.article().archived(), stored.article().title(),
					stored.body());
			this.uncommitted.incrementAndGet();
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Unable to index archived article entry={} reason={}", stored.article().entryId(), ex.toString());
		}
	}

	/**
	 * Brings the index up to date with the database: rebuilds it when it was missing, damaged or does not hold as
	 * many articles as the table, else indexes the articles archived since shortly before its last commit.
	 */
	void open() {
		try {
			Instant started = this.clock.instant();
			Instant through = this.index.through();
			boolean rebuild = this.index.fresh() || through == null;
			if (!rebuild) {
				this.store.forEachSince(through.minus(CATCH_UP_MARGIN), REBUILD_PAGE, this::indexQuietly);
				this.index.deleteBefore(started.minus(this.properties.retention()));
				rebuild = this.index.count() != this.store.count();
			}
			if (rebuild) {
				logger.info("Rebuilding archive index articles={}", this.store.count());
				this.index.deleteAll();
				this.store.forEachSince(Instant.EPOCH, REBUILD_PAGE, this::indexQuietly);
			}
			this.index.commit(started);
			this.uncommitted.set(0);
			logger.info("Archive index ready articles={} rebuilt={}", this.index.count(), rebuild);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.ready.set(true);
		}
	}

	/**
	 * Makes indexed articles durable, when there are new ones.
	 */
	void commit() {
		Instant now = this.clock.instant();
		if (this.uncommitted.getAndSet(0) == 0) {
			return;
		}
		try {
			this.index.commit(now);
		}
		catch (IOException ex) {
			logger.warn("Unable to commit archive index reason={}", ex.toString());
		}
	}

	/**
	 * Deletes the articles archived more than {@code policywatch.archive.retention} ago.
	 * @return how many were deleted
	 */
	public int prune() {
		Instant before = this.clock.instant().minus(this.properties.retention());
		int deleted = 0;
		int batch;
		do {
			batch = this.store.deleteBefore(before, DELETE_BATCH);
			deleted += batch;
		}
		while (batch == DELETE_BATCH);
		try {
			this.index.deleteBefore(before);
			this.index.commit(this.clock.instant());
			this.uncommitted.set(0);
		}
		catch (IOException ex) {
			logger.warn("Unable to prune archive index reason={}", ex.toString());
		}
		if (deleted > 0) {
			logger.info("Pruned archive count={} before={}", deleted, before);
		}
		return deleted;
	}

	/**
	 * The newest archived articles a query matches, as a subscription would.
	 * @param query the query
	 * @param limit the most articles to return
	 * @return the newest matches; not counted ({@code count} is the number returned)
	 */
	public ArchiveSearch newest(Query query, int limit) {
		return search(query, this.clock.instant().minus(this.properties.retention()), limit, false);
	}

	/**
	 * Counts the archived articles of a recent period that a query matches, with the newest of them.
	 * @param query the query
	 * @param period how far back
	 * @param limit the most articles to return
	 */
	public ArchiveSearch count(Query query, Duration period, int limit) {
		return search(query, this.clock.instant().minus(period), limit, true);
	}

	/**
	 * The archived text of articles as they were matched (feed description and article text), for showing why
	 * an article matched.
	 * @param entryIds the articles, at most a few hundred
	 * @return text by entry id; articles no longer archived are left out
	 */
	public Map<Long, String> texts(java.util.Collection<Long> entryIds) {
		Map<Long, String> texts = new HashMap<>();
		if (!entryIds.isEmpty()) {
			this.store.find(entryIds)
				.forEach((stored) -> texts.put(stored.article().entryId(), (stored.body() != null) ? stored.body() : ""));
		}
		return texts;
	}

	private ArchiveSearch search(Query query, Instant from, int limit, boolean count) {
		SubscriptionMatcher matcher = Matchers.create();
		matcher.add(1, query);
		Optional<SearchTerms> terms = SearchTerms.of(query);
		if (terms.isEmpty() || !this.ready.get()) {
			return scan(matcher, from, limit, count);
		}
		try {
			ArchiveIndex.Candidates candidates = this.index.new Candidates(terms.get(), from,
					Math.max(20, Math.min(PAGE, limit * 3)));
			// when the index's terms are exactly the query, it counts the matches; only the newest are read
			boolean exact = count && SearchTerms.exact(query);
			List<ArchivedArticle> newest = new ArrayList<>();
			int matched = 0;
			int examined = 0;
			while (examined < this.properties.maxCandidates()) {
				List<Long> ids = candidates.next();
				if (ids.isEmpty()) {
					break;
				}
				if (examined + ids.size() > this.properties.maxCandidates()) {
					ids = ids.subList(0, this.properties.maxCandidates() - examined);
				}
				examined += ids.size();
				Map<Long, Stored> found = new HashMap<>();
				this.store.find(ids).forEach((stored) -> found.put(stored.article().entryId(), stored));
				for (Long id : ids) {
					Stored stored = found.get(id);
					if (stored != null && matches(matcher, stored)) {
						matched++;
						if (newest.size() < limit) {
							newest.add(stored.article());
						}
					}
				}
				if ((!count || exact) && newest.size() >= limit) {
					break;
				}
			}
			if (exact) {
				return new ArchiveSearch(newest, (int) Math.max(candidates.total(), 0), false, false);
			}
			boolean atLeast = count && examined < candidates.total();
			return new ArchiveSearch(newest, count ? matched : newest.size(), atLeast, false);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Unable to search archive index, scanning instead reason={}", ex.toString());
			return scan(matcher, from, limit, count);
		}
	}

	/**
	 * Checks the newest {@code policywatch.archive.scan-limit} articles one by one: for queries that require no
	 * word (only exclusions), which an index cannot narrow.
	 */
	private ArchiveSearch scan(SubscriptionMatcher matcher, Instant from, int limit, boolean count) {
		List<ArchivedArticle> newest = new ArrayList<>();
		int matched = 0;
		int examined = 0;
		long before = Long.MAX_VALUE;
		boolean more = true;
		while (examined < this.properties.scanLimit() && (count || newest.size() < limit)) {
			List<Stored> page = this.store.newest(from, before, Math.min(PAGE, this.properties.scanLimit() - examined));
			if (page.isEmpty()) {
				more = false;
				break;
			}
			for (Stored stored : page) {
				if (matches(matcher, stored)) {
					matched++;
					if (newest.size() < limit) {
						newest.add(stored.article());
					}
				}
				before = stored.article().entryId();
			}
			examined += page.size();
		}
		return new ArchiveSearch(newest, count ? matched : newest.size(), count && more, true);
	}

	private static boolean matches(SubscriptionMatcher matcher, Stored stored) {
		return !matcher.match(new MatchDocument(stored.article().title(), stored.body())).isEmpty();
	}

	/**
	 * @return bytes the index takes on disk now
	 */
	long indexBytes() throws IOException {
		return this.index.sizeOnDisk();
	}

	@Override
	public void close() throws IOException {
		this.index.close();
	}

}
