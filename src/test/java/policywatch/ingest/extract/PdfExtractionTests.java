package policywatch.ingest.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policywatch.ingest.fetch.HttpFetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeout;

/**
 * PDF policy documents linked from feeds, generated here with PDFBox: their text becomes the
 * article text; what cannot be read (encrypted, scanned, broken, hostile) is refused with a reason
 * so that the entry keeps the feed's description.
 */
class PdfExtractionTests {

	private static final URI URL = URI.create("https://example.org/decision.pdf");

	private static final String[] LEFT = { "Left column opens the decision of the council.",
			"The council agreed on new tariff quotas for steel.", "These apply from the first of July onwards.",
			"Left column ends with the legal basis." };

	private static final String[] RIGHT = { "Right column starts with the review clause.",
			"The commission reports on the quotas every year.", "Member states may ask for an earlier review.",
			"Right column ends the document here." };

	@TempDir
	Path dir;

	private final ArticleExtractor extractor = new ArticleExtractor();

	@Test
	void twoColumnPageReadsColumnByColumn() throws Exception {
		byte[] pdf = pdf((document) -> {
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				column(content, 50, LEFT);
				column(content, 310, RIGHT);
			}
			document.getDocumentInformation().setTitle("Council decision on steel quotas");
		});
		Article article = this.extractor.extract(pdf, "application/pdf", URL);
		String text = article.text();
		assertThat(article.title()).isEqualTo("Council decision on steel quotas");
		assertThat(text).startsWith("Left column opens").endsWith("ends the document here.");
		// the left column comes whole before the right one: lines side by side are not interleaved
		assertThat(text.indexOf("Left column ends")).isLessThan(text.indexOf("Right column starts"));
		assertThat(text).contains("The council agreed on new tariff quotas for steel.");
		assertThat(text).doesNotContain("steel. The commission");
	}

	@Test
	void aPdfIsRecognisedByItsSignatureWhateverItsContentType() throws Exception {
		byte[] pdf = pdf((document) -> textPage(document, "A fact sheet on export controls."));
		assertThat(this.extractor.extract(pdf, "application/octet-stream", URL).text())
			.isEqualTo("A fact sheet on export controls.");
		assertThat(this.extractor.extract(pdf, null, URL).text()).isEqualTo("A fact sheet on export controls.");
	}

	@Test
	void onlyTheFirstPagesUpToTheCapAreRead() throws Exception {
		byte[] pdf = pdf((document) -> {
			for (int i = 1; i <= 300; i++) {
				textPage(document, "Page number " + i + " of the annex.");
			}
		});
		ArticleExtractor capped = new ArticleExtractor(new ExtractProperties(Duration.ofSeconds(2), 50,
				Duration.ofSeconds(10)));
		String text = capped.extract(pdf, "application/pdf", URL).text();
		assertThat(text).contains("Page number 50 of").doesNotContain("Page number 51 of");
	}

	@Test
	void aPageCountThatLiesAndObjectsNestedTooDeeplyAreRefusedQuickly() {
		// a page tree that claims a billion pages, and a resource dictionary nested 100,000 levels deep
		String nested = "[".repeat(100_000) + "]".repeat(100_000);
		String raw = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
				+ "2 0 obj << /Type /Pages /Count 1000000000 /Kids [3 0 R 3 0 R 3 0 R] >> endobj\n"
				+ "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /X " + nested
				+ " >> /Contents 4 0 R >> endobj\n" + "4 0 obj << /Length 44 >> stream\n"
				+ "BT /F1 12 Tf 72 712 Td (Hostile text) Tj ET\nendstream endobj\n"
				+ "trailer << /Root 1 0 R >>\n%%EOF\n";
		byte[] pdf = raw.getBytes(StandardCharsets.ISO_8859_1);
		assertTimeout(Duration.ofSeconds(5), () -> {
			try {
				Article article = this.extractor.extract(pdf, "application/pdf", URL);
				// a lenient reading may find the text; it must not find it a billion times
				assertThat(article.text().length()).isLessThan(10_000);
			}
			catch (UnsupportedContentException ex) {
				assertThat(ex.getMessage()).containsIgnoringCase("pdf");
			}
		});
	}

	@Test
	void anEncryptedPdfIsRefusedWithItsReason() throws Exception {
		byte[] pdf = pdf((document) -> {
			textPage(document, "Confidential negotiating text.");
			StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
			policy.setEncryptionKeyLength(128);
			document.protect(policy);
		});
		assertThatExceptionOfType(UnsupportedContentException.class)
			.isThrownBy(() -> this.extractor.extract(pdf, "application/pdf", URL))
			.withMessageContaining("encrypted");
	}

	@Test
	void aPdfWithoutTextLayerIsRefused() throws Exception {
		byte[] pdf = pdf((document) -> {
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				// a scan: shapes, no text
				content.addRect(50, 50, 400, 600);
				content.fill();
			}
		});
		assertThatExceptionOfType(UnsupportedContentException.class)
			.isThrownBy(() -> this.extractor.extract(pdf, "application/pdf", URL))
			.withMessageContaining("no text layer");
	}

	@Test
	void aBrokenPdfIsRefused() {
		byte[] pdf = "%PDF-1.7\nnothing here".getBytes(StandardCharsets.ISO_8859_1);
		assertThatExceptionOfType(UnsupportedContentException.class)
			.isThrownBy(() -> this.extractor.extract(pdf, "application/pdf", URL))
			.withMessageContaining("PDF");
	}

	@Test
	void aPdfOverItsTimeBudgetIsRefused() throws Exception {
		byte[] pdf = pdf((document) -> {
			for (int i = 1; i <= 5; i++) {
				textPage(document, "Page " + i);
			}
		});
		AtomicLong now = new AtomicLong();
		ArticleExtractor slow = new ArticleExtractor(ExtractProperties.defaults(),
				() -> now.getAndAdd(Duration.ofSeconds(5).toNanos()));
		assertThatExceptionOfType(UnsupportedContentException.class)
			.isThrownBy(() -> slow.extract(pdf, "application/pdf", URL))
			.withMessageContaining("budget");
	}

	@Test
	void theExtractCommandReadsPdfFiles() throws Exception {
		byte[] pdf = pdf((document) -> textPage(document, "Communiqué of the trade ministers."));
		Path file = Files.write(this.dir.resolve("communique.pdf"), pdf);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = ExtractCommand.run(List.of(file.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), HttpFetcher::new);
		assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(status).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Communiqué of the trade ministers.\n");
	}

	private static void column(PDPageContentStream content, float x, String[] lines) throws IOException {
		content.beginText();
		content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 9);
		content.setLeading(14);
		content.newLineAtOffset(x, 760);
		for (String line : lines) {
			content.showText(line);
			content.newLine();
		}
		content.endText();
	}

	private static void textPage(PDDocument document, String text) throws IOException {
		PDPage page = new PDPage(PDRectangle.A4);
		document.addPage(page);
		try (PDPageContentStream content = new PDPageContentStream(document, page)) {
			content.beginText();
			content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
			content.newLineAtOffset(72, 760);
			content.showText(text);
			content.endText();
		}
	}

	@FunctionalInterface
	private interface Builder {

		void build(PDDocument document) throws IOException;

	}

	private static byte[] pdf(Builder builder) throws IOException {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			builder.build(document);
			document.save(out);
			return out.toByteArray();
		}
	}

}
