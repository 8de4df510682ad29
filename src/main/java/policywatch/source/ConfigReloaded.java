package policywatch.source;

/**
 * A reload of the config files was accepted and applied (published after {@link FeedsReloaded}).
 *
 * @param changes what changed
 * @param trigger what started it
 */
public record ConfigReloaded(ConfigChanges changes, ReloadTrigger trigger) {
}
