package policywatch.ingest.extract;

import org.jsoup.Jsoup;

/**
 * Small HTML helpers for other stages (the feed parser turns descriptions into text with these).
 */
public final class Html {

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
			return html.strip().replaceAll("\\s+", " ");
		}
		return Jsoup.parseBodyFragment(html).text().strip();
	}

}
