package policywatch.ingest.extract;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;


import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import policywatch.ingest.fetch.FetchException;
import policywatch.ingest.fetch.FetchProperties;
import policywatch.ingest.fetch.FetchRequest;
import policywatch.ingest.fetch.FetchResponse;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.fetch.HttpFetcher;
import policywatch.ingest.fetch.LocalFiles;

/**
 * {@code extract <url-or-file>... [--json]}: prints the main text of each page. With {@code --json}
 * prints one object {@code {"<name>": {"articleBody": "…"}}} for all inputs, where the name is the
 * file name without its extension, or the URL (the benchmark's ground-truth shape). URLs are
 * fetched with the application's fetcher; private addresses only with
 * {@code --policywatch.fetch.allow-private-networks=true} or the environment variable
 * {@code POLICYWATCH_FETCH_ALLOW_PRIVATE_NETWORKS=true}. Exit status 0 when every input was read,
 * 2 otherwise; errors are one line each on the error stream.
 */
public final class ExtractCommand {

	/** The largest file read: the page body cap. */
	private static final long MAX_FILE_BYTES = FetchProperties.defaults().maxBytes(FetchRequest.Kind.PAGE);

	private static final String ALLOW_PRIVATE = "--policywatch.fetch.allow-private-networks";

	private static final String ALLOW_PRIVATE_ENV = "POLICYWATCH_FETCH_ALLOW_PRIVATE_NETWORKS";

	private static final String USAGE = "usage: extract <url-or-file>... [--json] [" + ALLOW_PRIVATE + "=true]";

	private ExtractCommand() {
	}

	/**
	 * Runs the command.
	 * @param args the arguments after {@code extract}
	 * @param out where the text or JSON goes
	 * @param err where one-line errors go
	 * @return the exit status: 0 when all inputs were read, 2 otherwise
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		return run(args, out, err, System.getenv(), HttpFetcher::new);
	}

	static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env,
			Function<FetchProperties, Fetcher> fetchers) {
		boolean json = false;
		Boolean allowPrivate = null;
		List<String> inputs = new ArrayList<>();
		for (String arg : args) {
			if (arg.equals("--json")) {
				json = true;
			}
			else if (arg.equals(ALLOW_PRIVATE)) {
				allowPrivate = true;
			}
			else if (arg.startsWith(ALLOW_PRIVATE + "=")) {
				allowPrivate = Boolean.parseBoolean(arg.substring(ALLOW_PRIVATE.length() + 1).strip());
			}
			else if (arg.startsWith("--policywatch.")) {
				// other application properties do not concern this command
			}
			else if (arg.startsWith("--")) {
				err.println("extract: unknown option " + arg + "; " + USAGE);
				return 2;
			}
			else {
				inputs.add(arg);
			}
		}
		if (inputs.isEmpty()) {
			err.println("extract: no input; " + USAGE);
			return 2;
		}
		if (allowPrivate == null) {
			String value = env.get(ALLOW_PRIVATE_ENV);
			allowPrivate = value != null && Boolean.parseBoolean(value.strip());
		}
		Fetcher http = null;
		ArticleExtractor extractor = new ArticleExtractor();
		Map<String, Map<String, String>> results = new LinkedHashMap<>();
		boolean failed = false;
		boolean first = true;
		for (String input : inputs) {
			boolean url = LocalFiles.isUrl(input);
			String name = url ? input : nameOf(input);
			try {
				Article article;
				if (url) {
					if (http == null) {
						http = fetchers.apply(new FetchProperties(allowPrivate));
					}
					article = fetchAndExtract(http, extractor, input);
				}
				else {
					article = readAndExtract(extractor, input);
				}
				if (json) {
					results.put(name, Map.of("articleBody", article.text()));
				}
				else {
					if (inputs.size() > 1) {
						if (!first) {
							out.println();
						}
						out.println("==> " + name + " <==");
					}
					out.println(article.text());
					first = false;
				}
			}
			catch (Exception ex) {
				failed = true;
				err.println("extract: " + input + ": " + oneLine(ex));
			}
		}
		if (json) {
			try {
				out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
			}
			catch (JacksonException ex) {
				err.println("extract: cannot write JSON: " + oneLine(ex));
				return 2;
			}
		}
		out.flush();
		return failed ? 2 : 0;
	}

	private static Article fetchAndExtract(Fetcher fetcher, ArticleExtractor extractor, String input)
			throws FetchException, UnsupportedContentException {
		URI uri;
		try {
			uri = URI.create(input);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a valid URL");
		}
		FetchResponse response = fetcher.fetch(FetchRequest.page(uri));
		URI finalUri = (response.finalUri() != null) ? response.finalUri() : uri;
		return extractor.extract(response.body(), response.contentType(), finalUri);
	}

	private static Article readAndExtract(ArticleExtractor extractor, String input)
			throws IOException, UnsupportedContentException {
		byte[] body = LocalFiles.read(input, MAX_FILE_BYTES);
		Path path = LocalFiles.path(input);
		String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
		String contentType = (lower.endsWith(".pdf")) ? "application/pdf" : null;
		return extractor.extract(body, contentType, path.toAbsolutePath().toUri());
	}

	static String nameOf(String input) {
		String file = input;
		int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
		if (slash >= 0) {
			file = file.substring(slash + 1);
		}
		int dot = file.lastIndexOf('.');
		return (dot > 0) ? file.substring(0, dot) : file;
	}

	private static String oneLine(Throwable ex) {
		String message = ex.getMessage();
		if (message == null || message.isBlank()) {
			message = ex.getClass().getSimpleName();
		}
		return HtmlText.paragraphs(message, Integer.MAX_VALUE);
	}

}
