/**
 * Near-duplicate stories: MinHash fingerprints over word shingles, an LSH index to find candidates
 * and a precision-first verdict (shingle containment, numbers, and for stories that share only a
 * paragraph, the words and facts of their headlines and leads). Plain Java (no Spring): delivery stores the fingerprints and the
 * {@code check} command uses the same rules.
 */
package policywatch.dedupe;
