package policywatch.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BotApiHtmlValidatorTests {

	@Test
	void acceptsSupportedTagsAttributesAndEntities() {
		String html = "<b>Tariffs</b> on <i>steel</i> &amp; <a href=\"https://example.org/a?x=1&amp;y=2\">aluminium</a>"
				+ " <blockquote expandable>«He said &quot;no&quot;»</blockquote> <span class=\"tg-spoiler\">x</span>"
				+ " <code>a &lt; b</code> &#8212; &#x2014; <tg-spoiler>s</tg-spoiler> <pre><code class=\"language-java\">"
				+ "x</code></pre> 5 > 3";

		assertThat(BotApiHtmlValidator.validate(html)).isEmpty();
		assertThat(BotApiHtmlValidator.plainText(html)).isEqualTo("Tariffs on steel & aluminium «He said \"no\"» x a < b — — s"
				+ " x 5 > 3");
	}

	@Test
	void rejectsWhatTheRealApiRejects() {
		assertThat(BotApiHtmlValidator.validate("<div>x</div>"))
			.hasValue("can't parse entities: Unsupported start tag \"div\" at byte offset 0");
		assertThat(BotApiHtmlValidator.validate("<b>x</i>")).hasValue(
				"can't parse entities: Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\"");
		assertThat(BotApiHtmlValidator.validate("x</b>")).hasValue("can't parse entities: Unexpected end tag at byte offset 1");
		assertThat(BotApiHtmlValidator.validate("<b>x")).hasValue(
				"can't parse entities: Can't find end tag corresponding to start tag \"b\"");
		assertThat(BotApiHtmlValidator.validate("é <x")).hasValue("can't parse entities: Unclosed start tag at byte offset 3");
		assertThat(BotApiHtmlValidator.validate("<span>x</span>")).hasValue(
				"can't parse entities: Tag \"span\" must have class \"tg-spoiler\" at byte offset 0");
	}

	@Test
	void rejectsUnescapedAmpersand() {
		assertThat(BotApiHtmlValidator.validate("AT&T")).hasValue(
				"can't parse entities: Character '&' must be escaped as &amp; at byte offset 2");
		assertThat(BotApiHtmlValidator.validate("&nbsp;")).isPresent();
	}

}
