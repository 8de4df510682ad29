package policywatch.ingest.decode;

import java.nio.charset.Charset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WHATWG labels, the same for feeds and pages.
 */
class EncodingLabelsTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			utf-8             | UTF-8
			UTF8              | UTF-8
			' utf-8 '         | UTF-8
			iso-8859-1        | windows-1252
			us-ascii          | windows-1252
			latin1            | windows-1252
			iso-8859-9        | windows-1254
			latin5            | windows-1254
			euc-kr            | x-windows-949
			ks_c_5601-1987    | x-windows-949
			shift_jis         | windows-31j
			Shift_JIS         | windows-31j
			sjis              | windows-31j
			utf-16            | UTF-16LE
			utf-16le          | UTF-16LE
			utf-16be          | UTF-16BE
			gb2312            | GB18030
			gbk               | GB18030
			big5              | Big5-HKSCS
			tis-620           | x-windows-874
			koi8-r            | KOI8-R
			iso-8859-15       | ISO-8859-15
			euc-jp            | EUC-JP
			windows-1251      | windows-1251
			x-mac-cyrillic    | x-MacCyrillic
			""")
	void labelsMapAsTheEncodingStandardSays(String label, String charset) {
		assertThat(EncodingLabels.forLabel(label)).isEqualTo(Charset.forName(charset));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "bogus", "x-no-such-charset", "utf-7", "iso-2022-kr", "hz-gb-2312", "replacement",
			"x-user-defined", "IBM037", "utf-32" })
	void labelsTheStandardDoesNotListAreUnknown(String label) {
		assertThat(EncodingLabels.forLabel(label)).isNull();
	}

	@Test
	void nullIsUnknown() {
		assertThat(EncodingLabels.forLabel(null)).isNull();
	}

	@Test
	void utf16AndUtf32AreWide() {
		assertThat(EncodingLabels.isWide(Charset.forName("UTF-16LE"))).isTrue();
		assertThat(EncodingLabels.isWide(Charset.forName("UTF-32"))).isTrue();
		assertThat(EncodingLabels.isWide(Charset.forName("UTF-8"))).isFalse();
	}

	@Test
	void theCharsetParameterIsFoundInHeadersAndMetaTags() {
		assertThat(EncodingLabels.charsetParameter("text/html; charset=UTF-8")).isEqualTo("UTF-8");
		assertThat(EncodingLabels.charsetParameter("application/rss+xml; charset=\"windows-1252\"")).isEqualTo("windows-1252");
		assertThat(EncodingLabels.charsetParameter("text/xml;charset = 'koi8-r';q=1")).isEqualTo("koi8-r");
		assertThat(EncodingLabels.charsetParameter(" http-equiv=\"Content-Type\" content=\"text/html; charset=shift_jis\"/"))
			.isEqualTo("shift_jis");
		assertThat(EncodingLabels.charsetParameter(" charset=euc-kr/")).isEqualTo("euc-kr");
		assertThat(EncodingLabels.charsetParameter("text/html")).isNull();
		assertThat(EncodingLabels.charsetParameter("text/html; charset=")).isNull();
		assertThat(EncodingLabels.charsetParameter("charsets; charset=utf-8")).isEqualTo("utf-8");
		assertThat(EncodingLabels.charsetParameter(null)).isNull();
	}

	@Test
	void aHeaderMadeToMakeABacktrackingPatternStallHasNoCharset() {
		String hostile = "charset" + " ".repeat(100_000) + "charset".repeat(20_000);
		assertThat(EncodingLabels.charsetParameter(hostile)).isNull();
	}

}
