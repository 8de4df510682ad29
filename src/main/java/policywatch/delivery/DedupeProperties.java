package policywatch.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Near-duplicate folding: one story syndicated by several feeds alerts once; later copies add "Also:"
 * links to the alert already sent.
 *
 * @param enabled whether new entries are compared with recent ones before alerting
 * @param window how far back (across all feeds) an entry is compared
 */
@ConfigurationProperties("policywatch.dedupe")
@Validated
public record DedupeProperties(@DefaultValue("true") boolean enabled, @DefaultValue("48h") Duration window) {

	public DedupeProperties {
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("policywatch.dedupe.window must be positive, got " + window);
		}
	}

}
