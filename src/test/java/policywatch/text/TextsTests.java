package policywatch.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TextsTests {

	@Test
	void whitespaceRunsBecomeOneSpace() {
		assertThat(Texts.collapseWhitespace("a \t\r\n b\u00a0\u00a0c")).isEqualTo("a b c");
		assertThat(Texts.collapseWhitespace("  ends kept  ")).isEqualTo(" ends kept ");
		assertThat(Texts.collapseWhitespace(null)).isEmpty();
		String plain = "already plain";
		assertThat(Texts.collapseWhitespace(plain)).isSameAs(plain);
	}

	@Test
	void oneLineJoinsLinesAndStrips() {
		assertThat(Texts.oneLine("  Connection refused\n\tat host  ")).isEqualTo("Connection refused at host");
		assertThat(Texts.oneLine(null)).isEmpty();
	}

	@Test
	void longTextIsCutWithAnEllipsisWithinTheLimit() {
		assertThat(Texts.oneLine("abcdef ghij", 6)).isEqualTo("abcde…").hasSize(6);
		assertThat(Texts.oneLine("abc", 3)).isEqualTo("abc");
		assertThat(Texts.truncate("abcd", 1)).isEqualTo("…");
		assertThat(Texts.truncate(null, 5)).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> Texts.truncate("abc", 0));
	}

	@Test
	void aSurrogatePairIsNeverSplit() {
		String text = "ab\uD83D\uDE00cd"; // ab😀cd
		assertThat(Texts.truncate(text, 4)).isEqualTo("ab…");
		assertThat(Texts.truncate(text, 5)).isEqualTo("ab\uD83D\uDE00…");
	}

	@Test
	void hugeWhitespaceRunsAreHandledInOnePass() {
		String text = "x" + " \n".repeat(500_000) + "y";
		assertThat(Texts.oneLine(text)).isEqualTo("x y");
	}

	@Test
	void findsAWordIgnoringCase() {
		assertThat(Texts.indexOfIgnoreCase("text/html; CharSet=utf-8", "charset", 0)).isEqualTo(11);
		assertThat(Texts.indexOfIgnoreCase("charset charset", "charset", 1)).isEqualTo(8);
		assertThat(Texts.indexOfIgnoreCase("chars", "charset", 0)).isEqualTo(-1);
	}

	@Test
	void editDistanceCountsSingleCharacterEdits() {
		assertThat(Texts.editDistance("Europe/Berlin", "Europe/Berlin")).isZero();
		assertThat(Texts.editDistance("Europe/Berln", "Europe/Berlin")).isEqualTo(1);
		assertThat(Texts.editDistance("intervall", "interval")).isEqualTo(1);
		assertThat(Texts.editDistance("kitten", "sitting")).isEqualTo(3);
		assertThat(Texts.editDistance("", "abc")).isEqualTo(3);
	}

}
