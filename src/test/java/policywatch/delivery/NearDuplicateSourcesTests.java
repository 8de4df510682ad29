package policywatch.delivery;

import java.util.List;

import org.junit.jupiter.api.Test;

import policywatch.testing.BotApiHtmlValidator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Also:" line added to an alert when other feeds carry the same story.
 */
class NearDuplicateSourcesTests {

	@Test
	void listsTheOtherSourcesWithSafeLinksOnly() {
		String edited = NearDuplicates.withSources("<b>BRICS payments</b>", List.of(
				new StorySource(2, "wire", "Wire <Service> & Co", "t", "https://wire.example/a?x=1&y=\"2\""),
				new StorySource(3, "odd", "Odd Feed", "t", "javascript:alert(1)"),
				new StorySource(4, "none", "No Link", "t", null)),
				new AlertTexts(policywatch.testing.TestMessages.create()), java.util.Locale.ENGLISH);

		assertThat(edited).startsWith("<b>BRICS payments</b>\n\nAlso: ")
			.contains("<a href=\"https://wire.example/a?x=1&amp;y=&quot;2&quot;\">Wire &lt;Service&gt; &amp; Co</a>")
			.contains(" · Odd Feed · No Link")
			.doesNotContain("javascript");
		assertThat(BotApiHtmlValidator.validate(edited)).isEmpty();
	}

}
