package policywatch.console;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import policywatch.source.ConfigProblem;
import policywatch.source.ConfigRejected;
import policywatch.source.ConfigReloaded;
import policywatch.source.FeedCatalog;
import policywatch.source.ReloadTrigger;

/**
 * The last reload of the config files on this node, for the console: when, what started it, and
 * whether it was accepted (with what changed) or rejected (with each problem's file and line).
 * Kept in memory; a restart starts with the start-up load.
 */
@Component
final class ReloadHistory {

	private final Clock clock;

	private volatile LastReload last;

	ReloadHistory(Clock clock, FeedCatalog catalog) {
		this.clock = clock;
		this.last = new LastReload(clock.instant(), "start-up", true,
				catalog.feeds().size() + " feeds, " + catalog.subscriptions().size() + " admin-defined subscriptions",
				List.of());
	}

	@EventListener
	void reloaded(ConfigReloaded event) {
		this.last = new LastReload(this.clock.instant(), by(event.trigger()), true, event.changes().describe(),
				List.of());
	}

	@EventListener
	void rejected(ConfigRejected event) {
		this.last = new LastReload(this.clock.instant(), by(event.trigger()), false,
				"the previous configuration stays active",
				event.problems().stream().map(ReloadHistory::problem).toList());
	}

	LastReload last() {
		return this.last;
	}

	private static String by(ReloadTrigger trigger) {
		return switch (trigger) {
			case WATCH -> "file watcher";
			case COMMAND -> "/reload command";
		};
	}

	private static Problem problem(ConfigProblem problem) {
		Path name = problem.file().getFileName();
		String file = (name != null) ? name.toString() : problem.file().toString();
		String where = (problem.line() > 0) ? file + ":" + problem.line() : file;
		String reason = problem.field().isEmpty() ? problem.reason() : problem.field() + ": " + problem.reason();
		return new Problem(where, reason);
	}

	/**
	 * One reload.
	 *
	 * @param at when
	 * @param by what started it: start-up, file watcher or /reload command
	 * @param accepted whether it was applied
	 * @param summary what changed, or that nothing did
	 * @param problems the problems that rejected it
	 */
	record LastReload(Instant at, String by, boolean accepted, String summary, List<Problem> problems) {
	}

	/**
	 * @param where file:line
	 * @param reason what is wrong (with the field)
	 */
	record Problem(String where, String reason) {
	}

}
