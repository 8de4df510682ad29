package policywatch.ingest.extract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTests {

	@Test
	void blocksBecomeParagraphsAndEntitiesAreDecoded() {
		assertThat(Html.toText("<p>Tom &amp; Jerry&nbsp;return.</p><div>Second <b>block</b></div>"))
			.isEqualTo("Tom & Jerry return.\n\nSecond block");
	}

	@Test
	void lineBreaksAndScriptsAreHandled() {
		assertThat(Html.toText("First line<br>second line<br><br>New paragraph<script>alert(1)</script>"))
			.isEqualTo("First line\nsecond line\n\nNew paragraph");
	}

	@Test
	void plainTextKeepsParagraphsAndCollapsesSpaces() {
		assertThat(Html.toText("  One   two\nthree\n\n\nFour  ")).isEqualTo("One two three\n\nFour");
	}

	@Test
	void nullAndBlankGiveEmptyText() {
		assertThat(Html.toText(null)).isEmpty();
		assertThat(Html.toText("   ")).isEmpty();
		assertThat(Html.toText("<p> </p>")).isEmpty();
	}

}
