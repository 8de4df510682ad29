package policywatch.console;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import policywatch.delivery.DeliveryHistory;
import policywatch.delivery.DeliveryHistory.HourCounts;
import policywatch.delivery.DeliveryStats;
import policywatch.delivery.DeliveryStats.WaitingChat;

/**
 * {@code /console/alerts}: alerts sent, failed and held and Telegram's 429s per hour over the last
 * 7 days (a chart drawn from the table, which is shown as it is without JavaScript), the outbox
 * backlog now and the chat that has waited longest (its id masked).
 */
@Controller
final class AlertsPage {

	static final int HOURS = 7 * 24;

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00");

	private final DeliveryHistory history;

	private final DeliveryStats stats;

	private final ConsoleTime time;

	AlertsPage(DeliveryHistory history, DeliveryStats stats, ConsoleTime time) {
		this.history = history;
		this.stats = stats;
		this.time = time;
	}

	@GetMapping("/console/alerts")
	String alerts(Model model) {
		List<HourCounts> hours = this.history.lastHours(HOURS);
		long sent = 0;
		long failed = 0;
		long held = 0;
		long rateLimited = 0;
		List<HourRow> rows = new ArrayList<>(hours.size());
		for (HourCounts hour : hours) {
			sent += hour.sent();
			failed += hour.failed();
			held += hour.held();
			rateLimited += hour.rateLimited();
			rows.add(new HourRow(hour.hour().getEpochSecond(), HOUR.format(hour.hour().atZone(this.time.zone())),
					hour.sent(), hour.failed(), hour.held(), hour.rateLimited()));
		}
		java.util.Collections.reverse(rows);
		model.addAttribute("hours", rows);
		model.addAttribute("sent", sent);
		model.addAttribute("failed", failed);
		model.addAttribute("held", held);
		model.addAttribute("rateLimited", rateLimited);
		model.addAttribute("zone", this.time.zone().getId());
		model.addAttribute("backlog", this.stats.pending());
		model.addAttribute("waitingChats", this.stats.waitingChats());
		Optional<WaitingChat> longest = this.stats.longestWaiting();
		model.addAttribute("longestWait", longest.map(this::describe).orElse(null));
		return "console/alerts";
	}

	private String describe(WaitingChat chat) {
		return "chat " + mask(chat.chatId()) + ": " + chat.pending() + " pending, the oldest planned "
				+ this.time.ago(chat.since()) + " (" + this.time.full(chat.since()) + ")";
	}

	/**
	 * @return a chat id with all but its last three digits hidden: {@code -100…123}
	 */
	static String mask(long chatId) {
		String digits = Long.toString(Math.abs(chatId));
		String tail = (digits.length() > 3) ? digits.substring(digits.length() - 3) : digits;
		return ((chatId < 0) ? "-" : "") + "…" + tail;
	}

	/**
	 * One hour of the table.
	 *
	 * @param epoch the hour's start, seconds since the epoch (for the chart)
	 * @param label the hour's start as the admin reads it
	 * @param sent alerts sent
	 * @param failed alerts given up on
	 * @param held matches held for digests or quiet hours
	 * @param rateLimited 429 answers
	 */
	record HourRow(long epoch, String label, long sent, long failed, long held, long rateLimited) {
	}

}
