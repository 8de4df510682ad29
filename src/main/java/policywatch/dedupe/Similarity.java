package policywatch.dedupe;

/**
 * How alike two stories are, and whether they are the same story.
 * <p>
 * Precision comes first (folding two different stories loses an alert). Two stories are the same when:
 * <ul>
 * <li>the shorter one's shingles are nearly all found in the longer one (containment at least
 * {@value #SURE_CONTAINMENT}: a wire copy, a changed headline, an added paragraph, an update);</li>
 * <li>or most of them are (at least {@value #MIN_CONTAINMENT}), their shingle sets overlap enough (Jaccard),
 * and they share a number when both quote some;</li>
 * <li>or they share at least a paragraph (containment at least {@value #SHARED_PARAGRAPH}) and their
 * headlines and leads, written in other words, repeat the same story: at least
 * {@value #LEAD_OVERLAP} of the shorter lead's content words, at least {@value #LEAD_COMMON} words and
 * {@value #LEAD_FACTS} facts (numbers, names, acronyms) in common. Two different stories of one
 * event that quote the same background paragraph share the paragraph but not their leads' facts: their
 * shared words outside the leads do not count.</li>
 * </ul>
 * Very short texts (a headline alone) must be nearly identical. Fingerprints without a lead (stored by
 * an earlier version) are compared by shingles and numbers alone.
 * <p>
 * A fingerprint covers the first {@link Fingerprinter#MAX_WORDS} words; one stored by a version that read
 * up to {@link Fingerprinter#MAX_WORDS_BEFORE} words (more shingles than {@link Fingerprinter#MAX_SHINGLES})
 * is compared by the part a fingerprint of today covers: the Jaccard similarity is taken against
 * {@link Fingerprinter#MAX_SHINGLES} of its shingles, so that a copy of a long story stored before the upgrade
 * still folds with the copy fingerprinted after it.
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

	/** At or above this containment two stories may share a paragraph and be one story rewritten. */
	static final double SHARED_PARAGRAPH = 0.28;

	/** The share of the shorter lead's content words found in the other lead, for a rewrite. */
	static final double LEAD_OVERLAP = 0.36;

	/** At least this many lead words in common, for a rewrite. */
	static final int LEAD_COMMON = 6;

	/** At least this many facts in common in the leads, for a rewrite. */
	static final int LEAD_FACTS = 2;

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
		int larger = Math.max(a.shingles(), b.shingles());
		// |A ∩ B| = J (|A| + |B|) / (1 + J)
		double intersection = jaccard * (a.shingles() + b.shingles()) / (1 + jaccard);
		double containment = Math.min(1, intersection / smaller);
		if (larger > Fingerprinter.MAX_SHINGLES) {
			// stored by an earlier version with a longer cut: compare with the part covered today
			double common = Math.min(intersection, smaller);
			jaccard = Math.min(1, common / (smaller + Fingerprinter.MAX_SHINGLES - Math.min(common, Fingerprinter.MAX_SHINGLES)));
		}
		boolean same;
		if (smaller < SHORT) {
			same = jaccard >= SHORT_JACCARD;
		}
		else if (!a.hasLead() || !b.hasLead()) {
			same = containment >= MIN_CONTAINMENT && jaccard >= MIN_JACCARD
					&& (containment >= SURE_CONTAINMENT || shareNumbers(a, b));
		}
		else if (containment >= SURE_CONTAINMENT && jaccard >= MIN_JACCARD) {
			same = true;
		}
		else if (containment >= MIN_CONTAINMENT && jaccard >= MIN_JACCARD) {
			same = shareNumbers(a, b);
		}
		else if (containment >= SHARED_PARAGRAPH) {
			Leads leads = Leads.of(a, b);
			same = leads.overlap() >= LEAD_OVERLAP && leads.common() >= LEAD_COMMON && leads.facts() >= LEAD_FACTS;
		}
		else {
			same = false;
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

	/**
	 * What two leads have in common.
	 *
	 * @param common content words in both
	 * @param facts of those, the facts (a fact in either lead)
	 * @param overlap common words as a share of the shorter lead's
	 */
	record Leads(int common, int facts, double overlap) {

		static Leads of(Fingerprint a, Fingerprint b) {
			int[] x = a.lead();
			int[] y = b.lead();
			int i = 0;
			int j = 0;
			int common = 0;
			int facts = 0;
			while (i < x.length && j < y.length) {
				int u = x[i] & ~1;
				int v = y[j] & ~1;
				if (u == v) {
					common++;
					if (((x[i] | y[j]) & 1) != 0) {
						facts++;
					}
					i++;
					j++;
				}
				else if (u < v) {
					i++;
				}
				else {
					j++;
				}
			}
			int shorter = Math.min(x.length, y.length);
			return new Leads(common, facts, (shorter == 0) ? 0 : (double) common / shorter);
		}

	}

}
