package policywatch.ingest.extract;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MainContentTests {

	private final ArticleExtractor extractor = new ArticleExtractor();

	private String text(String html) {
		return this.extractor.extract(html, URI.create("https://example.org/a")).text();
	}

	private static String paragraphs(String prefix, int count) {
		StringBuilder html = new StringBuilder();
		for (int i = 1; i <= count; i++) {
			html.append("<p>")
				.append(prefix)
				.append(' ')
				.append(i)
				.append(" has enough words in it, and a comma or two, to look like real prose in an article.</p>");
		}
		return html.toString();
	}

	@Test
	void datelinesAreRecognised() {
		assertThat(MainContent.isDateline("Nov. 20, 2019 5:52 AM EST")).isTrue();
		assertThat(MainContent.isDateline("Updated: 14.06.2024, 16:45 Uhr")).isTrue();
		assertThat(MainContent.isDateline("2024年01月25日 10:12")).isTrue();
		assertThat(MainContent.isDateline("Published 4 April 2024")).isTrue();
		assertThat(MainContent.isDateline("8:45 p.m.")).isFalse();
		assertThat(MainContent.isDateline("On 4 April 2024 the ministry announced a review.")).isFalse();
		assertThat(MainContent.isDateline("2000")).isFalse();
	}

	@Test
	void textInDivsWithLineBreaksIsFound() {
		String html = "<html><body><div class='menu'><a href='/'>首页</a> <a href='/n'>新闻</a></div>"
				+ "<div id='zoom'>　　国务院办公厅印发通知，要求各地区各部门进一步做好政务公开工作，提高政策透明度。<br><br>"
				+ "　　通知指出，各级行政机关应当主动公开涉及公众利益调整、需要公众广泛知晓的政府信息。<br><br>"
				+ "　　通知要求，加强政策解读，及时回应社会关切，确保公开内容准确、完整。</div>"
				+ "<div class='footer'>版权所有 © 示例政府网站</div></body></html>";
		assertThat(text(html)).isEqualTo("国务院办公厅印发通知，要求各地区各部门进一步做好政务公开工作，提高政策透明度。\n\n"
				+ "通知指出，各级行政机关应当主动公开涉及公众利益调整、需要公众广泛知晓的政府信息。\n\n"
				+ "通知要求，加强政策解读，及时回应社会关切，确保公开内容准确、完整。");
	}

	@Test
	void tableLayoutPagesGiveTheTextCell() {
		String html = "<html><body><table><tr><td class='nav'><a href='/1'>Home</a><br><a href='/2'>Laws</a><br>"
				+ "<a href='/3'>Contact</a></td><td>" + paragraphs("Paragraph", 4) + "</td></tr></table></body></html>";
		assertThat(text(html)).startsWith("Paragraph 1 has enough words")
			.endsWith("Paragraph 4 has enough words in it, and a comma or two, to look like real prose in an article.")
			.doesNotContain("Home");
	}

	@Test
	void layoutClassesThatSoundLikeBoilerplateDoNotLoseTheArticle() {
		String html = "<html><body><div class='wrapper header-style-2 has-sidebar'><div class='nav-menu'>"
				+ "<a href='/'>Home</a></div><h1>Title</h1><div class='post'>" + paragraphs("Line", 5)
				+ "</div></div></body></html>";
		assertThat(text(html)).startsWith("Line 1 has enough words").contains("Line 5 has enough words");
	}

	@Test
	void aLongCommentSectionDoesNotWinOverAShortArticle() {
		String html = "<html><body><h1>Short news</h1><div class='story'>" + paragraphs("Story", 2)
				+ "</div><div class='comment-list'>" + paragraphs("Comment", 12) + "</div></body></html>";
		assertThat(text(html)).startsWith("Story 1 has").contains("Story 2 has").doesNotContain("Comment");
	}

	@Test
	void hiddenElementsAndLinkOnlyParagraphsAreLeftOut() {
		String html = "<html><body><article>" + paragraphs("Body", 3)
				+ "<p style='display:none'>Hidden text that should never be shown to anybody reading.</p>"
				+ "<p><a href='/other'>Read more: another story entirely about something else</a></p>"
				+ "<p>Advertisement</p>" + paragraphs("Tail", 1) + "</article></body></html>";
		assertThat(text(html)).doesNotContain("Hidden").doesNotContain("Read more").doesNotContain("Advertisement")
			.contains("Body 3 has").contains("Tail 1 has");
	}

	@Test
	void shortFurnitureParagraphsGoButSimilarProseStays() {
		String html = "<html><body><div class='content'>" + paragraphs("Body", 3) + "<p>Share this article</p>"
				+ "<p>【打印】</p><p>打印机市场今年增长了百分之五。</p><p>Recommended doses are listed below.</p>"
				+ "<p>Tags: budget, tax</p><p>Updated: 14.06.2024, 16:45 Uhr</p></div></body></html>";
		assertThat(text(html)).doesNotContain("Share this").doesNotContain("【打印】").doesNotContain("Tags:")
			.doesNotContain("Updated")
			.contains("打印机市场今年增长了百分之五。")
			.contains("Recommended doses are listed below.");
	}

	@Test
	void jsonLdArticleBodyIsUsedWhenThePageShowsLittle() {
		String paragraph = ("This press release text is only delivered in structured data, because the page "
				+ "renders it with a script &amp; more. ").repeat(3).strip();
		String html = "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"articleBody\":\""
				+ paragraph + "\\n" + paragraph + "\"}</script></head><body><div id='root'><p>Loading…</p></div>"
				+ "</body></html>";
		String expected = paragraph.replace("&amp;", "&");
		assertThat(text(html)).isEqualTo(expected + "\n\n" + expected);
	}

	@Test
	void textDirectlyInTheBodyIsFound() {
		String html = "<html><body>An old page that puts its text straight into the body, with no markup at all."
				+ "<br><br>A second paragraph, separated by two line breaks, as pages did in the nineties.</body></html>";
		assertThat(text(html)).isEqualTo("An old page that puts its text straight into the body, with no markup at all."
				+ "\n\nA second paragraph, separated by two line breaks, as pages did in the nineties.");
	}

	@Test
	void headingsKeptInsideButNotLeftDanglingAtTheEnd() {
		String html = "<html><body><article>" + paragraphs("Intro", 2) + "<h2>Background</h2>" + paragraphs("More", 2)
				+ "<h3>Weitere Informationen</h3><ul><li><a href='/a'>Erste Seite</a></li><li><a href='/b'>Zweite"
				+ " Seite</a></li></ul></article></body></html>";
		assertThat(text(html)).contains("\n\nBackground\n\nMore 1 has").doesNotContain("Weitere")
			.endsWith("real prose in an article.");
	}

	@Test
	void emptyPageGivesEmptyText() {
		assertThat(text("<html><body><nav><a href='/'>Home</a></nav></body></html>")).isEmpty();
		assertThat(text("")).isEmpty();
	}

}
