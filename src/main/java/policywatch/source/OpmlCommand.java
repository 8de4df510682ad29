package policywatch.source;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;

/**
 * {@code opml import <file>} adds the feeds of an OPML file to {@code feeds.yml}, and
 * {@code opml export} prints the configured feeds as OPML. Both read the config folder from
 * {@code --policywatch.config-dir=…} (or the system property or {@code POLICYWATCH_CONFIG_DIR}),
 * default {@code config}. No Spring context is started.
 * <p>
 * Import keeps the file as it is, comments included, and appends the new feeds as text; it skips
 * URLs that are already configured (and repeats within the OPML file) and derives each id from
 * the title (lower case, {@code [a-z0-9-]}, unique). An export carries each feed's id, and its
 * interval and full-text setting when they are not the defaults, so it imports back unchanged. The result is checked before the file is
 * replaced (atomically), so a running bot only ever sees a complete, valid file and picks it up
 * within seconds.
 */
public final class OpmlCommand {

	static final String CONFIG_DIR = "policywatch.config-dir";

	static final String CONFIG_DIR_ENV = "POLICYWATCH_CONFIG_DIR";

	private static final String USAGE = "usage: opml import <file> | opml export  [--" + CONFIG_DIR + "=DIR]";

	private static final int MAX_ID_LENGTH = 40;

	private static final long MAX_OPML_BYTES = 10L * 1024 * 1024;

	private static final Pattern EMPTY_FLOW_LIST = Pattern.compile("(?m)^feeds:[ \\t]*\\[[ \\t]*\\][ \\t]*(#.*)?$");

	private static final Pattern ITEM_INDENT = Pattern.compile("(?m)^([ \\t]*)-[ \\t]+id[ \\t]*:");

	private OpmlCommand() {
	}

	/**
	 * Runs the command.
	 * @param args the arguments after {@code opml}
	 * @param out the OPML (export) or the summary (import)
	 * @param err one-line errors
	 * @return 0 on success, 2 otherwise
	 */
	public static int run(List<String> args, PrintStream out, PrintStream err) {
		return run(args, out, err, System.getenv(), System.getProperties()::getProperty);
	}

	static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env,
			Function<String, String> systemProperties) {
		String configDir = null;
		List<String> words = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--" + CONFIG_DIR + "=")) {
				configDir = arg.substring(CONFIG_DIR.length() + 3);
			}
			else if (arg.startsWith("--policywatch.")) {
				// other application properties do not concern this command
			}
			else if (arg.startsWith("--")) {
				err.println("opml: unknown option " + arg + "; " + USAGE);
				return 2;
			}
			else {
				words.add(arg);
			}
		}
		if (configDir == null) {
			configDir = systemProperties.apply(CONFIG_DIR);
		}
		if (configDir == null) {
			configDir = env.get(CONFIG_DIR_ENV);
		}
		Path file;
		try {
			file = Path.of((configDir == null || configDir.isBlank()) ? "config" : configDir).resolve(AdminConfig.FEEDS_FILE);
		}
		catch (InvalidPathException ex) {
			err.println("opml: invalid config dir: " + ex.getMessage());
			return 2;
		}
		if (words.size() == 1 && words.get(0).equals("export")) {
			return export(file, out, err);
		}
		if (words.size() == 2 && words.get(0).equals("import")) {
			return importFile(words.get(1), file, out, err);
		}
		err.println("opml: " + (words.isEmpty() ? "no subcommand" : "unexpected arguments " + words) + "; " + USAGE);
		return 2;
	}

	private static int export(Path file, PrintStream out, PrintStream err) {
		List<FeedDefinition> feeds;
		try {
			feeds = FeedsConfig.load(file);
		}
		catch (InvalidConfigException ex) {
			ex.problems().forEach((problem) -> err.println("opml: " + problem));
			return 2;
		}
		out.print(Opml.write(feeds));
		out.flush();
		return 0;
	}

	private static int importFile(String input, Path file, PrintStream out, PrintStream err) {
		List<Opml.Outline> outlines;
		try {
			Path path = Path.of(input);
			if (Files.size(path) > MAX_OPML_BYTES) {
				err.println("opml: " + input + ": larger than 10 MB");
				return 2;
			}
			outlines = Opml.read(Files.readAllBytes(path));
		}
		catch (NoSuchFileException ex) {
			err.println("opml: " + input + ": no such file");
			return 2;
		}
		catch (IOException | InvalidPathException ex) {
			err.println("opml: " + input + ": " + YamlFile.oneLine(ex.getMessage()));
			return 2;
		}

		String text;
		List<FeedDefinition> existing;
		boolean exists = Files.exists(file);
		if (exists) {
			List<ConfigProblem> problems = new ArrayList<>();
			YamlFile yaml = new YamlFile(file, problems);
			text = yaml.read(true);
			try {
				existing = (text != null) ? FeedsConfig.parse(file, text) : List.of();
				FeedsConfig.throwIfAny(problems);
			}
			catch (InvalidConfigException ex) {
				err.println("opml: " + file + " has problems; fix them first:");
				ex.problems().forEach((problem) -> err.println("  " + problem));
				return 2;
			}
		}
		else {
			text = "feeds:\n";
			existing = List.of();
		}

		Set<String> ids = new HashSet<>();
		Set<String> urls = new HashSet<>();
		for (FeedDefinition feed : existing) {
			ids.add(feed.id());
			urls.add(normalize(feed.url()));
		}
		List<FeedDefinition> added = new ArrayList<>();
		List<String> present = new ArrayList<>();
		List<String> unusable = new ArrayList<>();
		for (Opml.Outline outline : outlines) {
			URI url = FeedsConfig.httpUrl(outline.url());
			if (url == null) {
				unusable.add(outline.url());
				continue;
			}
			if (!urls.add(normalize(url))) {
				present.add(outline.url());
				continue;
			}
			String id = uniqueId(outline, url, ids);
			ids.add(id);
			String name = outline.title().isEmpty() ? id : YamlFile.oneLine(outline.title());
			added.add(new FeedDefinition(id, name, url, interval(outline.interval()), !"false".equalsIgnoreCase(outline.fullText())));
		}

		if (!added.isEmpty()) {
			String updated = append(text, added);
			try {
				List<FeedDefinition> check = FeedsConfig.parse(file, updated);
				if (check.size() != existing.size() + added.size()) {
					throw new IllegalStateException("expected " + (existing.size() + added.size()) + " feeds, found "
							+ check.size());
				}
			}
			catch (InvalidConfigException | IllegalStateException ex) {
				err.println("opml: unable to append to " + file + " automatically (" + YamlFile.oneLine(ex.getMessage())
						+ "); add these entries under 'feeds:' by hand:");
				err.print(entries(added, "  "));
				return 2;
			}
			try {
				write(file, updated);
			}
			catch (IOException ex) {
				err.println("opml: unable to write " + file + ": " + YamlFile.oneLine(ex.getMessage()));
				return 2;
			}
		}

		out.println((added.isEmpty() ? "No new feeds for " : "Added " + added.size()
				+ ((added.size() == 1) ? " feed to " : " feeds to ")) + file
				+ (added.isEmpty() ? "" : ": " + String.join(", ", added.stream().map(FeedDefinition::id).toList())));
		if (!present.isEmpty()) {
			out.println("Skipped " + present.size() + " already configured: " + String.join(" ", present));
		}
		if (!unusable.isEmpty()) {
			out.println("Skipped " + unusable.size() + " that are not http(s) URLs: " + String.join(" ", unusable));
		}
		if (!added.isEmpty()) {
			out.println("A running PolicyWatch applies the change within seconds (or send /reload).");
		}
		return 0;
	}

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

	private static String entries(List<FeedDefinition> feeds, String indent) {
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

	/** An exported interval; the default when absent or unusable. */
	private static Duration interval(String value) {
		if (value != null) {
			try {
				Duration interval = DurationStyle.detectAndParse(value);
				if (interval.compareTo(FeedsConfig.MINIMUM_INTERVAL) >= 0) {
					return Duration.ofSeconds(interval.toSeconds());
				}
			}
			catch (IllegalArgumentException ex) {
				// not a duration: the default applies
			}
		}
		return FeedsConfig.DEFAULT_INTERVAL;
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

	static String uniqueId(Opml.Outline outline, URI url, Set<String> taken) {
		String base = null;
		if (outline.id() != null && FeedsConfig.ID.matcher(outline.id()).matches()) {
			base = outline.id();
		}
		if (base == null) {
			base = slug(outline.title());
		}
		if (base.isEmpty()) {
			base = slug(url.getHost().replaceFirst("^www\\.", ""));
		}
		if (base.isEmpty()) {
			base = "feed";
		}
		String id = base;
		for (int n = 2; taken.contains(id); n++) {
			id = base + "-" + n;
		}
		return id;
	}

	static String slug(String text) {
		String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (slug.length() > MAX_ID_LENGTH) {
			int cut = slug.lastIndexOf('-', MAX_ID_LENGTH);
			slug = slug.substring(0, (cut > 10) ? cut : MAX_ID_LENGTH).replaceAll("-+$", "");
		}
		return slug;
	}

	/** A URL for comparison: scheme and host in lower case, no default port, no trailing slash. */
	static String normalize(URI url) {
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		int port = url.getPort();
		if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
			port = -1;
		}
		String path = (url.getRawPath() != null) ? url.getRawPath() : "";
		if (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ((port >= 0) ? ":" + port : "") + path
				+ ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
	}

	private static void write(Path file, String text) throws IOException {
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
