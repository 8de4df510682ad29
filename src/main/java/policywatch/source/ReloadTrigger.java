package policywatch.source;

/**
 * What started a reload of the config files.
 */
public enum ReloadTrigger {

	/** The file watcher saw a change. */
	WATCH,

	/** An admin asked for it ({@code /reload}). */
	COMMAND

}
