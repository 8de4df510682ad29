package policywatch.ingest.check;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import policywatch.ingest.fetch.FetchProperties;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.fetch.HttpFetcher;
import policywatch.ingest.parse.FeedItem;
import policywatch.query.Query;
import policywatch.query.QueryParseException;

/**
 * {@code check <url-or-file>... [--query Q]... [--queries-file F] [--full-text] [--json] [--near-duplicates]}: the
 * admin's feed tester. Runs the service's fetch, parse (and with {@code --full-text} extraction)
 * and matching code on each input, without the bot or the scheduler, and prints the feed title
 * and its entries (title, link, id, date, matching queries). With {@code --json} prints one JSON
 * object per entry per line, and {@code {"input":…,"error":…}} for an input that cannot be used.
 * With {@code --near-duplicates} it then lists which entries (across all inputs) the service would fold
 * into one story ({@link NearDuplicateReport}).
 * Private addresses are fetched only with {@code --policywatch.fetch.allow-private-networks=true},
 * the system property of that name or {@code POLICYWATCH_FETCH_ALLOW_PRIVATE_NETWORKS=true}.
 * Exit status 0 when every input was read, 2 otherwise; errors are one line, never a stack trace.
 */
public final class CheckCommand {

	static final String ALLOW_PRIVATE = "policywatch.fetch.allow-private-networks";

	static final String ALLOW_PRIVATE_ENV = "POLICYWATCH_FETCH_ALLOW_PRIVATE_NETWORKS";

	private static final String USAGE = "usage: check <url-or-file>... [--query Q]... [--queries-file F] "
			+ "[--full-text] [--json] [--near-duplicates] [--" + ALLOW_PRIVATE + "=true]";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CheckCommand() {
	}

	/**
	 * Runs the command.
	 * @param args the arguments after {@code check}
	 * @param out where the listing or JSON lines go
	 * @param err where one-line errors go
	 * @return 0 when every input was read, 2 otherwise (also for bad arguments)
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		return run(args, out, err, System.getenv(), System.getProperties()::getProperty, HttpFetcher::new);
	}

	static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env,
			Function<String, String> systemProperties, Function<FetchProperties, Fetcher> fetchers) {
		Options options;
		try {
			options = Options.parse(args, env, systemProperties);
		}
		catch (IllegalArgumentException ex) {
			err.println("check: " + ex.getMessage() + "; " + USAGE);
			return 2;
		}
		Map<String, Query> queries = new LinkedHashMap<>();
		for (String text : options.queries()) {
			try {
				queries.put(text, Query.parse(text));
			}
			catch (QueryParseException ex) {
				err.println("check: invalid query \"" + text + "\": " + oneLine(ex.getMessage()));
				return 2;
			}
		}
		FeedChecker checker = new FeedChecker(
				() -> fetchers.apply(new FetchProperties(options.allowPrivateNetworks())), queries,
				options.fullText());
		boolean failed = false;
		List<FeedChecker.Result> results = new ArrayList<>();
		for (String input : options.inputs()) {
			FeedChecker.Result result = checker.check(input);
			if (options.nearDuplicates()) {
				results.add(result);
			}
			if (result.error() != null) {
				failed = true;
			}
			if (options.json()) {
				printJson(out, err, result);
			}
			else {
				printText(out, err, result);
			}
			out.flush();
		}
		if (options.nearDuplicates()) {
			NearDuplicateReport.print(results, options.json(), out, err);
			out.flush();
		}
		return failed ? 2 : 0;
	}

	private static void printText(PrintStream out, PrintStream err, FeedChecker.Result result) {
		if (result.error() != null) {
			err.println("check: " + result.input() + ": " + result.error());
			return;
		}
		out.println("==> " + result.input());
		out.println("Feed: " + (result.feed().title().isEmpty() ? "(no title)" : result.feed().title())
				+ ((result.feed().link() != null) ? " <" + result.feed().link() + ">" : "") + ", "
				+ result.feed().items().size() + " entries");
		for (int i = 0; i < result.entries().size(); i++) {
			FeedChecker.Entry entry = result.entries().get(i);
			FeedItem item = entry.item();
			out.println("- " + (item.title().isEmpty() ? "(no title)" : item.title()));
			out.println("    link: " + ((item.link() != null) ? item.link() : "-"));
			out.println("    id:   " + item.key());
			out.println("    date: " + ((item.published() != null) ? item.published() : "-"));
			if (entry.fullTextError() != null) {
				out.println("    full text: " + entry.fullTextError());
			}
			else if (entry.fullText() != null) {
				out.println("    full text: " + entry.fullText().length() + " characters");
			}
			if (!entry.matches().isEmpty() || result.queryCount() > 0) {
				out.println("    matches: " + (entry.matches().isEmpty() ? "-" : String.join(" | ", entry.matches())));
			}
		}
		out.println();
	}

	private static void printJson(PrintStream out, PrintStream err, FeedChecker.Result result) {
		List<Map<String, Object>> lines = new ArrayList<>();
		if (result.error() != null) {
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("input", result.input());
			line.put("error", result.error());
			lines.add(line);
		}
		else if (result.entries().isEmpty()) {
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("input", result.input());
			line.put("feed", result.feed().title());
			line.put("entries", 0);
			lines.add(line);
		}
		else {
			for (FeedChecker.Entry entry : result.entries()) {
				FeedItem item = entry.item();
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("input", result.input());
				line.put("feed", result.feed().title());
				line.put("title", item.title());
				line.put("link", item.link());
				line.put("id", item.key());
				line.put("published", (item.published() != null) ? item.published().toString() : null);
				line.put("matches", entry.matches());
				if (entry.fullText() != null) {
					line.put("fullTextLength", entry.fullText().length());
				}
				if (entry.fullTextError() != null) {
					line.put("fullTextError", entry.fullTextError());
				}
				lines.add(line);
			}
		}
		for (Map<String, Object> line : lines) {
			try {
				out.println(JSON.writeValueAsString(line));
			}
			catch (JacksonException ex) {
				err.println("check: cannot write JSON: " + oneLine(ex.getOriginalMessage()));
			}
		}
	}

	static String oneLine(String text) {
		return policywatch.text.Texts.oneLine(text, 300);
	}

	/**
	 * The parsed command line.
	 */
	record Options(List<String> inputs, List<String> queries, boolean fullText, boolean json,
			boolean allowPrivateNetworks, boolean nearDuplicates) {

		Options(List<String> inputs, List<String> queries, boolean fullText, boolean json, boolean allowPrivateNetworks) {
			this(inputs, queries, fullText, json, allowPrivateNetworks, false);
		}

		static Options parse(List<String> args, Map<String, String> env, Function<String, String> systemProperties) {
			List<String> inputs = new ArrayList<>();
			List<String> queries = new ArrayList<>();
			boolean fullText = false;
			boolean json = false;
			boolean nearDuplicates = false;
			Boolean allowPrivate = null;
			for (int i = 0; i < args.size(); i++) {
				String arg = args.get(i);
				if (arg.equals("--json")) {
					json = true;
				}
				else if (arg.equals("--full-text")) {
					fullText = true;
				}
				else if (arg.equals("--near-duplicates")) {
					nearDuplicates = true;
				}
				else if (arg.equals("--query") || arg.startsWith("--query=")) {
					queries.add(value(args, i, "--query"));
					i += arg.contains("=") ? 0 : 1;
				}
				else if (arg.equals("--queries-file") || arg.startsWith("--queries-file=")) {
					String file = value(args, i, "--queries-file");
					i += arg.contains("=") ? 0 : 1;
					queries.addAll(readQueries(file));
				}
				else if (arg.equals("--" + ALLOW_PRIVATE)) {
					allowPrivate = true;
				}
				else if (arg.startsWith("--" + ALLOW_PRIVATE + "=")) {
					allowPrivate = Boolean.parseBoolean(arg.substring(ALLOW_PRIVATE.length() + 3).strip());
				}
				else if (arg.startsWith("--policywatch.")) {
					// other application properties do not concern this command
				}
				else if (arg.startsWith("--")) {
					throw new IllegalArgumentException("unknown option " + arg);
				}
				else {
					inputs.add(arg);
				}
			}
			if (inputs.isEmpty()) {
				throw new IllegalArgumentException("no input");
			}
			if (allowPrivate == null) {
				String value = systemProperties.apply(ALLOW_PRIVATE);
				if (value == null) {
					value = env.get(ALLOW_PRIVATE_ENV);
				}
				allowPrivate = value != null && Boolean.parseBoolean(value.strip());
			}
			return new Options(List.copyOf(inputs), List.copyOf(queries), fullText, json, allowPrivate, nearDuplicates);
		}

		private static String value(List<String> args, int i, String option) {
			String arg = args.get(i);
			if (arg.startsWith(option + "=")) {
				return arg.substring(option.length() + 1);
			}
			if (i + 1 >= args.size()) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			return args.get(i + 1);
		}

		private static List<String> readQueries(String file) {
			try {
				List<String> queries = new ArrayList<>();
				for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
					String query = line.strip();
					if (!query.isEmpty() && !query.startsWith("#")) {
						queries.add(query);
					}
				}
				return queries;
			}
			catch (NoSuchFileException ex) {
				throw new IllegalArgumentException("queries file " + file + ": no such file");
			}
			catch (IOException | InvalidPathException ex) {
				throw new IllegalArgumentException("queries file " + file + ": " + oneLine(ex.getMessage()));
			}
		}

	}

}
