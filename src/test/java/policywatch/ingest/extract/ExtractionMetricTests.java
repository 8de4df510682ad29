package policywatch.ingest.extract;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExtractionMetricTests {

	@Test
	void tokensAreRunsOfLettersDigitsAndUnderscoreWithCaseKept() {
		assertThat(ExtractionMetric.tokens("Hello, World! it's 3.5% snake_case 北京"))
			.containsExactly("Hello", "World", "it", "s", "3", "5", "snake_case", "北京");
	}

	@Test
	void combiningMarksSplitTokens() {
		// "e" + U+0301 (combining acute) is not a letter run of two: the mark is not \p{L}
		assertThat(ExtractionMetric.tokens("cafe\u0301 ok")).containsExactly("cafe", "ok");
	}

	@Test
	void identicalTextsScorePerfectly() {
		// 6 tokens -> 3 shingles, all matched
		ExtractionMetric.PageScore score = ExtractionMetric.score("a b c d e f", "a, b. c d e f!");
		assertThat(score).isEqualTo(new ExtractionMetric.PageScore(3, 0, 0, true));
	}

	@Test
	void partialOverlapCountsShingles() {
		// truth: a b c d e f -> {abcd, bcde, cdef}; prediction: b c d e f g -> {bcde, cdef, defg}
		// TP = 2, FP = 1, FN = 1, precision = recall = 2/3
		ExtractionMetric.PageScore score = ExtractionMetric.score("a b c d e f", "b c d e f g");
		assertThat(score).isEqualTo(new ExtractionMetric.PageScore(2, 1, 1, false));
		assertThat(score.precision()).isCloseTo(2.0 / 3, within(1e-9));
		assertThat(score.recall()).isCloseTo(2.0 / 3, within(1e-9));
	}

	@Test
	void shortTextsAreOneShingle() {
		// 3 tokens: one shingle of all three; a different short text shares none of it
		assertThat(ExtractionMetric.score("red green blue", "red green blue"))
			.isEqualTo(new ExtractionMetric.PageScore(1, 0, 0, true));
		assertThat(ExtractionMetric.score("red green blue", "red green"))
			.isEqualTo(new ExtractionMetric.PageScore(0, 1, 1, false));
		// 4 tokens give one window too, which a 3-token prediction does not match
		assertThat(ExtractionMetric.score("a b c d", "a b c")).isEqualTo(new ExtractionMetric.PageScore(0, 1, 1, false));
	}

	@Test
	void repeatsCountAsAMultiset() {
		// truth x y z w x y z w -> abcd windows: xyzw, yzwx, zwxy, wxyz, xyzw = 5 (xyzw twice)
		// prediction x y z w -> xyzw once: TP = 1, FP = 0, FN = 4
		assertThat(ExtractionMetric.score("x y z w x y z w", "x y z w"))
			.isEqualTo(new ExtractionMetric.PageScore(1, 0, 4, false));
		// prediction repeated three times: 9 windows, xyzw 3 times (min with 2 = 2),
		// yzwx 2, zwxy 2, wxyz 2 -> each min(1, 2) = 1: TP = 2 + 1 + 1 + 1 = 5, FP = 4, FN = 0
		assertThat(ExtractionMetric.score("x y z w x y z w", "x y z w x y z w x y z w"))
			.isEqualTo(new ExtractionMetric.PageScore(5, 4, 0, false));
	}

	@Test
	void emptyPredictionHasNoPrecisionAndZeroRecall() {
		ExtractionMetric.PageScore score = ExtractionMetric.score("a b c d e", "");
		assertThat(score).isEqualTo(new ExtractionMetric.PageScore(0, 0, 2, false));
		assertThat(score.precision()).isNaN();
		assertThat(score.recall()).isZero();
	}

	@Test
	void f1IsOfTheMeansAndEmptyPredictionsSkipPrecision() {
		// page 1: perfect (P 1, R 1); page 2: empty prediction (no P, R 0); page 3: P 2/3, R 2/3
		// P = (1 + 2/3) / 2 = 5/6; R = (1 + 0 + 2/3) / 3 = 5/9; F1 = 2PR/(P+R) = 2/3
		ExtractionMetric.Result result = ExtractionMetric.evaluate(
				Map.of("1", "a b c d e f", "2", "a b c d e", "3", "a b c d e f"),
				Map.of("1", "a b c d e f", "3", "b c d e f g"));
		assertThat(result.precision()).isCloseTo(5.0 / 6, within(1e-9));
		assertThat(result.recall()).isCloseTo(5.0 / 9, within(1e-9));
		assertThat(result.f1()).isCloseTo(2.0 / 3, within(1e-9));
		assertThat(result.accuracy()).isCloseTo(1.0 / 3, within(1e-9));
		assertThat(result.pages()).isEqualTo(3);
	}

	@Test
	void pagesWithoutTrueTextCountOnlyForPrecision() {
		// truth empty, prediction 5 tokens: TP 0, FP 2, FN 0 -> P 0, no R
		ExtractionMetric.PageScore score = ExtractionMetric.score("", "a b c d e");
		assertThat(score).isEqualTo(new ExtractionMetric.PageScore(0, 2, 0, false));
		ExtractionMetric.Result result = ExtractionMetric.aggregate(
				List.of(score, ExtractionMetric.score("a b c d", "a b c d")));
		assertThat(result.precision()).isCloseTo(0.5, within(1e-9));
		assertThat(result.recall()).isCloseTo(1.0, within(1e-9));
	}

}
