package policywatch.dedupe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Near-duplicate figures: precision and recall on the golden pairs, and the per-entry cost of the
 * check (fingerprint, then LSH lookup and verdict) with a realistic number of stories in the window.
 * <p>
 * Run: {@code mvn -B -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=policywatch.dedupe.NearDuplicateBenchmark -Dexec.args="[window] [queries] [words] [seed]"},
 * defaults {@code 20000 20000 400 1}: 20,000 synthetic articles of 400 words (Zipf-distributed words over a
 * 30,000-word vocabulary, like news text) in the index, then 20,000 new entries checked, one in four a
 * lightly edited copy of an indexed article. Times are CPU time of one thread.
 */
public final class NearDuplicateBenchmark {

	private static final int VOCABULARY = 30_000;

	private NearDuplicateBenchmark() {
	}

	public static void main(String[] args) {
		int window = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		int queries = (args.length > 1) ? Integer.parseInt(args[1]) : 20_000;
		int words = (args.length > 2) ? Integer.parseInt(args[2]) : 400;
		long seed = (args.length > 3) ? Long.parseLong(args[3]) : 1;

		var pairs = GoldenPairs.load();
		GoldenPairs.Score score = GoldenPairs.score(pairs);
		System.out.printf(Locale.ROOT, "golden pairs: %d (%d same, %d different): precision %.3f recall %.3f (tp=%d fp=%d fn=%d)%n",
				pairs.size(), pairs.stream().filter(GoldenPairs.Pair::same).count(),
				pairs.stream().filter((pair) -> !pair.same()).count(), score.precision(), score.recall(),
				score.truePositives(), score.falsePositives(), score.falseNegatives());
		score.wrong().forEach((line) -> System.out.println("  " + line));
		java.util.Map<String, java.util.List<GoldenPairs.Pair>> kinds = new java.util.TreeMap<>();
		pairs.forEach((pair) -> kinds.computeIfAbsent((pair.same() ? "same " : "different ") + pair.kind(),
				(kind) -> new java.util.ArrayList<>()).add(pair));
		kinds.forEach((kind, list) -> {
			GoldenPairs.Score kindScore = GoldenPairs.score(list);
			System.out.printf(Locale.ROOT, "  %-32s %3d pairs, %3d folded%n", kind, list.size(),
					kindScore.truePositives() + kindScore.falsePositives());
		});

		SplittableRandom random = new SplittableRandom(seed);
		String[] vocabulary = new String[VOCABULARY];
		double[] cumulative = new double[VOCABULARY];
		double total = 0;
		for (int i = 0; i < VOCABULARY; i++) {
			vocabulary[i] = word(i);
			total += 1.0 / (i + 1);
			cumulative[i] = total;
		}
		String[][] articles = new String[window][];
		for (int i = 0; i < window; i++) {
			articles[i] = article(random, vocabulary, cumulative, total, words);
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		Runtime runtime = Runtime.getRuntime();
		System.gc();
		long heapBefore = runtime.totalMemory() - runtime.freeMemory();
		NearDuplicateIndex index = new NearDuplicateIndex();
		long start = threads.getCurrentThreadCpuTime();
		for (int i = 0; i < window; i++) {
			index.add(i, Fingerprinter.of(articles[i][0], articles[i][1]));
		}
		long built = threads.getCurrentThreadCpuTime() - start;
		System.gc();
		long heapAfter = runtime.totalMemory() - runtime.freeMemory();

		String[][] incoming = new String[queries][];
		for (int i = 0; i < queries; i++) {
			incoming[i] = (i % 4 == 0) ? edited(random, articles[random.nextInt(window)], vocabulary)
					: article(random, vocabulary, cumulative, total, words);
		}
		long checkedBefore = index.checked;
		long fingerprinting = 0;
		long lookup = 0;
		int folded = 0;
		for (int round = 0; round < 2; round++) {
			fingerprinting = 0;
			lookup = 0;
			folded = 0;
			for (int i = 0; i < queries; i++) {
				long t0 = threads.getCurrentThreadCpuTime();
				Fingerprint fingerprint = Fingerprinter.of(incoming[i][0], incoming[i][1]);
				long t1 = threads.getCurrentThreadCpuTime();
				if (index.nearest(fingerprint) != null) {
					folded++;
				}
				fingerprinting += t1 - t0;
				lookup += threads.getCurrentThreadCpuTime() - t1;
			}
		}
		System.out.printf(Locale.ROOT, "index of %d articles (%d words): built in %d ms, about %.1f MB heap%n", window,
				words, built / 1_000_000, (heapAfter - heapBefore) / 1e6);
		System.out.printf(Locale.ROOT,
				"per new entry: fingerprint %.1f µs + lookup and verdict %.1f µs = %.1f µs (%d of %d folded, %d edited copies sent)%n",
				fingerprinting / 1e3 / queries, lookup / 1e3 / queries, (fingerprinting + lookup) / 1e3 / queries, folded,
				queries, (queries + 3) / 4);
		System.out.printf(Locale.ROOT, "candidates checked per lookup: %.1f%n", (index.checked - checkedBefore) / 2.0 / queries);
	}

	private static String word(int i) {
		StringBuilder word = new StringBuilder();
		int n = i + 1;
		while (n > 0) {
			word.append((char) ('a' + n % 26));
			n /= 26;
		}
		return word.append(i % 7).toString().replaceAll("[0-9]", "");
	}

	private static String[] article(SplittableRandom random, String[] vocabulary, double[] cumulative, double total,
			int words) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words; i++) {
			double target = random.nextDouble() * total;
			int at = java.util.Arrays.binarySearch(cumulative, target);
			text.append(vocabulary[Math.min(vocabulary.length - 1, (at < 0) ? -at - 1 : at)]).append(' ');
			if (i % 60 == 59) {
				text.append(random.nextInt(1000)).append(". ");
			}
		}
		return new String[] { "Title " + random.nextInt(1_000_000), text.toString() };
	}

	/** A copy with a new headline, a new first sentence and an added paragraph. */
	private static String[] edited(SplittableRandom random, String[] article, String[] vocabulary) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 25; i++) {
			text.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
		}
		String body = article[1];
		text.append(body.substring(Math.min(body.length(), 150)));
		for (int i = 0; i < 40; i++) {
			text.append(' ').append(vocabulary[random.nextInt(vocabulary.length)]);
		}
		return new String[] { "UPDATE 1-" + article[0], text.toString() };
	}

}
