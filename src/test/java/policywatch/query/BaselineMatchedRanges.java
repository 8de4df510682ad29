package policywatch.query;

// Frozen copy of the production MatchedRanges as of commit b6d9186, kept in test scope only so that MatcherBenchmark can
// measure today's matcher side by side with the current one. Do not change it; do not use it outside benchmarks.

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Collects the character ranges of matched terms while a query is evaluated; can roll back to a mark when a
 * branch fails.
 */
final class BaselineMatchedRanges {

	private static final Field[] FIELDS = Field.values();

	/** The most ranges kept for one query's match. */
	static final int MAX_RANGES = 64;

	private final BaselineIntList data = new BaselineIntList(64);

	int mark() {
		return this.data.size();
	}

	void reset(int mark) {
		this.data.truncate(mark);
	}

	void clear() {
		this.data.clear();
	}

	/**
	 * Records a matched range; past {@link #MAX_RANGES} ranges for one query the rest are left out (they only
	 * mark words in an alert, which shows far fewer), so that a query on a word in every sentence costs no more
	 * than the first few.
	 */
	void add(Field field, int start, int end) {
		if (this.data.size() >= 3 * MAX_RANGES) {
			return;
		}
		this.data.add(field.ordinal());
		this.data.add(start);
		this.data.add(end);
	}

	/**
	 * @return whether the hits are already in order and do not overlap (the usual case)
	 */
	private boolean isOrdered(int count) {
		for (int i = 1; i < count; i++) {
			int field = this.data.get(3 * i);
			int previousField = this.data.get(3 * i - 3);
			if (field < previousField || (field == previousField && this.data.get(3 * i + 1) < this.data.get(3 * i - 1))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @return the hits sorted by field (title first) and position, overlapping ones merged
	 */
	List<Hit> toList() {
		int count = this.data.size() / 3;
		if (isOrdered(count)) {
			Hit[] hits = new Hit[count];
			for (int i = 0; i < count; i++) {
				hits[i] = new Hit(FIELDS[this.data.get(3 * i)], this.data.get(3 * i + 1), this.data.get(3 * i + 2));
			}
			return Collections.unmodifiableList(Arrays.asList(hits));
		}
		long[] keys = new long[count];
		for (int i = 0; i < count; i++) {
			long field = this.data.get(3 * i);
			long start = this.data.get(3 * i + 1);
			keys[i] = (field << 62) | (start << 31) | i;
		}
		Arrays.sort(keys);
		List<Hit> hits = new ArrayList<>(count);
		int field = -1;
		int start = -1;
		int end = -1;
		for (long key : keys) {
			int i = (int) (key & 0x7FFFFFFFL);
			int f = this.data.get(3 * i);
			int s = this.data.get(3 * i + 1);
			int e = this.data.get(3 * i + 2);
			if (f == field && s < end) {
				end = Math.max(end, e);
				continue;
			}
			if (field >= 0) {
				hits.add(new Hit(FIELDS[field], start, end));
			}
			field = f;
			start = s;
			end = e;
		}
		if (field >= 0) {
			hits.add(new Hit(FIELDS[field], start, end));
		}
		return Collections.unmodifiableList(hits);
	}

}
