package policywatch.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tokeniser gives, token for token, what the tokeniser before the "faster matching" work gave (the frozen
 * {@link BaselineTextTokens}): same ranges, forms, keys, capitals and Chinese/Japanese marks, on random texts that mix
 * cases, repeated words, plurals, possessives, dotted acronyms, digits, diacritics, other scripts and CJK.
 */
class TextTokensTests {

	private static final String[] PIECES = { "Port", "port", "PORT", "ports", "Ports", "policies", "Policy", "taxes",
			"tax", "NGOs", "US", "U.S.", "E.U.", "a.b.", "A.", "China's", "CHINA'S", "chain's", "it\u2019s", "São",
			"Paulo", "straße", "Straße", "ÉLYSÉE", "café", "cafe\u0301", "supply-chain", "news", "business", "crisis",
			"headache", "headaches", "2024", "COVID-19", "x86", "B2B", "北京", "東京都", "カタカナ", "ひらがな", "々",
			"Ωmega", "αθήνα", "Москва", "a", "I", "ab", "abcdefghijklmnopqrstuvwxyz", "𝐀𝐁𝐂", "😀", "'s", "s",
			"e.g.", "x.y", "Mr.", "fees", "goes", "status", "brics", "bricks" };

	private static final String[] SEPARATORS = { " ", " ", " ", ", ", ". ", "\n", " - ", "'", "\u00a0", "(", ") ",
			"/", "", "\"", "..." };

	@Test
	void tokensAreThoseOfTheTokeniserBefore() {
		Random random = new Random(14);
		for (int round = 0; round < 3_000; round++) {
			String text = randomText(random, 1 + random.nextInt(40));
			assertSameTokens(text);
		}
	}

	@Test
	void longTextsWithManyRepeatedWordsAreTokenisedTheSame() {
		Random random = new Random(15);
		for (int round = 0; round < 20; round++) {
			assertSameTokens(randomText(random, 3_000 + random.nextInt(3_000)));
		}
	}

	@Test
	void tokensSharingADistinctIndexShareFormAndKey() {
		TextTokens tokens = TextTokens.of("Port ports PORT port's Ports. São sao SÃO U.S. US us");
		for (int i = 0; i < tokens.size(); i++) {
			int d = tokens.distinct(i);
			assertThat(tokens.form(i)).isEqualTo(tokens.distinctForm(d));
			assertThat(tokens.key(i)).isEqualTo(tokens.distinctKey(d));
		}
		assertThat(tokens.distinct(0)).isEqualTo(tokens.distinct(2));
		assertThat(tokens.key(1)).isEqualTo("port");
	}

	@Test
	void wordsGiveTheKeysOfTheTokens() {
		assertThat(Words.keys("São Paulo's ports, the U.S. and NGOs")).containsExactly("sao", "paulo", "port", "the",
				"us", "and", "ngo");
		assertThat(Words.keys(null)).isEmpty();
	}

	@Test
	void wordsGiveTheTokensAsTheTokeniserBeforeReadThem() {
		Random random = new Random(16);
		for (int round = 0; round < 1_000; round++) {
			String text = randomText(random, 1 + random.nextInt(40));
			Words.Tokens tokens = Words.tokens(text);
			BaselineTextTokens expected = BaselineTextTokens.of(text);
			List<String> actual = new ArrayList<>();
			List<String> wanted = new ArrayList<>();
			for (int i = 0; i < tokens.size(); i++) {
				actual.add(describe(0, 0, tokens.form(i), tokens.key(i), tokens.upper(i), tokens.cjk(i)));
			}
			for (int i = 0; i < expected.size(); i++) {
				wanted.add(describe(0, 0, expected.form(i), expected.key(i), expected.upper(i), expected.cjk(i)));
			}
			assertThat(actual).as(text).isEqualTo(wanted);
		}
		assertThat(Words.tokens(null).size()).isZero();
	}

	private static void assertSameTokens(String text) {
		TextTokens tokens = TextTokens.of(text);
		BaselineTextTokens expected = BaselineTextTokens.of(text);
		List<String> actual = new ArrayList<>();
		List<String> wanted = new ArrayList<>();
		for (int i = 0; i < tokens.size(); i++) {
			actual.add(describe(tokens.start(i), tokens.end(i), tokens.form(i), tokens.key(i), tokens.upper(i),
					tokens.cjk(i)));
		}
		for (int i = 0; i < expected.size(); i++) {
			wanted.add(describe(expected.start(i), expected.end(i), expected.form(i), expected.key(i),
					expected.upper(i), expected.cjk(i)));
		}
		assertThat(actual).as(text).isEqualTo(wanted);
	}

	private static String describe(int start, int end, String form, String key, boolean upper, boolean cjk) {
		return start + "-" + end + ":" + form + "/" + key + (upper ? " upper" : "") + (cjk ? " cjk" : "");
	}

	private static String randomText(Random random, int pieces) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < pieces; i++) {
			text.append(PIECES[random.nextInt(PIECES.length)]);
			text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
		}
		return text.toString();
	}

}
