package policywatch.ingest.parse;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BOM, HTTP charset, XML declaration and the default resolved in that order; bad bytes degrade.
 */
class EncodingTests {

	private static final String TITLE = "Grüße – «Zürich» €";

	private final FeedParser parser = new FeedParser();

	private static String feed(String declaration) {
		return ((declaration != null) ? "<?xml version=\"1.0\" encoding=\"" + declaration + "\"?>" : "")
				+ "<rss version=\"2.0\"><channel><title>" + TITLE + "</title></channel></rss>";
	}

	private String title(byte[] body, String contentType) throws FeedParseException {
		return this.parser.parse(body, contentType, URI.create("http://example.org/")).title();
	}

	@Test
	void byteOrderMarkWinsOverEverything() throws Exception {
		byte[] utf8 = feed("iso-8859-1").getBytes(StandardCharsets.UTF_8);
		byte[] withBom = new byte[utf8.length + 3];
		withBom[0] = (byte) 0xEF;
		withBom[1] = (byte) 0xBB;
		withBom[2] = (byte) 0xBF;
		System.arraycopy(utf8, 0, withBom, 3, utf8.length);
		assertThat(title(withBom, "text/xml; charset=iso-8859-1")).isEqualTo(TITLE);
		byte[] utf16be = ("\uFEFF" + feed("utf-8")).getBytes(StandardCharsets.UTF_16BE);
		assertThat(title(utf16be, "text/xml; charset=us-ascii")).isEqualTo(TITLE);
	}

	@Test
	void httpCharsetWinsOverTheDeclaration() throws Exception {
		byte[] cp1252 = feed("utf-8").getBytes(Charset.forName("windows-1252"));
		assertThat(title(cp1252, "application/rss+xml; charset=\"windows-1252\"")).isEqualTo(TITLE);
		byte[] koi8 = feed("utf-8").replace(TITLE, "Новости").getBytes(Charset.forName("KOI8-R"));
		assertThat(title(koi8, "text/xml;charset=koi8-r")).isEqualTo("Новости");
	}

	@Test
	void declarationIsUsedWithoutHttpCharset() throws Exception {
		byte[] sjis = feed("Shift_JIS").replace(TITLE, "お知らせ").getBytes(Charset.forName("Shift_JIS"));
		assertThat(title(sjis, "application/xml")).isEqualTo("お知らせ");
		byte[] latin9 = feed("ISO-8859-15").replace(TITLE, "Œuvre à 5 €").getBytes(Charset.forName("ISO-8859-15"));
		assertThat(title(latin9, null)).isEqualTo("Œuvre à 5 €");
	}

	@Test
	void utf16WithoutBomIsRecognisedFromItsBytes() throws Exception {
		assertThat(title(feed("utf-16").getBytes(StandardCharsets.UTF_16LE), null)).isEqualTo(TITLE);
		assertThat(title(feed("utf-16").getBytes(StandardCharsets.UTF_16BE), "text/xml; charset=utf-8")).isEqualTo(TITLE);
	}

	@Test
	void commonMislabelsAreCorrected() throws Exception {
		// UTF-8 bytes labelled ISO-8859-1 (a classic) and windows-1252 bytes with no label at all
		assertThat(title(feed("iso-8859-1").getBytes(StandardCharsets.UTF_8), null)).isEqualTo(TITLE);
		assertThat(title(feed(null).getBytes(Charset.forName("windows-1252")), null)).isEqualTo(TITLE);
	}

	@Test
	void invalidBytesBecomeReplacementCharactersInsteadOfLosingTheFeed() throws Exception {
		byte[] body = feed("utf-8").getBytes(StandardCharsets.UTF_8);
		String text = new String(body, StandardCharsets.ISO_8859_1);
		int at = text.indexOf("Zürich".substring(0, 1));
		body[at] = (byte) 0xFF; // one stray byte in otherwise valid UTF-8
		assertThat(title(body, "text/xml; charset=utf-8")).isEqualTo(TITLE.replace("Z", "\uFFFD"));
	}

	@Test
	void unknownCharsetNamesFallBackToDetection() throws Exception {
		assertThat(title(feed("x-no-such-charset").getBytes(StandardCharsets.UTF_8), "text/xml; charset=bogus"))
			.isEqualTo(TITLE);
	}

	@Test
	void htmlEntitiesAndC1ReferencesAreDecoded() throws Exception {
		String xml = "<rss version=\"2.0\"><channel><title>caf&eacute;&nbsp;&amp;&#160;th&eacute; &#147;q&#148; &hellip; &#X41;</title></channel></rss>";
		assertThat(title(xml.getBytes(StandardCharsets.US_ASCII), null)).isEqualTo("café & thé “q” … A");
	}

	@Test
	void legacyLabelsReadAsTheirWindowsSupersetsLikePages() throws Exception {
		// bytes only the superset defines: € in windows-1254, 똠 in windows-949, ① in windows-31j
		byte[] turkish = feed("iso-8859-9").replace(TITLE, "Şubat € fiyatları").getBytes(Charset.forName("windows-1254"));
		assertThat(title(turkish, null)).isEqualTo("Şubat € fiyatları");
		byte[] korean = feed("euc-kr").replace(TITLE, "똠양꿍 공지").getBytes(Charset.forName("x-windows-949"));
		assertThat(title(korean, "text/xml")).isEqualTo("똠양꿍 공지");
		byte[] japanese = feed("utf-8").replace(TITLE, "①お知らせ").getBytes(Charset.forName("windows-31j"));
		assertThat(title(japanese, "application/rss+xml; charset=shift_jis")).isEqualTo("①お知らせ");
	}

}
