package policywatch;

import java.util.Arrays;
import java.util.List;

/**
 * The command-line tools that run without the bot: {@code check}, {@code extract} and {@code opml}.
 */
final class CommandLineTools {

	private CommandLineTools() {
	}

	static boolean handles(String word) {
		return "check".equals(word) || "extract".equals(word) || "opml".equals(word);
	}

	static int run(String[] args) {
		List<String> rest = Arrays.asList(args).subList(1, args.length);
		return switch (args[0]) {
			case "check" -> policywatch.ingest.check.CheckCommand.run(rest, System.out, System.err);
			case "extract" -> policywatch.ingest.extract.ExtractCommand.run(rest, System.out, System.err);
			case "opml" -> policywatch.source.OpmlCommand.run(rest, System.out, System.err);
			default -> {
				System.err.println("Unknown command: " + args[0]);
				yield 2;
			}
		};
	}

}
