package policywatch.console;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import policywatch.ingest.FeedActivity;
import policywatch.ingest.FeedParking;
import policywatch.ingest.FeedPollStatus;
import policywatch.ingest.FeedPollStatusView;

/**
 * {@code /console/feeds}: every configured feed with its health, last poll, last new entry, error
 * and new entries per day over 14 days; sortable; a parked feed can be un-parked.
 */
@Controller
final class FeedsPage {

	static final int DAYS = 14;

	private final FeedPollStatusView status;

	private final FeedActivity activity;

	private final FeedParking parking;

	private final ConsoleTime time;

	FeedsPage(FeedPollStatusView status, FeedActivity activity, FeedParking parking, ConsoleTime time) {
		this.status = status;
		this.activity = activity;
		this.parking = parking;
		this.time = time;
	}

	@GetMapping("/console/feeds")
	String feeds(@RequestParam(name = "sort", defaultValue = "name") String sort, Model model) {
		LocalDate today = LocalDate.ofInstant(this.time.now(), this.time.zone());
		LocalDate firstDay = today.minusDays(DAYS - 1);
		Map<String, int[]> perDay = this.activity.newEntriesPerDay(firstDay, DAYS, this.time.zone());
		Map<String, Instant> lastEntry = this.activity.lastNewEntry();
		Sort order = Sort.of(sort);
		List<FeedRow> rows = this.status.feeds()
			.stream()
			.filter(FeedPollStatus::enabled)
			.map((feed) -> row(feed, perDay.getOrDefault(feed.id(), new int[DAYS]), lastEntry.get(feed.id()), firstDay))
			.sorted(order.comparator)
			.toList();
		model.addAttribute("feeds", rows);
		model.addAttribute("sort", order.name);
		model.addAttribute("parked", rows.stream().filter(FeedRow::parked).count());
		model.addAttribute("backingOff", rows.stream().filter((row) -> Health.BACKING_OFF.text.equals(row.health())).count());
		return "console/feeds";
	}

	@PostMapping("/console/feeds/{id}/unpark")
	String unpark(@PathVariable("id") String id, Principal principal, RedirectAttributes redirect) {
		boolean done = this.parking.unpark(id, "console:" + principal.getName());
		redirect.addFlashAttribute("message", done ? "Feed " + id + " is polled again now."
				: "Feed " + id + " was not parked (or is no longer configured); nothing was changed.");
		return "redirect:/console/feeds";
	}

	private FeedRow row(FeedPollStatus feed, int[] counts, Instant lastEntry, LocalDate firstDay) {
		Health health = Health.of(feed);
		return new FeedRow(feed.id(), feed.name(), health.text, health.rank, this.time.ago(feed.lastPollAt()),
				this.time.full(feed.lastPollAt()), feed.lastPollAt(), this.time.ago(lastEntry), this.time.full(lastEntry),
				lastEntry, feed.lastError(), feed.consecutiveFailures(), Sparkline.of(counts, firstDay),
				feed.parked());
	}

	enum Health {

		OK("ok", 2), BACKING_OFF("backing off", 1), PARKED("parked", 0);

		final String text;

		final int rank;

		Health(String text, int rank) {
			this.text = text;
			this.rank = rank;
		}

		static Health of(FeedPollStatus feed) {
			if (feed.parked()) {
				return PARKED;
			}
			return feed.healthy() ? OK : BACKING_OFF;
		}

	}

	/**
	 * The orders the column headers offer, trouble first: name A to Z, health worst first, last poll
	 * and last new entry oldest first (never first of all).
	 */
	enum Sort {

		NAME("name", Comparator.comparing((FeedRow row) -> row.name().toLowerCase(java.util.Locale.ROOT))),
		HEALTH("health", Comparator.comparingInt(FeedRow::healthRank)),
		LAST_POLL("last-poll", Comparator.comparing(FeedRow::lastPollAt, Comparator.nullsFirst(Comparator.naturalOrder()))),
		LAST_ENTRY("last-entry",
				Comparator.comparing(FeedRow::lastEntryAt, Comparator.nullsFirst(Comparator.naturalOrder())));

		final String name;

		final Comparator<FeedRow> comparator;

		Sort(String name, Comparator<FeedRow> comparator) {
			this.name = name;
			this.comparator = comparator.thenComparing(FeedRow::id);
		}

		static Sort of(String name) {
			for (Sort sort : values()) {
				if (sort.name.equals(name)) {
					return sort;
				}
			}
			return NAME;
		}

	}

	/**
	 * One feed as the table shows it.
	 */
	record FeedRow(String id, String name, String health, int healthRank, String lastPoll, String lastPollFull,
			Instant lastPollAt, String lastEntry, String lastEntryFull, Instant lastEntryAt, String error, int failures,
			Sparkline chart, boolean parked) {
	}

}
