package policywatch.query;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VocabularyTests {

	@Test
	void keysAreFoundExactlyWhateverTheirLengthAndCharacters() {
		Vocabulary vocabulary = new Vocabulary();
		List<String> keys = List.of("a", "port", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq",
				"telecommunications", "sao", "z\u00fcrich", "\u0161", "\u03b1\u03b8\u03ae\u03bd\u03b1", "\u5317");
		List<Integer> ids = new ArrayList<>();
		for (String key : keys) {
			ids.add(vocabulary.intern(key));
		}
		assertThat(ids).doesNotHaveDuplicates();
		for (int i = 0; i < keys.size(); i++) {
			assertThat(vocabulary.idOf(new String(keys.get(i).toCharArray()))).isEqualTo(ids.get(i));
			assertThat(vocabulary.intern(keys.get(i))).isEqualTo(ids.get(i));
		}
	}

	@Test
	void keysThatShareTheLowBytesOfTheirCharactersStayApart() {
		Vocabulary vocabulary = new Vocabulary();
		int latin = vocabulary.intern("a");
		// U+0161 and U+0261 have the low byte of 'a' (0x61)
		assertThat(vocabulary.idOf("\u0161")).isEqualTo(-1);
		int other = vocabulary.intern("\u0161");
		assertThat(other).isNotEqualTo(latin);
		assertThat(vocabulary.idOf("\u0261")).isEqualTo(-1);
		assertThat(vocabulary.idOf("a")).isEqualTo(latin);
		assertThat(vocabulary.idOf("abcdefghijklmnopq")).isEqualTo(-1);
		int longKey = vocabulary.intern("abcdefghijklmnopq");
		assertThat(vocabulary.idOf("abcdefghijklmnopr")).isEqualTo(-1);
		assertThat(vocabulary.idOf("abcdefghijklmnop")).isEqualTo(-1);
		assertThat(vocabulary.idOf("abcdefghijklmnopq")).isEqualTo(longKey);
	}

	@Test
	void keysWithTheSameHashAndLowBytesStayApart() {
		String first = "\u0161a";
		String second = "a\u1f61";
		assertThat(first.hashCode()).isEqualTo(second.hashCode());
		Vocabulary vocabulary = new Vocabulary();
		int id = vocabulary.intern(first);
		assertThat(vocabulary.idOf(second)).isEqualTo(-1);
		assertThat(vocabulary.intern(second)).isNotEqualTo(id);
		assertThat(vocabulary.idOf(first)).isEqualTo(id);
	}

	@Test
	void aLargeVocabularyKeepsEveryKey() {
		Vocabulary vocabulary = new Vocabulary();
		for (int i = 0; i < 50_000; i++) {
			assertThat(vocabulary.intern("word" + i)).isEqualTo(i);
		}
		for (int i = 0; i < 50_000; i++) {
			assertThat(vocabulary.idOf("word" + i)).isEqualTo(i);
		}
		assertThat(vocabulary.idOf("word50000")).isEqualTo(-1);
	}

}
