package policywatch.dedupe;

/**
 * How alike two stories are, and whether they are the same story.
 * <p>
 * Precision comes first (folding two different stories loses an alert): two stories are the same
 * when the shorter one's shingles are mostly found in the longer one (containment), their shingle
 * sets overlap enough (Jaccard), and, unless the texts are nearly identical, they share a number
 * when both quote some. Very short texts (a headline alone) must be nearly identical.
 *
 * @param jaccard estimated Jaccard similarity of the shingle sets (0 to 1)
 * @param containment estimated share of the shorter text's shingles found in the longer (0 to 1)
 * @param same whether they are the same story
 */
public record Similarity(double jaccard, double containment, boolean same) {

	/** Below this many shingles a text is short: only a near-identical copy counts. */
	static final int SHORT = 12;

	static final double SHORT_JACCARD = 0.85;

	static final double MIN_CONTAINMENT = 0.6;

	static final double MIN_JACCARD = 0.2;

	/** At or above this containment the numbers are not checked. */
	static final double SURE_CONTAINMENT = 0.85;

	/**
	 * Compares two fingerprints.
	 */
	public static Similarity of(Fingerprint a, Fingerprint b) {
		int agree = 0;
		int[] x = a.minHash();
		int[] y = b.minHash();
		for (int i = 0; i < x.length; i++) {
			if (x[i] == y[i]) {
				agree++;
			}
		}
		return of(agree, a, b);
	}

	static Similarity of(int agree, Fingerprint a, Fingerprint b) {
		if (a.shingles() == 0 || b.shingles() == 0) {
			return new Similarity(0, 0, false);
		}
		double jaccard = (double) agree / Fingerprinter.HASHES;
		int smaller = Math.min(a.shingles(), b.shingles());
		// |A ∩ B| = J (|A| + |B|) / (1 + J)
		double intersection = jaccard * (a.shingles() + b.shingles()) / (1 + jaccard);
		double containment = Math.min(1, intersection / smaller);
		boolean same;
		if (smaller < SHORT) {
			same = jaccard >= SHORT_JACCARD;
		}
		else {
			same = containment >= MIN_CONTAINMENT && jaccard >= MIN_JACCARD
					&& (containment >= SURE_CONTAINMENT || shareNumbers(a, b));
		}
		return new Similarity(jaccard, containment, same);
	}

	/** Whether both quote no numbers, or they share one. */
	private static boolean shareNumbers(Fingerprint a, Fingerprint b) {
		int[] x = a.numbers();
		int[] y = b.numbers();
		if (x.length == 0 || y.length == 0) {
			return true;
		}
		int i = 0;
		int j = 0;
		while (i < x.length && j < y.length) {
			if (x[i] == y[j]) {
				return true;
			}
			if (x[i] < y[j]) {
				i++;
			}
			else {
				j++;
			}
		}
		return false;
	}

}
