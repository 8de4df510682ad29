package policywatch.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import policywatch.source.FeedCatalog;
import policywatch.subscription.Subscriptions;

/**
 * {@code /console/config}: the last reload, the feeds and admin-defined subscriptions in effect, and
 * only counts of the subscribers' own subscriptions.
 */
@Controller
final class ConfigPage {

	private final ReloadHistory reloads;

	private final FeedCatalog catalog;

	private final Subscriptions subscriptions;

	private final ConsoleTime time;

	ConfigPage(ReloadHistory reloads, FeedCatalog catalog, Subscriptions subscriptions, ConsoleTime time) {
		this.reloads = reloads;
		this.catalog = catalog;
		this.subscriptions = subscriptions;
		this.time = time;
	}

	@GetMapping("/console/config")
	String config(Model model) {
		ReloadHistory.LastReload last = this.reloads.last();
		model.addAttribute("reload", last);
		model.addAttribute("reloadAgo", this.time.ago(last.at()));
		model.addAttribute("reloadFull", this.time.full(last.at()));
		model.addAttribute("configDir", this.catalog.dir().toString());
		model.addAttribute("feeds", this.catalog.feeds()
			.stream()
			.map((feed) -> new FeedLine(feed.id(), feed.name(), feed.url().toString(), interval(feed.interval()),
					feed.fullText()))
			.toList());
		model.addAttribute("adminSubscriptions", this.catalog.subscriptions()
			.stream()
			.map((subscription) -> new SubscriptionLine(subscription.chatId(), subscription.query(),
					subscription.feeds().isEmpty() ? "all" : String.join(", ", subscription.feeds()),
					(subscription.digest() != null) ? subscription.digest() : "instant",
					(subscription.timeZone() != null) ? subscription.timeZone() : "the chat's"))
			.toList());
		model.addAttribute("allSubscriptions", this.subscriptions.count());
		model.addAttribute("subscribedChats", this.subscriptions.countSubscribedChats());
		return "console/config";
	}

	private static String interval(java.time.Duration interval) {
		long seconds = interval.toSeconds();
		if (seconds % 3600 == 0) {
			return (seconds / 3600) + "h";
		}
		if (seconds % 60 == 0) {
			return (seconds / 60) + "m";
		}
		return seconds + "s";
	}

	record FeedLine(String id, String name, String url, String interval, boolean fullText) {
	}

	record SubscriptionLine(long chatId, String query, String feeds, String delivery, String timeZone) {
	}

}
