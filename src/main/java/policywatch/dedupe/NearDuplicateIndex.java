package policywatch.dedupe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * An in-memory LSH index of fingerprints: the {@value Fingerprinter#HASHES} MinHash values are cut
 * into {@value #BANDS} bands of {@value #ROWS}; stories that agree on a whole band are candidates,
 * each checked with {@link Similarity}. With bands of two rows, a pair with Jaccard 0.2 is a
 * candidate with probability 0.93, one with 0.3 with probability 0.998; a short rewrite (a new
 * headline and lead over one paragraph of the original, Jaccard about 0.16) with probability 0.81.
 * <p>
 * Band keys live in one open-addressing table of primitive longs (a 32-bit key and the story's position
 * in one slot, so a probe costs one memory access; at most 3/4 full), so 20,000 stories take about
 * 40 MB with their fingerprints. A lookup computes its {@value #BANDS} band keys first and then reads
 * their slots, so that the reads can overlap. Not thread-safe: callers serialise access.
 */
public final class NearDuplicateIndex {

	static final int ROWS = 2;

	static final int BANDS = Fingerprinter.HASHES / ROWS;

	private long[] ids = new long[64];

	private Fingerprint[] fingerprints = new Fingerprint[64];

	private int size;

	/**
	 * Open addressing: per slot a 32-bit band key (high half; 0 = free) and the story's position (low
	 * half). Two bands that share a key by chance only add a candidate, which the verdict rejects.
	 */
	private long[] slots = new long[1024];

	/**
	 * One bit per band key (8 bits per slot of {@link #slots}, so about one in ten set): a lookup reads
	 * a slot only for the keys whose bit is set, and this small table stays in the processor's cache
	 * far better than the slots do.
	 */
	private long[] present = new long[1024 * 8 / 64];

	/** Per band of the current lookup: its key. */
	private final int[] bandKeys = new int[BANDS];

	/** The candidates of the current lookup. */
	private int[] candidates = new int[16];

	private int used;

	/** Per candidate position: the last query that saw it (to check each candidate once). */
	private int[] seen = new int[64];

	private int query;

	/** Candidates checked by the verdict so far (for the benchmark). */
	long checked;

	/**
	 * Adds a story.
	 * @param id the story's identity (an entry id)
	 */
	public void add(long id, Fingerprint fingerprint) {
		if (this.size == this.ids.length) {
			this.ids = Arrays.copyOf(this.ids, this.size * 2);
			this.fingerprints = Arrays.copyOf(this.fingerprints, this.size * 2);
			this.seen = Arrays.copyOf(this.seen, this.size * 2);
		}
		int position = this.size++;
		this.ids[position] = id;
		this.fingerprints[position] = fingerprint;
		if (fingerprint.shingles() == 0) {
			return;
		}
		if ((this.used + BANDS) * 4L > this.slots.length * 3L) {
			grow();
		}
		int[] values = fingerprint.minHash();
		for (int band = 0; band < BANDS; band++) {
			insert(bandKey(band, values), position);
		}
	}

	/**
	 * @return the stored story most like the given one among those that are the same story, or
	 * {@code null}
	 */
	public Match nearest(Fingerprint fingerprint) {
		List<Match> all = matches(fingerprint);
		Match best = null;
		for (Match match : all) {
			if (best == null || match.similarity().jaccard() > best.similarity().jaccard()) {
				best = match;
			}
		}
		return best;
	}

	/**
	 * @return every stored story that is the same story as the given one, in the order they were added
	 */
	public List<Match> matches(Fingerprint fingerprint) {
		if (fingerprint.shingles() == 0 || this.size == 0) {
			return new ArrayList<>();
		}
		int current = ++this.query;
		if (current == Integer.MAX_VALUE) {
			Arrays.fill(this.seen, 0);
			this.query = 1;
			current = 1;
		}
		int[] values = fingerprint.minHash();
		long[] table = this.slots;
		int mask = table.length - 1;
		int[] keys = this.bandKeys;
		for (int band = 0; band < BANDS; band++) {
			keys[band] = bandKey(band, values);
		}
		int found = 0;
		long[] bits = this.present;
		int bitMask = bits.length * 64 - 1;
		for (int band = 0; band < BANDS; band++) {
			int key = keys[band];
			int bit = bit(key) & bitMask;
			if ((bits[bit >>> 6] & (1L << bit)) == 0) {
				continue;
			}
			for (int slot = slot(key) & mask;; slot = (slot + 1) & mask) {
				long entry = table[slot];
				if (entry == 0) {
					break;
				}
				if ((int) (entry >>> 32) == key) {
					int position = (int) entry;
					if (this.seen[position] != current) {
						this.seen[position] = current;
						if (found == this.candidates.length) {
							this.candidates = Arrays.copyOf(this.candidates, found * 2);
						}
						this.candidates[found++] = position;
					}
				}
			}
		}
		this.checked += found;
		if (found == 0) {
			return new ArrayList<>();
		}
		int[] candidates = Arrays.copyOf(this.candidates, found);
		Arrays.sort(candidates);
		List<Match> matches = new ArrayList<>();
		for (int position : candidates) {
			Similarity similarity = Similarity.of(fingerprint, this.fingerprints[position]);
			if (similarity.same()) {
				matches.add(new Match(this.ids[position], similarity));
			}
		}
		return matches;
	}

	/**
	 * Keeps only the stories whose id passes the test (the index is rebuilt).
	 * @return how many were removed
	 */
	public int retain(LongPredicate keep) {
		long[] oldIds = this.ids;
		Fingerprint[] oldFingerprints = this.fingerprints;
		int oldSize = this.size;
		this.ids = new long[64];
		this.fingerprints = new Fingerprint[64];
		this.seen = new int[64];
		this.size = 0;
		this.slots = new long[1024];
		this.present = new long[1024 * 8 / 64];
		this.used = 0;
		for (int i = 0; i < oldSize; i++) {
			if (keep.test(oldIds[i])) {
				add(oldIds[i], oldFingerprints[i]);
			}
		}
		return oldSize - this.size;
	}

	/**
	 * @return how many stories are indexed
	 */
	public int size() {
		return this.size;
	}

	private void insert(int key, int position) {
		int mask = this.slots.length - 1;
		int slot = slot(key) & mask;
		while (this.slots[slot] != 0) {
			slot = (slot + 1) & mask;
		}
		this.slots[slot] = ((long) key << 32) | (position & 0xFFFFFFFFL);
		int bit = bit(key) & (this.present.length * 64 - 1);
		this.present[bit >>> 6] |= 1L << bit;
		this.used++;
	}

	private void grow() {
		long[] old = this.slots;
		this.slots = new long[old.length * 2];
		this.present = new long[this.slots.length * 8 / 64];
		this.used = 0;
		for (long entry : old) {
			if (entry != 0) {
				insert((int) (entry >>> 32), (int) entry);
			}
		}
	}

	/**
	 * The key of a band: its two values and its number, mixed (one multiplication); never 0. Only kept in
	 * memory (the index is rebuilt from the stored MinHash values), so it may change between versions.
	 */
	private static int bandKey(int band, int[] values) {
		long key = (((long) values[band * ROWS] << 32) | (values[band * ROWS + 1] & 0xFFFFFFFFL)) + band * 0x9E3779B97F4A7C15L;
		key *= 0xBF58476D1CE4E5B9L;
		key ^= key >>> 31;
		key *= 0x94D049BB133111EBL;
		int folded = (int) (key >>> 32);
		return (folded == 0) ? 1 : folded;
	}

	/** The bit of a key in {@link #present}: other bits than its slot's. */
	private static int bit(int key) {
		return (key >>> 7) ^ (key << 25);
	}

	/** The home slot of a key: its low bits (the key is already a mixed hash). */
	private static int slot(int key) {
		return key ^ (key >>> 16);
	}

	/**
	 * A stored story found to be the same story.
	 *
	 * @param id the stored story's id
	 * @param similarity how alike they are
	 */
	public record Match(long id, Similarity similarity) {
	}

}
