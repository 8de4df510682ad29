package policywatch.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

import policywatch.delivery.AlertSender;
import policywatch.ingest.FeedTrials;
import policywatch.query.Query;
import policywatch.query.QueryParseException;

/**
 * The admin's {@code /testfeed <url> [query]}: reads a feed the way the service does (the
 * application's fetcher with its user agent, timeouts, size caps and address guard, and the same
 * parser and matcher) and sends back its latest entries and which of them the query would match,
 * without subscribing anyone. Runs in the background on a bounded Spring executor: the command
 * answers at once and the result follows as a second message.
 */
@Component
class FeedTester {

	private static final Logger logger = LoggerFactory.getLogger(FeedTester.class);

	private static final int SHOWN = 10;

	private final AlertSender sender;

	private final FeedTrials trials;

	private final TaskExecutor executor;

	FeedTester(AlertSender sender, FeedTrials trials,
			@Qualifier(FeedTesterConfiguration.EXECUTOR) TaskExecutor executor) {
		this.sender = sender;
		this.trials = trials;
		this.executor = executor;
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
	 * Reads the feed and renders the result as Telegram HTML.
	 */
	String test(String url, String query) {
		String title = "<b>Test of</b> " + ReplyFitter.escape(url) + "\n";
		Query parsed;
		try {
			parsed = query.isEmpty() ? null : Query.parse(query);
		}
		catch (QueryParseException ex) {
			return title + "❌ The query does not parse: " + ReplyFitter.escape(ReplyFitter.oneLine(ex.getMessage(), 500));
		}
		FeedTrials.Trial trial = this.trials.run(url, parsed);
		if (trial.error() != null) {
			return title + "❌ Unable to read the feed: " + ReplyFitter.escape(ReplyFitter.oneLine(trial.error(), 500));
		}
		String feedTitle = trial.feedTitle();
		List<FeedTrials.TrialEntry> entries = trial.entries();
		if (entries.isEmpty()) {
			return title + "Feed: " + ReplyFitter.escape(feedTitle.isEmpty() ? "(no title)" : feedTitle)
					+ "\nThe feed has no entries.";
		}
		StringBuilder header = new StringBuilder(title).append("Feed: ")
			.append(ReplyFitter.escape(feedTitle.isEmpty() ? "(no title)" : ReplyFitter.oneLine(feedTitle, 200)))
			.append(", ").append(entries.size()).append(entries.size() == 1 ? " entry" : " entries").append('\n');
		List<FeedTrials.TrialEntry> shown = entries;
		if (!query.isEmpty()) {
			List<FeedTrials.TrialEntry> matching = entries.stream().filter(FeedTrials.TrialEntry::matches).toList();
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
		List<String> items = new ArrayList<>();
		for (FeedTrials.TrialEntry entry : shown.subList(0, Math.min(SHOWN, shown.size()))) {
			items.add(entry(entry));
		}
		int hidden = shown.size() - Math.min(SHOWN, shown.size());
		String footer = (hidden > 0) ? "… and " + hidden + " more" : "";
		return ReplyFitter.fit(header.toString(), items, footer, ReplyFitter.MAX_CHARS);
	}

	private static String entry(FeedTrials.TrialEntry entry) {
		String entryTitle = entry.title();
		StringBuilder item = new StringBuilder("• <b>")
			.append(ReplyFitter.escape(entryTitle.isEmpty() ? "(no title)" : ReplyFitter.oneLine(entryTitle, 200)))
			.append("</b>");
		if (entry.published() != null) {
			item.append(" · ").append(ReplyFitter.escape(entry.published().toString()));
		}
		if (entry.link() != null) {
			item.append("\n  ").append(ReplyFitter.escape(ReplyFitter.oneLine(entry.link(), 300)));
		}
		return item.toString();
	}

}
