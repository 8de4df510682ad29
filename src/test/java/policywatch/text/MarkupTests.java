package policywatch.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkupTests {

	@Test
	void textEscapesTheThreeMarkupCharactersOnly() {
		assertThat(Markup.escapeText("a < b && \"c\" > d\n")).isEqualTo("a &lt; b &amp;&amp; \"c\" &gt; d\n");
	}

	@Test
	void attributesKeepQuotesLineBreaksAndTabsAndDropOtherControls() {
		assertThat(Markup.escapeAttribute("Trade \"news\"\n\tR&D\u0001 <x>"))
			.isEqualTo("Trade &quot;news&quot;&#10;&#9;R&amp;D &lt;x&gt;");
	}

}
