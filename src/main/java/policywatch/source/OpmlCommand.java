package policywatch.source;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
 * within seconds. This class reads the command line; {@link OpmlImport} does the import and
 * {@link Opml} reads and writes the format.
 */
public final class OpmlCommand {

	static final String CONFIG_DIR = "policywatch.config-dir";

	static final String CONFIG_DIR_ENV = "POLICYWATCH_CONFIG_DIR";

	private static final String USAGE = "usage: opml import <file> | opml export  [--" + CONFIG_DIR + "=DIR]";

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
			return new OpmlImport(file, out, err).run(words.get(1));
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

}
