package policywatch.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the admin-edited {@code feeds.yml}:
 *
 * <pre>
 * feeds:
 *   - id: globaltimes-china        # [a-z0-9-]+, unique and stable
 *     name: Global Times – China   # optional, default: the id
 *     url: https://www.globaltimes.cn/rss/outbrain.xml
 *     interval: 10m                # optional, default policywatch.ingest.default-interval (10m), at least 1s
 *     full-text: true              # optional, default true
 * </pre>
 *
 * Every problem in the file is reported at once, each with its line, so the admin can fix them in one go.
 */
public final class FeedsConfig {

	/** Poll interval when a feed does not set one and {@code policywatch.ingest.default-interval} is not set. */
	public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

	/** Shortest poll interval accepted. */
	public static final Duration MINIMUM_INTERVAL = Duration.ofSeconds(1);

	static final Pattern ID = Pattern.compile("[a-z0-9-]+");

	private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?[0-9]+");

	private static final List<String> FEED_KEYS = List.of("id", "name", "url", "interval", "full-text");

	private FeedsConfig() {
	}

	/**
	 * Reads and checks the feeds file, with the default interval of 10 minutes.
	 * @param file the file
	 * @return the feeds in file order (empty for {@code feeds: []})
	 * @throws InvalidConfigException listing every problem found
	 */
	public static List<FeedDefinition> load(Path file) {
		return load(file, DEFAULT_INTERVAL);
	}

	/**
	 * Reads and checks the feeds file.
	 * @param file the file
	 * @param defaultInterval the interval of feeds that set none
	 * @return the feeds in file order (empty for {@code feeds: []})
	 * @throws InvalidConfigException listing every problem found
	 */
	public static List<FeedDefinition> load(Path file, Duration defaultInterval) {
		List<ConfigProblem> problems = new ArrayList<>();
		List<FeedDefinition> feeds = read(file, defaultInterval, problems);
		throwIfAny(problems);
		return feeds;
	}

	/**
	 * Reads the feeds file, adding its problems to the list.
	 * @return the valid feeds (when there are problems, possibly not all of them)
	 */
	static List<FeedDefinition> read(Path file, Duration defaultInterval, List<ConfigProblem> problems) {
		YamlFile yaml = new YamlFile(file, problems);
		String text = yaml.read(true);
		return (text != null) ? new Loader(yaml, defaultInterval).parse(text) : List.of();
	}

	/**
	 * Checks the text of a feeds file before it is written.
	 * @param file the file the text is meant for (named in the problems)
	 * @param text the content
	 * @throws InvalidConfigException listing every problem found
	 */
	static List<FeedDefinition> parse(Path file, String text) {
		List<ConfigProblem> problems = new ArrayList<>();
		List<FeedDefinition> feeds = new Loader(new YamlFile(file, problems), DEFAULT_INTERVAL).parse(text);
		throwIfAny(problems);
		return feeds;
	}

	static void throwIfAny(List<ConfigProblem> problems) {
		if (!problems.isEmpty()) {
			List<ConfigProblem> sorted = new ArrayList<>(problems);
			sorted.sort(Comparator.comparing((ConfigProblem problem) -> problem.file().toString())
				.thenComparingInt(ConfigProblem::line));
			throw new InvalidConfigException(sorted);
		}
	}

	private static final class Loader {

		private final YamlFile yaml;

		private final Duration defaultInterval;

		Loader(YamlFile yaml, Duration defaultInterval) {
			this.yaml = yaml;
			this.defaultInterval = defaultInterval;
		}

		List<FeedDefinition> parse(String text) {
			int problemsBefore = this.yaml.problemCount();
			Node root = this.yaml.compose(text);
			if (root == null) {
				if (this.yaml.problemCount() == problemsBefore) {
					problem(0, "feeds", "missing; the file must start with 'feeds:' (write 'feeds: []' for no feeds)");
				}
				return List.of();
			}
			if (!(root instanceof MappingNode mapping)) {
				problem(YamlFile.line(root), "", "expected 'feeds:' followed by a list of feeds");
				return List.of();
			}
			Map<String, NodeTuple> entries = this.yaml.entries(mapping, "", List.of("feeds"));
			NodeTuple feedsEntry = entries.get("feeds");
			if (feedsEntry == null) {
				problem(YamlFile.line(root), "feeds",
						"missing; the file must have 'feeds:' (write 'feeds: []' for no feeds)");
				return List.of();
			}
			Node feedsNode = feedsEntry.getValueNode();
			if (YamlFile.isNull(feedsNode)) {
				problem(YamlFile.line(feedsEntry.getKeyNode()), "feeds",
						"is empty; list feeds under it, or write 'feeds: []'");
				return List.of();
			}
			if (!(feedsNode instanceof SequenceNode sequence)) {
				problem(YamlFile.line(feedsNode), "feeds", "expected a list of feeds, each starting with '- id:'");
				return List.of();
			}
			List<FeedDefinition> feeds = new ArrayList<>();
			Map<String, Integer> idLines = new HashMap<>();
			List<Node> items = sequence.getValue();
			for (int i = 0; i < items.size(); i++) {
				FeedDefinition feed = feed(items.get(i), "feeds[" + i + "]", idLines);
				if (feed != null) {
					feeds.add(feed);
				}
			}
			return List.copyOf(feeds);
		}

		private FeedDefinition feed(Node node, String path, Map<String, Integer> idLines) {
			if (!(node instanceof MappingNode mapping)) {
				problem(YamlFile.line(node), path, "expected a feed with 'id:' and 'url:'");
				return null;
			}
			int problemsBefore = this.yaml.problemCount();
			Map<String, NodeTuple> entries = this.yaml.entries(mapping, path + ".", FEED_KEYS);

			String id = this.yaml.requiredText(entries, "id", path, YamlFile.line(node));
			if (id != null) {
				int idLine = YamlFile.line(entries.get("id").getValueNode());
				if (!ID.matcher(id).matches()) {
					problem(idLine, path + ".id",
							"'" + id + "' must use only lower-case letters, digits and hyphens ([a-z0-9-]+)");
				}
				else if (idLines.containsKey(id)) {
					problem(idLine, path + ".id", "duplicate id '" + id + "' (first used on line " + idLines.get(id) + ")");
				}
				else {
					idLines.put(id, idLine);
				}
			}

			String name = this.yaml.optionalText(entries, "name", path);
			URI url = url(entries, path, YamlFile.line(node));
			Duration interval = interval(entries, path);
			Boolean fullText = fullText(entries, path);

			if (this.yaml.problemCount() > problemsBefore) {
				return null;
			}
			return new FeedDefinition(id, (name == null || name.isEmpty()) ? id : name, url, interval, fullText);
		}

		private URI url(Map<String, NodeTuple> entries, String path, int feedLine) {
			String value = this.yaml.requiredText(entries, "url", path, feedLine);
			if (value == null) {
				return null;
			}
			int line = YamlFile.line(entries.get("url").getValueNode());
			URI uri = httpUrl(value);
			if (uri == null) {
				problem(line, path + ".url", "'" + value + "' is not an absolute http or https URL");
			}
			return uri;
		}

		private Duration interval(Map<String, NodeTuple> entries, String path) {
			String value = this.yaml.optionalText(entries, "interval", path);
			if (value == null) {
				return entries.containsKey("interval") && !YamlFile.isNull(entries.get("interval").getValueNode())
						? null : this.defaultInterval;
			}
			int line = YamlFile.line(entries.get("interval").getValueNode());
			if (BARE_NUMBER.matcher(value).matches()) {
				problem(line, path + ".interval", "'" + value + "' needs a unit, e.g. " + value + "s or " + value + "m");
				return null;
			}
			Duration interval;
			try {
				interval = DurationStyle.detectAndParse(value);
			}
			catch (IllegalArgumentException ex) {
				problem(line, path + ".interval", "'" + value + "' is not a duration (examples: 30s, 10m, 1h)");
				return null;
			}
			if (interval.compareTo(MINIMUM_INTERVAL) < 0) {
				problem(line, path + ".interval", "'" + value + "' is shorter than the minimum of 1s");
				return null;
			}
			return interval;
		}

		private Boolean fullText(Map<String, NodeTuple> entries, String path) {
			String value = this.yaml.optionalText(entries, "full-text", path);
			if (value == null) {
				return entries.containsKey("full-text") && !YamlFile.isNull(entries.get("full-text").getValueNode())
						? null : Boolean.TRUE;
			}
			if (value.equalsIgnoreCase("true")) {
				return Boolean.TRUE;
			}
			if (value.equalsIgnoreCase("false")) {
				return Boolean.FALSE;
			}
			problem(YamlFile.line(entries.get("full-text").getValueNode()), path + ".full-text",
					"'" + value + "' is not true or false");
			return null;
		}

		private void problem(int line, String field, String reason) {
			this.yaml.problem(line, field, reason);
		}

	}

	/**
	 * The URL if it is an absolute http or https URL with a host, otherwise {@code null}.
	 */
	static URI httpUrl(String value) {
		try {
			URI uri = new URI(value.strip());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// not a URL
		}
		return null;
	}

}
