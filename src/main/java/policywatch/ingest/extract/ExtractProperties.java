package policywatch.ingest.extract;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Article extraction (full-text feeds, {@code check}, {@code extract}).
 *
 * @param timeBudget the longest the extraction of one HTML page may take, in CPU time of the
 * extracting thread; a page that takes longer is skipped with a log line and the entry keeps the
 * feed's description
 * @param pdfMaxPages the most pages of a linked PDF whose text is read (the rest is left out)
 * @param pdfTimeBudget the longest the text extraction of one PDF may take, in CPU time of the
 * extracting thread; past it, the entry keeps the feed's description
 */
@ConfigurationProperties("policywatch.extract")
@Validated
public record ExtractProperties(@DefaultValue("2s") Duration timeBudget, @DefaultValue("50") @Min(1) int pdfMaxPages,
		@DefaultValue("5s") Duration pdfTimeBudget) {

	/**
	 * @return the defaults, as used by the command-line tools
	 */
	public static ExtractProperties defaults() {
		return new ExtractProperties(Duration.ofSeconds(2), 50, Duration.ofSeconds(5));
	}

}
