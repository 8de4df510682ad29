package policywatch.query;

import java.util.List;
import java.util.function.Consumer;

import policywatch.dedupe.Fingerprint;
import policywatch.dedupe.Fingerprinter;
import policywatch.dedupe.NearDuplicateIndex;

/**
 * The near-duplicate check as production runs it for every planned entry ({@code delivery.NearDuplicates}): the
 * entry's title and text are fingerprinted ({@link Fingerprinter#of}), the fingerprint is looked up in the index of
 * the stories of the window ({@link NearDuplicateIndex#matches}, the most similar match picked) and added to it.
 * Left out: the database row and the locks, which are not computation. The index starts as a window of stories
 * ({@link #reset}), so that a look-up meets a realistic number of stored fingerprints and band collisions.
 */
final class NearDuplicateStage implements Consumer<MatchDocument> {

	private final List<Fingerprint> window;

	private NearDuplicateIndex index;

	private long nextId;

	/** Folded into a result so that the look-ups are not optimised away. */
	long found;

	/**
	 * @param window the stories already in the window (fingerprinted once here)
	 */
	NearDuplicateStage(List<MatchDocument> window) {
		this.window = window.stream().map((story) -> Fingerprinter.of(story.title(), story.body())).toList();
		reset();
	}

	int windowSize() {
		return this.window.size();
	}

	/**
	 * Starts again from the window alone (before each pass, so that every pass sees the same index).
	 */
	void reset() {
		this.index = new NearDuplicateIndex();
		for (int i = 0; i < this.window.size(); i++) {
			this.index.add(i, this.window.get(i));
		}
		this.nextId = this.window.size();
	}

	@Override
	public void accept(MatchDocument document) {
		Fingerprint fingerprint = Fingerprinter.of(document.title(), document.body());
		long story = this.nextId;
		double best = -1;
		for (NearDuplicateIndex.Match match : this.index.matches(fingerprint)) {
			if (match.similarity().jaccard() > best) {
				best = match.similarity().jaccard();
				story = match.id();
			}
		}
		this.found += story;
		this.index.add(this.nextId++, fingerprint);
	}

}
