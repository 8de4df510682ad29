package policywatch.ingest.extract;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code extract <url-or-file>... [--json]}. Placeholder.
 */
public final class ExtractCommand {

	private ExtractCommand() {
	}

	public static int run(List<String> args, PrintStream out, PrintStream err) {
		err.println("extract: not implemented yet");
		return 2;
	}

}
