package policywatch.archive;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The recent archive ({@code policywatch.archive.*}).
 *
 * @param retention how long an entry's text, title, feed and link are kept for {@code /recent} and the subscribe
 * preview (the entry's identity is kept forever regardless)
 * @param pruneInterval how often articles older than the retention are deleted
 * @param scanLimit how many of the newest articles a query with no required word (only exclusions) is checked
 * against
 * @param maxCandidates the most index candidates one search confirms with the matcher one by one (only for what the
 * index cannot count exactly: normally nothing); a preview count that reaches it is shown as "at least"
 * @param searchBudget the most time one search spends confirming candidates one by one; a preview count cut short by
 * it is shown as "at least"
 */
@ConfigurationProperties("policywatch.archive")
@Validated
public record ArchiveProperties(@DefaultValue("14d") Duration retention, @DefaultValue("1h") Duration pruneInterval,
		@DefaultValue("2000") @Min(10) @Max(100000) int scanLimit,
		@DefaultValue("3000") @Min(10) @Max(1000000) int maxCandidates,
		@DefaultValue("200ms") Duration searchBudget) {

}
