package policywatch.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Appends feeds to the text of {@code feeds.yml} as YAML, keeping the file as it is (comments
 * included) and the indentation of its items, and replaces the file atomically.
 */
final class FeedsFileAppender {

	private static final Pattern EMPTY_FLOW_LIST = Pattern.compile("(?m)^feeds:[ \\t]*+\\[[ \\t]*+\\][ \\t]*+(#.*)?$");

	private static final Pattern ITEM_INDENT = Pattern.compile("(?m)^([ \\t]*+)-[ \\t]++id[ \\t]*+:");

	private FeedsFileAppender() {
	}

	/**
	 * @param text the file's text ({@code feeds: []} becomes {@code feeds:})
	 * @param feeds the feeds to add
	 * @return the text with the feeds appended under a comment
	 */
	static String append(String text, List<FeedDefinition> feeds) {
		String base = text;
		Matcher empty = EMPTY_FLOW_LIST.matcher(base);
		if (empty.find()) {
			base = empty.replaceFirst((empty.group(1) != null) ? "feeds: " + Matcher.quoteReplacement(empty.group(1))
					: "feeds:");
		}
		Matcher indent = ITEM_INDENT.matcher(base);
		String itemIndent = indent.find() ? indent.group(1) : "  ";
		StringBuilder result = new StringBuilder(base);
		if (!base.isEmpty() && !base.endsWith("\n")) {
			result.append('\n');
		}
		result.append(itemIndent).append("# imported from OPML\n");
		return result.append(entries(feeds, itemIndent)).toString();
	}

	/** The feeds as YAML list items with this indentation. */
	static String entries(List<FeedDefinition> feeds, String indent) {
		StringBuilder text = new StringBuilder();
		for (FeedDefinition feed : feeds) {
			text.append(indent).append("- id: ").append(feed.id()).append('\n');
			text.append(indent).append("  name: ").append(quote(feed.name())).append('\n');
			text.append(indent).append("  url: ").append(quote(feed.url().toString())).append('\n');
			if (!feed.interval().equals(FeedsConfig.DEFAULT_INTERVAL)) {
				text.append(indent).append("  interval: ").append(Opml.duration(feed.interval())).append('\n');
			}
			if (!feed.fullText()) {
				text.append(indent).append("  full-text: false\n");
			}
		}
		return text.toString();
	}

	/** A YAML double-quoted scalar. */
	static String quote(String value) {
		StringBuilder quoted = new StringBuilder("\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						quoted.append(String.format("\\x%02x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	/** Replaces the file with the text through a temporary file and an atomic move where possible. */
	static void write(Path file, String text) throws IOException {
		Path dir = (file.toAbsolutePath().getParent() != null) ? file.toAbsolutePath().getParent() : Path.of(".");
		Files.createDirectories(dir);
		Path temp = Files.createTempFile(dir, ".feeds-", ".yml.tmp");
		try {
			Files.writeString(temp, text, StandardCharsets.UTF_8);
			try {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

}
