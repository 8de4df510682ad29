package policywatch.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import policywatch.subscription.ConfiguredSubscription;

/**
 * What the admin configured in the config folder: the feeds ({@code feeds.yml}) and the
 * admin-defined subscriptions ({@code subscriptions.yml}). Both files are read and checked
 * together, and accepted or rejected together.
 *
 * @param feeds the feeds in file order
 * @param subscriptions the admin-defined subscriptions in file order
 */
record AdminConfig(List<FeedDefinition> feeds, List<ConfiguredSubscription> subscriptions) {

	static final String FEEDS_FILE = "feeds.yml";

	static final String SUBSCRIPTIONS_FILE = "subscriptions.yml";

	/**
	 * Reads and checks both files.
	 * @param dir the config folder
	 * @param defaultInterval the poll interval of feeds that set none
	 * @throws InvalidConfigException listing every problem in either file
	 */
	static AdminConfig load(Path dir, Duration defaultInterval) {
		List<ConfigProblem> problems = new ArrayList<>();
		List<FeedDefinition> feeds = FeedsConfig.read(dir.resolve(FEEDS_FILE), defaultInterval, problems);
		boolean feedsValid = problems.isEmpty();
		Set<String> ids = feeds.stream().map(FeedDefinition::id).collect(Collectors.toSet());
		List<ConfigProblem> subscriptionProblems = new ArrayList<>();
		List<ConfiguredSubscription> subscriptions = SubscriptionsConfig.read(dir.resolve(SUBSCRIPTIONS_FILE), ids,
				subscriptionProblems);
		if (feedsValid) {
			problems.addAll(subscriptionProblems);
		}
		else {
			// feed ids cannot be checked against a broken feeds.yml
			subscriptionProblems.stream()
				.filter((problem) -> !problem.reason().contains("(not in feeds.yml)"))
				.forEach(problems::add);
		}
		FeedsConfig.throwIfAny(problems);
		return new AdminConfig(feeds, subscriptions);
	}

}
