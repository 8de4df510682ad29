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
import policywatch.query.QueryParseException;
import policywatch.query.SearchTerms;
import policywatch.query.SubscriptionMatcher;

/**
 * The recent archive: stores each new entry's text for {@code policywatch.archive.retention} and searches it with
 * the subscription query language. The database table is the source of truth. The Lucene index holds each article's
 * words as the matcher reads them, so it finds and counts a query's matches exactly ({@link ArchiveQuery}); the
 * articles shown are still confirmed with the matcher, so results agree with what a subscription alerts. Thread-safe.
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
		if (!this.ready.get()) {
			return scan(matcher, from, limit, count);
		}
		try {
			Optional<SearchTerms> terms = SearchTerms.of(query);
			Optional<ArchiveQuery.Node> tree = ArchiveQuery.parse(query);
			if (tree.isPresent() && readsBack(query, terms)) {
				try {
					return exactSearch(matcher, ArchiveQuery.exact(tree.get()), from, limit, count);
				}
				catch (IllegalStateException ex) {
					// a prefix in a phrase or NEAR stands for too many words: confirm candidates instead
					logger.debug("Unable to search archive exactly query={} reason={}", query, ex.toString());
				}
			}
			if (terms.isEmpty()) {
				return scan(matcher, from, limit, count);
			}
			return confirmedSearch(matcher, ArchiveQuery.relaxed(terms.get()), from, limit, count);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Unable to search archive index, scanning instead reason={}", ex.toString());
			return scan(matcher, from, limit, count);
		}
	}

	/**
	 * @return whether the query's canonical text, which {@link ArchiveQuery} reads, stands for the same words as the
	 * query (it does not for a dotted acronym of four letters or more, {@code A.B.C.S.}, read back as a plural)
	 */
	private static boolean readsBack(Query query, Optional<SearchTerms> terms) {
		try {
			return SearchTerms.of(Query.parse(query.normalized())).equals(terms);
		}
		catch (QueryParseException ex) {
			return false;
		}
	}

	/**
	 * The index finds and counts the matches itself; only the articles shown (and those whose words could not be
	 * indexed exactly, normally none) are read and confirmed with the matcher.
	 */
	private ArchiveSearch exactSearch(SubscriptionMatcher matcher, org.apache.lucene.search.Query exact, Instant from,
			int limit, boolean count) throws IOException {
		// the index found them: reading the ones shown is not cut short by time
		ArchiveIndex.Candidates candidates = this.index.new Candidates(ArchiveIndex.candidates(exact, from),
				firstPage(limit, limit), count);
		List<ArchivedArticle> newest = confirm(matcher, candidates, limit, limit, new Budget(false)).newest();
		if (!count) {
			return new ArchiveSearch(newest, newest.size(), false, false);
		}
		boolean atLeast = false;
		int counted;
		if (this.index.count(ArchiveIndex.looseSince(from)) == 0) {
			// no article needs the matcher: the candidates (counted with the first page, if one was read) are the
			// matches
			counted = (candidates.total() >= 0) ? (int) candidates.total()
					: this.index.count(ArchiveIndex.candidates(exact, from));
		}
		else {
			counted = this.index.count(ArchiveIndex.exactOnly(exact, from));
			Confirmed confirmed = confirm(matcher,
					this.index.new Candidates(ArchiveIndex.looseSince(from), firstPage(0, Integer.MAX_VALUE), false), 0,
					Integer.MAX_VALUE, new Budget(true));
			counted += confirmed.matched();
			atLeast = confirmed.cut();
		}
		return new ArchiveSearch(newest, counted, atLeast, false);
	}

	/**
	 * The index only narrows the search to candidates, confirmed one by one within
	 * {@code policywatch.archive.max-candidates} and {@code policywatch.archive.search-budget}.
	 */
	private ArchiveSearch confirmedSearch(SubscriptionMatcher matcher, org.apache.lucene.search.Query relaxed,
			Instant from, int limit, boolean count) throws IOException {
		org.apache.lucene.search.Query candidates = ArchiveIndex.candidates(relaxed, from);
		int enough = count ? Integer.MAX_VALUE : limit;
		Confirmed confirmed = confirm(matcher, this.index.new Candidates(candidates, firstPage(limit, enough), false),
				limit, enough, new Budget(true));
		return new ArchiveSearch(confirmed.newest(), count ? confirmed.matched() : confirmed.newest().size(),
				count && confirmed.cut(), false);
	}

	private record Confirmed(List<ArchivedArticle> newest, int matched, boolean cut) {
	}

	/**
	 * The time and candidates one search may spend confirming articles one by one.
	 */
	private final class Budget {

		private final boolean timed;

		private final long deadline = System.nanoTime() + properties.searchBudget().toNanos();

		private int candidates = properties.maxCandidates();

		Budget(boolean timed) {
			this.timed = timed;
		}

		boolean spent() {
			return this.candidates <= 0 || (this.timed && System.nanoTime() - this.deadline > 0);
		}

	}

	private static int firstPage(int keep, int enough) {
		return Math.max(20, Math.min(PAGE, Math.min(enough, keep + 10) * 3));
	}

	/**
	 * Reads the candidates of a Lucene query newest first and confirms each with the matcher, until {@code enough}
	 * have matched, the candidates run out or the budget is spent.
	 * @param keep how many matches to return
	 */
	private Confirmed confirm(SubscriptionMatcher matcher, ArchiveIndex.Candidates candidates, int keep, int enough,
			Budget budget) throws IOException {
		List<ArchivedArticle> newest = new ArrayList<>();
		int matched = 0;
		while (matched < enough) {
			if (budget.spent()) {
				return new Confirmed(newest, matched, true);
			}
			List<Long> ids = candidates.next();
			if (ids.isEmpty()) {
				break;
			}
			if (ids.size() > budget.candidates) {
				ids = ids.subList(0, budget.candidates);
			}
			budget.candidates -= ids.size();
			Map<Long, Stored> found = new HashMap<>();
			this.store.find(ids).forEach((stored) -> found.put(stored.article().entryId(), stored));
			for (Long id : ids) {
				Stored stored = found.get(id);
				if (stored != null && matches(matcher, stored)) {
					matched++;
					if (newest.size() < keep) {
						newest.add(stored.article());
					}
				}
			}
		}
		return new Confirmed(newest, matched, false);
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
