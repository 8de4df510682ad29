package policywatch.delivery.summary;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTests {

	private final SentenceSplitter splitter = new SentenceSplitter();

	private List<String> split(String text) {
		return this.splitter.split(text).stream().map((span) -> text.substring(span.start(), span.end())).toList();
	}

	@Test
	void splitsPlainSentences() {
		assertThat(split("The bill passed. It goes to the Senate next! Will it pass?"))
			.containsExactly("The bill passed.", "It goes to the Senate next!", "Will it pass?");
	}

	@Test
	void keepsAbbreviationsAndInitialsTogether() {
		assertThat(split("Mr. Smith met Dr. Jones in the U.S. capital on Jan. 5. They talked."))
			.containsExactly("Mr. Smith met Dr. Jones in the U.S. capital on Jan. 5.", "They talked.");
		assertThat(split("See Rule No. 5 for details, e.g. the filing deadline. Then apply."))
			.containsExactly("See Rule No. 5 for details, e.g. the filing deadline.", "Then apply.");
	}

	@Test
	void keepsDecimalsTogether() {
		assertThat(split("Inflation rose 3.5% in May. Rates held at 4.25 percent."))
			.containsExactly("Inflation rose 3.5% in May.", "Rates held at 4.25 percent.");
	}

	@Test
	void keepsQuotedQuestionWithItsAttribution() {
		assertThat(split("\"Is this legal?\" he said. \"No.\" She left."))
			.containsExactly("\"Is this legal?\" he said.", "\"No.\"", "She left.");
		assertThat(split("“We will act,” the minister said. “Today.”"))
			.containsExactly("“We will act,” the minister said.", "“Today.”");
	}

	@Test
	void splitsChineseAndJapanesePunctuation() {
		assertThat(split("国务院发布新规定。规定自明年起施行！你知道吗？"))
			.containsExactly("国务院发布新规定。", "规定自明年起施行！", "你知道吗？");
		assertThat(split("政府は発表した。「新しい法律だ。」と述べた。"))
			.containsExactly("政府は発表した。", "「新しい法律だ。」", "と述べた。");
	}

	@Test
	void germanOrdinalDatesDoNotEndSentences() {
		assertThat(split("Das Gesetz tritt am 1. Januar in Kraft. Der Bundestag hat z.B. zugestimmt."))
			.containsExactly("Das Gesetz tritt am 1. Januar in Kraft.", "Der Bundestag hat z.B. zugestimmt.");
	}

	@Test
	void paragraphBreakAlwaysEndsASentence() {
		assertThat(split("Press release\n\nThe ministry announced new rules\n\n  Next paragraph here."))
			.containsExactly("Press release", "The ministry announced new rules", "Next paragraph here.");
	}

	@Test
	void offsetsPointIntoTheOriginalText() {
		String text = "  First one.   Second one.  ";
		List<TextSpan> spans = this.splitter.split(text);
		assertThat(spans).containsExactly(new TextSpan(2, 12), new TextSpan(15, 26));
	}

	@Test
	void emptyAndNullGiveNothing() {
		assertThat(this.splitter.split("")).isEmpty();
		assertThat(this.splitter.split(null)).isEmpty();
		assertThat(this.splitter.split("  \n\n ")).isEmpty();
	}

}
