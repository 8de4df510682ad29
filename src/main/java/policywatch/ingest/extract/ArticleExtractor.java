package policywatch.ingest.extract;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import policywatch.ingest.extract.pdf.PdfText;

/**
 * Extracts the main text and the stated metadata (title, date, author, canonical URL, language)
 * of an article page, or the text of a PDF document. Each extraction has a time budget (CPU time
 * of the extracting thread): a page that takes longer is given up with a log line (the caller
 * keeps the feed's description).
 * Thread-safe and stateless.
 */
public final class ArticleExtractor {

	private static final Logger logger = LoggerFactory.getLogger(ArticleExtractor.class);

	private final ExtractProperties properties;

	private final LongSupplier nanoTime;

	/** An extractor with the default settings. */
	public ArticleExtractor() {
		this(ExtractProperties.defaults());
	}

	/**
	 * @param properties the time budgets and PDF caps
	 */
	public ArticleExtractor(ExtractProperties properties) {
		this(properties, TimeBudget.threadCpuTime());
	}

	ArticleExtractor(ExtractProperties properties, LongSupplier nanoTime) {
		this.properties = properties;
		this.nanoTime = nanoTime;
	}

	/**
	 * @param body the raw response body
	 * @param contentType the Content-Type header, or {@code null}
	 * @param url the page address (for relative links and as the default canonical URL)
	 * @return the article
	 * @throws UnsupportedContentException when the body is neither HTML nor a readable PDF
	 * (encrypted, scanned, broken), or when extraction took longer than its budget
	 */
	public Article extract(byte[] body, String contentType, URI url) throws UnsupportedContentException {
		if (PdfText.isPdf(body, contentType)) {
			return extractPdf(body, url);
		}
		checkContent(body, contentType);
		TimeBudget budget = new TimeBudget(this.properties.timeBudget(), this.nanoTime);
		try {
			String html = Charsets.decode(body, contentType);
			return extract(html, url, budget);
		}
		catch (TimeBudget.Exceeded ex) {
			logger.warn("Extraction over budget url={} bytes={} budgetMillis={}", url, body.length,
					this.properties.timeBudget().toMillis());
			throw new UnsupportedContentException(ex.getMessage());
		}
	}

	private Article extractPdf(byte[] body, URI url) throws UnsupportedContentException {
		long deadline = this.nanoTime.getAsLong() + this.properties.pdfTimeBudget().toNanos();
		try {
			PdfText.Document pdf = PdfText.read(body, this.properties.pdfMaxPages(), deadline, this.nanoTime);
			if (pdf.pagesRead() < pdf.pages()) {
				logger.info("PDF read in part url={} pagesRead={} pages={}", url, pdf.pagesRead(), pdf.pages());
			}
			return new Article(pdf.title(), pdf.text(), pdf.created(), pdf.author(),
					(url != null) ? url.toString() : null, pdf.language());
		}
		catch (PdfText.PdfException ex) {
			logger.info("Unable to read PDF url={} bytes={} reason={}", url, body.length, ex.getMessage());
			throw new UnsupportedContentException(ex.getMessage());
		}
	}

	/**
	 * @param html the decoded page
	 * @param url the page address, or {@code null}
	 * @return the article
	 */
	Article extract(String html, URI url) {
		return extract(html, url, TimeBudget.unlimited());
	}

	private Article extract(String html, URI url, TimeBudget budget) {
		String base = (url != null) ? url.toString() : "";
		Document document = Jsoup.parse(html, base);
		budget.checkNow();
		Metadata metadata = Metadata.of(document, (url != null) ? base : null);
		List<String> paragraphs = MainContent.extract(document.body(), budget);
		String text = String.join("\n\n", paragraphs);
		text = preferJsonLd(text, metadata.articleBody);
		int length = TextMeasure.length(text);
		if (length < 150) {
			// never empty (or a scrap) when the page has prose: its text blocks, from a fresh parse
			String fallback = String.join("\n\n", MainContent.fallback(Jsoup.parse(html, base).body(), budget));
			int fallbackLength = TextMeasure.length(fallback);
			if (length == 0 || fallbackLength >= 300 && fallbackLength >= length * 3) {
				text = fallback;
			}
		}
		return new Article(metadata.title, text, metadata.published, metadata.author, metadata.canonicalUrl,
				metadata.language);
	}

	private static String preferJsonLd(String text, String articleBody) {
		if (articleBody == null) {
			return text;
		}
		// structured data separates paragraphs with single line breaks, and may hold markup
		String ld = (articleBody.indexOf('<') < 0) ? plainParagraphs(Parser.unescapeEntities(articleBody, false))
				: HtmlText.toText(articleBody);
		int ldLength = TextMeasure.length(ld);
		if (ldLength >= 300 && TextMeasure.length(text) < ldLength * 0.6) {
			return ld;
		}
		return text;
	}

	private static String plainParagraphs(String text) {
		return HtmlText.paragraphs(text, 1);
	}

	static void checkContent(byte[] body, String contentType) throws UnsupportedContentException {
		String sniffed = sniff(body);
		if (sniffed != null) {
			throw new UnsupportedContentException("Body is " + sniffed + ", not HTML");
		}
		if (contentType == null || contentType.isBlank()) {
			return;
		}
		String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		if (mime.isEmpty() || mime.contains("html") || mime.equals("application/octet-stream")
				|| mime.equals("binary/octet-stream")) {
			return;
		}
		if ((mime.equals("text/plain") || mime.endsWith("/xml") || mime.endsWith("+xml")) && looksLikeHtml(body)) {
			return;
		}
		throw new UnsupportedContentException("Content-Type " + mime + " is not HTML");
	}

	private static String sniff(byte[] body) {
		if (startsWith(body, "\u0089PNG") || startsWith(body, "GIF8")
				|| (body.length > 2 && (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xD8)) {
			return "an image";
		}
		if (startsWith(body, "PK\u0003\u0004")) {
			return "a ZIP archive (office document)";
		}
		return null;
	}

	private static boolean looksLikeHtml(byte[] body) {
		String head = new String(body, 0, Math.min(body.length, 1024), java.nio.charset.StandardCharsets.ISO_8859_1)
			.toLowerCase(Locale.ROOT);
		return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
				|| head.contains("<head");
	}

	private static boolean startsWith(byte[] body, String prefix) {
		if (body.length < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if ((body[i] & 0xFF) != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
