package policywatch.query;

// Frozen copy of the production Vocabulary as of commit b6d9186, kept in test scope only so that MatcherBenchmark can
// measure today's matcher side by side with the current one. Do not change it; do not use it outside benchmarks.

import java.util.Arrays;

/**
 * Numbers the word keys that occur in queries, so documents and queries compare ints. An open-addressing table
 * that keeps each key's hash next to its id, so a look-up usually touches one array slot and, on a hash match, the
 * key. Ids are never reused. Not thread-safe: the owning matcher guards it.
 */
final class BaselineVocabulary {

	/** Per slot: the key's hash in the high 32 bits, id + 1 in the low 32 bits (0 = empty). */
	private long[] entries = new long[1024];

	private String[] keys = new String[1024];

	private int size;

	private int shift = 32 - 10;

	private int home(int hash) {
		return (hash * 0x9E3779B9) >>> this.shift;
	}

	int idOf(String key) {
		int hash = key.hashCode();
		long[] entries = this.entries;
		int mask = entries.length - 1;
		for (int slot = home(hash);; slot = (slot + 1) & mask) {
			long entry = entries[slot];
			if (entry == 0) {
				return -1;
			}
			if ((int) (entry >>> 32) == hash && this.keys[slot].equals(key)) {
				return (int) entry - 1;
			}
		}
	}

	int intern(String key) {
		int id = idOf(key);
		if (id >= 0) {
			return id;
		}
		if ((this.size + 1) * 2 > this.entries.length) {
			grow();
		}
		id = this.size++;
		insert(key, id);
		return id;
	}

	private void insert(String key, int id) {
		int hash = key.hashCode();
		int mask = this.entries.length - 1;
		int slot = home(hash);
		while (this.entries[slot] != 0) {
			slot = (slot + 1) & mask;
		}
		this.entries[slot] = ((long) hash << 32) | ((id + 1) & 0xFFFFFFFFL);
		this.keys[slot] = key;
	}

	private void grow() {
		long[] oldEntries = this.entries;
		String[] oldKeys = this.keys;
		this.entries = new long[oldEntries.length * 2];
		this.keys = new String[oldEntries.length * 2];
		this.shift--;
		for (int i = 0; i < oldEntries.length; i++) {
			if (oldEntries[i] != 0) {
				insert(oldKeys[i], (int) oldEntries[i] - 1);
			}
		}
		Arrays.fill(oldKeys, null);
	}

}
