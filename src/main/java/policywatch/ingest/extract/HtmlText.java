package policywatch.ingest.extract;

import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Plain text of HTML fragments and titles (the feed parser turns descriptions into text with these).
 */
public final class HtmlText {

	private static final Set<String> INVISIBLE = Set.of("script", "style", "noscript", "template", "head", "title");

	private static final Pattern MARKUP = Pattern.compile(
			"</?(a|abbr|b|big|br|cite|code|em|font|i|img|mark|p|q|s|small|span|strong|sub|sup|time|u)(\\s[^>]*)?/?>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final Pattern BLANK_LINE = Pattern.compile("\\s*\\n\\s*\\n\\s*");

	private HtmlText() {
	}

	/**
	 * Plain text of a one-line text such as a title: HTML tags that titles really carry
	 * ({@code <b>}, {@code <em>}, {@code <span>}…) are removed and entities decoded, but text that
	 * merely looks like a tag ({@code "<update>"}) is kept as it is.
	 * @param text the title, may be {@code null}
	 * @return the text on one line, never {@code null}
	 */
	public static String titleToText(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String withoutMarkup = MARKUP.matcher(text).replaceAll(" ");
		String decoded = (withoutMarkup.indexOf('&') >= 0)
				? org.jsoup.parser.Parser.unescapeEntities(withoutMarkup, false) : withoutMarkup;
		return collapse(decoded.strip());
	}

	/**
	 * Plain text of an HTML fragment: tags removed, entities decoded, whitespace collapsed, block
	 * elements separated by blank lines.
	 * @param html the fragment, may be {@code null}
	 * @return the text, never {@code null}
	 */
	public static String toText(String html) {
		if (html == null || html.isBlank()) {
			return "";
		}
		if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
			StringBuilder text = new StringBuilder();
			for (String paragraph : BLANK_LINE.split(html.strip())) {
				if (text.length() > 0) {
					text.append("\n\n");
				}
				text.append(collapse(paragraph.strip()));
			}
			return text.toString();
		}
		Element body = Jsoup.parseBodyFragment(html).body();
		Renderer renderer = new Renderer((element) -> INVISIBLE.contains(element.normalName()));
		renderer.render(body);
		return String.join("\n\n", renderer.paragraphs());
	}

	/**
	 * @return the text with each run of whitespace (as {@code \\s} sees it) replaced by one space
	 */
	static String collapse(String text) {
		return WHITESPACE.matcher(text).replaceAll(" ");
	}

}
