package policywatch.ingest.extract;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Small HTML helpers for other stages (the feed parser turns descriptions into text with these).
 */
public final class Html {

	private static final Set<String> INVISIBLE = Set.of("script", "style", "noscript", "template", "head", "title");

	private Html() {
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
			for (String paragraph : html.strip().split("\\s*\\n\\s*\\n\\s*")) {
				if (text.length() > 0) {
					text.append("\n\n");
				}
				text.append(paragraph.strip().replaceAll("\\s+", " "));
			}
			return text.toString();
		}
		Element body = Jsoup.parseBodyFragment(html).body();
		Renderer renderer = new Renderer((element) -> INVISIBLE.contains(element.normalName()));
		renderer.render(body);
		return String.join("\n\n", renderer.paragraphs());
	}

}
