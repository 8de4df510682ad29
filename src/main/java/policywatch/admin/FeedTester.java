package policywatch.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
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

	private final AdminTexts texts;

	FeedTester(AlertSender sender, FeedTrials trials,
			@Qualifier(FeedTesterConfiguration.EXECUTOR) TaskExecutor executor, MessageSource messages) {
		this.texts = new AdminTexts(messages);
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
		return start(chatId, argument, Locale.ENGLISH);
	}

	/**
	 * Like {@link #start(long, String)}, answered in the admin's language.
	 */
	String start(long chatId, String argument, Locale locale) {
		AdminTexts texts = this.texts;
		String text = (argument != null) ? argument.strip() : "";
		int space = text.indexOf(' ');
		String url = (space < 0) ? text : text.substring(0, space);
		String query = (space < 0) ? "" : text.substring(space + 1).strip();
		if (url.isEmpty()) {
			return texts.get(locale, "bot.admin.report.testfeedUsage");
		}
		String lower = url.toLowerCase(Locale.ROOT);
		if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
			return texts.get(locale, "bot.admin.report.testfeedNotUrl", ReplyFitter.oneLine(url, 200));
		}
		if (!query.isEmpty()) {
			try {
				Query.parse(query);
			}
			catch (QueryParseException ex) {
				return texts.get(locale, "bot.admin.report.testfeedBadQuery", ex.getMessage());
			}
		}
		try {
			this.executor.execute(() -> run(chatId, url, query, locale));
		}
		catch (RejectedExecutionException ex) {
			return texts.get(locale, "bot.admin.report.testfeedBusy");
		}
		return query.isEmpty() ? texts.get(locale, "bot.admin.report.testing", url)
				: texts.get(locale, "bot.admin.report.testingQuery", url, query);
	}

	private void run(long chatId, String url, String query, Locale locale) {
		String html;
		try {
			html = test(url, query, locale);
		}
		catch (RuntimeException ex) {
			html = this.texts.get(locale, "bot.admin.testfeed.failed", ReplyFitter.escape(url),
					ReplyFitter.escape(ReplyFitter.oneLine(ex.toString(), 300)));
		}
		logger.info("Tested feed chat={} url={} query=\"{}\"", chatId, url, query);
		this.sender.sendHtml(chatId, html);
	}

	/**
	 * Reads the feed and renders the result as Telegram HTML.
	 */
	String test(String url, String query) {
		return test(url, query, Locale.ENGLISH);
	}

	/**
	 * Like {@link #test(String, String)} in the admin's language (the feed's own texts stay as they are).
	 */
	String test(String url, String query, Locale locale) {
		AdminTexts texts = this.texts;
		String title = texts.get(locale, "bot.admin.testfeed.title", ReplyFitter.escape(url)) + "\n";
		Query parsed;
		try {
			parsed = query.isEmpty() ? null : Query.parse(query);
		}
		catch (QueryParseException ex) {
			return title + texts.get(locale, "bot.admin.testfeed.badQuery",
					ReplyFitter.escape(ReplyFitter.oneLine(ex.getMessage(), 500)));
		}
		FeedTrials.Trial trial = this.trials.run(url, parsed);
		if (trial.error() != null) {
			return title + texts.get(locale, "bot.admin.testfeed.unreadable",
					ReplyFitter.escape(ReplyFitter.oneLine(trial.error(), 500)));
		}
		String feedTitle = trial.feedTitle();
		String noTitle = texts.get(locale, "bot.admin.testfeed.noTitle");
		List<FeedTrials.TrialEntry> entries = trial.entries();
		if (entries.isEmpty()) {
			return title + texts.get(locale, "bot.admin.testfeed.empty",
					ReplyFitter.escape(feedTitle.isEmpty() ? noTitle : feedTitle));
		}
		StringBuilder header = new StringBuilder(title)
			.append(texts.get(locale, (entries.size() == 1) ? "bot.admin.testfeed.feedOne" : "bot.admin.testfeed.feed",
					ReplyFitter.escape(feedTitle.isEmpty() ? noTitle : ReplyFitter.oneLine(feedTitle, 200)),
					entries.size()))
			.append('\n');
		List<FeedTrials.TrialEntry> shown = entries;
		String latest = "\n" + texts.get(locale, "bot.admin.testfeed.latest") + "\n";
		if (!query.isEmpty()) {
			List<FeedTrials.TrialEntry> matching = entries.stream().filter(FeedTrials.TrialEntry::matches).toList();
			header.append(texts.get(locale, "bot.admin.testfeed.matches", ReplyFitter.escape(query), matching.size()))
				.append('\n');
			if (!matching.isEmpty()) {
				shown = matching;
				header.append('\n').append(texts.get(locale, "bot.admin.testfeed.matching")).append('\n');
			}
			else {
				header.append(latest);
			}
		}
		else {
			header.append(latest);
		}
		List<String> items = new ArrayList<>();
		for (FeedTrials.TrialEntry entry : shown.subList(0, Math.min(SHOWN, shown.size()))) {
			items.add(entry(entry, noTitle));
		}
		int hidden = shown.size() - Math.min(SHOWN, shown.size());
		String footer = (hidden > 0) ? texts.get(locale, "bot.admin.report.more", hidden) : "";
		return ReplyFitter.fit(header.toString(), items, footer, ReplyFitter.MAX_CHARS,
				(n) -> StatsReport.more(texts, locale, n));
	}

	private static String entry(FeedTrials.TrialEntry entry, String noTitle) {
		String entryTitle = entry.title();
		StringBuilder item = new StringBuilder("• <b>")
			.append(ReplyFitter.escape(entryTitle.isEmpty() ? noTitle : ReplyFitter.oneLine(entryTitle, 200)))
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
