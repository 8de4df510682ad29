package policywatch.admin;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	AdminConsole(StatsReport stats, FeedsReport feeds, ConfigReloader reloader, FeedTester tester) {
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
		return this.stats.render();
	}

	/**
	 * {@code /feeds}: each feed's health.
	 */
	public String feeds() {
		return this.feeds.render();
	}

	/**
	 * {@code /reload}: re-reads feeds.yml and subscriptions.yml; with problems nothing changes.
	 * Parked feeds are tried again.
	 * @param adminId who asked (for the log)
	 */
	public String reload(long adminId) {
		logger.info("Reload requested admin={}", adminId);
		ReloadResult result;
		try {
			result = this.reloader.reload(ReloadTrigger.COMMAND);
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to apply config reason={}", ex.toString());
			return "Reload failed while applying the configuration: " + ReplyFitter.oneLine(ex.getMessage(), 300)
					+ "\nSee the log; /reload tries again.";
		}
		if (result instanceof ReloadResult.Applied applied) {
			return "Reloaded: " + applied.changes().describe() + ".\nParked feeds are polled again.";
		}
		List<ConfigProblem> problems = ((ReloadResult.Rejected) result).problems();
		List<String> lines = problems.stream().map((problem) -> ReplyFitter.oneLine(problem.toString(), 300)).toList();
		return ReplyFitter.fit("Not reloaded: " + problems.size() + ((problems.size() == 1) ? " problem" : " problems")
				+ "; the previous configuration stays active.\n\n", lines, "", ReplyFitter.MAX_CHARS);
	}

	/**
	 * {@code /testfeed <url> [query]}: answers at once; the entries and matches follow as a
	 * second message to the chat.
	 * @param chatId where the result goes
	 * @param argument {@code <url> [query]}
	 * @return the immediate reply
	 */
	public String testFeed(long chatId, String argument) {
		return this.tester.start(chatId, argument);
	}

}
