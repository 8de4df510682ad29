package policywatch.ingest.extract;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Extracts the main text of an article page. Placeholder implementation.
 */
public final class ArticleExtractor {

	/**
	 * @param body the raw response body
	 * @param contentType the Content-Type header, or {@code null}
	 * @param url the page address (for relative links and as the default canonical URL)
	 * @return the article
	 * @throws UnsupportedContentException when the body is not HTML
	 */
	public Article extract(byte[] body, String contentType, URI url) throws UnsupportedContentException {
		if (contentType != null && !contentType.contains("html")) {
			throw new UnsupportedContentException("Content-Type " + contentType + " is not HTML");
		}
		Document document = Jsoup.parse(new String(body, StandardCharsets.UTF_8), url.toString());
		return new Article(document.title(), document.body().text(), null, null, url.toString(), null);
	}

}
