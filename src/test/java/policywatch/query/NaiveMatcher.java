package policywatch.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The reference matcher: evaluates every subscription against every document. Exact and simple; the baseline the
 * indexed matcher is tested and measured against.
 */
final class NaiveMatcher implements SubscriptionMatcher {

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final Vocabulary vocabulary = new Vocabulary();

	private final Map<Long, CompiledQuery> queries = new TreeMap<>();

	@Override
	public void add(long subscriptionId, Query query) {
		this.lock.writeLock().lock();
		try {
			this.queries.put(subscriptionId, CompiledQuery.compile(query.root(), this.vocabulary));
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public void remove(long subscriptionId) {
		this.lock.writeLock().lock();
		try {
			this.queries.remove(subscriptionId);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public int size() {
		this.lock.readLock().lock();
		try {
			return this.queries.size();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public List<QueryMatch> match(MatchDocument document) {
		this.lock.readLock().lock();
		try {
			DocumentView view = new DocumentView(document, this.vocabulary);
			MatchedRanges hits = new MatchedRanges();
			List<QueryMatch> result = new ArrayList<>();
			for (Map.Entry<Long, CompiledQuery> entry : this.queries.entrySet()) {
				hits.clear();
				if (entry.getValue().matches(view, hits)) {
					result.add(new QueryMatch(entry.getKey(), hits.toList()));
				}
			}
			return result;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

}
