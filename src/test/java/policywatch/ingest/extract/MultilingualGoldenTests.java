package policywatch.ingest.extract;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.assertj.core.api.SoftAssertions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small multilingual golden set of our own making (German ministry and newspaper, French blog,
 * Chinese government news, Russian news, English news), imitating real templates: leads in their
 * own containers, lists and quotes in the text, and around it cookie notices, share bars, "read
 * also" teasers, author boxes, tags, related stories, newsletters and comments. Each page has a
 * {@code .snippets} file: {@code ^} the text starts with, {@code $} it ends with, {@code +} it
 * contains, {@code -} it must not contain.
 */
class MultilingualGoldenTests {

	private final ArticleExtractor extractor = new ArticleExtractor();

	@ParameterizedTest
	@ValueSource(strings = { "de-ministerium", "de-zeitung", "de-blog", "fr-blog", "zh-zhengfu", "ru-novosti", "es-noticias",
			"en-news" })
	void keepsTheArticleFromItsFirstToItsLastParagraphAndNothingElse(String page) throws Exception {
		String text = this.extractor
			.extract(resource(page + ".html"), "text/html; charset=utf-8", URI.create("https://example.org/" + page))
			.text();
		// no-break spaces are spaces to a reader
		String normalized = text.replace('\u00A0', ' ');
		assertThat(normalized).as(page).isNotBlank();
		List<String> lines = new String(resource(page + ".snippets"), StandardCharsets.UTF_8).lines()
			.filter((line) -> line.length() > 2)
			.toList();
		SoftAssertions softly = new SoftAssertions();
		for (String line : lines) {
			String snippet = line.substring(2).strip();
			switch (line.charAt(0)) {
				case '^' -> softly.assertThat(normalized).as(page + " starts with").startsWith(snippet);
				case '$' -> softly.assertThat(normalized).as(page + " ends with").endsWith(snippet);
				case '+' -> softly.assertThat(normalized).as(page + " contains").contains(snippet);
				case '-' -> softly.assertThat(normalized).as(page + " leaves out").doesNotContain(snippet);
				default -> throw new IllegalArgumentException(page + ": bad snippet line " + line);
			}
		}
		softly.assertAll();
	}

	private static byte[] resource(String name) throws IOException {
		try (InputStream stream = MultilingualGoldenTests.class.getResourceAsStream("multilingual/" + name)) {
			assertThat(stream).as(name).isNotNull();
			return stream.readAllBytes();
		}
	}

}
