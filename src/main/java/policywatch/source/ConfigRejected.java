package policywatch.source;

import java.util.List;

/**
 * A reload of the config files was rejected; the previous configuration stays active.
 *
 * @param problems every problem found, each with file, line, field and reason
 * @param trigger what started it
 */
public record ConfigRejected(List<ConfigProblem> problems, ReloadTrigger trigger) {
}
