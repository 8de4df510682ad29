package policywatch.dedupe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * An in-memory LSH index of fingerprints: the {@value Fingerprinter#HASHES} MinHash values are cut
 * into {@value #BANDS} bands of {@value #ROWS}; stories that agree on a whole band are candidates,
 * each checked with {@link Similarity}. With bands of two rows, a pair with Jaccard 0.2 is a
 * candidate with probability 0.93, one with 0.3 with probability 0.998.
 * <p>
 * Band keys live in one open-addressing table of primitive ints (8 bytes per slot, at most 3/4 full),
 * so 20,000 stories take about 20 MB with their fingerprints. Not thread-safe: callers serialise access.
 */
public final class NearDuplicateIndex {

	static final int ROWS = 2;

	static final int BANDS = Fingerprinter.HASHES / ROWS;

	private long[] ids = new long[64];

	private Fingerprint[] fingerprints = new Fingerprint[64];

	private int size;

	/**
	 * Open addressing: a 32-bit band key per slot (0 = free), and the story's position. Two bands that
	 * share a key by chance only add a candidate, which the verdict rejects.
	 */
	private int[] keys = new int[1024];

	private int[] positions = new int[1024];

	private int used;

	/** Per candidate position: the last query that saw it (to check each candidate once). */
	private int[] seen = new int[64];

	private int query;

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
		if ((this.used + BANDS) * 4L > this.keys.length * 3L) {
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
		List<Match> found = new ArrayList<>();
		if (fingerprint.shingles() == 0 || this.size == 0) {
			return found;
		}
		int current = ++this.query;
		if (current == Integer.MAX_VALUE) {
			Arrays.fill(this.seen, 0);
			this.query = 1;
			current = 1;
		}
		int[] values = fingerprint.minHash();
		int mask = this.keys.length - 1;
		List<Integer> candidates = new ArrayList<>();
		for (int band = 0; band < BANDS; band++) {
			int key = bandKey(band, values);
			int slot = slot(key) & mask;
			while (this.keys[slot] != 0) {
				if (this.keys[slot] == key) {
					int position = this.positions[slot];
					if (this.seen[position] != current) {
						this.seen[position] = current;
						candidates.add(position);
					}
				}
				slot = (slot + 1) & mask;
			}
		}
		candidates.sort(null);
		for (int position : candidates) {
			Similarity similarity = Similarity.of(fingerprint, this.fingerprints[position]);
			if (similarity.same()) {
				found.add(new Match(this.ids[position], similarity));
			}
		}
		return found;
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
		this.keys = new int[1024];
		this.positions = new int[1024];
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
		int mask = this.keys.length - 1;
		int slot = slot(key) & mask;
		while (this.keys[slot] != 0) {
			slot = (slot + 1) & mask;
		}
		this.keys[slot] = key;
		this.positions[slot] = position;
		this.used++;
	}

	private void grow() {
		int[] oldKeys = this.keys;
		int[] oldPositions = this.positions;
		this.keys = new int[oldKeys.length * 2];
		this.positions = new int[oldKeys.length * 2];
		this.used = 0;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != 0) {
				insert(oldKeys[i], oldPositions[i]);
			}
		}
	}

	private static int bandKey(int band, int[] values) {
		long key = band;
		for (int row = 0; row < ROWS; row++) {
			key = Fingerprinter.mix(key * 0x9E3779B97F4A7C15L + values[band * ROWS + row]);
		}
		int folded = (int) (key >>> 32);
		return (folded == 0) ? 1 : folded;
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
