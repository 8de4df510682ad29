package policywatch.source;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import policywatch.subscription.ConfiguredSubscription;
import policywatch.subscription.DigestSchedule;
import policywatch.subscription.SubscriptionLimits;
import policywatch.query.Query;
import policywatch.query.QueryParseException;

/**
 * Reads the optional, admin-edited {@code subscriptions.yml}: subscriptions delivered to a chat
 * (a group or channel the bot is in), optionally limited to some feeds.
 *
 * <pre>
 * subscriptions:
 *   - chat: -1001234567890
 *     query: BRICS OR "supply chain"
 *     feeds: [globaltimes-china, wto-news]   # optional; default all feeds
 *     digest: daily 08:00                      # optional: hourly, daily HH:MM, weekly mon HH:MM
 *     time-zone: Europe/Berlin                 # optional; default the chat's
 * </pre>
 *
 * A missing or empty file means no admin-defined subscriptions. Every query must parse, fit the
 * database (1,000 characters) and stay within the prefix-term limits (per query and per chat), and
 * every feed id must be in {@code feeds.yml}.
 */
final class SubscriptionsConfig {

	private static final List<String> KEYS = List.of("chat", "query", "feeds", "digest", "time-zone");

	/** The database column holding the feed ids is this long. */
	private static final int MAX_FEEDS_CHARS = 2000;

	private SubscriptionsConfig() {
	}

	/**
	 * Reads the file, adding its problems to the list.
	 * @param file the file; missing means none
	 * @param feedIds the ids in {@code feeds.yml}
	 * @param problems where problems go
	 * @return the valid subscriptions in file order
	 */
	static List<ConfiguredSubscription> read(Path file, Set<String> feedIds, List<ConfigProblem> problems) {
		YamlFile yaml = new YamlFile(file, problems);
		String text = yaml.read(false);
		return (text != null) ? new Loader(yaml, feedIds).parse(text) : List.of();
	}

	private static final class Loader {

		private final YamlFile yaml;

		private final Set<String> feedIds;

		Loader(YamlFile yaml, Set<String> feedIds) {
			this.yaml = yaml;
			this.feedIds = feedIds;
		}

		List<ConfiguredSubscription> parse(String text) {
			Node root = this.yaml.compose(text);
			if (root == null) {
				return List.of();
			}
			if (!(root instanceof MappingNode mapping)) {
				this.yaml.problem(YamlFile.line(root), "", "expected 'subscriptions:' followed by a list of subscriptions");
				return List.of();
			}
			Map<String, NodeTuple> entries = this.yaml.entries(mapping, "", List.of("subscriptions"));
			NodeTuple entry = entries.get("subscriptions");
			if (entry == null || YamlFile.isNull(entry.getValueNode())) {
				return List.of();
			}
			if (!(entry.getValueNode() instanceof SequenceNode sequence)) {
				this.yaml.problem(YamlFile.line(entry.getValueNode()), "subscriptions",
						"expected a list of subscriptions, each starting with '- chat:'");
				return List.of();
			}
			List<ConfiguredSubscription> subscriptions = new ArrayList<>();
			Map<String, Integer> seen = new HashMap<>();
			Map<Long, Integer> prefixesByChat = new HashMap<>();
			List<Node> items = sequence.getValue();
			for (int i = 0; i < items.size(); i++) {
				ConfiguredSubscription subscription = subscription(items.get(i), "subscriptions[" + i + "]");
				if (subscription == null) {
					continue;
				}
				String key = subscription.chatId() + "\u0000" + subscription.query();
				int line = YamlFile.line(items.get(i));
				if (seen.containsKey(key)) {
					this.yaml.problem(line, "subscriptions[" + i + "]", "the same chat and query as on line "
							+ seen.get(key) + "; merge them into one (list both feeds under 'feeds:')");
					continue;
				}
				seen.put(key, line);
				int prefixes = prefixCount(subscription.query());
				int chatPrefixes = prefixesByChat.getOrDefault(subscription.chatId(), 0);
				if (prefixes > 0 && chatPrefixes + prefixes > SubscriptionLimits.MAX_PREFIXES_PER_CHAT) {
					this.yaml.problem(line, "subscriptions[" + i + "]", "chat " + subscription.chatId() + " would have "
							+ (chatPrefixes + prefixes) + " prefix terms (word*) in its subscriptions together; a chat may "
							+ "have at most " + SubscriptionLimits.MAX_PREFIXES_PER_CHAT + " (each one costs a lookup in every article)");
					continue;
				}
				prefixesByChat.put(subscription.chatId(), chatPrefixes + prefixes);
				subscriptions.add(subscription);
			}
			return List.copyOf(subscriptions);
		}

		private ConfiguredSubscription subscription(Node node, String path) {
			if (!(node instanceof MappingNode mapping)) {
				this.yaml.problem(YamlFile.line(node), path, "expected a subscription with 'chat:' and 'query:'");
				return null;
			}
			int before = this.yaml.problemCount();
			Map<String, NodeTuple> entries = this.yaml.entries(mapping, path + ".", KEYS);
			Long chat = chat(entries, path, YamlFile.line(node));
			String query = query(entries, path, YamlFile.line(node));
			List<String> feeds = feeds(entries, path);
			String digest = digest(entries, path);
			String timeZone = timeZone(entries, path);
			if (this.yaml.problemCount() > before) {
				return null;
			}
			return new ConfiguredSubscription(chat, query, feeds, digest, timeZone);
		}

		private String digest(Map<String, NodeTuple> entries, String path) {
			NodeTuple entry = entries.get("digest");
			if (entry == null || YamlFile.isNull(entry.getValueNode())) {
				return null;
			}
			String value = this.yaml.text(entry.getValueNode(), path + ".digest");
			if (value == null) {
				return null;
			}
			try {
				return DigestSchedule.parse(value).toString();
			}
			catch (IllegalArgumentException ex) {
				this.yaml.problem(YamlFile.line(entry.getValueNode()), path + ".digest",
						"'" + value + "': " + ex.getMessage());
				return null;
			}
		}

		private String timeZone(Map<String, NodeTuple> entries, String path) {
			NodeTuple entry = entries.get("time-zone");
			if (entry == null || YamlFile.isNull(entry.getValueNode())) {
				return null;
			}
			String value = this.yaml.text(entry.getValueNode(), path + ".time-zone");
			if (value == null) {
				return null;
			}
			try {
				if (value.length() <= 64 && (value.contains("/") || value.equals("UTC"))) {
					return ZoneId.of(value).getId();
				}
			}
			catch (DateTimeException ex) {
				// reported below
			}
			this.yaml.problem(YamlFile.line(entry.getValueNode()), path + ".time-zone",
					"'" + value + "' is not a time zone (an IANA name such as Europe/Berlin or UTC)");
			return null;
		}

		private Long chat(Map<String, NodeTuple> entries, String path, int itemLine) {
			String value = this.yaml.requiredText(entries, "chat", path, itemLine);
			if (value == null) {
				return null;
			}
			try {
				long chat = Long.parseLong(value);
				if (chat != 0) {
					return chat;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			this.yaml.problem(YamlFile.line(entries.get("chat").getValueNode()), path + ".chat", "'" + value
					+ "' is not a chat id (a number such as -1001234567890 for a group or channel; "
					+ "forward a message from the chat to @userinfobot to find it)");
			return null;
		}

		private String query(Map<String, NodeTuple> entries, String path, int itemLine) {
			String value = this.yaml.requiredText(entries, "query", path, itemLine);
			if (value == null) {
				return null;
			}
			int line = YamlFile.line(entries.get("query").getValueNode());
			String tooLong = SubscriptionLimits.lengthProblem(value.strip());
			if (tooLong != null) {
				this.yaml.problem(line, path + ".query", tooLong);
				return null;
			}
			try {
				String prefixes = SubscriptionLimits.prefixProblem(Query.parse(value), 0);
				if (prefixes != null) {
					this.yaml.problem(line, path + ".query", prefixes);
					return null;
				}
				return value;
			}
			catch (QueryParseException ex) {
				this.yaml.problem(YamlFile.line(entries.get("query").getValueNode()), path + ".query",
						"'" + value + "' is not a valid query: " + ex.getMessage());
				return null;
			}
		}

		private static int prefixCount(String query) {
			try {
				return Query.parse(query).prefixCount();
			}
			catch (QueryParseException ex) {
				return 0;
			}
		}

		private List<String> feeds(Map<String, NodeTuple> entries, String path) {
			NodeTuple entry = entries.get("feeds");
			if (entry == null || YamlFile.isNull(entry.getValueNode())) {
				return List.of();
			}
			Node node = entry.getValueNode();
			List<Node> items;
			if (node instanceof SequenceNode sequence) {
				items = sequence.getValue();
			}
			else if (node instanceof ScalarNode) {
				items = List.of(node);
			}
			else {
				this.yaml.problem(YamlFile.line(node), path + ".feeds", "expected a list of feed ids, e.g. [wto-news]");
				return List.of();
			}
			if (items.isEmpty()) {
				this.yaml.problem(YamlFile.line(node), path + ".feeds",
						"is empty; leave 'feeds:' out to cover all feeds");
				return List.of();
			}
			Set<String> feeds = new TreeSet<>();
			for (int i = 0; i < items.size(); i++) {
				String field = path + ".feeds[" + i + "]";
				String id = this.yaml.text(items.get(i), field);
				if (id == null) {
					continue;
				}
				if (!this.feedIds.contains(id)) {
					this.yaml.problem(YamlFile.line(items.get(i)), field, "unknown feed id '" + id + "' (not in feeds.yml)"
							+ YamlFile.suggestion(id, this.feedIds));
					continue;
				}
				feeds.add(id);
			}
			if (String.join(",", feeds).length() > MAX_FEEDS_CHARS) {
				this.yaml.problem(YamlFile.line(node), path + ".feeds",
						"lists too many feeds (at most " + MAX_FEEDS_CHARS + " characters of ids); leave 'feeds:' out to cover all feeds");
			}
			return List.copyOf(feeds);
		}

	}

}
