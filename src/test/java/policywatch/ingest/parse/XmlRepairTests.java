package policywatch.ingest.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repairs made to feed text before the XML parser sees it, one by one.
 */
class XmlRepairTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			stray ampersand is escaped             | <a>AT&T</a>                          | <a>AT&amp;T</a>
			ampersand without a name               | <a>a & b</a>                         | <a>a &amp; b</a>
			name without semicolon                 | <a>&nbsp x</a>                       | <a>&amp;nbsp x</a>
			XML references are kept                | <a>&amp; &lt; &gt; &quot; &apos;</a> | <a>&amp; &lt; &gt; &quot; &apos;</a>
			numeric references are kept            | <a>&#65; &#x41;</a>                  | <a>&#65; &#x41;</a>
			upper-case X becomes decimal           | <a>&#X41;</a>                        | <a>&#65;</a>
			HTML entity becomes a number           | <a>&nbsp;&eacute;</a>                | <a>&#160;&#233;</a>
			unknown entity is escaped              | <a>&bogus;</a>                       | <a>&amp;bogus;</a>
			C1 reference read as windows-1252      | <a>&#146;</a>                        | <a>&#8217;</a>
			reference to a forbidden character     | <a>&#1;</a>                          | <a>&#xFFFD;</a>
			text before the first tag is dropped   | junk<rss/>                           | <rss/>
			CDATA is left alone                    | <a><![CDATA[a & b &nbsp;]]></a>      | <a><![CDATA[a & b &nbsp;]]></a>
			comments are left alone                | <!-- a & b --><a/>                   | <!-- a & b --><a/>
			external DTD alone is dropped          | `<!DOCTYPE rss SYSTEM "http://example.org/rss.dtd"><rss/>` | <rss/>
			second XML declaration is dropped      | `<?xml version="1.0"?><a><?xml version="1.0"?>x</a>` | `<?xml version="1.0"?><a>x</a>`
			""")
	void repairs(String name, String text, String expected) {
		assertThat(XmlRepair.repair(text)).isEqualTo(expected);
	}

	@Test
	void entitiesDeclaredInTheInternalSubsetAreKept() {
		String text = "<!DOCTYPE rss [<!ENTITY org \"Ministry\"> <!ENTITY % param \"x\">]><rss>&org; &param;</rss>";
		assertThat(XmlRepair.repair(text))
			.isEqualTo("<!DOCTYPE rss [<!ENTITY org \"Ministry\"> <!ENTITY % param \"x\">]><rss>&org; &amp;param;</rss>");
	}

	@Test
	void forbiddenCharactersAreRemovedAndC1ControlsReadAsWindows1252() {
		assertThat(XmlRepair.repair("<a>x\u0001y\u0000z\u0092s\ud800</a>")).isEqualTo("<a>xyz\u2019s\ufffd</a>");
	}

	@Test
	void textThatNeedsNoRepairIsReturnedAsItIs() {
		String text = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Fine &amp; dandy</title></channel></rss>";
		assertThat(XmlRepair.repair(text)).isSameAs(text);
	}

	@Test
	void hundredsOfThousandsOfStrayAmpersandsAreEachEscaped() {
		String text = "<a>" + "&".repeat(300_000) + "</a>";
		assertThat(XmlRepair.repair(text)).isEqualTo("<a>" + "&amp;".repeat(300_000) + "</a>");
	}

}
