package policywatch.source;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up failure caused by an {@link InvalidConfigException} into the list of problems, one per line,
 * instead of a bare stack trace. Registered in {@code META-INF/spring.factories}.
 */
final class InvalidConfigFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigException> {

	static final String ACTION = "Fix the file and start again";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigException cause) {
		int count = cause.problems().size();
		String description = "A configuration file has " + count + ((count == 1) ? " problem" : " problems")
				+ "; nothing from it was applied:\n\n" + cause.problems()
					.stream()
					.map((problem) -> "    " + problem)
					.collect(Collectors.joining("\n"));
		return new FailureAnalysis(description, ACTION, cause);
	}

}
