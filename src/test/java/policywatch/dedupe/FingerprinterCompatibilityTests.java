package policywatch.dedupe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import policywatch.query.Words;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fingerprints are stored ({@code story_signature}): the fast word scanner must cut and hash words
 * exactly as the query language's normalisation did, so that a fingerprint computed now equals one
 * stored by the previous version for the same text (shingles, MinHash values and numbers). Texts are now cut
 * at {@link Fingerprinter#MAX_WORDS} words instead of {@link Fingerprinter#MAX_WORDS_BEFORE}: shorter ones keep
 * their fingerprint, and a long story stored before the upgrade is still recognised.
 */
class FingerprinterCompatibilityTests {

	private static final String[] TEXTS = { "", "a", "Fed", "U.S. tariffs", "São Paulo's ports and China's exports",
			"Policies, taxes, headaches, businesses, statuses, crises, news, goes, fees, boxes, buzzes, wishes, churches",
			"The E.U. and the U.K. agreed; the U.S said no. A.B", "COP30 agreed to triple finance by 2035: 4.25%-4.50%, $90.5 billion.",
			"東京の株価は上昇した。日経平均は3万円台", "Ünïcödé ÉCOLE naïve café Œuvre straße ½ ² x²", "Dr. Smith's \u2019s dog's 'quoted' O'Neill",
			"BRICS NGOs CEOs Ltd. HSBC's HSBCs ABCs", "Ａｐｐｌｅ fullwidth and emoji 😀 done", "e.g. i.e. a.m. p.m.", "x-ray re-election co-operate",
			"ꜰancy ǅemal ǈj", "mixed123abc 1st 2nd 3rd 10-year 2,500 1.000,5" };

	@Test
	void wordsHashLikeTheQueryLanguagesKeys() {
		for (String text : samples()) {
			List<Long> expected = new ArrayList<>();
			for (String key : Words.keys(text)) {
				expected.add(Fingerprinter.hash(key));
			}
			List<Long> scanned = new ArrayList<>();
			new WordScanner().scan(text, (hash, flags, letters) -> scanned.add(hash));
			assertThat(scanned).as(text).isEqualTo(expected);
		}
	}

	@Test
	void fingerprintsEqualThoseOfThePreviousVersion() {
		for (String text : samples()) {
			Fingerprint now = Fingerprinter.of("Title of " + text.length(), text);
			Fingerprint before = Previous.of("Title of " + text.length(), text, Fingerprinter.MAX_WORDS);
			assertThat(now.minHash()).as(text).isEqualTo(before.minHash());
			assertThat(now.shingles()).as(text).isEqualTo(before.shingles());
			assertThat(now.numbers()).as(text).isEqualTo(before.numbers());
			if (Words.keys(text).length + 3 <= Fingerprinter.MAX_WORDS) {
				// not cut: the same as stored before the word limit was lowered
				Fingerprint stored = Previous.of("Title of " + text.length(), text, Fingerprinter.MAX_WORDS_BEFORE);
				assertThat(now.minHash()).as(text).isEqualTo(stored.minHash());
				assertThat(now.shingles()).as(text).isEqualTo(stored.shingles());
			}
		}
		assertThat(Fingerprinter.of(null, null).minHash())
			.isEqualTo(Previous.of(null, null, Fingerprinter.MAX_WORDS).minHash());
	}

	@Test
	void longStoriesStoredBeforeTheWordLimitWasLoweredStillFold() {
		SplittableRandom random = new SplittableRandom(11);
		String[] vocabulary = new String[8000];
		for (int i = 0; i < vocabulary.length; i++) {
			vocabulary[i] = word(random);
		}
		for (int words : new int[] { 800, 1500, 3000, 5000 }) {
			String title = "Ministers agree on the 2027 budget after a night of talks";
			String text = text(random, vocabulary, words);
			String added = text(random, vocabulary, 80);
			Fingerprint stored = stored(title, text);
			assertThat(stored.shingles()).isGreaterThan(Fingerprinter.MAX_SHINGLES);
			assertThat(Similarity.of(Fingerprinter.of(title, text), stored).same()).as("wire copy, %d words", words).isTrue();
			assertThat(Similarity.of(Fingerprinter.of("Budget deal struck", text), stored).same())
				.as("new headline, %d words", words).isTrue();
			assertThat(Similarity.of(Fingerprinter.of(title, text + "\n\n" + added), stored).same())
				.as("added paragraph, %d words", words).isTrue();
			assertThat(Similarity.of(Fingerprinter.of("UPDATE 1-" + title, added + "\n\n" + text), stored).same())
				.as("update with a new first paragraph, %d words", words).isTrue();
			// another long story of the same day that quotes the same background paragraph
			String other = text(random, vocabulary, words);
			String background = text.substring(0, text.indexOf(' ', 400));
			assertThat(Similarity.of(Fingerprinter.of("Talks on the 2028 budget open", other + "\n\n" + background), stored)
				.same()).as("different story, %d words", words).isFalse();
		}
	}

	/** A story as a version before the lower word limit stored it (with its lead, as stored since V81). */
	private static Fingerprint stored(String title, String text) {
		Fingerprint before = Previous.of(title, text, Fingerprinter.MAX_WORDS_BEFORE);
		return new Fingerprint(before.minHash(), before.shingles(), before.numbers(), Fingerprinter.of(title, text).lead());
	}

	private static String word(SplittableRandom random) {
		StringBuilder word = new StringBuilder();
		int syllables = random.nextInt(2, 5);
		for (int i = 0; i < syllables; i++) {
			word.append("bcdfghklmnprstvz".charAt(random.nextInt(16))).append("aeiou".charAt(random.nextInt(5)));
		}
		return word.toString();
	}

	private static String text(SplittableRandom random, String[] vocabulary, int words) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words; i++) {
			text.append(vocabulary[random.nextInt(vocabulary.length)]).append((i % 20 == 19) ? ". " : " ");
		}
		return text.toString().strip();
	}

	private static List<String> samples() {
		List<String> samples = new ArrayList<>(Arrays.asList(TEXTS));
		GoldenPairs.load().forEach((pair) -> {
			samples.add(pair.first().title() + "\n" + pair.first().text());
		});
		// random texts over an alphabet of letters, digits, marks and separators
		String alphabet = "aAbBsSeEiIuUyYxXzZhHc.'’ -,\n0123456789éÉßöŒ東。";
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 300; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(1, 200);
			for (int k = 0; k < length; k++) {
				text.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			samples.add(text.toString());
		}
		// a text longer than the word limit
		samples.add("word ".repeat(2000) + "other ".repeat(2000) + "tail 42");
		return samples;
	}

	/** The previous version's fingerprint (strings from the query language's normalisation). */
	private static final class Previous {

		static Fingerprint of(String title, String text, int maxWords) {
			String joined = (title == null || title.isEmpty()) ? ((text != null) ? text : "")
					: (text == null || text.isEmpty()) ? title : title + "\n" + text;
			String[] words = Words.keys(joined);
			int count = Math.min(words.length, maxWords);
			long[] wordHashes = new long[count];
			int[] numbers = new int[Math.min(count, Fingerprinter.MAX_NUMBERS)];
			int numberCount = 0;
			for (int i = 0; i < count; i++) {
				long hash = Fingerprinter.hash(words[i]);
				wordHashes[i] = hash;
				if (numberCount < numbers.length && words[i].chars().anyMatch(Character::isDigit)) {
					numbers[numberCount++] = (int) (hash >>> 32);
				}
			}
			long[] shingles;
			if (count == 0) {
				shingles = new long[0];
			}
			else {
				int size = Math.max(1, count - Fingerprinter.SHINGLE + 1);
				shingles = new long[size];
				for (int i = 0; i < size; i++) {
					long hash = 0;
					for (int j = i; j < Math.min(count, i + Fingerprinter.SHINGLE); j++) {
						hash = Fingerprinter.mix(hash * 0x100000001B3L + wordHashes[j]);
					}
					shingles[i] = hash;
				}
				shingles = Arrays.stream(shingles).distinct().toArray();
			}
			int[] bins = new int[Fingerprinter.HASHES];
			Arrays.fill(bins, Integer.MAX_VALUE);
			boolean[] filled = new boolean[Fingerprinter.HASHES];
			for (long shingle : shingles) {
				int bin = (int) (shingle >>> 57);
				filled[bin] = true;
				bins[bin] = Math.min(bins[bin], (int) (shingle & 0x7FFFFFFFL));
			}
			int[] dense = bins.clone();
			if (shingles.length > 0) {
				for (int bin = 0; bin < Fingerprinter.HASHES; bin++) {
					for (long attempt = 1; !filled[bin]; attempt++) {
						int from = (int) (Fingerprinter.mix(0x5DEECE66DL + bin * 0x9E3779B97F4A7C15L + attempt) >>> 57);
						if (filled[from]) {
							dense[bin] = bins[from];
							break;
						}
					}
				}
			}
			return new Fingerprint(dense, shingles.length,
					Arrays.stream(numbers, 0, numberCount).distinct().sorted().toArray());
		}

	}

}
