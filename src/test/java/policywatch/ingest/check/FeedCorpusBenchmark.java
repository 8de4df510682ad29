package policywatch.ingest.check;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import policywatch.ingest.extract.HtmlText;
import policywatch.ingest.parse.FeedItem;
import policywatch.ingest.parse.FeedParseException;
import policywatch.ingest.parse.FeedParser;
import policywatch.ingest.parse.LinkNormalizer;
import policywatch.ingest.parse.ParsedFeed;

/**
 * Robustness run over the public feed corpora (feedparser, gofeed, rome test files).
 * <p>
 * Usage: {@code FeedCorpusBenchmark <corpus-dir> [--verbose]} where the directory is
 * {@code /work/shared/corpus/feeds} (or any folder of feed files). Every file goes through the
 * same parser as the service, one at a time with a per-file timeout; the run reports files,
 * files with entries, entries, failures grouped by reason, the slowest files, the agreement with
 * gofeed's {@code translator/} expectations (feed and entry titles and links) and with
 * feedparser's {@code Expect:} clauses about titles, links and entry counts. Finally the whole
 * set is run through {@code check --json} in one process.
 */
public final class FeedCorpusBenchmark {

	private static final long TIMEOUT_MILLIS = 10_000;

	private static final Pattern HEADER = Pattern.compile("(?im)^\\s*Header:\\s*Content-type:\\s*(.+?)\\s*$");

	private static final Pattern EXPECT = Pattern.compile("(?m)^\\s*Expect:\\s*(.+?)\\s*$");

	private static final Pattern CLAUSE = Pattern.compile(
			"^(feed|entries\\[(\\d+)\\])(?:\\['(\\w+)'\\]|\\.(\\w+))\\s*==\\s*u?('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")$");

	private static final Pattern LENGTH = Pattern.compile("^len\\(entries\\)\\s*==\\s*(\\d+)$");

	private FeedCorpusBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			System.err.println("usage: FeedCorpusBenchmark <corpus-dir> [--verbose]");
			System.exit(2);
		}
		Path root = Path.of(args[0]);
		boolean verbose = args.length > 1 && args[1].equals("--verbose");
		if (!Files.isDirectory(root)) {
			System.err.println("Corpus folder " + root + " is missing: nothing to run (see /work/shared/corpus/README.md)");
			System.exit(2);
		}
		List<Path> files;
		try (Stream<Path> walk = Files.walk(root)) {
			files = walk.filter(Files::isRegularFile).filter(FeedCorpusBenchmark::isFeedFile).sorted().toList();
		}
		FeedParser parser = new FeedParser();
		ExecutorService worker = Executors.newSingleThreadExecutor(daemon());
		int withEntries = 0;
		long entries = 0;
		long emptyTitles = 0;
		long replacementTitles = 0;
		Map<String, List<String>> failures = new TreeMap<>();
		List<Timing> timings = new ArrayList<>();
		int[] translator = new int[2];
		int[] gofeedParser = new int[2];
		int[] expectations = new int[2];
		int[] descriptionChecks = new int[2];
		List<String> disagreements = new ArrayList<>();
		// warm-up (class loading, JIT) so that the slowest-file figure is about the file
		for (Path file : files.subList(0, Math.min(300, files.size()))) {
			try {
				parser.parse(Files.readAllBytes(file), null, URI.create("http://example.org/"));
			}
			catch (FeedParseException ex) {
				// counted in the timed pass
			}
		}
		long started = System.nanoTime();
		for (Path file : files) {
			byte[] body = Files.readAllBytes(file);
			String contentType = header(body);
			URI uri = URI.create("http://example.org/" + root.relativize(file).toString().replace('\\', '/'));
			long t0 = System.nanoTime();
			Future<ParsedFeed> future = worker.submit(() -> parser.parse(body, contentType, uri));
			ParsedFeed feed = null;
			String failure = null;
			try {
				feed = future.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				failure = "timeout after " + TIMEOUT_MILLIS + " ms";
				future.cancel(true);
				worker.shutdownNow();
				worker = Executors.newSingleThreadExecutor(daemon());
			}
			catch (ExecutionException ex) {
				Throwable cause = ex.getCause();
				failure = (cause instanceof FeedParseException) ? cause.getMessage()
						: "CRASH " + cause.getClass().getName() + ": " + cause.getMessage();
			}
			long nanos = System.nanoTime() - t0;
			String name = root.relativize(file).toString();
			timings.add(new Timing(name, nanos));
			if (failure != null) {
				failures.computeIfAbsent(reason(failure), (k) -> new ArrayList<>()).add(name + ": " + failure);
				continue;
			}
			if (!feed.items().isEmpty()) {
				withEntries++;
				entries += feed.items().size();
				for (FeedItem item : feed.items()) {
					emptyTitles += item.title().isEmpty() ? 1 : 0;
					replacementTitles += item.title().contains("\uFFFD") ? 1 : 0;
				}
			}
			if (name.contains("translator") && name.endsWith(".xml") || isTranslatorJson(name)) {
				compareTranslator(file, feed, translator, disagreements, name);
			}
			else if (name.startsWith("gofeed") && name.contains("parser") && name.endsWith(".xml")) {
				compareTranslator(file, feed, gofeedParser, disagreements, name);
			}
			if (name.startsWith("feedparser") && !name.contains("/http/") && !name.contains("/base/http_")) {
				// (the http/ and base/http_* cases need feedparser's test server: Content-Location, its URL)
				compareExpect(body, feed, expectations, descriptionChecks, disagreements, name);
			}
		}
		worker.shutdownNow();
		long totalMillis = (System.nanoTime() - started) / 1_000_000;
		int failed = failures.values().stream().mapToInt(List::size).sum();
		System.out.println("Feed corpus run over " + root);
		System.out.printf(Locale.ROOT, "files: %d, parsed: %d, with entries: %d, entries: %d, failures: %d, total %d ms%n",
				files.size(), files.size() - failed, withEntries, entries, failed, totalMillis);
		System.out.printf(Locale.ROOT, "entry titles empty: %d, with U+FFFD: %d%n", emptyTitles, replacementTitles);
		System.out.println("failures by reason:");
		failures.entrySet()
			.stream()
			.sorted(Comparator.comparing((Map.Entry<String, List<String>> e) -> -e.getValue().size()))
			.forEach((e) -> {
				System.out.printf(Locale.ROOT, "  %4d  %s   e.g. %s%n", e.getValue().size(), e.getKey(), e.getValue().get(0));
				if (verbose) {
					e.getValue().stream().skip(1).forEach((line) -> System.out.println("          " + line));
				}
			});
		timings.sort(Comparator.comparingLong(Timing::nanos).reversed());
		System.out.println("slowest files:");
		timings.stream().limit(5).forEach((t) -> System.out.printf(Locale.ROOT, "  %8.1f ms  %s%n", t.nanos / 1e6, t.name));
		long over2s = timings.stream().filter((t) -> t.nanos > 2_000_000_000L).count();
		System.out.println("files over 2 s: " + over2s);
		System.out.printf(Locale.ROOT, "gofeed translator agreement (titles and links): %d/%d = %.1f%%%n", translator[0],
				translator[1], 100.0 * translator[0] / Math.max(1, translator[1]));
		System.out.printf(Locale.ROOT, "gofeed parser/ expectations (titles and links): %d/%d = %.1f%%%n", gofeedParser[0],
				gofeedParser[1], 100.0 * gofeedParser[0] / Math.max(1, gofeedParser[1]));
		System.out.printf(Locale.ROOT, "feedparser Expect clauses on titles/links/counts: %d/%d = %.1f%%%n",
				expectations[0], expectations[1], 100.0 * expectations[0] / Math.max(1, expectations[1]));
		System.out.printf(Locale.ROOT, "feedparser Expect clauses on descriptions (as plain text): %d/%d = %.1f%%%n",
				descriptionChecks[0], descriptionChecks[1], 100.0 * descriptionChecks[0] / Math.max(1, descriptionChecks[1]));
		if (verbose) {
			disagreements.forEach((d) -> System.out.println("  DIFF " + d));
		}
		else {
			disagreements.stream().limit(25).forEach((d) -> System.out.println("  DIFF " + d));
		}
		runCheckCommand(files);
	}

	private static void runCheckCommand(List<Path> files) {
		AtomicLong lines = new AtomicLong();
		OutputStream counting = new OutputStream() {
			@Override
			public void write(int b) {
				if (b == '\n') {
					lines.incrementAndGet();
				}
			}

			@Override
			public void write(byte[] b, int off, int len) {
				for (int i = off; i < off + len; i++) {
					if (b[i] == '\n') {
						lines.incrementAndGet();
					}
				}
			}
		};
		List<String> args = new ArrayList<>();
		files.forEach((f) -> args.add(f.toString()));
		args.add("--json");
		args.add("--query");
		args.add("title");
		long t0 = System.nanoTime();
		int status = CheckCommand.run(args, new PrintStream(counting, false, StandardCharsets.UTF_8),
				new PrintStream(OutputStream.nullOutputStream()));
		System.out.printf(Locale.ROOT, "check --json over %d inputs in one run: exit %d, %d JSON lines, %d ms%n",
				files.size(), status, lines.get(), (System.nanoTime() - t0) / 1_000_000);
	}

	private static boolean isFeedFile(Path file) {
		String name = file.getFileName().toString();
		if (name.equals("SOURCE_COMMIT") || name.startsWith("README") || name.startsWith(".")) {
			return false;
		}
		String path = file.toString().replace('\\', '/');
		if (path.contains("/gofeed/") && name.endsWith(".json")) {
			// gofeed's expectations; JSON inputs are the translator/json and parser/json *.json without _expected
			return (path.contains("/translator/json/") || path.contains("/parser/json/")) && !name.endsWith("_expected.json")
					&& !Files.exists(file.resolveSibling(name.replace(".json", ".xml")));
		}
		return true;
	}

	private static boolean isTranslatorJson(String name) {
		return name.contains("translator") && name.contains("json") && name.endsWith(".json") && !name.endsWith("_expected.json");
	}

	private static String header(byte[] body) {
		String head = asciiHead(body);
		Matcher matcher = HEADER.matcher(head);
		return matcher.find() ? matcher.group(1) : null;
	}

	/** The first bytes as text, with NULs dropped (so UTF-16/32 comments read as ASCII). */
	private static String asciiHead(byte[] body) {
		int n = Math.min(body.length, 8192);
		StringBuilder text = new StringBuilder(n);
		for (int i = 0; i < n; i++) {
			int b = body[i] & 0xff;
			if (b != 0) {
				text.append((char) b);
			}
		}
		return text.toString();
	}

	private static void compareTranslator(Path file, ParsedFeed feed, int[] counts, List<String> diffs, String name)
			throws IOException {
		String fileName = file.getFileName().toString();
		Path expectedFile = fileName.endsWith(".xml") ? file.resolveSibling(fileName.replace(".xml", ".json"))
				: file.resolveSibling(fileName.replace(".json", "_expected.json"));
		if (!Files.exists(expectedFile)) {
			return;
		}
		JsonNode expected = JsonMapper.builder().build().readTree(expectedFile.toFile());
		compare(counts, diffs, name + " feed title", text(expected.get("title")), feed.title(), false);
		compare(counts, diffs, name + " feed link", text(expected.get("link")), feed.link(), true);
		JsonNode items = expected.get("items");
		if (items != null && items.isArray()) {
			if (items.size() != feed.items().size()) {
				counts[1]++;
				diffs.add(name + " entries: expected " + items.size() + " got " + feed.items().size());
				return;
			}
			for (int i = 0; i < items.size(); i++) {
				FeedItem item = feed.items().get(i);
				compare(counts, diffs, name + " entry " + i + " title", text(items.get(i).get("title")), item.title(), false);
				compare(counts, diffs, name + " entry " + i + " link", text(items.get(i).get("link")), item.link(), true);
			}
		}
	}

	private static void compare(int[] counts, List<String> diffs, String what, String expected, String actual,
			boolean link) {
		if (expected == null) {
			return;
		}
		counts[1]++;
		boolean same;
		if (link) {
			same = java.util.Objects.equals(LinkNormalizer.canonical(expected), LinkNormalizer.canonical(actual));
		}
		else {
			String a = collapse(actual);
			same = collapse(expected).equals(a) || collapse(HtmlText.toText(expected)).equals(a);
		}
		if (same) {
			counts[0]++;
		}
		else {
			diffs.add(what + ": expected [" + expected + "] got [" + actual + "]");
		}
	}

	private static void compareExpect(byte[] body, ParsedFeed feed, int[] counts, int[] descriptions, List<String> diffs,
			String name) {
		String head = new String(body, 0, Math.min(body.length, 8192), StandardCharsets.UTF_8);
		if (head.indexOf('\0') >= 0) {
			head = asciiHead(body);
		}
		Matcher expect = EXPECT.matcher(head);
		if (!expect.find()) {
			return;
		}
		for (String clause : expect.group(1).split("\\s+and\\s+")) {
			String c = clause.strip();
			Matcher length = LENGTH.matcher(c);
			if (length.matches()) {
				counts[1]++;
				if (feed.items().size() == Integer.parseInt(length.group(1))) {
					counts[0]++;
				}
				else {
					diffs.add(name + " len(entries): expected " + length.group(1) + " got " + feed.items().size());
				}
				continue;
			}
			Matcher m = CLAUSE.matcher(c);
			if (!m.matches()) {
				continue;
			}
			String field = (m.group(3) != null) ? m.group(3) : m.group(4);
			String expected = python(m.group(5));
			String actual;
			if (m.group(1).equals("feed")) {
				if (!field.equals("title") && !field.equals("link")) {
					continue; // the feed's id is not kept
				}
				actual = field.equals("title") ? feed.title() : feed.link();
			}
			else {
				int index = Integer.parseInt(m.group(2));
				if (index >= feed.items().size()) {
					counts[1]++;
					diffs.add(name + " " + c + ": no entry " + index);
					continue;
				}
				FeedItem item = feed.items().get(index);
				actual = switch (field) {
					case "title" -> item.title();
					case "link" -> item.link();
					case "id", "guid" -> item.guid();
					case "description", "summary" -> item.description();
					default -> null;
				};
			}
			if (actual == null && !field.matches("title|link|id|guid|description|summary")) {
				continue;
			}
			int[] target = field.matches("description|summary") ? descriptions : counts;
			compare(target, diffs, name + " " + m.group(1) + "." + field, expected, actual, field.equals("link"));
		}
	}

	/** Decodes a Python string literal. */
	static String python(String literal) {
		String s = literal.substring(1, literal.length() - 1);
		StringBuilder out = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c != '\\' || i + 1 >= s.length()) {
				out.append(c);
				continue;
			}
			char e = s.charAt(++i);
			switch (e) {
				case 'n' -> out.append('\n');
				case 't' -> out.append('\t');
				case 'r' -> out.append('\r');
				case 'x' -> {
					out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
					i += 2;
				}
				case 'u' -> {
					out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
					i += 4;
				}
				case 'U' -> {
					out.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 9), 16));
					i += 8;
				}
				default -> out.append(e);
			}
		}
		return out.toString();
	}

	private static String text(JsonNode node) {
		return (node == null || node.isNull() || node.isContainer()) ? null : node.asString();
	}

	private static String collapse(String text) {
		return (text == null) ? "" : text.replace('\u00a0', ' ').strip().replaceAll("\\s+", " ");
	}

	private static String reason(String failure) {
		String reason = failure.replaceAll("\\d+", "N");
		int colon = reason.indexOf(':');
		if (reason.startsWith("not well-formed XML: ") || reason.startsWith("unreadable feed: ")) {
			int second = reason.indexOf(':', colon + 1);
			String rest = reason.substring(colon + 2);
			rest = rest.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("'[^']*'", "'…'");
			return reason.substring(0, colon) + ": " + ((rest.length() > 90) ? rest.substring(0, 90) : rest);
		}
		if (reason.startsWith("not an RSS")) {
			return "not an RSS, Atom or JSON feed";
		}
		return (colon > 0) ? reason.substring(0, colon) : reason;
	}

	private static java.util.concurrent.ThreadFactory daemon() {
		return (runnable) -> {
			Thread thread = new Thread(runnable, "corpus-parse");
			thread.setDaemon(true);
			return thread;
		};
	}

	private record Timing(String name, long nanos) {
	}

}
