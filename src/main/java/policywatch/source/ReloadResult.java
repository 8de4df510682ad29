package policywatch.source;

import java.util.List;

/**
 * The outcome of reloading the config files.
 */
public sealed interface ReloadResult {

	/**
	 * The files were valid and are now in effect.
	 *
	 * @param changes what changed (possibly nothing)
	 */
	record Applied(ConfigChanges changes) implements ReloadResult {
	}

	/**
	 * The files have problems (or feeds.yml is gone): nothing was applied and the previous
	 * configuration stays active.
	 *
	 * @param problems every problem found
	 */
	record Rejected(List<ConfigProblem> problems) implements ReloadResult {
	}

}
