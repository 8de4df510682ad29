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

	/** Attributes stop at the next angle bracket, so each character is scanned at most twice. */
	private static final Pattern MARKUP = Pattern.compile(
			"</?(a|abbr|b|big|br|cite|code|em|font|i|img|mark|p|q|s|small|span|strong|sub|sup|time|u)(\\s[^<>]*+)?/?>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

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
			return paragraphs(html, 2);
		}
		Element body = Jsoup.parseBodyFragment(html).body();
		Renderer renderer = new Renderer((element) -> INVISIBLE.contains(element.normalName()));
		renderer.render(body);
		return String.join("\n\n", renderer.paragraphs());
	}

	/**
	 * Paragraphs of plain text in one linear pass: a run of whitespace holding at least
	 * {@code newlines} line breaks separates paragraphs (joined by a blank line), any other run
	 * becomes one space, and leading and trailing whitespace goes.
	 * @param text plain text
	 * @param newlines line breaks in a run that end a paragraph (1: every line is a paragraph;
	 * 2: blank lines separate paragraphs)
	 * @return the paragraphs, separated by blank lines
	 */
	static String paragraphs(String text, int newlines) {
		StringBuilder result = new StringBuilder(text.length());
		int breaks = 0;
		boolean inRun = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isAsciiSpace(c) || Character.isWhitespace(c)) {
				inRun = true;
				if (c == '\n') {
					breaks++;
				}
				continue;
			}
			if (inRun && !result.isEmpty()) {
				result.append((breaks >= newlines) ? "\n\n" : " ");
			}
			inRun = false;
			breaks = 0;
			result.append(c);
		}
		return result.toString();
	}

	private static boolean isAsciiSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

	/**
	 * @return the text with each run of whitespace (as {@code \\s} sees it) replaced by one space
	 */
	static String collapse(String text) {
		return WHITESPACE.matcher(text).replaceAll(" ");
	}

}
