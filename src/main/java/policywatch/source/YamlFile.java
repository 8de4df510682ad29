package policywatch.source;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reading an admin-edited YAML file node by node, so that every problem is reported with its line:
 * strict UTF-8, syntax errors with their line, unknown and repeated keys with a suggestion.
 */
final class YamlFile {

	private final Path file;

	private final List<ConfigProblem> problems;

	YamlFile(Path file, List<ConfigProblem> problems) {
		this.file = file;
		this.problems = problems;
	}

	Path file() {
		return this.file;
	}

	int problemCount() {
		return this.problems.size();
	}

	/**
	 * Reads the file as UTF-8 (a byte order mark is dropped).
	 * @param required whether a missing file is a problem
	 * @return the text, or {@code null} when it is missing or unreadable (reported as a problem
	 * unless it is missing and not required)
	 */
	String read(boolean required) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(this.file);
		}
		catch (NoSuchFileException ex) {
			if (required) {
				problem(0, "", "file not found");
			}
			return null;
		}
		catch (IOException ex) {
			problem(0, "", "unable to read file: " + ex.getMessage());
			return null;
		}
		return decode(bytes);
	}

	/**
	 * Decodes the bytes of the file as strict UTF-8.
	 * @return the text, or {@code null} after reporting the first bad byte
	 */
	String decode(byte[] bytes) {
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

	/**
	 * Parses the text into nodes.
	 * @return the root node; {@code null} for an empty document or after reporting a syntax error
	 */
	Node compose(String text) {
		try {
			return new Yaml(new LoaderOptions()).compose(new StringReader(text));
		}
		catch (MarkedYAMLException ex) {
			int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 0;
			problem(line, "", "invalid YAML: " + describe(ex));
			return null;
		}
		catch (YAMLException ex) {
			problem(0, "", "invalid YAML: " + oneLine(ex.getMessage()));
			return null;
		}
	}

	static String describe(MarkedYAMLException ex) {
		String problem = ((ex.getProblem() != null) ? ex.getProblem() : oneLine(ex.getMessage())).strip();
		if (problem.equals("but found another document")) {
			return "found a second document; remove the '---' line";
		}
		if (problem.contains("<block")) {
			return problem + " (check the indentation)";
		}
		if (ex.getContext() != null && ex.getContextMark() != null) {
			return problem + " (" + ex.getContext() + " started on line " + (ex.getContextMark().getLine() + 1) + ")";
		}
		return problem;
	}

	/**
	 * Key → entry of a mapping, reporting unknown and repeated keys.
	 * @param prefix the field path of the mapping followed by a dot, or empty at the top
	 * @param known the keys allowed
	 */
	Map<String, NodeTuple> entries(MappingNode mapping, String prefix, List<String> known) {
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
				problem(line(keyNode), prefix + key,
						"unknown key" + suggestion(key, known) + " (known keys: " + String.join(", ", known) + ")");
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

	/**
	 * A "did you mean" hint for a misspelt name.
	 * @return {@code "; did you mean 'x'?"} or empty
	 */
	static String suggestion(String key, Collection<String> known) {
		String lower = key.toLowerCase(Locale.ROOT).replace('_', '-');
		if (lower.length() < 3) {
			return "";
		}
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : known) {
			int tolerance = (lower.length() >= 5 && candidate.length() >= 5) ? 2 : 1;
			int distance = lower.equals(candidate) ? 0 : distance(lower, candidate);
			if (distance <= tolerance && distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return (best != null) ? "; did you mean '" + best + "'?" : "";
	}

	static int distance(String a, String b) {
		return policywatch.text.Texts.editDistance(a, b);
	}

	String requiredText(Map<String, NodeTuple> entries, String key, String path, int itemLine) {
		NodeTuple entry = entries.get(key);
		if (entry == null || isNull(entry.getValueNode())) {
			problem((entry != null) ? line(entry.getKeyNode()) : itemLine, path + "." + key, "is required");
			return null;
		}
		String value = text(entry.getValueNode(), path + "." + key);
		if (value != null && value.isEmpty()) {
			problem(line(entry.getValueNode()), path + "." + key, "is required");
			return null;
		}
		return value;
	}

	String optionalText(Map<String, NodeTuple> entries, String key, String path) {
		NodeTuple entry = entries.get(key);
		if (entry == null || isNull(entry.getValueNode())) {
			return null;
		}
		return text(entry.getValueNode(), path + "." + key);
	}

	String text(Node node, String field) {
		if (!(node instanceof ScalarNode scalar)) {
			problem(line(node), field, "expected a single value, not a list or mapping");
			return null;
		}
		return scalar.getValue().strip();
	}

	static boolean isNull(Node node) {
		return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
	}

	static int line(Node node) {
		return node.getStartMark().getLine() + 1;
	}

	void problem(int line, String field, String reason) {
		this.problems.add(new ConfigProblem(this.file, line, field, reason));
	}

	static String oneLine(String text) {
		return policywatch.text.Texts.oneLine(text);
	}

}
