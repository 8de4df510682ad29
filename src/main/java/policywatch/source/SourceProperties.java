package policywatch.source;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Watching the config folder.
 *
 * @param watchInterval how often the config files are checked for changes; a change is applied
 * once the files have stayed the same for one more check (so a half-saved file is not read);
 * {@code 0} turns watching off ({@code /reload} still works)
 */
@ConfigurationProperties("policywatch.source")
public record SourceProperties(@DefaultValue("2s") Duration watchInterval) {
}
