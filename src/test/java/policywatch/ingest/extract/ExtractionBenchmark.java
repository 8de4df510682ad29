package policywatch.ingest.extract;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Scores {@link ArticleExtractor} on every public article-extraction corpus in one run, each
 * folder holding {@code ground-truth.json}, {@code html/} and optionally {@code predictions/}
 * (reference systems' outputs, used to check the metric port against published figures). Both
 * public sets use the same metric ({@link ExtractionMetric}): the CleanPortalEval ground truth was
 * converted to the same {@code articleBody} shape. Arguments: {@code [<corpus-dir>...] [--worst N]
 * [--out dir]}; without folders, {@code ../shared/corpus/article-extraction} and
 * {@code ../shared/corpus/article-extraction-cleanportaleval}.
 */
public final class ExtractionBenchmark {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Published F1 of reference predictions, by corpus folder name and system. */
	private static final Map<String, Map<String, Double>> PUBLISHED = Map.of("article-extraction",
			Map.of("readability_js", 0.947, "trafilatura", 0.958));

	private static final double GOAL_F1 = 0.97;

	private static final double GOAL_PAGES_PER_SECOND = 300;

	private ExtractionBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int worst = 0;
		Path out = null;
		List<Path> corpora = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--worst") && i + 1 < args.length) {
				worst = Integer.parseInt(args[++i]);
			}
			else if (args[i].equals("--out") && i + 1 < args.length) {
				out = Path.of(args[++i]);
			}
			else {
				corpora.add(Path.of(args[i]));
			}
		}
		if (corpora.isEmpty()) {
			corpora.add(Path.of("../shared/corpus/article-extraction"));
			corpora.add(Path.of("../shared/corpus/article-extraction-cleanportaleval"));
		}
		boolean missing = false;
		List<String> summary = new ArrayList<>();
		for (Path corpus : corpora) {
			if (!Files.isRegularFile(corpus.resolve("ground-truth.json")) || !Files.isDirectory(corpus.resolve("html"))) {
				System.err.println("Corpus folder missing or incomplete: " + corpus.toAbsolutePath()
						+ " (expected ground-truth.json and html/); not run");
				missing = true;
				continue;
			}
			summary.add(run(corpus, worst, out));
		}
		System.out.println();
		System.out.println("Summary (goals: F1 >= " + GOAL_F1 + " on each set, >= " + (int) GOAL_PAGES_PER_SECOND
				+ " pages/s):");
		summary.forEach(System.out::println);
		if (missing) {
			System.exit(2);
		}
	}

	private static String run(Path corpus, int worst, Path out) throws IOException {
		String name = corpus.toAbsolutePath().normalize().getFileName().toString();
		System.out.println("== " + name + " (" + corpus + ")");
		JsonNode truthJson = JSON.readTree(corpus.resolve("ground-truth.json").toFile());
		Map<String, String> truth = new LinkedHashMap<>();
		Map<String, String> urls = new LinkedHashMap<>();
		truthJson.properties().forEach((entry) -> {
			truth.put(entry.getKey(), entry.getValue().path("articleBody").asString(""));
			urls.put(entry.getKey(), entry.getValue().path("url").asString(""));
		});

		Map<String, Double> published = PUBLISHED.getOrDefault(name, Map.of());
		for (Map.Entry<String, Double> reference : published.entrySet()) {
			Path file = corpus.resolve("predictions").resolve(reference.getKey() + ".json");
			if (!Files.isRegularFile(file)) {
				System.out.printf(Locale.ROOT, "  metric check %-15s missing%n", reference.getKey());
				continue;
			}
			ExtractionMetric.Result result = ExtractionMetric.evaluate(truth, read(file));
			boolean ok = Math.abs(result.f1() - reference.getValue()) < 0.0005;
			System.out.printf(Locale.ROOT, "  metric check %-15s F1 %.3f [published %.3f] %s  P %.3f  R %.3f%n",
					reference.getKey(), result.f1(), reference.getValue(), ok ? "OK" : "MISMATCH", result.precision(),
					result.recall());
		}

		Map<String, byte[]> pages = new LinkedHashMap<>();
		for (String id : truth.keySet()) {
			pages.put(id, Files.readAllBytes(corpus.resolve("html").resolve(id + ".html")));
		}
		ArticleExtractor extractor = new ArticleExtractor();
		// warm up, then time five passes on this thread and keep the fastest (the machine is shared)
		for (Map.Entry<String, byte[]> page : pages.entrySet()) {
			extract(extractor, page.getValue(), urls.get(page.getKey()));
		}
		Map<String, String> predictions = new LinkedHashMap<>();
		double seconds = Double.MAX_VALUE;
		double cpuSeconds = Double.MAX_VALUE;
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (int pass = 0; pass < 5; pass++) {
			long started = System.nanoTime();
			long cpuStarted = threads.getCurrentThreadCpuTime();
			for (Map.Entry<String, byte[]> page : pages.entrySet()) {
				predictions.put(page.getKey(), extract(extractor, page.getValue(), urls.get(page.getKey())));
			}
			seconds = Math.min(seconds, (System.nanoTime() - started) / 1e9);
			cpuSeconds = Math.min(cpuSeconds, (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9);
		}

		List<ExtractionMetric.PageScore> scores = new ArrayList<>();
		Map<String, ExtractionMetric.PageScore> byPage = new LinkedHashMap<>();
		int empty = 0;
		for (String id : truth.keySet()) {
			ExtractionMetric.PageScore score = ExtractionMetric.score(truth.get(id), predictions.get(id));
			scores.add(score);
			byPage.put(id, score);
			if (predictions.get(id).isBlank()) {
				empty++;
			}
		}
		ExtractionMetric.Result result = ExtractionMetric.aggregate(scores);
		// on a shared machine the wall clock counts other processes' time too: the thread's CPU time does not
		double rate = pages.size() / cpuSeconds;
		System.out.printf(Locale.ROOT, "  ArticleExtractor on %d pages: F1 %.4f  precision %.4f  recall %.4f  "
				+ "accuracy %.4f  empty %d%n", result.pages(), result.f1(), result.precision(), result.recall(),
				result.accuracy(), empty);
		System.out.printf(Locale.ROOT, "  %.1f pages/s on one thread by its CPU time (%.1f by the wall clock; fastest of "
				+ "5 passes: %.2f s CPU, %.2f s wall)%n", rate, pages.size() / seconds, cpuSeconds, seconds);
		if (worst > 0) {
			System.out.println("  Worst pages (F1, P, R, id, url):");
			byPage.entrySet()
				.stream()
				.sorted(Comparator.comparingDouble((Map.Entry<String, ExtractionMetric.PageScore> e) -> e.getValue().f1()))
				.limit(worst)
				.forEach((e) -> System.out.printf(Locale.ROOT, "    %.3f %.3f %.3f %s %s%n", e.getValue().f1(),
						e.getValue().precision(), e.getValue().recall(),
						e.getKey().substring(0, Math.min(12, e.getKey().length())), urls.get(e.getKey())));
		}
		if (out != null) {
			Files.createDirectories(out);
			Map<String, Map<String, String>> json = new LinkedHashMap<>();
			predictions.forEach((id, text) -> json.put(id, Map.of("articleBody", text)));
			JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(name + ".json").toFile(), json);
		}
		return String.format(Locale.ROOT, "  %-40s F1 %.3f  P %.3f  R %.3f  %5.0f pages/s  F1 goal %s, speed goal %s",
				name, result.f1(), result.precision(), result.recall(), rate, result.f1() >= GOAL_F1 ? "met" : "NOT met",
				rate >= GOAL_PAGES_PER_SECOND ? "met" : "NOT met");
	}

	private static String extract(ArticleExtractor extractor, byte[] body, String url) {
		URI uri = null;
		try {
			// a few ground-truth URLs are not valid URIs: the page is then read without its address
			uri = url.isEmpty() ? null : URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			uri = null;
		}
		try {
			return extractor.extract(body, "text/html; charset=utf-8", uri).text();
		}
		catch (UnsupportedContentException ex) {
			return "";
		}
	}

	private static Map<String, String> read(Path file) throws IOException {
		Map<String, String> predictions = new LinkedHashMap<>();
		JsonNode root = JSON.readTree(file.toFile());
		if (root.has("output") && root.get("output").isObject()) {
			root = root.get("output");
		}
		root.properties()
			.forEach((entry) -> predictions.put(entry.getKey(), entry.getValue().path("articleBody").asString("")));
		return predictions;
	}

}
