package policywatch.query;

import java.util.Arrays;

/**
 * Numbers the word keys that occur in queries, so documents and queries compare ints. An open-addressing table
 * whose slot holds, side by side, the key's hash with its id and where the key's characters are in one packed
 * array: a look-up (one per distinct word of each document) touches one slot and, on a hash match, the packed
 * characters, instead of following a reference to a string and its contents. Ids are never reused. Not
 * thread-safe: the owning matcher guards it.
 */
final class Vocabulary {

	/**
	 * Two longs per slot: the key's hash in the high 32 bits and id + 1 in the low 32 bits (0 = empty), then the
	 * offset of the key's characters in {@link #chars} (high 32 bits) and their count (low 32 bits).
	 */
	private long[] table = new long[2 * 1024];

	/** The characters of all keys, one after the other. */
	private char[] chars = new char[8 * 1024];

	private int charCount;

	private int size;

	private int shift = 32 - 10;

	private int home(int hash) {
		return (hash * 0x9E3779B9) >>> this.shift;
	}

	int idOf(String key) {
		int hash = key.hashCode();
		long[] table = this.table;
		int mask = (table.length >>> 1) - 1;
		for (int slot = home(hash);; slot = (slot + 1) & mask) {
			long entry = table[2 * slot];
			if (entry == 0) {
				return -1;
			}
			if ((int) (entry >>> 32) == hash && sameKey(key, table[2 * slot + 1])) {
				return (int) entry - 1;
			}
		}
	}

	private boolean sameKey(String key, long place) {
		int length = (int) place;
		if (key.length() != length) {
			return false;
		}
		int offset = (int) (place >>> 32);
		char[] chars = this.chars;
		for (int i = 0; i < length; i++) {
			if (chars[offset + i] != key.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	int intern(String key) {
		int id = idOf(key);
		if (id >= 0) {
			return id;
		}
		if ((this.size + 1) * 2 > (this.table.length >>> 1)) {
			grow();
		}
		if (this.charCount + key.length() > this.chars.length) {
			this.chars = Arrays.copyOf(this.chars, Math.max(this.charCount + key.length(), this.chars.length * 2));
		}
		key.getChars(0, key.length(), this.chars, this.charCount);
		long place = ((long) this.charCount << 32) | key.length();
		this.charCount += key.length();
		id = this.size++;
		insert(this.table, hash(key), id, place);
		return id;
	}

	private static int hash(String key) {
		return key.hashCode();
	}

	private void insert(long[] table, int hash, int id, long place) {
		int mask = (table.length >>> 1) - 1;
		int slot = home(hash);
		while (table[2 * slot] != 0) {
			slot = (slot + 1) & mask;
		}
		table[2 * slot] = ((long) hash << 32) | ((id + 1) & 0xFFFFFFFFL);
		table[2 * slot + 1] = place;
	}

	private void grow() {
		long[] old = this.table;
		long[] table = new long[old.length * 2];
		this.shift--;
		for (int slot = 0; slot < old.length / 2; slot++) {
			long entry = old[2 * slot];
			if (entry != 0) {
				insert(table, (int) (entry >>> 32), (int) entry - 1, old[2 * slot + 1]);
			}
		}
		this.table = table;
	}

}
