package policywatch.ingest.parse;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether a text holds real HTML elements (as opposed to text that merely looks like a
 * tag, such as {@code "<update>"}).
 */
final class HtmlNames {

	private static final Pattern TAG = Pattern.compile("</?([A-Za-z][A-Za-z0-9]*)(?=[\\s/>])");

	/** HTML elements, current and obsolete. */
	private static final Set<String> ELEMENTS = Set.of("a", "abbr", "acronym", "address", "applet", "area",
			"article", "aside", "audio", "b", "base", "basefont", "bdi", "bdo", "big", "blink", "blockquote", "body",
			"br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "data", "datalist", "dd",
			"del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption",
			"figure", "font", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head",
			"header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li",
			"link", "main", "map", "mark", "marquee", "menu", "meta", "meter", "nav", "noframes", "noscript",
			"object", "ol", "optgroup", "option", "output", "p", "param", "picture", "pre", "progress", "q", "rp",
			"rt", "ruby", "s", "samp", "script", "section", "select", "small", "source", "span", "strike", "strong",
			"style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th",
			"thead", "time", "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "xmp");

	private HtmlNames() {
	}

	static boolean containsHtmlElement(String text) {
		if (text.indexOf('<') < 0) {
			return false;
		}
		Matcher matcher = TAG.matcher(text);
		while (matcher.find()) {
			if (ELEMENTS.contains(matcher.group(1).toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}

}
