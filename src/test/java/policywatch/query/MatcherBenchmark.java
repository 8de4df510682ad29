package policywatch.query;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import policywatch.subscription.SubscriptionLimits;

/**
 * Measures the production (indexed) matcher against today's matcher as it was before the "faster matching" work
 * ({@link BaselineIndexedMatcher}, a frozen copy in test scope), the naive loop and the Lucene monitor, on one thread.
 * <p>
 * Workload: a synthetic vocabulary of 50,000 words with Zipf frequencies (s = 1); documents of a 12-word title and
 * a 1,000-word body drawn from it, each with the text of 20 random subscriptions planted; subscriptions: 60% single
 * words, 30% phrases of two or three words, 10% boolean, proximity, prefix and field queries. Subscription words
 * are topic words (ranks 500–50,000, uniformly) with, in phrases, one word in five a common one (top 200).
 * <p>
 * For each size it prints, per matcher: build time, heap used by the index (difference after forced GCs), and
 * docs/s, mean and p99 per document, both in thread CPU time (robust when other processes share the cores) and
 * wall-clock time, after one untimed pass. The naive loop and the Lucene monitor run on a sample of the documents;
 * their matches are compared with the indexed matcher's. The baseline matcher runs on every document, and the run
 * stops with an error unless its matches (ids and hits) equal the indexed matcher's on every one. The per-entry cost
 * also includes the near-duplicate check that production runs for every entry ({@link NearDuplicateStage}: fingerprint,
 * look-up and add against an index holding a window of {@value #NEAR_DUPLICATE_WINDOW} other documents), timed
 * separately in CPU time. Needs no corpus (the workload is synthetic, seeded).
 * <p>
 * Run: {@code mvn -B -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=policywatch.query.MatcherBenchmark -Dexec.args="[docs] [sizes] [seed]"},
 * e.g. {@code -Dexec.args="1000 1000,10000,100000 1"} (the defaults); add {@code indexed-only} as a fourth
 * argument to skip the naive loop and the Lucene monitor (the old indexed matcher always runs).
 * <p>
 * Profile mode: {@code -Dexec.args="profile [subscriptions] [seconds] [check]"} runs only the indexed matcher (and
 * with {@code check} the near-duplicate check) over 1,000 documents for a profiler; see {@link #runProfile}.
 * <p>
 * Prefix mix ("query of death" within the limits): {@code -Dexec.args="prefix-mix [subscriptions] [docs] [words]
 * [chats]"}, e.g. {@code "prefix-mix 10000 200 15000 10"} (the defaults); see {@link #runPrefixMix}.
 */
public final class MatcherBenchmark {

	private static final int VOCABULARY = 50_000;

	/** Stories in the near-duplicate index before an entry is checked: a 48-hour window of a busy instance. */
	private static final int NEAR_DUPLICATE_WINDOW = 3_000;

	private static final int DOCUMENT_WORDS = 1_000;

	private static final int PLANTED = 20;

	private final long seed;

	private final Random random;

	private final String[] words;

	private final double[] cumulative;

	private MatcherBenchmark(long seed) {
		this.seed = seed;
		this.random = new Random(seed);
		this.words = vocabulary(this.random);
		this.cumulative = new double[VOCABULARY];
		double sum = 0;
		for (int r = 0; r < VOCABULARY; r++) {
			sum += 1.0 / (r + 1);
			this.cumulative[r] = sum;
		}
		for (int r = 0; r < VOCABULARY; r++) {
			this.cumulative[r] /= sum;
		}
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("prefix-mix")) {
			int subscriptions = (args.length > 1) ? Integer.parseInt(args[1]) : 10_000;
			int documents = (args.length > 2) ? Integer.parseInt(args[2]) : 200;
			int words = (args.length > 3) ? Integer.parseInt(args[3]) : 15_000;
			int chats = (args.length > 4) ? Integer.parseInt(args[4]) : 10;
			new MatcherBenchmark(1L).runPrefixMix(subscriptions, documents, words, chats);
			return;
		}
		if (args.length > 0 && args[0].equals("profile")) {
			int size = (args.length > 1) ? Integer.parseInt(args[1]) : 100_000;
			int seconds = (args.length > 2) ? Integer.parseInt(args[2]) : 30;
			boolean check = args.length > 3 && args[3].equals("check");
			new MatcherBenchmark(1L).runProfile(size, seconds, check);
			return;
		}
		int documents = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000;
		int[] sizes = (args.length > 1) ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
				: new int[] { 1_000, 10_000, 100_000 };
		long seed = (args.length > 2) ? Long.parseLong(args[2]) : 1L;
		boolean baselines = args.length <= 3 || !args[3].equals("indexed-only");
		new MatcherBenchmark(seed).run(documents, sizes, baselines);
	}

	private void run(int documentCount, int[] sizes, boolean baselines) throws Exception {
		int largest = Arrays.stream(sizes).max().orElse(0);
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < largest; i++) {
			texts.add(queryText());
		}
		List<Query> all = new ArrayList<>();
		long parseStart = System.nanoTime();
		for (String text : texts) {
			all.add(Query.parse(text));
		}
		double parseSeconds = (System.nanoTime() - parseStart) / 1e9;
		System.out.printf(Locale.ROOT, "Parsed %,d subscriptions in %.2f s; %,d documents of %,d words; 1 thread%n",
				all.size(), parseSeconds, documentCount, DOCUMENT_WORDS);
		warmUp(all.subList(0, Math.min(all.size(), 10_000)));
		NearDuplicateStage stage = nearDuplicateStage(all);
		System.out.printf(Locale.ROOT, "Near-duplicate check: a window of %,d stories like the documents%n",
				stage.windowSize());
		Double indexedAtSmallest = null;
		Double matcherAtSmallest = null;
		Double baselineAtSmallest = null;
		for (int size : sizes) {
			List<Query> queries = all.subList(0, size);
			List<MatchDocument> documents = documents(documentCount, queries);
			System.out.printf(Locale.ROOT, "%n== %,d subscriptions ==%n", size);
			Result baseline = measure("baseline (old)", BaselineIndexedMatcher::new, queries, documents,
					documents.size());
			Result indexed = measure("indexed", IndexedMatcher::new, queries, documents, documents.size());
			if (!indexed.matches.equals(baseline.matches)) {
				throw new IllegalStateException("indexed and baseline matchers disagree at " + size + " subscriptions");
			}
			double stageCost = stageMillis(stage, documents);
			double perEntry = indexed.meanMillis + stageCost;
			System.out.printf(Locale.ROOT, "   agreement on all %d documents: indexed=baseline yes%n", documents.size());
			System.out.printf(Locale.ROOT, "   near-duplicate stage: mean %.3f ms; per entry (match + stage): %.0f docs/s"
					+ " = %.2fx the baseline's %.0f docs/s%n", stageCost, 1000 / perEntry, baseline.meanMillis / perEntry,
					1000 / baseline.meanMillis);
			indexedAtSmallest = (indexedAtSmallest != null) ? indexedAtSmallest : perEntry;
			matcherAtSmallest = (matcherAtSmallest != null) ? matcherAtSmallest : indexed.meanMillis;
			baselineAtSmallest = (baselineAtSmallest != null) ? baselineAtSmallest : baseline.meanMillis;
			System.out.printf(Locale.ROOT, "   matcher alone: %.2fx the baseline's docs/s%n",
					baseline.meanMillis / indexed.meanMillis);
			System.out.printf(Locale.ROOT, "   cost vs %,d subscriptions: indexed per entry %.2fx, indexed matcher alone"
					+ " %.2fx, baseline %.2fx%n", sizes[0], perEntry / indexedAtSmallest,
					indexed.meanMillis / matcherAtSmallest, baseline.meanMillis / baselineAtSmallest);
			if (!baselines) {
				continue;
			}
			Result naive = measure("naive loop", NaiveMatcher::new, queries, documents,
					Math.min(documents.size(), Math.max(20, 2_000_000 / size)));
			Result lucene = measure("lucene monitor", LuceneMonitorMatcher::new, queries, documents,
					Math.min(documents.size(), Math.max(50, 5_000_000 / size)));
			System.out.printf(Locale.ROOT, "   agreement on %d sample documents: indexed=naive %s, lucene=naive %s%n",
					naive.sample, indexed.sameAs(naive), lucene.sameAs(naive));
			System.out.printf(Locale.ROOT, "   indexed matcher vs naive loop (both without the check): %.2fx as fast%n",
					naive.meanMillis / indexed.meanMillis);
		}
	}

	/**
	 * Runs only the indexed matcher (and with {@code check} the near-duplicate check) over 1,000 documents again and
	 * again for {@code seconds}, for a profiler (e.g. {@code java -XX:StartFlightRecording=filename=m.jfr ...
	 * MatcherBenchmark profile 100000 30}).
	 */
	private void runProfile(int size, int seconds, boolean check) throws QueryParseException {
		List<Query> queries = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			queries.add(Query.parse(queryText()));
		}
		List<MatchDocument> documents = documents(1_000, queries);
		NearDuplicateStage stage = check ? nearDuplicateStage(queries) : null;
		IndexedMatcher matcher = new IndexedMatcher();
		for (int i = 0; i < queries.size(); i++) {
			matcher.add(i, queries.get(i));
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		long passes = 0;
		long matches = 0;
		long matchCpu = 0;
		long stageCpu = 0;
		while (System.nanoTime() < end) {
			long start = threads.getCurrentThreadCpuTime();
			for (MatchDocument document : documents) {
				matches += matcher.match(document).size();
			}
			long middle = threads.getCurrentThreadCpuTime();
			matchCpu += (passes > 0) ? middle - start : 0;
			if (stage != null) {
				stage.reset();
				documents.forEach(stage);
				stageCpu += (passes > 0) ? threads.getCurrentThreadCpuTime() - middle : 0;
			}
			passes++;
		}
		double timed = Math.max(1, passes - 1) * 1_000.0;
		System.out.printf(Locale.ROOT, "%d passes, %.0f matches/doc; cpu per document after the first pass: matcher"
				+ " %.3f ms, check %.3f ms%n", passes, matches / (double) passes / 1_000, matchCpu / 1e6 / timed,
				stageCpu / 1e6 / timed);
	}

	/**
	 * @return the near-duplicate check, its index filled with a window of other documents drawn like the measured
	 * ones (from their own random sequence, so that the measured documents stay the same)
	 */
	private NearDuplicateStage nearDuplicateStage(List<Query> queries) {
		MatcherBenchmark other = new MatcherBenchmark(this.seed);
		other.random.setSeed(this.seed ^ 0x5DEECE66DL);
		return new NearDuplicateStage(other.documents(NEAR_DUPLICATE_WINDOW, queries));
	}

	/**
	 * @return the mean CPU milliseconds of the near-duplicate check per document (after one untimed pass; each pass
	 * starts from the same window)
	 */
	private static double stageMillis(NearDuplicateStage stage, List<MatchDocument> documents) {
		stage.reset();
		documents.forEach(stage);
		stage.reset();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long start = threads.getCurrentThreadCpuTime();
		documents.forEach(stage);
		double millis = (threads.getCurrentThreadCpuTime() - start) / 1e6 / Math.max(1, documents.size());
		if (stage.found == 42) {
			System.out.print("");
		}
		return millis;
	}

	/**
	 * The query of death, within the limits: {@code chats} chats each fill their whole quota (50 subscriptions,
	 * {@link SubscriptionLimits#MAX_PREFIXES_PER_CHAT} prefix terms, at most
	 * {@link SubscriptionLimits#MAX_PREFIXES_PER_QUERY} per query) with queries that every document is a candidate
	 * for (anchored on the most frequent word) and that exclude prefixes of frequent words, each chat its own
	 * prefixes. The normal mix has the same number of subscriptions, all drawn as in the main benchmark. Documents
	 * are long (15,000 words, about 100,000 characters, by default). Prints the indexed matcher's cost per document
	 * for both mixes and their ratio; the goal is at most 2x.
	 */
	private void runPrefixMix(int subscriptionCount, int documentCount, int documentWords, int chats) throws Exception {
		int perChat = 50;
		List<Query> normal = new ArrayList<>();
		for (int i = 0; i < subscriptionCount; i++) {
			normal.add(Query.parse(queryText()));
		}
		List<Query> worst = new ArrayList<>(normal.subList(0, subscriptionCount - chats * perChat));
		String anchor = this.words[0];
		List<String> prefixes = frequentPrefixes(chats * SubscriptionLimits.MAX_PREFIXES_PER_CHAT);
		int next = 0;
		for (int chat = 0; chat < chats; chat++) {
			List<Query> quota = new ArrayList<>();
			int prefixTerms = 0;
			while (prefixTerms + SubscriptionLimits.MAX_PREFIXES_PER_QUERY <= SubscriptionLimits.MAX_PREFIXES_PER_CHAT) {
				StringBuilder text = new StringBuilder(anchor);
				for (int k = 0; k < SubscriptionLimits.MAX_PREFIXES_PER_QUERY; k++) {
					text.append(" -").append(prefixes.get(next++)).append('*');
				}
				quota.add(Query.parse(text.toString()));
				prefixTerms += SubscriptionLimits.MAX_PREFIXES_PER_QUERY;
			}
			while (quota.size() < perChat) {
				quota.add(Query.parse(anchor + " -\"" + phrase() + "\""));
			}
			for (Query query : quota) {
				if (SubscriptionLimits.prefixProblem(query, 0) != null) {
					throw new IllegalStateException("not allowed: " + query);
				}
			}
			if (quota.stream().mapToInt(Query::prefixCount).sum() > SubscriptionLimits.MAX_PREFIXES_PER_CHAT) {
				throw new IllegalStateException("chat over its prefix quota");
			}
			worst.addAll(quota);
		}
		List<MatchDocument> documents = documents(documentCount, normal, documentWords);
		System.out.printf(Locale.ROOT, "Prefix mix: %,d subscriptions, %d chats at their prefix quota (%d distinct "
				+ "prefixes), %,d documents of %,d words (%,d characters on average); 1 thread%n", subscriptionCount,
				chats, next, documents.size(), documentWords,
				documents.stream().mapToInt((document) -> document.body().length()).sum() / documents.size());
		warmUp(normal.subList(0, Math.min(normal.size(), 2_000)));
		Result baselineNormal = measure("baseline normal", BaselineIndexedMatcher::new, normal, documents,
				documents.size());
		Result baselineWorst = measure("baseline worst", BaselineIndexedMatcher::new, worst, documents,
				documents.size());
		Result normalResult = measure("normal mix", IndexedMatcher::new, normal, documents, documents.size());
		Result worstResult = measure("worst allowed", IndexedMatcher::new, worst, documents, documents.size());
		if (!normalResult.matches.equals(baselineNormal.matches) || !worstResult.matches.equals(baselineWorst.matches)) {
			throw new IllegalStateException("indexed and baseline matchers disagree on the prefix mix");
		}
		double ratio = worstResult.meanMillis / normalResult.meanMillis;
		System.out.printf(Locale.ROOT, "   agreement on all %d documents, both mixes: indexed=baseline yes%n",
				documents.size());
		System.out.printf(Locale.ROOT, "   baseline (old): worst allowed mix vs normal mix %.2fx%n",
				baselineWorst.meanMillis / baselineNormal.meanMillis);
		System.out.printf(Locale.ROOT, "   worst allowed mix vs normal mix: %.2fx (goal: at most 2x) %s%n", ratio,
				(ratio <= 2.0) ? "OK" : "OVER");
	}

	/**
	 * Distinct prefixes of the query-language minimum length, taken from the most frequent words first.
	 */
	private List<String> frequentPrefixes(int count) {
		Set<String> prefixes = new java.util.LinkedHashSet<>();
		for (int rank = 0; rank < VOCABULARY && prefixes.size() < count; rank++) {
			String form = TextTokens.fold(this.words[rank]);
			for (int length = QueryParser.MIN_PREFIX; length <= form.length() && prefixes.size() < count; length++) {
				prefixes.add(form.substring(0, length));
			}
		}
		return new ArrayList<>(prefixes);
	}

	/**
	 * Lets the JIT compile the matching code before anything is measured.
	 */
	private void warmUp(List<Query> queries) {
		List<MatchDocument> documents = documents(300, queries);
		for (Supplier<SubscriptionMatcher> factory : List.<Supplier<SubscriptionMatcher>>of(IndexedMatcher::new,
				BaselineIndexedMatcher::new, NaiveMatcher::new)) {
			SubscriptionMatcher matcher = factory.get();
			for (int i = 0; i < queries.size(); i++) {
				matcher.add(i, queries.get(i));
			}
			for (int round = 0; round < 3; round++) {
				documents.forEach(matcher::match);
			}
		}
	}

	private record Result(double meanMillis, int sample, List<List<QueryMatch>> matches) {

		String sameAs(Result other) {
			int n = Math.min(this.matches.size(), other.matches.size());
			return this.matches.subList(0, n).equals(other.matches.subList(0, n)) ? "yes" : "NO";
		}

	}

	private static Result measure(String name, Supplier<SubscriptionMatcher> factory, List<Query> queries,
			List<MatchDocument> documents, int sample) throws Exception {
		long before = usedHeap();
		long start = System.nanoTime();
		SubscriptionMatcher matcher = factory.get();
		if (matcher instanceof LuceneMonitorMatcher lucene) {
			Map<Long, Query> batch = new LinkedHashMap<>();
			for (int i = 0; i < queries.size(); i++) {
				batch.put((long) i, queries.get(i));
			}
			lucene.addAll(batch);
		}
		else {
			for (int i = 0; i < queries.size(); i++) {
				matcher.add(i, queries.get(i));
			}
		}
		double buildSeconds = (System.nanoTime() - start) / 1e9;
		long heap = usedHeap() - before;
		// one untimed pass (JIT and caches), then time each document
		for (int i = 0; i < sample; i++) {
			matcher.match(documents.get(i));
		}
		long[] nanos = new long[sample];
		long[] cpu = new long[sample];
		List<List<QueryMatch>> results = new ArrayList<>();
		long matchCount = 0;
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (int i = 0; i < sample; i++) {
			long c = threads.getCurrentThreadCpuTime();
			long t = System.nanoTime();
			List<QueryMatch> matches = matcher.match(documents.get(i));
			nanos[i] = System.nanoTime() - t;
			cpu[i] = threads.getCurrentThreadCpuTime() - c;
			matchCount += matches.size();
			results.add(matches);
		}
		long total = Arrays.stream(nanos).sum();
		long totalCpu = Arrays.stream(cpu).sum();
		Arrays.sort(nanos);
		Arrays.sort(cpu);
		double mean = totalCpu / 1e6 / sample;
		int p99 = Math.min(sample - 1, (int) Math.ceil(sample * 0.99) - 1);
		System.out.printf(Locale.ROOT,
				"%-15s build %6.2f s  heap %6.1f MB | cpu: %6.0f docs/s  mean %6.3f ms  p99 %6.3f ms"
						+ " | wall: %6.0f docs/s  p99 %6.3f ms | %d docs, %.0f matches/doc%n",
				name, buildSeconds, heap / 1048576.0, sample / (totalCpu / 1e9), mean, cpu[p99] / 1e6,
				sample / (total / 1e9), nanos[p99] / 1e6, sample, matchCount / (double) sample);
		if (matcher instanceof AutoCloseable closeable) {
			closeable.close();
		}
		return new Result(mean, sample, results);
	}

	private static long usedHeap() throws InterruptedException {
		Runtime runtime = Runtime.getRuntime();
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(50);
		}
		return runtime.totalMemory() - runtime.freeMemory();
	}

	// ---- workload

	private static String[] vocabulary(Random random) {
		String consonants = "bcdfghjklmnprstvwz";
		String vowels = "aeiou";
		Set<String> seen = new HashSet<>();
		String[] words = new String[VOCABULARY];
		int n = 0;
		while (n < VOCABULARY) {
			int syllables = 1 + Math.min(4, (int) Math.abs(random.nextGaussian() * 1.2) + (n < 200 ? 0 : 1));
			StringBuilder word = new StringBuilder();
			for (int s = 0; s < syllables; s++) {
				word.append(consonants.charAt(random.nextInt(consonants.length())));
				word.append(vowels.charAt(random.nextInt(vowels.length())));
			}
			if (random.nextInt(4) == 0) {
				word.append(consonants.charAt(random.nextInt(consonants.length())));
			}
			String text = word.toString();
			// one spelling per key, so that the Zipf ranks stay distinct words after normalisation
			if (text.length() >= 2 && seen.add(TextTokens.key(text))) {
				words[n++] = text;
			}
		}
		return words;
	}

	private String zipfWord() {
		int rank = Arrays.binarySearch(this.cumulative, this.random.nextDouble());
		return this.words[Math.min(VOCABULARY - 1, (rank >= 0) ? rank : -rank - 1)];
	}

	private String topicWord() {
		return this.words[500 + this.random.nextInt(VOCABULARY - 500)];
	}

	private String phraseWord() {
		return (this.random.nextInt(5) == 0) ? this.words[this.random.nextInt(200)] : topicWord();
	}

	private String phrase() {
		int length = 2 + this.random.nextInt(2);
		StringBuilder text = new StringBuilder(topicWord());
		for (int i = 1; i < length; i++) {
			text.insert(0, phraseWord() + " ");
		}
		return text.toString();
	}

	private String queryText() {
		int kind = this.random.nextInt(1000);
		if (kind < 600) {
			return topicWord();
		}
		if (kind < 900) {
			return "\"" + phrase() + "\"";
		}
		if (kind < 930) {
			return topicWord() + " AND " + topicWord();
		}
		if (kind < 950) {
			return topicWord() + " OR " + topicWord() + " OR \"" + phrase() + "\"";
		}
		if (kind < 970) {
			return "\"" + phrase() + "\" NOT " + topicWord();
		}
		if (kind < 985) {
			return "\"" + phrase() + "\" NEAR/10 " + topicWord();
		}
		if (kind < 995) {
			String word = topicWord();
			while (word.length() < 6) {
				word = topicWord();
			}
			return word.substring(0, 5) + "*";
		}
		return "title:" + topicWord();
	}

	private List<MatchDocument> documents(int count, List<Query> queries) {
		return documents(count, queries, DOCUMENT_WORDS);
	}

	private List<MatchDocument> documents(int count, List<Query> queries, int documentWords) {
		Random plant = new Random(this.random.nextLong());
		List<MatchDocument> documents = new ArrayList<>();
		for (int d = 0; d < count; d++) {
			List<String> body = new ArrayList<>();
			for (int i = 0; i < documentWords; i++) {
				body.add(zipfWord());
			}
			for (int p = 0; p < PLANTED; p++) {
				String planted = queries.get(plant.nextInt(queries.size())).normalized().replaceAll(
						"title:|NOT .*|AND|OR|NEAR/\\d+|[\"()*]", " ").strip();
				body.add(plant.nextInt(body.size()), planted);
			}
			List<String> title = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				title.add(zipfWord());
			}
			if (plant.nextInt(4) == 0) {
				title.add(plant.nextInt(title.size()), topicWord());
			}
			documents.add(new MatchDocument(sentences(title), sentences(body)));
		}
		return documents;
	}

	private String sentences(List<String> tokens) {
		StringBuilder text = new StringBuilder();
		boolean capital = true;
		for (int i = 0; i < tokens.size(); i++) {
			String token = tokens.get(i);
			if (text.length() > 0) {
				text.append(' ');
			}
			text.append(capital ? Character.toUpperCase(token.charAt(0)) + token.substring(1) : token);
			capital = false;
			if (this.random.nextInt(15) == 0) {
				text.append('.');
				capital = true;
			}
			else if (this.random.nextInt(20) == 0) {
				text.append(',');
			}
		}
		return text.toString();
	}

}
