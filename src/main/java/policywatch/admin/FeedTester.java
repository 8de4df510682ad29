package policywatch.admin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import policywatch.delivery.AlertSender;
import policywatch.ingest.check.CheckCommand;
import policywatch.query.Query;
import policywatch.query.QueryParseException;

/**
 * The admin's {@code /testfeed <url> [query]}: reads a feed the way the service does (through
 * the {@code check} tool, so the same fetcher, address guard and parser) and sends back its
 * latest entries and which of them the query would match, without subscribing anyone. Runs in
 * the background: the command answers at once and the result follows as a second message.
 */
@Component
class FeedTester implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(FeedTester.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final int SHOWN = 10;

	private final AlertSender sender;

	private final boolean allowPrivateNetworks;

	private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new LinkedBlockingQueue<>(5), (task) -> {
				Thread thread = new Thread(task, "feed-tester");
				thread.setDaemon(true);
				return thread;
			});

	FeedTester(AlertSender sender,
			@Value("${policywatch.fetch.allow-private-networks:false}") boolean allowPrivateNetworks) {
		this.sender = sender;
		this.allowPrivateNetworks = allowPrivateNetworks;
	}

	/**
	 * Checks the arguments and starts the test.
	 * @param chatId where the result goes
	 * @param argument {@code <url> [query]}
	 * @return the immediate reply, plain text
	 */
	String start(long chatId, String argument) {
		String text = (argument != null) ? argument.strip() : "";
		int space = text.indexOf(' ');
		String url = (space < 0) ? text : text.substring(0, space);
		String query = (space < 0) ? "" : text.substring(space + 1).strip();
		if (url.isEmpty()) {
			return "Usage: /testfeed <url> [query], e.g. /testfeed https://www.wto.org/library/rss/latest_news_e.xml tariffs";
		}
		String lower = url.toLowerCase(Locale.ROOT);
		if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
			return "Not tested: '" + ReplyFitter.oneLine(url, 200) + "' is not an http or https URL.";
		}
		if (!query.isEmpty()) {
			try {
				Query.parse(query);
			}
			catch (QueryParseException ex) {
				return "Not tested: the query does not parse: " + ex.getMessage();
			}
		}
		try {
			this.executor.execute(() -> run(chatId, url, query));
		}
		catch (RejectedExecutionException ex) {
			return "Busy testing other feeds; try again in a minute.";
		}
		return "Testing " + url + (query.isEmpty() ? "" : " with the query " + query) + " … the result follows.";
	}

	private void run(long chatId, String url, String query) {
		String html;
		try {
			html = test(url, query);
		}
		catch (RuntimeException ex) {
			html = "Testing " + ReplyFitter.escape(url) + " failed: " + ReplyFitter.escape(ReplyFitter.oneLine(ex.toString(), 300));
		}
		logger.info("Tested feed chat={} url={} query=\"{}\"", chatId, url, query);
		this.sender.sendHtml(chatId, html);
	}

	/**
	 * Runs the check and renders the result as Telegram HTML.
	 */
	String test(String url, String query) {
		List<String> args = new ArrayList<>(List.of(url, "--json",
				"--policywatch.fetch.allow-private-networks=" + this.allowPrivateNetworks));
		if (!query.isEmpty()) {
			args.add("--query");
			args.add(query);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
				PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			CheckCommand.run(args, outStream, errStream);
		}
		List<JsonNode> lines = new ArrayList<>();
		for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
			if (!line.isBlank()) {
				try {
					lines.add(JSON.readTree(line));
				}
				catch (Exception ex) {
					// not a JSON line: ignored
				}
			}
		}
		String title = "<b>Test of</b> " + ReplyFitter.escape(url) + "\n";
		if (lines.isEmpty() || lines.get(0).hasNonNull("error")) {
			String error = lines.isEmpty() ? err.toString(StandardCharsets.UTF_8).replaceFirst("^check: ", "")
					: lines.get(0).get("error").asText();
			return title + "❌ Unable to read the feed: " + ReplyFitter.escape(ReplyFitter.oneLine(error, 500));
		}
		JsonNode first = lines.get(0);
		String feedTitle = first.path("feed").asText("");
		if (first.has("entries") && !first.has("title")) {
			return title + "Feed: " + ReplyFitter.escape(feedTitle.isEmpty() ? "(no title)" : feedTitle)
					+ "\nThe feed has no entries.";
		}
		StringBuilder header = new StringBuilder(title).append("Feed: ")
			.append(ReplyFitter.escape(feedTitle.isEmpty() ? "(no title)" : ReplyFitter.oneLine(feedTitle, 200)))
			.append(", ").append(lines.size()).append(lines.size() == 1 ? " entry" : " entries").append('\n');
		List<String> items = new ArrayList<>();
		List<JsonNode> shown = lines;
		if (!query.isEmpty()) {
			List<JsonNode> matching = lines.stream().filter((line) -> line.path("matches").size() > 0).toList();
			header.append("Query <code>").append(ReplyFitter.escape(query)).append("</code> matches ").append(matching.size())
				.append(" of them (title and feed text; the service also reads each article's full text).\n");
			if (!matching.isEmpty()) {
				shown = matching;
				header.append("\nMatching entries:\n");
			}
			else {
				header.append("\nLatest entries:\n");
			}
		}
		else {
			header.append("\nLatest entries:\n");
		}
		for (JsonNode line : shown.subList(0, Math.min(SHOWN, shown.size()))) {
			items.add(entry(line));
		}
		int hidden = shown.size() - Math.min(SHOWN, shown.size());
		String footer = (hidden > 0) ? "… and " + hidden + " more" : "";
		return ReplyFitter.fit(header.toString(), items, footer, ReplyFitter.MAX_CHARS);
	}

	private static String entry(JsonNode line) {
		String entryTitle = line.path("title").asText("");
		StringBuilder item = new StringBuilder("• <b>")
			.append(ReplyFitter.escape(entryTitle.isEmpty() ? "(no title)" : ReplyFitter.oneLine(entryTitle, 200)))
			.append("</b>");
		if (line.hasNonNull("published")) {
			item.append(" · ").append(ReplyFitter.escape(line.get("published").asText()));
		}
		if (line.hasNonNull("link")) {
			item.append("\n  ").append(ReplyFitter.escape(ReplyFitter.oneLine(line.get("link").asText(), 300)));
		}
		return item.toString();
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
