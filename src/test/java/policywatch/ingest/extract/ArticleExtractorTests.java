package policywatch.ingest.extract;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ArticleExtractorTests {

	private static final URI URL = URI.create("https://news.example.org/2024/05/story.html");

	private final ArticleExtractor extractor = new ArticleExtractor();

	private static String page(String head, String paragraph) {
		return "<!DOCTYPE html><html><head>" + head + "<title>Story</title></head><body>"
				+ "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
				+ ("<p>" + paragraph + "</p>").repeat(3) + "</article></body></html>";
	}

	@Test
	void metaCharsetIsUsedWithoutHeaderCharset() throws Exception {
		String html = page("<meta charset=\"windows-1252\">", "Größere Änderungen für Bürger, sagte das Ministerium heute.");
		Article article = this.extractor.extract(html.getBytes(Charset.forName("windows-1252")), "text/html", URL);
		assertThat(article.text()).contains("Größere Änderungen für Bürger");
	}

	@Test
	void headerCharsetWinsOverMeta() throws Exception {
		String html = page("<meta charset=\"utf-8\">", "Größere Änderungen für Bürger, sagte das Ministerium heute.");
		Article article = this.extractor.extract(html.getBytes(StandardCharsets.ISO_8859_1),
				"text/html; charset=ISO-8859-1", URL);
		assertThat(article.text()).contains("Größere Änderungen für Bürger");
	}

	@Test
	void byteOrderMarkWinsOverHeaderAndMeta() throws Exception {
		String html = page("<meta charset=\"iso-8859-1\">", "国务院发布新规定，规定自明年起施行，涉及数据安全和个人信息保护等多个方面。");
		byte[] utf8 = html.getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[utf8.length + 3];
		body[0] = (byte) 0xEF;
		body[1] = (byte) 0xBB;
		body[2] = (byte) 0xBF;
		System.arraycopy(utf8, 0, body, 3, utf8.length);
		Article article = this.extractor.extract(body, "text/html; charset=windows-1252", URL);
		assertThat(article.text()).contains("国务院发布新规定").doesNotContain("\uFEFF");
	}

	@Test
	void utf16ByteOrderMarkIsHonoured() throws Exception {
		String html = page("<meta charset=\"utf-8\">", "Größere Änderungen für Bürger, sagte das Ministerium heute.");
		byte[] text = html.getBytes(StandardCharsets.UTF_16LE);
		byte[] body = new byte[text.length + 2];
		body[0] = (byte) 0xFF;
		body[1] = (byte) 0xFE;
		System.arraycopy(text, 0, body, 2, text.length);
		Article article = this.extractor.extract(body, "text/html; charset=utf-8", URL);
		assertThat(article.text()).contains("Größere Änderungen für Bürger");
	}

	@Test
	void unknownHeaderCharsetFallsBackToMeta() throws Exception {
		String html = page("<meta content=\"text/html; charset=iso-8859-15\" http-equiv=\"Content-Type\">",
				"Der Preis beträgt 5 € pro Monat, teilte die Behörde mit.");
		Article article = this.extractor.extract(html.getBytes(Charset.forName("ISO-8859-15")),
				"text/html; charset=no-such-charset", URL);
		assertThat(article.text()).contains("beträgt 5 € pro Monat");
	}

	@Test
	void gbkMetaDeclarationDecodesChinese() throws Exception {
		String html = page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
				"国务院发布新规定，规定自明年起施行，涉及数据安全和个人信息保护等多个方面。");
		Article article = this.extractor.extract(html.getBytes(Charset.forName("GB18030")), null, URL);
		assertThat(article.text()).contains("涉及数据安全");
	}

	@Test
	void defaultsToUtf8AndReplacesInvalidBytes() throws Exception {
		byte[] good = page("", "Valid text about the new regulation, which applies from May onwards.")
			.getBytes(StandardCharsets.UTF_8);
		String html = new String(good, StandardCharsets.ISO_8859_1).replace("Valid", "Val\u00FFd");
		Article article = this.extractor.extract(html.getBytes(StandardCharsets.ISO_8859_1), "text/html", URL);
		assertThat(article.text()).contains("Val\uFFFDd text");
	}

	@Test
	void pdfIsRefusedWithAOneLineReason() {
		assertThatExceptionOfType(UnsupportedContentException.class)
			.isThrownBy(() -> this.extractor.extract("%PDF-1.7 ...".getBytes(StandardCharsets.ISO_8859_1),
					"application/pdf", URL))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n").containsIgnoringCase("pdf"));
	}

	@Test
	void pdfBodyIsRefusedEvenWhenLabelledHtml() {
		assertThatExceptionOfType(UnsupportedContentException.class).isThrownBy(() -> this.extractor
			.extract("%PDF-1.4\n...".getBytes(StandardCharsets.ISO_8859_1), "text/html", URL));
	}

	@Test
	void imageContentTypeIsRefused() {
		assertThatExceptionOfType(UnsupportedContentException.class)
			.isThrownBy(() -> this.extractor.extract(new byte[] { 1, 2, 3 }, "image/webp", URL))
			.withMessage("Content-Type image/webp is not HTML");
	}

	@Test
	void readsStatedMetadata() throws Exception {
		String html = "<html lang=\"de-DE\"><head><title>Neue Regeln | Beispiel</title>"
				+ "<meta property=\"og:title\" content=\"Neue Regeln für Mieter\">"
				+ "<link rel=\"canonical\" href=\"/artikel/neue-regeln\">"
				+ "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
				+ "\"datePublished\":\"2024-05-03T10:15:00+02:00\",\"author\":[{\"@type\":\"Person\",\"name\":\"Anna Berg\"}]}"
				+ "</script></head><body><article><p>Der Bundestag hat am Donnerstag neue Regeln für Mieter beschlossen, "
				+ "die ab dem kommenden Jahr gelten sollen.</p></article></body></html>";
		Article article = this.extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", URL);
		assertThat(article.title()).isEqualTo("Neue Regeln für Mieter");
		assertThat(article.published()).isEqualTo(Instant.parse("2024-05-03T08:15:00Z"));
		assertThat(article.author()).isEqualTo("Anna Berg");
		assertThat(article.canonicalUrl()).isEqualTo("https://news.example.org/artikel/neue-regeln");
		assertThat(article.language()).isEqualTo("de-DE");
		assertThat(article.text()).startsWith("Der Bundestag hat am Donnerstag");
	}

	@Test
	void metaTagsAndTimeElementGiveDateAndAuthor() throws Exception {
		String html = "<html><head><meta name=\"author\" content=\"Press Office\"></head><body><article>"
				+ "<time datetime=\"2024-02-01\">1 February 2024</time><p>The ministry today published "
				+ "its annual report on the state of the environment, with new figures.</p></article></body></html>";
		Article article = this.extractor.extract(html.getBytes(StandardCharsets.UTF_8), null, URL);
		assertThat(article.published()).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
		assertThat(article.author()).isEqualTo("Press Office");
		assertThat(article.canonicalUrl()).isEqualTo(URL.toString());
		assertThat(article.language()).isNull();
	}

	@Test
	void aPageWhoseOnlyProseLooksLikeBoilerplateStillGivesItsText() throws Exception {
		// the only text sits in a box whose class says "comment": choosing a container finds nothing
		String html = "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav>"
				+ "<div class='comment-box'><div>Die Behörde hat heute neue Leitlinien für die Lebensmittelkontrolle "
				+ "veröffentlicht, die ab März gelten.</div><div>Betriebe müssen ihre Dokumentation bis dahin "
				+ "anpassen, teilte das Amt mit.</div></div></body></html>";
		Article article = this.extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", URL);
		assertThat(article.text()).isEqualTo("Die Behörde hat heute neue Leitlinien für die Lebensmittelkontrolle "
				+ "veröffentlicht, die ab März gelten.\n\nBetriebe müssen ihre Dokumentation bis dahin anpassen, "
				+ "teilte das Amt mit.");
	}

}
