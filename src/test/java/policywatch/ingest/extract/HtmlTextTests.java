package policywatch.ingest.extract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTextTests {

	@Test
	void blocksBecomeParagraphsAndEntitiesAreDecoded() {
		assertThat(HtmlText.toText("<p>Tom &amp; Jerry&nbsp;return.</p><div>Second <b>block</b></div>"))
			.isEqualTo("Tom & Jerry return.\n\nSecond block");
	}

	@Test
	void lineBreaksAndScriptsAreHandled() {
		assertThat(HtmlText.toText("First line<br>second line<br><br>New paragraph<script>alert(1)</script>"))
			.isEqualTo("First line\nsecond line\n\nNew paragraph");
	}

	@Test
	void plainTextKeepsParagraphsAndCollapsesSpaces() {
		assertThat(HtmlText.toText("  One   two\nthree\n\n\nFour  ")).isEqualTo("One two three\n\nFour");
	}

	@Test
	void nullAndBlankGiveEmptyText() {
		assertThat(HtmlText.toText(null)).isEmpty();
		assertThat(HtmlText.toText("   ")).isEmpty();
		assertThat(HtmlText.toText("<p> </p>")).isEmpty();
	}

}
