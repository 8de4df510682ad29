package policywatch.dedupe;

import java.util.Arrays;

/**
 * Turns a story's title and text into a {@link Fingerprint}: the text is cut into words with the
 * query language's normalisation (case, diacritics and plurals do not matter), then into
 * overlapping three-word shingles, each hashed; {@value #HASHES} MinHash values are kept (one-permutation
 * MinHash with densification). Two fingerprints agree on a position with probability equal to the
 * Jaccard similarity of the shingle sets.
 * <p>
 * It also keeps what a rewrite of the story repeats in other words: the content words of the headline
 * and of the text's first sentence (at most {@value #LEAD_WORDS} words: the lead), facts (numbers,
 * names, acronyms) marked. {@link Similarity} uses them for stories that share a paragraph but little
 * else: a rewrite of a story repeats the facts of its lead in other words, a different story of the same
 * event does not.
 * <p>
 * The hash functions are fixed: fingerprints are stored, and must stay comparable across versions
 * and restarts. Words are hashed straight from the characters ({@link WordScanner}), with buffers
 * kept per thread, so a fingerprint costs one pass over the text and a few small arrays.
 */
public final class Fingerprinter {

	/** How many hash functions (MinHash values per fingerprint). */
	public static final int HASHES = 128;

	/** Words per shingle. */
	static final int SHINGLE = 3;

	/** At most this many number hashes are kept. */
	static final int MAX_NUMBERS = 64;

	/**
	 * Headline and text longer than this many words are cut: the beginning of a story says what it is, and a
	 * fingerprint costs one pass over at most this many words. Versions before 2026-12 cut at
	 * {@value #MAX_WORDS_BEFORE}: a fingerprint with more shingles than {@link #MAX_SHINGLES} was stored by one of
	 * them, and {@link Similarity} compares it by the part a fingerprint of today covers.
	 */
	static final int MAX_WORDS = 500;

	/** The word limit of fingerprints stored before 2026-12. */
	static final int MAX_WORDS_BEFORE = 3000;

	/** The most distinct shingles a fingerprint of this version has (one per word after the first two). */
	static final int MAX_SHINGLES = MAX_WORDS - SHINGLE + 1;

	/** Words of the text (after the headline) that make its lead. */
	static final int LEAD_WORDS = 50;

	/** The lead ends at the first sentence that starts after this many words of the text. */
	static final int LEAD_MIN = 20;

	/** At most this many lead words are kept. */
	static final int MAX_LEAD = 64;

	private static final long PROBE_SEED = 0x5DEECE66DL;

	private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

	private Fingerprinter() {
	}

	/**
	 * @param title the story's title, or {@code null}
	 * @param text its text (description and extracted article), or {@code null}
	 */
	public static Fingerprint of(String title, String text) {
		return WORK.get().fingerprint(title, text);
	}

	/**
	 * Whether a headline is written in title case ("Fed Holds Rates Steady"), where a capital says
	 * nothing about a name: most of its words of four letters or more start with a capital.
	 */
	static boolean titleCase(String title) {
		if (title == null) {
			return false;
		}
		int words = 0;
		int capitals = 0;
		int i = 0;
		int length = title.length();
		while (i < length) {
			if (!Character.isLetter(title.charAt(i))) {
				i++;
				continue;
			}
			int from = i;
			while (i < length && Character.isLetter(title.charAt(i))) {
				i++;
			}
			if (i - from >= 4) {
				words++;
				if (Character.isUpperCase(title.charAt(from))) {
					capitals++;
				}
			}
		}
		return words >= 3 && capitals * 10 >= words * 6;
	}

	/** 64-bit FNV-1a over the UTF-16 units, then mixed. */
	static long hash(String word) {
		return hash(word, 0, word.length());
	}

	static long hash(String text, int from, int to) {
		long hash = 0xCBF29CE484222325L;
		for (int i = from; i < to; i++) {
			hash ^= text.charAt(i);
			hash *= 0x100000001B3L;
		}
		return mix(hash);
	}

	static long hash(char[] chars, int length) {
		long hash = 0xCBF29CE484222325L;
		for (int i = 0; i < length; i++) {
			hash ^= chars[i];
			hash *= 0x100000001B3L;
		}
		return mix(hash);
	}

	/** The SplitMix64 finaliser. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** Buffers of one thread. */
	private static final class Work implements WordScanner.Sink {

		private static final int EMPTY_BIN = Integer.MAX_VALUE;

		private final WordScanner scanner = new WordScanner();

		/** Words seen (at most {@link #MAX_WORDS}). */
		private int count;

		/** The hashes of the two words before the current one. */
		private long previous;

		private long beforePrevious;

		private final int[] numbers = new int[MAX_NUMBERS];

		private int numberCount;

		private final int[] lead = new int[MAX_LEAD];

		private int leadCount;

		/** While scanning: the words of the text scanned so far (the title's are not counted). */
		private int textWords;

		private boolean inTitle;

		private boolean inLead;

		private boolean titleCase;

		/**
		 * The distinct shingle hashes (open addressing, 0 = free): sized once for {@link #MAX_WORDS} shingles
		 * (at most 3/8 full), so it never grows; only its used slots are cleared for the next text.
		 */
		private final long[] table = new long[Integer.highestOneBit(MAX_WORDS * 2) * 2];

		/** The slots of {@link #table} in use (to clear them). */
		private final int[] usedSlots = new int[MAX_WORDS];

		private int distinct;

		/** How many of the distinct shingles are in {@link #table} (all but the zero hash). */
		private int stored;

		private boolean zeroShingle;

		private final int[] bins = new int[HASHES];

		Fingerprint fingerprint(String title, String text) {
			this.count = 0;
			this.numberCount = 0;
			this.leadCount = 0;
			this.textWords = 0;
			this.distinct = 0;
			this.zeroShingle = false;
			for (int i = 0; i < this.stored; i++) {
				this.table[this.usedSlots[i]] = 0;
			}
			this.stored = 0;
			Arrays.fill(this.bins, EMPTY_BIN);
			this.titleCase = titleCase(title);
			this.inTitle = true;
			this.inLead = true;
			this.scanner.scan(title, this);
			this.inTitle = false;
			if (this.count < MAX_WORDS) {
				this.scanner.scan(text, this);
			}
			if (this.count > 0 && this.count < SHINGLE) {
				// a text shorter than a shingle is one shingle of all its words
				long hash = mix(this.previous);
				if (this.count == 2) {
					hash = mix(mix(this.beforePrevious) * 0x100000001B3L + this.previous);
				}
				addShingle(hash);
			}
			int shingles = this.distinct;
			int[] minHash = minHash(shingles);
			int[] distinctNumbers = distinctSorted(this.numbers, this.numberCount);
			int[] leadWords = distinctLead(this.lead, this.leadCount);
			return new Fingerprint(minHash, shingles, distinctNumbers, leadWords);
		}

		@Override
		public boolean word(long hash, int flags, int letters) {
			int seen = ++this.count;
			if (seen >= SHINGLE) {
				addShingle(mix(mix(mix(this.beforePrevious) * 0x100000001B3L + this.previous) * 0x100000001B3L + hash));
			}
			this.beforePrevious = this.previous;
			this.previous = hash;
			if ((flags & WordScanner.DIGIT) != 0 && this.numberCount < MAX_NUMBERS) {
				this.numbers[this.numberCount++] = (int) (hash >>> 32);
			}
			if (this.inLead) {
				lead(hash, flags, letters);
			}
			return seen < MAX_WORDS;
		}

		private void lead(long hash, int flags, int letters) {
			if (!this.inTitle) {
				this.textWords++;
				if (this.textWords > LEAD_WORDS || (this.textWords > LEAD_MIN
						&& (flags & (WordScanner.SENTENCE_START | WordScanner.DIGIT)) == WordScanner.SENTENCE_START)) {
					this.inLead = false;
					return;
				}
			}
			if (letters < 3 && (flags & WordScanner.DIGIT) == 0) {
				return;
			}
			int word = (int) (hash >>> 32);
			if (Stopwords.contains(word) || this.leadCount == MAX_LEAD) {
				return;
			}
			boolean fact = (flags & (WordScanner.DIGIT | WordScanner.UPPER)) != 0
					|| ((flags & WordScanner.CAPITAL) != 0 && (flags & WordScanner.SENTENCE_START) == 0
							&& !(this.inTitle && this.titleCase));
			this.lead[this.leadCount++] = (word & ~1) | (fact ? 1 : 0);
		}

		/** Counts a shingle if it is new, and lets it compete for its MinHash bin. */
		private void addShingle(long hash) {
			int bin = (int) (hash >>> 57);
			int value = (int) (hash & 0x7FFFFFFFL);
			if (value < this.bins[bin]) {
				this.bins[bin] = value;
			}
			if (hash == 0) {
				if (!this.zeroShingle) {
					this.zeroShingle = true;
					this.distinct++;
				}
				return;
			}
			long[] set = this.table;
			int mask = set.length - 1;
			int slot = (int) (hash ^ (hash >>> 29)) & mask;
			while (set[slot] != 0) {
				if (set[slot] == hash) {
					return;
				}
				slot = (slot + 1) & mask;
			}
			set[slot] = hash;
			this.usedSlots[this.stored++] = slot;
			this.distinct++;
		}

		/**
		 * One-permutation MinHash with optimal densification (Shrivastava, 2017): each shingle's hash picks
		 * one of the {@value #HASHES} bins and competes for its minimum, so a text costs one hash per
		 * shingle rather than {@value #HASHES}; an empty bin borrows the value of a bin chosen by a fixed
		 * sequence of probes, the same for every text, so that two texts still agree on a bin with
		 * probability equal to their Jaccard similarity.
		 */
		private int[] minHash(int shingles) {
			int[] dense = this.bins.clone();
			if (shingles == 0) {
				return dense;
			}
			for (int bin = 0; bin < HASHES; bin++) {
				if (this.bins[bin] != EMPTY_BIN) {
					continue;
				}
				for (long attempt = 1;; attempt++) {
					int from = (int) (mix(PROBE_SEED + bin * 0x9E3779B97F4A7C15L + attempt) >>> 57);
					if (this.bins[from] != EMPTY_BIN) {
						dense[bin] = this.bins[from];
						break;
					}
				}
			}
			return dense;
		}

		/** Distinct words, sorted; a word met both as a fact and not is kept as a fact. */
		private static int[] distinctLead(int[] values, int count) {
			if (count == 0) {
				return new int[0];
			}
			int[] sorted = Arrays.copyOf(values, count);
			Arrays.sort(sorted);
			int distinct = 1;
			for (int i = 1; i < count; i++) {
				if ((sorted[i] & ~1) != (sorted[distinct - 1] & ~1)) {
					sorted[distinct++] = sorted[i];
				}
				else {
					sorted[distinct - 1] |= sorted[i] & 1;
				}
			}
			return (distinct == count) ? sorted : Arrays.copyOf(sorted, distinct);
		}

		private static int[] distinctSorted(int[] values, int count) {
			if (count == 0) {
				return new int[0];
			}
			int[] sorted = Arrays.copyOf(values, count);
			Arrays.sort(sorted);
			int distinct = 1;
			for (int i = 1; i < count; i++) {
				if (sorted[i] != sorted[distinct - 1]) {
					sorted[distinct++] = sorted[i];
				}
			}
			return (distinct == count) ? sorted : Arrays.copyOf(sorted, distinct);
		}

	}

}
