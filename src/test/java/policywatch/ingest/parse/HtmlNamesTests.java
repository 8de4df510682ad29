package policywatch.ingest.parse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real HTML elements (Jsoup's tag set) as opposed to text that only looks like a tag.
 */
class HtmlNamesTests {

	@Test
	void knownElementsCount() {
		assertThat(HtmlNames.containsHtmlElement("Tariffs <b>rise</b>")).isTrue();
		assertThat(HtmlNames.containsHtmlElement("Trade</em> news")).isTrue();
		assertThat(HtmlNames.containsHtmlElement("<SPAN class=\"x\">News</SPAN>")).isTrue();
		assertThat(HtmlNames.containsHtmlElement("line<br/>break")).isTrue();
		assertThat(HtmlNames.containsHtmlElement("<blink>safe</blink> description")).isTrue();
	}

	@Test
	void textThatOnlyLooksLikeATagDoesNot() {
		assertThat(HtmlNames.containsHtmlElement("Policy <update> for 2025")).isFalse();
		assertThat(HtmlNames.containsHtmlElement("a < b and c > d")).isFalse();
		assertThat(HtmlNames.containsHtmlElement("<bold>")).isFalse();
		assertThat(HtmlNames.containsHtmlElement("<b")).isFalse();
		assertThat(HtmlNames.containsHtmlElement("no tags at all")).isFalse();
	}

	@Test
	void aTextOfAngleBracketsAndLettersIsReadInOnePass() {
		String hostile = "<a1".repeat(100_000) + "<" + "x".repeat(100_000);
		assertThat(HtmlNames.containsHtmlElement(hostile)).isFalse();
	}

}
