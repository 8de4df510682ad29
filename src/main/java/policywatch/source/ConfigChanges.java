package policywatch.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import policywatch.subscription.ConfiguredSubscription;

/**
 * What an accepted reload changed.
 *
 * @param feeds the feeds now configured
 * @param addedFeeds ids of new feeds
 * @param removedFeeds ids of feeds no longer configured
 * @param changedFeeds ids of feeds whose name, URL, interval or full-text setting changed
 * @param subscriptions how many admin-defined subscriptions are now configured
 * @param addedSubscriptions admin-defined subscriptions added (or changed)
 * @param removedSubscriptions admin-defined subscriptions removed (or changed)
 */
public record ConfigChanges(int feeds, List<String> addedFeeds, List<String> removedFeeds, List<String> changedFeeds,
		int subscriptions, int addedSubscriptions, int removedSubscriptions) {

	static ConfigChanges between(AdminConfig before, AdminConfig after) {
		Map<String, FeedDefinition> old = new LinkedHashMap<>();
		before.feeds().forEach((feed) -> old.put(feed.id(), feed));
		List<String> added = new ArrayList<>();
		List<String> changed = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		for (FeedDefinition feed : after.feeds()) {
			ids.add(feed.id());
			FeedDefinition previous = old.get(feed.id());
			if (previous == null) {
				added.add(feed.id());
			}
			else if (!previous.equals(feed)) {
				changed.add(feed.id());
			}
		}
		List<String> removed = old.keySet().stream().filter((id) -> !ids.contains(id)).toList();
		Set<ConfiguredSubscription> oldSubscriptions = new HashSet<>(before.subscriptions());
		Set<ConfiguredSubscription> newSubscriptions = new HashSet<>(after.subscriptions());
		int addedSubscriptions = (int) newSubscriptions.stream().filter((s) -> !oldSubscriptions.contains(s)).count();
		int removedSubscriptions = (int) oldSubscriptions.stream().filter((s) -> !newSubscriptions.contains(s)).count();
		return new ConfigChanges(after.feeds().size(), List.copyOf(added), List.copyOf(removed), List.copyOf(changed),
				after.subscriptions().size(), addedSubscriptions, removedSubscriptions);
	}

	/**
	 * Whether nothing changed.
	 */
	public boolean isEmpty() {
		return this.addedFeeds.isEmpty() && this.removedFeeds.isEmpty() && this.changedFeeds.isEmpty()
				&& this.addedSubscriptions == 0 && this.removedSubscriptions == 0;
	}

	/**
	 * One line for people, e.g. {@code 12 feeds (added: wto-news; removed: old), 3 admin-defined subscriptions (1 added)}.
	 */
	public String describe() {
		StringBuilder text = new StringBuilder().append(this.feeds).append((this.feeds == 1) ? " feed" : " feeds");
		List<String> parts = new ArrayList<>();
		if (!this.addedFeeds.isEmpty()) {
			parts.add("added: " + String.join(", ", this.addedFeeds));
		}
		if (!this.removedFeeds.isEmpty()) {
			parts.add("removed: " + String.join(", ", this.removedFeeds));
		}
		if (!this.changedFeeds.isEmpty()) {
			parts.add("changed: " + String.join(", ", this.changedFeeds));
		}
		if (!parts.isEmpty()) {
			text.append(" (").append(String.join("; ", parts)).append(')');
		}
		text.append(", ").append(this.subscriptions)
			.append((this.subscriptions == 1) ? " admin-defined subscription" : " admin-defined subscriptions");
		List<String> subscriptionParts = new ArrayList<>();
		if (this.addedSubscriptions > 0) {
			subscriptionParts.add(this.addedSubscriptions + " added");
		}
		if (this.removedSubscriptions > 0) {
			subscriptionParts.add(this.removedSubscriptions + " removed");
		}
		if (!subscriptionParts.isEmpty()) {
			text.append(" (").append(String.join(", ", subscriptionParts)).append(')');
		}
		return text.toString();
	}

}
