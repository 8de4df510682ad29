package policywatch.admin;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import policywatch.source.ConfigProblem;
import policywatch.source.ConfigReloader;
import policywatch.source.ReloadResult;
import policywatch.source.ReloadTrigger;

/**
 * What the admin commands do. The chat layer checks that the sender is an admin before calling
 * any of these. Replies are plain text that fits one Telegram message, for the chat layer to
 * escape; {@link #testFeed} sends its result itself.
 */
@Service
public class AdminConsole {

	private static final Logger logger = LoggerFactory.getLogger(AdminConsole.class);

	private final StatsReport stats;

	private final FeedsReport feeds;

	private final ConfigReloader reloader;

	private final FeedTester tester;

	private final AdminTexts texts;

	AdminConsole(StatsReport stats, FeedsReport feeds, ConfigReloader reloader, FeedTester tester,
			MessageSource messages) {
		this.texts = new AdminTexts(messages);
		this.stats = stats;
		this.feeds = feeds;
		this.reloader = reloader;
		this.tester = tester;
	}

	/**
	 * {@code /stats}: feeds healthy and failing, subscribers, subscriptions, alerts sent today and
	 * in total, outbox backlog.
	 */
	public String stats() {
		return stats(Locale.ENGLISH);
	}

	/**
	 * {@code /stats} in the admin's language.
	 */
	public String stats(Locale locale) {
		return this.stats.render(locale);
	}

	/**
	 * {@code /feeds}: each feed's health.
	 */
	public String feeds() {
		return feeds(Locale.ENGLISH);
	}

	/**
	 * {@code /feeds} in the admin's language.
	 */
	public String feeds(Locale locale) {
		return this.feeds.render(locale);
	}

	/**
	 * {@code /reload}: re-reads feeds.yml and subscriptions.yml; with problems nothing changes.
	 * Parked feeds are tried again.
	 * @param adminId who asked (for the log)
	 */
	public String reload(long adminId) {
		return reload(adminId, Locale.ENGLISH);
	}

	/**
	 * {@code /reload}, answered in the admin's language (the configuration's own problems stay as they are).
	 */
	public String reload(long adminId, Locale locale) {
		AdminTexts texts = this.texts;
		logger.info("Reload requested admin={}", adminId);
		ReloadResult result;
		try {
			result = this.reloader.reload(ReloadTrigger.COMMAND);
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to apply config reason={}", ex.toString());
			return texts.get(locale, "bot.admin.report.reloadFailed", ReplyFitter.oneLine(ex.getMessage(), 300));
		}
		if (result instanceof ReloadResult.Applied applied) {
			return texts.get(locale, "bot.admin.report.reloaded", applied.changes().describe());
		}
		List<ConfigProblem> problems = ((ReloadResult.Rejected) result).problems();
		List<String> lines = problems.stream().map((problem) -> ReplyFitter.oneLine(problem.toString(), 300)).toList();
		return ReplyFitter.fit(texts.get(locale, (problems.size() == 1) ? "bot.admin.report.notReloadedOne"
				: "bot.admin.report.notReloaded", problems.size()) + "\n\n", lines, "", ReplyFitter.MAX_CHARS,
				(n) -> StatsReport.more(texts, locale, n));
	}

	/**
	 * {@code /testfeed <url> [query]}: answers at once; the entries and matches follow as a
	 * second message to the chat.
	 * @param chatId where the result goes
	 * @param argument {@code <url> [query]}
	 * @return the immediate reply
	 */
	public String testFeed(long chatId, String argument) {
		return testFeed(chatId, argument, Locale.ENGLISH);
	}

	/**
	 * {@code /testfeed} answered (now and when the result follows) in the admin's language.
	 */
	public String testFeed(long chatId, String argument, Locale locale) {
		return this.tester.start(chatId, argument, locale);
	}

}
