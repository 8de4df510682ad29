package policywatch.dedupe;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden pairs: wire copies, rewritten leads, changed headlines, added paragraphs, updates and
 * short rewrites (a new headline and lead over one paragraph of the original) are folded; different
 * stories of the same event are not, even when they quote the same background paragraph and their
 * leads name the same people. The goals, on all pairs: precision at least 0.98, recall at
 * least 0.90.
 */
class NearDuplicateGoldenTests {

	@Test
	void foldsCopiesAndKeepsDifferentStoriesApart() {
		List<GoldenPairs.Pair> pairs = GoldenPairs.load();
		assertThat(pairs).hasSizeGreaterThanOrEqualTo(60);
		assertThat(pairs).anyMatch(GoldenPairs.Pair::same).anyMatch((pair) -> !pair.same());
		GoldenPairs.Score score = GoldenPairs.score(pairs);
		System.out.printf("Near-duplicate golden pairs: %d pairs, precision %.3f, recall %.3f (tp=%d fp=%d fn=%d)%n",
				pairs.size(), score.precision(), score.recall(), score.truePositives(), score.falsePositives(),
				score.falseNegatives());
		score.wrong().forEach(System.out::println);
		assertThat(score.precision()).as("precision").isGreaterThanOrEqualTo(0.98);
		assertThat(score.recall()).as("recall").isGreaterThanOrEqualTo(0.90);
	}

	@Test
	void shortRewritesAreMostlyFolded() {
		// a new headline and lead over one paragraph of the original: shingles alone share no more than two
		// different stories quoting one background paragraph; the leads' words and facts tell them apart
		GoldenPairs.Score score = GoldenPairs.score(GoldenPairs.load()
			.stream()
			.filter((pair) -> pair.kind().equals("short-rewrite"))
			.toList());
		assertThat(score.truePositives() + score.falseNegatives()).isGreaterThanOrEqualTo(14);
		assertThat(score.recall()).as("recall of short rewrites").isGreaterThanOrEqualTo(0.6);
	}

	@Test
	void differentStoriesOfOneEventAreNeverFolded() {
		GoldenPairs.Score score = GoldenPairs.score(GoldenPairs.load()
			.stream()
			.filter((pair) -> !pair.same() && (pair.kind().equals("same-topic") || pair.kind().equals("shared-background")
					|| pair.kind().equals("names-background") || pair.kind().equals("short-vs-background")))
			.toList());
		assertThat(score.wrong()).isEmpty();
	}

}
