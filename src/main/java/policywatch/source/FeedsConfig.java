package policywatch.source;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the admin-edited {@code feeds.yml}:
 *
 * <pre>
 * feeds:
 *   - id: globaltimes-china        # [a-z0-9-]+, unique and stable
 *     name: Global Times – China   # optional, default: the id
 *     url: https://www.globaltimes.cn/rss/outbrain.xml
 *     interval: 10m                # optional, default 10m, at least 1s
 *     full-text: true              # optional, default true
 * </pre>
 *
 * Every problem in the file is reported at once, each with its line, so the admin can fix them in one go.
 */
public final class FeedsConfig {

	/** Poll interval when a feed does not set one. */
	public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

	/** Shortest poll interval accepted. */
	public static final Duration MINIMUM_INTERVAL = Duration.ofSeconds(1);

	private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

	private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?[0-9]+");

	private static final List<String> FEED_KEYS = List.of("id", "name", "url", "interval", "full-text");

	private FeedsConfig() {
	}

	/**
	 * Reads and checks the feeds file.
	 * @param file the file
	 * @return the feeds in file order (empty for {@code feeds: []})
	 * @throws InvalidConfigException listing every problem found
	 */
	public static List<FeedDefinition> load(Path file) {
		return new Loader(file).load();
	}

	private static final class Loader {

		private final Path file;

		private final List<ConfigProblem> problems = new ArrayList<>();

		Loader(Path file) {
			this.file = file;
		}

		List<FeedDefinition> load() {
			String text = read();
			List<FeedDefinition> feeds = (text != null) ? parse(text) : List.of();
			if (!this.problems.isEmpty()) {
				this.problems.sort(Comparator.comparingInt(ConfigProblem::line));
				throw new InvalidConfigException(this.problems);
			}
			return feeds;
		}

		private String read() {
			byte[] bytes;
			try {
				bytes = Files.readAllBytes(this.file);
			}
			catch (NoSuchFileException ex) {
				problem(0, "", "file not found");
				return null;
			}
			catch (IOException ex) {
				problem(0, "", "unable to read file: " + ex.getMessage());
				return null;
			}
			CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
			ByteBuffer in = ByteBuffer.wrap(bytes);
			CharBuffer out = CharBuffer.allocate(bytes.length);
			CoderResult result = decoder.decode(in, out, true);
			if (!result.isError()) {
				result = decoder.flush(out);
			}
			if (result.isError()) {
				int offset = in.position();
				problem(lineAt(bytes, offset), "", "not valid UTF-8 (byte " + offset + "); save the file as UTF-8");
				return null;
			}
			String text = out.flip().toString();
			return text.startsWith("\uFEFF") ? text.substring(1) : text;
		}

		private static int lineAt(byte[] bytes, int offset) {
			int line = 1;
			for (int i = 0; i < offset; i++) {
				if (bytes[i] == '\n') {
					line++;
				}
			}
			return line;
		}

		private List<FeedDefinition> parse(String text) {
			Node root;
			try {
				root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
			}
			catch (MarkedYAMLException ex) {
				int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 0;
				problem(line, "", "invalid YAML: " + describe(ex));
				return List.of();
			}
			catch (YAMLException ex) {
				problem(0, "", "invalid YAML: " + ex.getMessage());
				return List.of();
			}
			if (root == null) {
				problem(0, "feeds", "missing; the file must start with 'feeds:' (write 'feeds: []' for no feeds)");
				return List.of();
			}
			if (!(root instanceof MappingNode mapping)) {
				problem(line(root), "", "expected 'feeds:' followed by a list of feeds");
				return List.of();
			}
			Map<String, NodeTuple> entries = entries(mapping, "", List.of("feeds"));
			NodeTuple feedsEntry = entries.get("feeds");
			if (feedsEntry == null) {
				problem(line(root), "feeds", "missing; the file must have 'feeds:' (write 'feeds: []' for no feeds)");
				return List.of();
			}
			Node feedsNode = feedsEntry.getValueNode();
			if (isNull(feedsNode)) {
				problem(line(feedsEntry.getKeyNode()), "feeds", "is empty; list feeds under it, or write 'feeds: []'");
				return List.of();
			}
			if (!(feedsNode instanceof SequenceNode sequence)) {
				problem(line(feedsNode), "feeds", "expected a list of feeds, each starting with '- id:'");
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

		private static String describe(MarkedYAMLException ex) {
			String problem = ((ex.getProblem() != null) ? ex.getProblem() : ex.getMessage()).strip();
			if (problem.equals("but found another document")) {
				return "found a second document; remove the '---' line";
			}
			if (problem.contains("<block")) {
				return problem + " (check the indentation)";
			}
			if (ex.getContext() != null && ex.getContextMark() != null) {
				return problem + " (" + ex.getContext() + " started on line " + (ex.getContextMark().getLine() + 1)
						+ ")";
			}
			return problem;
		}

		private FeedDefinition feed(Node node, String path, Map<String, Integer> idLines) {
			if (!(node instanceof MappingNode mapping)) {
				problem(line(node), path, "expected a feed with 'id:' and 'url:'");
				return null;
			}
			int problemsBefore = this.problems.size();
			Map<String, NodeTuple> entries = entries(mapping, path + ".", FEED_KEYS);

			String id = requiredText(entries, "id", path, line(node));
			if (id != null) {
				int idLine = line(entries.get("id").getValueNode());
				if (!ID.matcher(id).matches()) {
					problem(idLine, path + ".id",
							"'" + id + "' must use only lower-case letters, digits and hyphens ([a-z0-9-]+)");
				}
				else if (idLines.containsKey(id)) {
					problem(idLine, path + ".id",
							"duplicate id '" + id + "' (first used on line " + idLines.get(id) + ")");
				}
				else {
					idLines.put(id, idLine);
				}
			}

			String name = optionalText(entries, "name", path);
			URI url = url(entries, path, line(node));
			Duration interval = interval(entries, path);
			Boolean fullText = fullText(entries, path);

			if (this.problems.size() > problemsBefore) {
				return null;
			}
			return new FeedDefinition(id, (name == null || name.isEmpty()) ? id : name, url, interval, fullText);
		}

		/** Key → entry, reporting unknown and duplicate keys. */
		private Map<String, NodeTuple> entries(MappingNode mapping, String prefix, List<String> known) {
			Map<String, NodeTuple> entries = new LinkedHashMap<>();
			for (NodeTuple tuple : mapping.getValue()) {
				Node keyNode = tuple.getKeyNode();
				String key = (keyNode instanceof ScalarNode scalar) ? scalar.getValue() : null;
				if (key == null) {
					problem(line(keyNode), prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1),
							"keys must be plain names");
					continue;
				}
				if (!known.contains(key)) {
					problem(line(keyNode), prefix + key, "unknown key" + suggestion(key, known) + " (known keys: "
							+ String.join(", ", known) + ")");
					continue;
				}
				if (entries.containsKey(key)) {
					problem(line(keyNode), prefix + key,
							"set twice (first on line " + line(entries.get(key).getKeyNode()) + ")");
					continue;
				}
				entries.put(key, tuple);
			}
			return entries;
		}

		private static String suggestion(String key, List<String> known) {
			String lower = key.toLowerCase(Locale.ROOT).replace('_', '-');
			for (String candidate : known) {
				int tolerance = (lower.length() >= 5 && candidate.length() >= 5) ? 2 : 1;
				if (lower.equals(candidate) || distance(lower, candidate) <= tolerance) {
					return "; did you mean '" + candidate + "'?";
				}
			}
			return "";
		}

		private static int distance(String a, String b) {
			int[] previous = new int[b.length() + 1];
			int[] current = new int[b.length() + 1];
			for (int j = 0; j <= b.length(); j++) {
				previous[j] = j;
			}
			for (int i = 1; i <= a.length(); i++) {
				current[0] = i;
				for (int j = 1; j <= b.length(); j++) {
					int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
					current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
				}
				int[] swap = previous;
				previous = current;
				current = swap;
			}
			return previous[b.length()];
		}

		private String requiredText(Map<String, NodeTuple> entries, String key, String path, int feedLine) {
			NodeTuple entry = entries.get(key);
			if (entry == null || isNull(entry.getValueNode())) {
				problem((entry != null) ? line(entry.getKeyNode()) : feedLine, path + "." + key, "is required");
				return null;
			}
			String value = text(entry.getValueNode(), path + "." + key);
			if (value != null && value.isEmpty()) {
				problem(line(entry.getValueNode()), path + "." + key, "is required");
				return null;
			}
			return value;
		}

		private String optionalText(Map<String, NodeTuple> entries, String key, String path) {
			NodeTuple entry = entries.get(key);
			if (entry == null || isNull(entry.getValueNode())) {
				return null;
			}
			return text(entry.getValueNode(), path + "." + key);
		}

		private String text(Node node, String field) {
			if (!(node instanceof ScalarNode scalar)) {
				problem(line(node), field, "expected a single value, not a list or mapping");
				return null;
			}
			return scalar.getValue().strip();
		}

		private URI url(Map<String, NodeTuple> entries, String path, int feedLine) {
			String value = requiredText(entries, "url", path, feedLine);
			if (value == null) {
				return null;
			}
			int line = line(entries.get("url").getValueNode());
			try {
				URI uri = new URI(value);
				String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
				if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
					return uri;
				}
			}
			catch (URISyntaxException ex) {
				// reported below
			}
			problem(line, path + ".url", "'" + value + "' is not an absolute http or https URL");
			return null;
		}

		private Duration interval(Map<String, NodeTuple> entries, String path) {
			String value = optionalText(entries, "interval", path);
			if (value == null) {
				return entries.containsKey("interval") && !isNull(entries.get("interval").getValueNode()) ? null
						: DEFAULT_INTERVAL;
			}
			int line = line(entries.get("interval").getValueNode());
			if (BARE_NUMBER.matcher(value).matches()) {
				problem(line, path + ".interval", "'" + value + "' needs a unit, e.g. " + value + "s or "
						+ value + "m");
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
			String value = optionalText(entries, "full-text", path);
			if (value == null) {
				return entries.containsKey("full-text") && !isNull(entries.get("full-text").getValueNode()) ? null
						: Boolean.TRUE;
			}
			if (value.equalsIgnoreCase("true")) {
				return Boolean.TRUE;
			}
			if (value.equalsIgnoreCase("false")) {
				return Boolean.FALSE;
			}
			problem(line(entries.get("full-text").getValueNode()), path + ".full-text",
					"'" + value + "' is not true or false");
			return null;
		}

		private static boolean isNull(Node node) {
			return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
		}

		private static int line(Node node) {
			return node.getStartMark().getLine() + 1;
		}

		private void problem(int line, String field, String reason) {
			this.problems.add(new ConfigProblem(this.file, line, field, reason));
		}

	}

}
