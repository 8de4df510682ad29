package policywatch.ingest.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages decode with the same WHATWG label table as feeds.
 */
class CharsetsTests {

	private static byte[] page(String meta, String text, String charset) {
		return ("<html><head>" + meta + "</head><body><p>" + text + "</p></body></html>").getBytes(Charset.forName(charset));
	}

	@Test
	void legacyLabelsReadAsTheirWindowsSupersets() {
		assertThat(Charsets.decode(page("<meta charset=\"iso-8859-9\">", "Şubat € fiyatları", "windows-1254"), null))
			.contains("Şubat € fiyatları");
		assertThat(Charsets.decode(page("", "똠양꿍 공지", "x-windows-949"), "text/html; charset=EUC-KR"))
			.contains("똠양꿍 공지");
		assertThat(Charsets.decode(page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">",
				"①お知らせ", "windows-31j"), "text/html")).contains("①お知らせ");
	}

	@Test
	void aUtf16LabelInTheDocumentMeansUtf8() {
		assertThat(Charsets.decode(page("<meta charset=\"utf-16\">", "Grüße", "UTF-8"), null)).contains("Grüße");
	}

	@Test
	void theHeaderWinsOverTheMetaTagAndUnknownLabelsFallThrough() {
		byte[] cyrillic = page("<meta charset=\"utf-8\">", "Новости", "KOI8-R");
		assertThat(Charsets.decode(cyrillic, "text/html; charset=koi8-r")).contains("Новости");
		byte[] utf8 = page("<meta charset=\"x-bogus\"><meta charset=\"utf-8\">", "Grüße", "UTF-8");
		assertThat(Charsets.decode(utf8, "text/html; charset=bogus")).contains("Grüße");
	}

	@Test
	void metadataIsNotAMetaTag() {
		byte[] body = page("<metadata charset=\"koi8-r\"></metadata>", "Grüße", "UTF-8");
		assertThat(Charsets.decode(body, null)).contains("Grüße");
		assertThat(StandardCharsets.UTF_8).isEqualTo(Charsets.bom(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }));
	}

}
