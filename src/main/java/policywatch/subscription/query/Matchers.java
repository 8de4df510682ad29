package policywatch.subscription.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Creates the subscription matcher. Placeholder implementation (case-insensitive substring).
 */
public final class Matchers {

	private Matchers() {
	}

	public static SubscriptionMatcher create() {
		return new Placeholder();
	}

	private static final class Placeholder implements SubscriptionMatcher {

		private final Map<Long, Query> queries = new ConcurrentSkipListMap<>();

		@Override
		public void add(long subscriptionId, Query query) {
			this.queries.put(subscriptionId, query);
		}

		@Override
		public void remove(long subscriptionId) {
			this.queries.remove(subscriptionId);
		}

		@Override
		public int size() {
			return this.queries.size();
		}

		@Override
		public List<QueryMatch> match(MatchDocument document) {
			List<QueryMatch> result = new ArrayList<>();
			this.queries.forEach((id, query) -> {
				String needle = query.normalized().toLowerCase(Locale.ROOT);
				List<Hit> hits = new ArrayList<>();
				for (Field field : Field.values()) {
					int at = document.text(field).toLowerCase(Locale.ROOT).indexOf(needle);
					if (at >= 0) {
						hits.add(new Hit(field, at, at + needle.length()));
					}
				}
				if (!hits.isEmpty()) {
					result.add(new QueryMatch(id, hits));
				}
			});
			return result;
		}

	}

}
