package policywatch.ingest.extract;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole pages of our own making (navigation, related links, comments, ads, share bars, captions)
 * against the text a reader would call the article.
 */
class GoldenPagesTests {

	private final ArticleExtractor extractor = new ArticleExtractor();

	private static byte[] resource(String name) throws IOException {
		try (InputStream stream = GoldenPagesTests.class.getResourceAsStream("golden/" + name)) {
			assertThat(stream).as(name).isNotNull();
			return stream.readAllBytes();
		}
	}

	private Article extract(String page) throws Exception {
		return this.extractor.extract(resource(page + ".html"), "text/html",
				URI.create("https://example.org/articles/" + page));
	}

	@ParameterizedTest
	@ValueSource(strings = { "news-article", "ministry-press-release", "chinese-article", "german-article",
			"split-article" })
	void extractsExactlyTheArticleText(String page) throws Exception {
		String expected = new String(resource(page + ".txt"), StandardCharsets.UTF_8).strip();
		assertThat(extract(page).text()).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			news-article           | Council approves new clean air zone         | 2024-03-12T09:30:00Z | Priya Natarajan         | en-GB | https://ledger.example.com/news/2024/03/clean-air-zone
			ministry-press-release | Minister announces funding for rural broadband | 2024-04-04T00:00:00Z | Ministry of Infrastructure | en | https://example.org/articles/ministry-press-release
			chinese-article        | 生态环境部发布2023年全国空气质量状况 | 2024-01-25T00:00:00Z | 李明 | - | https://example.org/articles/chinese-article
			german-article         | Bundesrat billigt Reform des Mietrechts     | 2024-06-14T14:45:00Z | Jonas Weber             | de    | https://example.org/articles/german-article
			split-article          | How a small town rebuilt its water system   | 2024-02-20T19:00:00Z | Tom Alvarez             | en-US | https://example.org/articles/split-article
			""")
	void readsTheStatedMetadata(String page, String title, String published, String author, String language,
			String canonical) throws Exception {
		Article article = extract(page);
		assertThat(article.title()).isEqualTo(title);
		assertThat(article.published()).isEqualTo(Instant.parse(published));
		assertThat(article.author()).isEqualTo(author);
		assertThat(article.language()).isEqualTo(language);
		assertThat(article.canonicalUrl()).isEqualTo(canonical);
	}

}
