package policywatch.delivery.summary;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SummarizerTests {

	/** Far beyond what these take (milliseconds); the patterns replaced here took minutes. */
	private static final Duration HANG = Duration.ofSeconds(20);

	private final Summarizer summarizer = new Summarizer();

	private static List<TextSpan> find(String text, String... terms) {
		List<TextSpan> spans = new ArrayList<>();
		for (String term : terms) {
			int from = 0;
			int at;
			while ((at = text.indexOf(term, from)) >= 0) {
				spans.add(new TextSpan(at, at + term.length()));
				from = at + term.length();
			}
		}
		return spans;
	}

	private static List<String> texts(Summary summary) {
		return summary.sentences().stream().map(Summary.Sentence::text).toList();
	}

	@Test
	void withoutHighlightsTakesTheLead() {
		String text = "First sentence here. Second sentence here. Third sentence here. Fourth sentence here.";
		Summary summary = this.summarizer.summarize(text, List.of(), 600);
		assertThat(texts(summary)).containsExactly("First sentence here.", "Second sentence here.",
				"Third sentence here.");
		assertThat(summary.sentences()).allSatisfy((sentence) -> assertThat(sentence.bold()).isEmpty());
	}

	@Test
	void prefersSentencesWithHighlightsInTextOrderWithBoldSpans() {
		String text = "The council met on Monday. Members discussed parking. "
				+ "A new data protection rule was adopted. Lunch was served. "
				+ "Critics say the data protection rule is weak.";
		Summary summary = this.summarizer.summarize(text, find(text, "data protection"), 600);
		assertThat(texts(summary)).containsExactly("A new data protection rule was adopted.",
				"Critics say the data protection rule is weak.");
		Summary.Sentence first = summary.sentences().get(0);
		assertThat(first.bold()).containsExactly(new TextSpan(6, 21));
		assertThat(first.text().substring(6, 21)).isEqualTo("data protection");
		Summary.Sentence second = summary.sentences().get(1);
		TextSpan bold = second.bold().get(0);
		assertThat(second.text().substring(bold.start(), bold.end())).isEqualTo("data protection");
	}

	@Test
	void prefersSentencesCoveringMoreDistinctTerms() {
		String text = "Solar subsidies were cut. Wind power grew. Solar and wind both suffered from tariffs. "
				+ "Nothing else happened.";
		Summary summary = this.summarizer.summarize(text, find(text, "Solar", "wind", "Wind"), 50);
		assertThat(texts(summary)).containsExactly("Solar and wind both suffered from tariffs.");
	}

	@Test
	void staysWithinTheLimitWithoutCuttingSentences() {
		String text = "A".repeat(50) + " one. " + "B".repeat(50) + " two. " + "C".repeat(50) + " three.";
		Summary summary = this.summarizer.summarize(text, List.of(), 120);
		assertThat(texts(summary)).hasSize(2);
		int total = texts(summary).stream().mapToInt(String::length).sum() + 1;
		assertThat(total).isLessThanOrEqualTo(120);
		assertThat(texts(summary)).allSatisfy((sentence) -> assertThat(sentence).endsWith("."));
	}

	@Test
	void cutsASingleOverlongSentenceAtAWordBoundary() {
		String text = "word ".repeat(200).strip() + ".";
		Summary summary = this.summarizer.summarize(text, List.of(), 100);
		String sentence = texts(summary).get(0);
		assertThat(sentence).endsWith("word…").hasSizeLessThanOrEqualTo(100);
	}

	@Test
	void overlongSentenceKeepsItsLateHighlightInView() {
		String text = "filler ".repeat(150) + "tariff " + "filler ".repeat(20) + "end.";
		Summary summary = this.summarizer.summarize(text, find(text, "tariff"), 200);
		Summary.Sentence sentence = summary.sentences().get(0);
		assertThat(sentence.text()).startsWith("…").endsWith("…").hasSizeLessThanOrEqualTo(200);
		TextSpan bold = sentence.bold().get(0);
		assertThat(sentence.text().substring(bold.start(), bold.end())).isEqualTo("tariff");
	}

	@Test
	void repeatedLeadAppearsOnce() {
		String text = "Ministry publishes new guidance on exports.\n\nMinistry publishes new guidance on exports. "
				+ "It applies from May.";
		Summary summary = this.summarizer.summarize(text, List.of(), 600);
		assertThat(texts(summary)).containsExactly("Ministry publishes new guidance on exports.",
				"It applies from May.");
	}

	@Test
	void highlightInTheRepeatedCopyStillMarksTheKeptSentence() {
		String lead = "Ministry publishes new guidance on exports.";
		String text = lead + "\n\n" + lead + " It applies from May.";
		int second = text.indexOf("exports", lead.length());
		Summary summary = this.summarizer.summarize(text, List.of(new TextSpan(second, second + 7)), 600);
		assertThat(texts(summary)).containsExactly(lead);
		assertThat(summary.sentences().get(0).bold()).containsExactly(new TextSpan(35, 42));
	}

	@Test
	void leadSkipsHeadingsAndLabels() {
		String text = "Press release\n\nNew rules for drones\n\nThe ministry has published new rules for drones. "
				+ "They apply from June.";
		Summary summary = this.summarizer.summarize(text, List.of(), 600);
		assertThat(texts(summary)).containsExactly("The ministry has published new rules for drones.",
				"They apply from June.");
	}

	@Test
	void lineBreaksInsideASentenceBecomeSpacesAndBoldFollows() {
		String text = "The new\nregulation on data retention applies from May.";
		Summary summary = this.summarizer.summarize(text, find(text, "data retention"), 600);
		Summary.Sentence sentence = summary.sentences().get(0);
		assertThat(sentence.text()).isEqualTo("The new regulation on data retention applies from May.");
		TextSpan bold = sentence.bold().get(0);
		assertThat(sentence.text().substring(bold.start(), bold.end())).isEqualTo("data retention");
	}

	@Test
	void tinyLimitsDoNotFail() {
		String text = "A sentence that is much longer than the tiny limit given here.";
		for (int limit = 1; limit < 12; limit++) {
			Summary summary = this.summarizer.summarize(text, find(text, "limit"), limit);
			assertThat(summary.sentences()).hasSize(1);
			assertThat(summary.sentences().get(0).text()).hasSizeLessThanOrEqualTo(Math.max(limit, 2));
		}
	}

	@Test
	void chineseTextIsSummarisedBySentence() {
		String text = "国务院发布新规定。规定涉及数据安全。自明年起施行。另有其他内容。";
		Summary summary = this.summarizer.summarize(text, find(text, "数据安全"), 600);
		assertThat(texts(summary)).containsExactly("规定涉及数据安全。");
		assertThat(summary.sentences().get(0).bold()).containsExactly(new TextSpan(4, 8));
	}

	@Test
	void blankTextGivesAnEmptySummary() {
		assertThat(this.summarizer.summarize("  ", List.of(), 600).sentences()).isEmpty();
		assertThat(this.summarizer.summarize(null, List.of(), 600).sentences()).isEmpty();
	}

	@Test
	void longRunsOfWhitespaceAroundALineBreakFoldToOneSpaceWithBoldSpansInPlace() {
		String spaces = " ".repeat(80_000);
		String text = "The council adopted the data" + spaces + "\n" + spaces + "protection rule today.";
		Summary summary = assertTimeoutPreemptively(HANG, () -> this.summarizer.summarize(text, find(text, "data", "protection"), 400_000));
		Summary.Sentence sentence = summary.sentences().get(0);
		assertThat(sentence.text()).isEqualTo("The council adopted the data protection rule today.");
		assertThat(sentence.bold()).extracting((span) -> sentence.text().substring(span.start(), span.end()))
			.containsExactly("data", "protection");

		String noBreak = "The council adopted the data" + spaces + spaces + "protection rule today.";
		Summary unfolded = assertTimeoutPreemptively(HANG, () -> this.summarizer.summarize(noBreak, find(noBreak, "data"), 400_000));
		assertThat(unfolded.sentences().get(0).text()).as("spaces without a line break stay").isEqualTo(noBreak);
	}

	@Test
	void hostileWhitespaceAndWordsEndWithoutHangingOrFailing() {
		String spaces = " ".repeat(160_000);
		List<String> texts = List.of("a" + spaces + "a", "a" + spaces.substring(80_000) + "\n" + spaces.substring(80_000) + "a",
				"a" + "\t".repeat(100_000) + "a", "U." + "S.".repeat(60_000) + " Next sentence here.",
				"Tax rules change. ".repeat(20_000), "a" + " \n".repeat(100_000) + "a");
		for (String text : texts) {
			Summary summary = assertTimeoutPreemptively(HANG, () -> this.summarizer.summarize(text, find(text, "a", "Tax"), 600));
			assertThat(summary.sentences()).isNotEmpty()
				.allSatisfy((sentence) -> assertThat(sentence.text()).hasSizeLessThanOrEqualTo(600));
		}
	}

}
