package policywatch.dedupe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NearDuplicateIndexTests {

	private static final String TEXT = "Negotiators at the COP30 climate summit in Belem agreed on Saturday to triple "
			+ "finance for helping poor countries adapt to climate change by 2035, after talks ran more than a day past "
			+ "their scheduled close. The final text, adopted by nearly 200 countries, does not say who will provide "
			+ "the money or specify a baseline, leaving room for disputes.";

	@Test
	void caseAndDiacriticsDoNotMatter() {
		Fingerprint plain = Fingerprinter.of("COP30 deal", TEXT);
		Fingerprint shouted = Fingerprinter.of("cop30 DEAL", TEXT.toUpperCase(java.util.Locale.ROOT).replace("BELEM", "BELÉM"));
		assertThat(Similarity.of(plain, shouted).jaccard()).isEqualTo(1.0);
	}

	@Test
	void findsACopyAndForgetsWhatIsPruned() {
		NearDuplicateIndex index = new NearDuplicateIndex();
		index.add(7, Fingerprinter.of("COP30 agrees to triple adaptation finance", TEXT));
		index.add(8, Fingerprinter.of("Monsoon arrives early", "The monsoon reached Kerala three days early, the weather "
				+ "office said on Monday, bringing relief after a heatwave across the south of the country."));
		Fingerprint copy = Fingerprinter.of("UPDATE 1-Climate talks end with deal on adaptation funding",
				TEXT + " Small island states said the agreement was too weak.");

		assertThat(index.nearest(copy)).isNotNull().extracting(NearDuplicateIndex.Match::id).isEqualTo(7L);
		assertThat(index.retain((id) -> id != 7)).isEqualTo(1);
		assertThat(index.size()).isEqualTo(1);
		assertThat(index.nearest(copy)).isNull();
	}

	@Test
	void aHeadlineAloneMustBeNearlyIdentical() {
		Fingerprint one = Fingerprinter.of("Fed holds rates steady", "");
		Fingerprint other = Fingerprinter.of("Fed holds rates steady, signals patience", "");
		assertThat(Similarity.of(one, Fingerprinter.of("Fed holds rates steady", null)).same()).isTrue();
		assertThat(Similarity.of(one, other).same()).isFalse();
		assertThat(Similarity.of(Fingerprinter.of("", ""), Fingerprinter.of(null, null)).same()).isFalse();
	}

	@Test
	void storedFingerprintsReadBackTheSame() {
		Fingerprint fingerprint = Fingerprinter.of("COP30 deal", TEXT);
		Fingerprint read = Fingerprint.decode(fingerprint.encodedMinHash(), fingerprint.shingles(),
				fingerprint.encodedNumbers(), fingerprint.encodedLead());
		assertThat(read).isEqualTo(fingerprint);
		assertThat(fingerprint.encodedMinHash().length()).isLessThanOrEqualTo(700);
		assertThat(fingerprint.encodedLead()).hasSizeLessThanOrEqualTo(400);
		assertThatIllegalArgumentException().isThrownBy(() -> Fingerprint.decode(fingerprint.encodedMinHash(), 3, null,
				"A".repeat(2000)));
		// stored by the previous version (no lead): compared by shingles and numbers alone
		Fingerprint previous = Fingerprint.decode(fingerprint.encodedMinHash(), fingerprint.shingles(),
				fingerprint.encodedNumbers());
		assertThat(previous.hasLead()).isFalse();
		assertThat(previous.encodedLead()).isNull();
		assertThat(Similarity.of(previous, fingerprint).same()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> Fingerprint.decode("AAAA", 3, null));
		assertThatIllegalArgumentException().isThrownBy(() -> Fingerprint.decode("not base64!", 3, null));
	}

	@Test
	void manyStoriesKeepTheirOwnCopies() {
		NearDuplicateIndex index = new NearDuplicateIndex();
		for (int i = 0; i < 2000; i++) {
			index.add(i, Fingerprinter.of("Story " + i, TEXT.replace("200", Integer.toString(1000 + i)) + " story" + i
					+ " tail" + i + " word" + i + " more" + i + " end" + i));
		}
		Fingerprint copy = Fingerprinter.of("Story 1234", TEXT.replace("200", "2234") + " story1234 tail1234 word1234 more1234 end1234");
		assertThat(index.matches(copy)).extracting(NearDuplicateIndex.Match::id).contains(1234L);
	}

	@Test
	void longTextsAreReadOnlyAsFarAsTheWordLimit() {
		String words = "tariffs on steel imports rose again this week ".repeat(1000);
		// the words after the limit do not change the fingerprint
		assertThat(Fingerprinter.of("Steel", words + " a different ending entirely"))
			.isEqualTo(Fingerprinter.of("Steel", words + " nothing alike at all here"));
		// nor do characters after the character limit, even when the words before them are few
		String separators = "-".repeat(WordScanner.MAX_CHARS);
		assertThat(Fingerprinter.of("Steel", "steel " + separators + " more words here").shingles()).isEqualTo(1);
	}

	@Test
	void aShortRewriteIsFoldedButADifferentStoryQuotingTheSameParagraphIsNot() {
		String kept = "The port authority said container volumes had fallen for three straight months and that two of "
				+ "its five terminals were operating below half capacity, the lowest level since the pandemic.";
		Fingerprint original = Fingerprinter.of("Dockworkers in Rotterdam begin 48-hour strike over pay",
				"Dockworkers at the port of Rotterdam began a 48-hour strike on Tuesday after talks with terminal operators "
						+ "over a 7% pay rise broke down, halting most container traffic at Europe's largest port.\n\n" + kept
						+ "\n\nThe FNV union said further stoppages would follow next week if operators did not improve their "
						+ "offer, which it called an insult to workers who had kept the port running.");
		Fingerprint rewrite = Fingerprinter.of("Rotterdam port strike halts container traffic",
				"Container traffic at Europe's largest port ground to a halt on Tuesday as Rotterdam dockworkers walked "
						+ "out for 48 hours, demanding a 7% pay rise from terminal operators. Ships were left waiting at anchor off "
						+ "the Hook of Holland, and some shippers diverted cargo to Antwerp and Hamburg.\n\n" + kept);
		Fingerprint other = Fingerprinter.of("Rotterdam opens new hydrogen import terminal",
				"Dutch King Willem-Alexander on Tuesday opened a hydrogen import terminal in Rotterdam, the first of "
						+ "its kind in Europe, built to receive ammonia shipped from Oman and Australia.\n\n" + kept);

		assertThat(Similarity.of(rewrite, original).same()).as("rewrite").isTrue();
		// they share one paragraph of three: shingles alone do not tell, the leads do
		assertThat(Similarity.of(new Fingerprint(rewrite.minHash(), rewrite.shingles(), rewrite.numbers()), original).same())
			.isFalse();
		assertThat(Similarity.of(other, original).same()).as("other story").isFalse();
		assertThat(Similarity.of(other, rewrite).same()).as("other story, short").isFalse();
	}

}
