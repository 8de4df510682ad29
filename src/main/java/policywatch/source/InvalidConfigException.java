package policywatch.source;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An admin-edited file has problems; nothing from it was applied.
 */
public class InvalidConfigException extends RuntimeException {

	private final List<ConfigProblem> problems;

	public InvalidConfigException(List<ConfigProblem> problems) {
		super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
		this.problems = List.copyOf(problems);
	}

	public List<ConfigProblem> problems() {
		return this.problems;
	}

}
