package policywatch.ingest.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The article-extraction benchmark's metric (scrapinghub/article-extraction-benchmark): token
 * 4-shingles, per-page precision and recall, F1 of the mean precision and mean recall, and exact
 * token-sequence accuracy.
 * <ol>
 * <li>Tokens are maximal runs of letters, digits and {@code _}; case is kept.</li>
 * <li>Shingles are the multiset of 4-token windows; 1–3 tokens make one shingle; no tokens, none.</li>
 * <li>TP = Σ min(true count, predicted count); FP = predicted − TP; FN = true − TP.</li>
 * <li>P is the mean precision over pages with TP+FP &gt; 0, R the mean recall over pages with
 * TP+FN &gt; 0, F1 = 2PR/(P+R).</li>
 * <li>Accuracy is the share of pages whose predicted token sequence equals the true one.</li>
 * </ol>
 */
final class ExtractionMetric {

	private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+");

	private static final int SHINGLE = 4;

	private ExtractionMetric() {
	}

	static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		if (text == null) {
			return tokens;
		}
		Matcher matcher = TOKEN.matcher(text);
		while (matcher.find()) {
			tokens.add(matcher.group());
		}
		return tokens;
	}

	static Map<List<String>, Integer> shingles(List<String> tokens) {
		Map<List<String>, Integer> shingles = new HashMap<>();
		if (tokens.isEmpty()) {
			return shingles;
		}
		if (tokens.size() < SHINGLE) {
			shingles.put(List.copyOf(tokens), 1);
			return shingles;
		}
		for (int i = 0; i + SHINGLE <= tokens.size(); i++) {
			shingles.merge(List.copyOf(tokens.subList(i, i + SHINGLE)), 1, Integer::sum);
		}
		return shingles;
	}

	/**
	 * One page's counts.
	 * @param tp shingles in both (multiset intersection)
	 * @param fp predicted shingles not in the truth
	 * @param fn true shingles not predicted
	 * @param exact whether the token sequences are equal
	 */
	record PageScore(int tp, int fp, int fn, boolean exact) {

		double precision() {
			return (this.tp + this.fp == 0) ? Double.NaN : (double) this.tp / (this.tp + this.fp);
		}

		double recall() {
			return (this.tp + this.fn == 0) ? Double.NaN : (double) this.tp / (this.tp + this.fn);
		}

		double f1() {
			double p = precision();
			double r = recall();
			if (Double.isNaN(p) || Double.isNaN(r) || p + r == 0) {
				return 0;
			}
			return 2 * p * r / (p + r);
		}

	}

	/**
	 * Totals over pages.
	 * @param precision mean precision over pages with a non-empty prediction
	 * @param recall mean recall over pages with a non-empty truth
	 * @param f1 F1 of the two means
	 * @param accuracy share of exact pages
	 * @param pages the number of pages
	 */
	record Result(double precision, double recall, double f1, double accuracy, int pages) {
	}

	static PageScore score(String truth, String prediction) {
		List<String> trueTokens = tokens(truth);
		List<String> predictedTokens = tokens(prediction);
		Map<List<String>, Integer> trueShingles = shingles(trueTokens);
		Map<List<String>, Integer> predictedShingles = shingles(predictedTokens);
		int trueCount = trueShingles.values().stream().mapToInt(Integer::intValue).sum();
		int predictedCount = predictedShingles.values().stream().mapToInt(Integer::intValue).sum();
		int tp = 0;
		for (Map.Entry<List<String>, Integer> entry : predictedShingles.entrySet()) {
			tp += Math.min(entry.getValue(), trueShingles.getOrDefault(entry.getKey(), 0));
		}
		return new PageScore(tp, predictedCount - tp, trueCount - tp, trueTokens.equals(predictedTokens));
	}

	/**
	 * @param scores one score per page (a missing prediction scored as empty)
	 * @return the totals
	 */
	static Result aggregate(List<PageScore> scores) {
		double precisionSum = 0;
		int precisionPages = 0;
		double recallSum = 0;
		int recallPages = 0;
		int exact = 0;
		for (PageScore score : scores) {
			if (score.tp() + score.fp() > 0) {
				precisionSum += score.precision();
				precisionPages++;
			}
			if (score.tp() + score.fn() > 0) {
				recallSum += score.recall();
				recallPages++;
			}
			if (score.exact()) {
				exact++;
			}
		}
		double precision = (precisionPages == 0) ? 0 : precisionSum / precisionPages;
		double recall = (recallPages == 0) ? 0 : recallSum / recallPages;
		double f1 = (precision + recall == 0) ? 0 : 2 * precision * recall / (precision + recall);
		double accuracy = scores.isEmpty() ? 0 : (double) exact / scores.size();
		return new Result(precision, recall, f1, accuracy, scores.size());
	}

	/**
	 * @param truth page id to true text
	 * @param predictions page id to predicted text (missing ids count as empty predictions)
	 * @return the totals over the pages of {@code truth}
	 */
	static Result evaluate(Map<String, String> truth, Map<String, String> predictions) {
		List<PageScore> scores = new ArrayList<>();
		for (Map.Entry<String, String> entry : truth.entrySet()) {
			scores.add(score(entry.getValue(), predictions.getOrDefault(entry.getKey(), "")));
		}
		return aggregate(scores);
	}

}
