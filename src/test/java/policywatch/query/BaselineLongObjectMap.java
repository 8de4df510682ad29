package policywatch.query;

// Frozen copy of the production LongObjectMap as of commit b6d9186, kept in test scope only so that MatcherBenchmark can
// measure today's matcher side by side with the current one. Do not change it; do not use it outside benchmarks.

import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} keys to values, without boxing. Keys should already be well mixed.
 *
 * @param <V> the value type
 */
final class BaselineLongObjectMap<V> {

	private long[] keys = new long[16];

	private Object[] values = new Object[16];

	private int size;

	private V zeroValue;

	private static int slot(long key, int mask) {
		return (int) (key ^ (key >>> 32)) & mask;
	}

	@SuppressWarnings("unchecked")
	V get(long key) {
		if (key == 0) {
			return this.zeroValue;
		}
		int mask = this.keys.length - 1;
		for (int i = slot(key, mask);; i = (i + 1) & mask) {
			long k = this.keys[i];
			if (k == key) {
				return (V) this.values[i];
			}
			if (k == 0) {
				return null;
			}
		}
	}

	void put(long key, V value) {
		if (key == 0) {
			if (this.zeroValue == null) {
				this.size++;
			}
			this.zeroValue = value;
			return;
		}
		if ((this.size + 1) * 2 > this.keys.length) {
			grow();
		}
		int mask = this.keys.length - 1;
		for (int i = slot(key, mask);; i = (i + 1) & mask) {
			if (this.keys[i] == key) {
				this.values[i] = value;
				return;
			}
			if (this.keys[i] == 0) {
				this.keys[i] = key;
				this.values[i] = value;
				this.size++;
				return;
			}
		}
	}

	void remove(long key) {
		if (key == 0) {
			if (this.zeroValue != null) {
				this.zeroValue = null;
				this.size--;
			}
			return;
		}
		int mask = this.keys.length - 1;
		int i = slot(key, mask);
		while (this.keys[i] != key) {
			if (this.keys[i] == 0) {
				return;
			}
			i = (i + 1) & mask;
		}
		this.size--;
		// backward-shift deletion keeps probe sequences intact
		int hole = i;
		for (int j = (hole + 1) & mask; this.keys[j] != 0; j = (j + 1) & mask) {
			int home = slot(this.keys[j], mask);
			boolean movable = (hole <= j) ? (home <= hole || home > j) : (home <= hole && home > j);
			if (movable) {
				this.keys[hole] = this.keys[j];
				this.values[hole] = this.values[j];
				hole = j;
			}
		}
		this.keys[hole] = 0;
		this.values[hole] = null;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	@SuppressWarnings("unchecked")
	private void grow() {
		long[] oldKeys = this.keys;
		Object[] oldValues = this.values;
		this.keys = new long[oldKeys.length * 2];
		this.values = new Object[oldKeys.length * 2];
		int zero = (this.zeroValue != null) ? 1 : 0;
		this.size = zero;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != 0) {
				put(oldKeys[i], (V) oldValues[i]);
			}
		}
		Arrays.fill(oldValues, null);
	}

}
