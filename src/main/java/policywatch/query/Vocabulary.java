package policywatch.query;

import java.util.Arrays;

/**
 * Numbers the word keys that occur in queries, so documents and queries compare ints. An open-addressing table
 * whose slot holds, side by side, the key's hash with its id, its length, the low bytes of its first sixteen
 * characters and where all its characters are in one packed array: a look-up (one per distinct word of each
 * document) of a key of at most sixteen characters below 256 touches one slot (one cache line) and nothing else,
 * instead of following a reference to a string and its contents. Ids are never reused. Not
 * thread-safe: the owning matcher guards it.
 */
final class Vocabulary {

	/** Longs per slot. */
	private static final int WIDTH = 4;

	/** Characters of a key kept in its slot: their low bytes, eight per long. */
	private static final int INLINE = 16;

	/** In a slot's second long: the key is at most {@link #INLINE} characters, all below 256, so its slot holds
	 * all of it. */
	private static final long WHOLE = 1L << 31;

	/**
	 * {@link #WIDTH} longs per slot: the key's hash in the high 32 bits and id + 1 in the low 32 bits (0 = empty);
	 * the offset of the key's characters in {@link #chars} (high 32 bits), {@link #WHOLE} and their count (low 31
	 * bits); the low bytes of its first {@link #INLINE} characters, eight per long, zero-padded.
	 */
	private long[] table = new long[WIDTH * 1024];

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
		int length = key.length();
		long first = packed(key, 0);
		long second = packed(key, 8);
		// a key of at most 16 characters below 256 is compared in its slot alone
		boolean whole = whole(key);
		long[] table = this.table;
		int mask = (table.length / WIDTH) - 1;
		for (int slot = home(hash);; slot = (slot + 1) & mask) {
			int at = WIDTH * slot;
			long entry = table[at];
			if (entry == 0) {
				return -1;
			}
			if ((int) (entry >>> 32) == hash && table[at + 2] == first && table[at + 3] == second) {
				long place = table[at + 1];
				if ((int) (place & (WHOLE - 1)) == length && (whole ? (place & WHOLE) != 0 : sameChars(key, place))) {
					return (int) entry - 1;
				}
			}
		}
	}

	/**
	 * Reads the first slot of each key, before the keys are looked up one by one: these reads do not depend on
	 * each other, so the processor overlaps their cache misses, and the look-ups that follow find their slots in
	 * cache. Worth it for a large vocabulary (most slots out of cache), where a document's distinct words are
	 * otherwise one cache miss each, one after the other.
	 * @return a value computed from the slots read (so that the reads are not optimised away)
	 */
	long touch(TextTokens tokens) {
		long[] table = this.table;
		if (table.length < WIDTH * TOUCH_FROM) {
			return 0;
		}
		long sum = 0;
		int count = tokens.distinctCount();
		for (int d = 0; d < count; d++) {
			sum += table[WIDTH * home(tokens.distinctKey(d).hashCode())];
		}
		return sum;
	}

	/** Below this many slots (a few hundred KB) the table is expected to stay in cache. */
	private static final int TOUCH_FROM = 1 << 14;

	/**
	 * @return whether {@code key} equals the key whose place is given (its characters in {@link #chars})
	 */
	private boolean sameChars(String key, long place) {
		int offset = (int) (place >>> 32);
		char[] chars = this.chars;
		for (int i = 0; i < key.length(); i++) {
			if (chars[offset + i] != key.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @return whether {@code key} fits its slot: at most {@link #INLINE} characters, all below 256
	 */
	private static boolean whole(String key) {
		if (key.length() > INLINE) {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			if (key.charAt(i) >= 256) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @return the low bytes of characters {@code from .. from + 7} of {@code key} in one long, zero-padded past its
	 * end
	 */
	private static long packed(String key, int from) {
		long value = 0;
		int to = Math.min(key.length(), from + 8);
		for (int i = from; i < to; i++) {
			value |= (long) (key.charAt(i) & 0xFF) << (8 * (i - from));
		}
		return value;
	}

	int intern(String key) {
		int id = idOf(key);
		if (id >= 0) {
			return id;
		}
		if ((this.size + 1) * 2 > (this.table.length / WIDTH)) {
			grow();
		}
		if (this.charCount + key.length() > this.chars.length) {
			this.chars = Arrays.copyOf(this.chars, Math.max(this.charCount + key.length(), this.chars.length * 2));
		}
		key.getChars(0, key.length(), this.chars, this.charCount);
		long place = ((long) this.charCount << 32) | (whole(key) ? WHOLE : 0) | key.length();
		this.charCount += key.length();
		id = this.size++;
		insert(this.table, ((long) key.hashCode() << 32) | ((id + 1) & 0xFFFFFFFFL), place, packed(key, 0),
				packed(key, 8));
		return id;
	}

	private void insert(long[] table, long entry, long place, long first, long second) {
		int mask = (table.length / WIDTH) - 1;
		int slot = home((int) (entry >>> 32));
		while (table[WIDTH * slot] != 0) {
			slot = (slot + 1) & mask;
		}
		int at = WIDTH * slot;
		table[at] = entry;
		table[at + 1] = place;
		table[at + 2] = first;
		table[at + 3] = second;
	}

	private void grow() {
		long[] old = this.table;
		this.table = new long[old.length * 2];
		this.shift--;
		for (int at = 0; at < old.length; at += WIDTH) {
			if (old[at] != 0) {
				insert(this.table, old[at], old[at + 1], old[at + 2], old[at + 3]);
			}
		}
	}

}
