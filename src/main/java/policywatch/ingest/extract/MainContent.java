package policywatch.ingest.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Finds the main text of a page: removes what is never content, scores paragraph containers by
 * their text (length, clause marks, link density, class and id hints), takes the best container
 * with its related siblings, and renders it as paragraphs while leaving out the boilerplate inside
 * it. General heuristics only; lengths are weighted so that CJK text is measured fairly.
 */
final class MainContent {

	static final Set<String> NEVER_CONTENT = Set.of("script", "style", "noscript", "template", "svg", "iframe",
			"object", "embed", "canvas", "video", "audio", "button", "input", "select", "textarea", "option", "link",
			"meta", "dialog", "map", "area", "head", "title", "picture", "source", "math");

	/** Usually boilerplate, but some sites wrap their article in them. */
	static final Set<String> STRUCTURAL_JUNK = Set.of("nav", "aside", "footer", "header");

	static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "main", "li", "ul", "ol", "dl",
			"dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tbody", "thead", "tfoot",
			"tr", "td", "th", "caption", "figure", "figcaption", "header", "footer", "address", "hr", "form",
			"fieldset", "center", "details", "summary", "body", "html", "aside", "nav", "hgroup", "menu", "legend");

	private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

	/** Never content, unless {@link #MAYBE} also matches. */
	private static final Pattern UNLIKELY = words("ad", "ads", "ad-break", "ai2html", "banner", "breadcrumb", "combx",
			"comment", "community", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu",
			"related", "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
			"supplemental", "agegate", "pagination", "pager", "popup", "yom-remote", "cookie", "newsletter",
			"subscribe", "consent", "modal", "share", "sharing", "promo", "outbrain", "taboola", "werbung",
			"kommentar");

	private static final Pattern MAYBE = Pattern.compile("and|article|body|column|content|main|shadow|story|text");

	private static final Pattern POSITIVE = words("article", "body", "content", "entry", "hentry", "h-entry", "main",
			"page", "post", "text", "blog", "story", "artikel", "inhalt", "detail", "news", "zhengwen", "neirong");

	private static final Pattern NEGATIVE = words("ad", "ads", "hidden", "hid", "banner", "combx", "comment", "com",
			"contact", "footer", "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related", "scroll",
			"share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "byline",
			"caption", "newsletter", "recommend", "nav", "werbung", "anzeige", "kommentar");

	/** Boilerplate inside the chosen container. */
	private static final Pattern BOILERPLATE = words("share", "social", "related", "newsletter", "subscribe",
			"promo", "advert", "ad", "ads", "byline", "caption", "credit", "comment", "breadcrumb", "tag", "tags",
			"signup", "sign-up", "recommend", "read-more", "readmore", "author", "dateline", "timestamp", "toolbar",
			"print", "copyright", "disclaimer", "sr-only", "visually-hidden", "screen-reader", "werbung", "anzeige",
			"trending", "carousel", "swiper", "slider", "popular", "most-read", "mostread", "read-next", "up-next",
			"recirc", "more-stories");

	/**
	 * @param words keywords; each must start a word of the hints (a class or id split at
	 * non-letters and camelCase humps), and may be followed by more letters ("comment" matches
	 * "comments") except for words of up to three letters, which must match whole
	 */
	private static Pattern words(String... words) {
		StringBuilder regex = new StringBuilder("(?<![a-z0-9])(?:");
		for (int i = 0; i < words.length; i++) {
			if (i > 0) {
				regex.append('|');
			}
			regex.append(Pattern.quote(words[i]));
			if (words[i].length() <= 3) {
				regex.append("(?![a-z])");
			}
		}
		return Pattern.compile(regex.append(')').toString());
	}

	/** Short paragraphs that are page furniture, in the languages we see most. */
	private static final Pattern BOILERPLATE_TEXT = Pattern.compile("(?iu)^\\W*(?:"
			+ "share(?: this| on| it|$)|sharing is caring|tweet$|print(?: this)?$|e-?mail$|advertisement$|advert$"
			+ "|sponsored(?: content| links?| by)?$|skip to|read more|read also|also read|see also|see more|more:"
			+ "|related(?: articles| stories|:| content|$)|recommended(?: for you| articles| stories| reading)?:?$"
			+ "|don.t miss|you may also like|comments?$|\\d+ comments?$|tags?:|sign up|subscribe|newsletter"
			+ "|follow us|click here|back to top|image:|photo:|credit:|getty images$"
			+ "|anzeige$|werbung$|mehr zum thema|lesen sie auch|auch interessant|mehr dazu|weiterlesen|teilen$"
			+ "|drucken$|kommentare?$|schlagw|zur startseite|artikel teilen"
			+ "|分享到|【?打印(?:本页)?】?$|【?关闭(?:窗口)?】?$|【纠错】|扫一扫|相关阅读|相关新闻|延伸阅读|推荐阅读|返回顶部"
			// more languages: "continue reading", "read also", cookie notices, newsletters, comments
			+ "|continue reading|keep reading|read the full|share this|leave a (?:comment|reply)|post a comment"
			+ "|we use cookies|this (?:web)?site uses cookies|about the author|more from"
			+ "|das könnte sie auch|weitere artikel|verwandte artikel|ähnliche artikel|empfohlene artikel"
			+ "|newsletter abonnieren|jetzt abonnieren|jetzt kommentieren|kommentar schreiben|wir verwenden cookies"
			+ "|diese (?:web)?seite verwendet cookies|über den autor|zum thema:?$|mehr aus"
			+ "|lire aussi|à lire aussi|lire la suite|voir aussi|partager|articles similaires|sur le même sujet"
			+ "|abonnez-vous|inscrivez-vous|nous utilisons des cookies|ce site utilise des cookies|commentaires?$"
			+ "|laisser un commentaire|publicité$"
			+ "|leer más|lee también|seguir leyendo|compartir|noticias relacionadas|artículos relacionados"
			+ "|suscríbete|comentarios$|utilizamos cookies|publicidad$"
			+ "|читать далее|читайте также|поделиться|похожие (?:статьи|новости)|по теме:?$|материалы по теме"
			+ "|подпис(?:ывайтесь|аться)|комментарии$|мы используем (?:cookie|файлы cookie)|реклама$"
			+ "|继续阅读|阅读全文|发表评论|网友评论|评论$|上一篇|下一篇|订阅|本站使用)");

	/** A heading after which the article is over: comments, related stories, newsletters, tags. */
	private static final Pattern SECTION_END = Pattern.compile("(?iu)^\\W*(?:\\d+\\s+)?(?:"
			+ "comments?|leave a (?:comment|reply)|join the (?:conversation|discussion)|discussion|related"
			+ "|recommended|you may also like|more (?:from|on|stories|articles)|read (?:more|next|also)|newsletter"
			+ "|tags?$|topics?$|about the author"
			+ "|kommentare?|leserkommentare|diskussion|verwandte|ähnliche|mehr zum thema|mehr (?:aus|zu|von)"
			+ "|lesen sie auch|auch interessant|das könnte|empfehlungen|weitere (?:artikel|meldungen|nachrichten)"
			+ "|schlagw|themen$|über den autor|newsletter"
			+ "|commentaires?|réactions|à lire aussi|lire aussi|sur le même sujet|articles? similaires|voir aussi"
			+ "|comentarios|noticias relacionadas|artículos relacionados|te puede interesar|lee también"
			+ "|комментари|читайте также|по теме|похожие|материалы по теме|другие новости"
			+ "|评论|相关|推荐|延伸阅读|热门|标签)");

	private static final Pattern HIDDEN_STYLE = Pattern.compile("display\\s*:\\s*none|visibility\\s*:\\s*hidden",
			Pattern.CASE_INSENSITIVE);

	private static final Set<String> JUNK_ROLES = Set.of("menu", "menubar", "complementary", "navigation", "alert",
			"alertdialog", "dialog", "banner", "contentinfo", "search");

	private final TimeBudget budget;

	private final Map<Element, Stats> stats = new IdentityHashMap<>();

	private final Map<Element, Double> scores = new IdentityHashMap<>();

	/** Paragraph text in the chosen elements: what holds most of it is never skipped as boilerplate. */
	private int chosenText;

	/**
	 * @param body the document body; it is modified
	 * @return the paragraphs of the main text, possibly none
	 */
	static List<String> extract(Element body) {
		return extract(body, TimeBudget.unlimited());
	}

	/**
	 * @param body the document body; it is modified
	 * @param budget the time left
	 * @return the paragraphs of the main text, possibly none
	 * @throws TimeBudget.Exceeded when the budget runs out
	 */
	static List<String> extract(Element body, TimeBudget budget) {
		return new MainContent(budget).run(body);
	}

	/**
	 * The text of a page where choosing a container found nothing: the prose blocks of the page
	 * (paragraphs and text-only divisions with few links) outside what is never content and
	 * outside navigation, in document order.
	 * @param body a freshly parsed body; it is modified
	 * @param budget the time left
	 * @return the paragraphs, possibly none
	 */
	static List<String> fallback(Element body, TimeBudget budget) {
		MainContent content = new MainContent(budget);
		List<Element> remove = new ArrayList<>();
		for (Element element : body.getAllElements()) {
			budget.check();
			String tag = element.normalName();
			if (element != body && (NEVER_CONTENT.contains(tag) || tag.equals("nav") || isHidden(element))) {
				remove.add(element);
			}
		}
		remove.forEach(Element::remove);
		content.computeStats(body);
		List<String> paragraphs = new ArrayList<>();
		Renderer renderer = new Renderer((element) -> false, budget);
		for (Element element : body.getAllElements()) {
			budget.check();
			String tag = element.normalName();
			Stats own = content.stats(element);
			// innermost blocks only: nothing is rendered twice
			if (own.blocks == 0 && BLOCK_TAGS.contains(tag) && own.text >= 40 && own.linkDensity() < 0.3) {
				renderer.render(element);
				renderer.flush();
			}
		}
		for (String paragraph : renderer.paragraphs()) {
			if (paragraph.length() > 120 || !BOILERPLATE_TEXT.matcher(paragraph).find()) {
				paragraphs.add(paragraph);
			}
		}
		return paragraphs;
	}

	MainContent() {
		this(TimeBudget.unlimited());
	}

	MainContent(TimeBudget budget) {
		this.budget = budget;
	}

	private List<String> run(Element body) {
		List<Element> chosen = choose(body);
		List<Element> lead = chosen.isEmpty() ? List.of() : lead(chosen.get(0));
		if (!chosen.isEmpty()) {
			markBeforeHeadline(chosen.get(0));
		}
		for (Element element : chosen) {
			this.chosenText += stats(element).paragraphText;
		}
		Renderer renderer = new Renderer(this::skip, this.budget);
		for (Element element : lead) {
			renderer.render(element);
			renderer.flush();
		}
		for (Element element : chosen) {
			renderer.render(element);
		}
		List<String> rendered = renderer.paragraphsWithoutTrailingHeadings();
		List<String> paragraphs = new ArrayList<>();
		int textSoFar = 0;
		for (int i = 0; i < rendered.size(); i++) {
			String paragraph = rendered.get(i);
			if (renderer.isHeading(i) && textSoFar >= 200 && paragraph.length() <= 80
					&& SECTION_END.matcher(paragraph).find()) {
				// "Comments", "Related articles", "Lesen Sie auch": what follows is no longer the article
				break;
			}
			if (paragraph.length() > 120 || !BOILERPLATE_TEXT.matcher(paragraph).find() && !isDateline(paragraph)
					&& !(paragraph.length() <= 100 && BYLINE.matcher(paragraph).find())) {
				paragraphs.add(paragraph);
				textSoFar += paragraph.length();
			}
		}
		return paragraphs;
	}

	/** Elements of the chosen container above its headline: kicker, section name, breadcrumb. */
	private final Set<Element> beforeHeadline = Collections.newSetFromMap(new IdentityHashMap<>());

	/**
	 * @return whether a {@code <header>} is an article's own (it holds the headline and a sentence
	 * of text, and is not the page's top banner)
	 */
	private boolean isArticleHeader(Element header) {
		Element parent = header.parent();
		if (parent == null || parent.normalName().equals("body") || header.selectFirst("h1") == null
				|| header.selectFirst("nav") != null) {
			return false;
		}
		for (Element block : header.getElementsByTag("p")) {
			Stats own = stats(block);
			if (own.text >= 80 && own.linkDensity() < 0.2) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The standfirst: prose blocks between the headline and the chosen container, in their own
	 * containers (an intro box, the article header), that scoring left out.
	 * @param first the first chosen element
	 * @return the blocks, in document order (at most two)
	 */
	private List<Element> lead(Element first) {
		Element scope = first;
		for (int i = 0; i < 3 && scope.parent() != null && !scope.parent().normalName().equals("body")
				&& !scope.parent().normalName().equals("html"); i++) {
			scope = scope.parent();
		}
		if (scope == first) {
			return List.of();
		}
		List<Element> lead = new ArrayList<>();
		boolean afterHeadline = false;
		// the elements before the first chosen one, in document order
		for (Element element = scope.firstElementChild(); element != null && element != first;
				element = nextInOrder(element, scope, first)) {
			this.budget.check();
			String tag = element.normalName();
			if (tag.equals("h1")) {
				afterHeadline = true;
				lead.clear();
				continue;
			}
			// a standfirst is a paragraph, a text box, or a subheading that reads as a sentence
			boolean subheading = tag.equals("h2") || tag.equals("h3");
			if (!afterHeadline || !(tag.equals("p") || tag.equals("div") || tag.equals("section") || subheading)) {
				continue;
			}
			Stats own = stats(element);
			if (own.blocks > 0 || own.text < (subheading ? 100 : 80) || own.linkDensity() >= 0.2 || own.times > 0
					|| own.images > 0 || element.parent() == null || stats(element.parent()).images > 0) {
				// not prose, or next to a picture (its caption)
				continue;
			}
			String text = element.text();
			if (!endsASentence(text) && own.commas == 0 || isFurniture(element) && !isProse(element, own, hints(element))
					|| isFurniture(element.parent()) && !isProse(element, own, hints(element.parent()))
					|| BYLINE.matcher(text).find() || text.length() <= 120 && BOILERPLATE_TEXT.matcher(text).find()) {
				continue;
			}
			if (lead.size() < 2) {
				lead.add(element);
			}
		}
		return afterHeadline ? lead : List.of();
	}

	/** "By …", "Von …", "Par …": who wrote it, not what it says. */
	private static final Pattern BYLINE = Pattern.compile("^\\W*(?:(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor|[Aa]v)\\s+"
			+ "\\p{Lu}\\p{Ll}+\\.?\\s+\\p{Lu}|(?:[Аа]втор|[Тт]екст|作者|记者|文)\\s*[:：/])");

	/**
	 * @return the element after this one in document order, within the scope, not descending into
	 * the stop element; {@code null} at the end
	 */
	private static Element nextInOrder(Element element, Element scope, Element stop) {
		if (element != stop && element.firstElementChild() != null) {
			return element.firstElementChild();
		}
		for (Element e = element; e != null && e != scope; e = e.parent()) {
			Element next = e.nextElementSibling();
			if (next != null) {
				return next;
			}
		}
		return null;
	}

	private static boolean isFurniture(Element element) {
		if (element == null || element.closest("figure, figcaption, blockquote, li, a") != null) {
			return true;
		}
		String hints = hints(element);
		return !hints.isEmpty() && (BOILERPLATE.matcher(hints).find() || NEGATIVE.matcher(hints).find())
				&& !MAYBE.matcher(hints).find();
	}

	/**
	 * Marks what stands above the headline inside the chosen container (a kicker, the section
	 * name), when it is short, so that the text starts at the headline.
	 */
	private void markBeforeHeadline(Element first) {
		Element headline = first.selectFirst("h1");
		if (headline == null) {
			return;
		}
		Set<Element> above = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Element e = headline.parent(); e != null && e != first; e = e.parent()) {
			above.add(e);
		}
		List<Element> before = new ArrayList<>();
		int text = 0;
		for (Element element : first.getAllElements()) {
			this.budget.check();
			if (element == headline) {
				break;
			}
			if (element == first || above.contains(element)) {
				continue;
			}
			Stats own = stats(element);
			if (own.blocks == 0) {
				text += own.text;
			}
			before.add(element);
		}
		if (text <= 60) {
			this.beforeHeadline.addAll(before);
		}
	}

	/**
	 * @param body the document body; it is modified
	 * @return the elements holding the main text, in document order (empty when none)
	 */
	List<Element> choose(Element body) {
		preClean(body);
		computeStats(body);
		Element top = score(body);
		return (top != null) ? withSiblings(top) : List.of();
	}

	double scoreOf(Element element) {
		Double score = this.scores.get(element);
		return (score != null) ? score : 0;
	}

	/**
	 * @return whether the paragraph is only a date and time ("Nov. 20, 2019 5:52 AM EST",
	 * "Aktualisiert am 14.06.2024, 16:45 Uhr", "2024年1月25日 10:12")
	 */
	static boolean isDateline(String paragraph) {
		if (paragraph.length() > 80 || !DATE.matcher(paragraph).find()) {
			return false;
		}
		String rest = DATE_WORDS.matcher(paragraph).replaceAll(" ");
		int letters = 0;
		for (int i = 0; i < rest.length(); i++) {
			if (Character.isLetter(rest.charAt(i))) {
				letters++;
			}
		}
		return letters <= 3;
	}

	/** Month names (their stems) in French, Spanish and Russian. */
	private static final String OTHER_MONTHS = "(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre"
			+ "|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre"
			+ "|noviembre|diciembre|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)";

	/** A year with a month (named or numbered), or a CJK date. */
	private static final Pattern DATE = Pattern.compile("(?iu)\\b\\d{1,2}[./-]\\s?\\d{1,2}[./-]\\s?(?:19|20)?\\d\\d\\b"
			+ "|\\b(?:19|20)\\d\\d[./-]\\d{1,2}[./-]\\d{1,2}\\b|\\d{4}\\s*年\\s*\\d{1,2}\\s*月"
			+ "|\\b(?:jan|feb|mar|mär|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zä]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b.*\\b(?:19|20)\\d\\d\\b"
			+ "|\\b\\d{1,2}\\.?\\s+(?:jan|feb|mar|mär|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zä]*\\.?\\s+(?:19|20)\\d\\d\\b"
			+ "|\\b\\d{1,2}\\.?\\s+" + OTHER_MONTHS + "\\p{L}*\\.?\\s+(?:de\\s+)?(?:19|20)\\d\\d\\b");

	private static final Pattern DATE_WORDS = Pattern.compile("(?iu)\\b(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?"
			+ "|m(?:ar(?:ch)?|ärz)|apr(?:il)?|ma[iy]|june?|juni|july?|juli|aug(?:ust)?|sep(?:t(?:ember)?)?"
			+ "|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?"
			+ "|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|montag|dienstag|mittwoch|donnerstag"
			+ "|freitag|samstag|sonntag|am|pm|a\\.m|p\\.m|uhr|[a-z]?[ecmp][sd]?t|utc|gmt|mesz|mez|updated?|published"
			+ "|posted|first|last|modified|on|at|aktualisiert|veröffentlicht|stand|erstellt|geändert|vom|um|de|el|le"
			+ "|du|il|del|times?|date|datum|h|views?|min|read)\\b|(?<!\\p{L})(?:" + OTHER_MONTHS.substring(3)
			+ "\\p{L}*|(?<!\\p{L})(?:просмотр|обновлено|опубликовано|mis à jour|publié|actualizado|publicado)\\p{L}*"
			+ "|[年月日时分秒号]|\\d+|\\p{Punct}");

	// ---- cleaning

	private void preClean(Element body) {
		List<Element> remove = new ArrayList<>();
		for (Element element : body.getAllElements()) {
			this.budget.check();
			if (element != body && (NEVER_CONTENT.contains(element.normalName()) && !isFallbackProse(element)
					|| isHidden(element))) {
				remove.add(element);
			}
		}
		remove.forEach(Element::remove);
		remove.clear();
		computeStats(body);
		// structural and class hints: boilerplate, unless the element holds most of the page's text
		int pageText = stats(body).paragraphText;
		for (Element element : body.getAllElements()) {
			this.budget.check();
			if (element == body) {
				continue;
			}
			String tag = element.normalName();
			boolean unlikely;
			// a page wrapper with a layout class ("header-style-2", "has-sidebar") holds most of the
			// text and the headline; a long comment section holds much text but no headline
			boolean structural = false;
			if (tag.equals("header") && isArticleHeader(element)) {
				// the article's own header: headline, standfirst, byline
				unlikely = false;
			}
			else if (STRUCTURAL_JUNK.contains(tag)
					|| JUNK_ROLES.contains(element.attr("role").toLowerCase(Locale.ROOT))) {
				unlikely = true;
				structural = true;
			}
			else if (tag.equals("a") || tag.equals("article") || tag.equals("main") || tag.equals("p")) {
				unlikely = false;
			}
			else {
				String hints = hints(element);
				unlikely = !hints.isEmpty() && UNLIKELY.matcher(hints).find() && !MAYBE.matcher(hints).find()
						&& element.closest("table, code, pre") == null;
			}
			if (!unlikely) {
				continue;
			}
			Stats own = stats(element);
			boolean wrapper = own.paragraphText > pageText * 0.4 && own.landmarks > 0
					|| structural && own.paragraphText > pageText * 0.7;
			if (!wrapper) {
				remove.add(element);
			}
		}
		remove.forEach(Element::remove);
		this.stats.clear();
	}

	/**
	 * @return whether the element is an {@code <object>} whose fallback content (what a browser
	 * without the plugin shows) holds a paragraph of prose, such as a video's summary
	 */
	private static boolean isFallbackProse(Element element) {
		if (!element.normalName().equals("object")) {
			return false;
		}
		for (Element paragraph : element.getElementsByTag("p")) {
			if (paragraph.text().length() >= 100) {
				return true;
			}
		}
		return false;
	}

	private static boolean isHidden(Element element) {
		if (element.hasAttr("hidden")) {
			return true;
		}
		if ("true".equalsIgnoreCase(element.attr("aria-hidden")) && !element.normalName().equals("p")) {
			return true;
		}
		String style = element.attr("style");
		return !style.isEmpty() && HIDDEN_STYLE.matcher(style).find();
	}

	/**
	 * @return class and id, lower case, camelCase humps split with a hyphen ("relatedPosts" becomes
	 * "related-posts")
	 */
	static String hints(Element element) {
		String className = element.attr("class");
		String id = element.id();
		if (className.isEmpty() && id.isEmpty()) {
			return "";
		}
		return hintsOf(id.isEmpty() ? className : className + " " + id);
	}

	private static String hintsOf(String raw) {
		StringBuilder hints = new StringBuilder(raw.length() + 8);
		char previous = ' ';
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
				hints.append('-');
			}
			hints.append(Character.toLowerCase(c));
			previous = c;
		}
		return hints.toString();
	}

	// ---- statistics

	static final class Stats {

		int text;

		int link;

		int commas;

		int paragraphs;

		int images;

		int items;

		int blocks;

		int times;

		/** Headings that are mostly a link, and article elements: teasers for other pages. */
		int teasers;

		/** h1 and main elements inside. */
		int landmarks;

		/** Text, outside links, that sits in blocks (paragraphs, or divs holding text directly). */
		int paragraphText;

		/** Text, outside links, not yet inside a block (while computing). */
		int inlineText;

		double linkDensity() {
			return (this.text == 0) ? 0 : Math.min(1.0, (double) this.link / this.text);
		}

	}

	private void computeStats(Element root) {
		NodeTraversor.traverse(new NodeVisitor() {
			@Override
			public void head(Node node, int depth) {
				MainContent.this.budget.check();
				if (node instanceof Element element) {
					MainContent.this.stats.put(element, new Stats());
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element element && BLOCK_TAGS.contains(element.normalName())) {
					// text not yet inside a block belongs to this one
					Stats own = MainContent.this.stats.get(element);
					own.paragraphText += own.inlineText;
					own.inlineText = 0;
				}
				Node parentNode = node.parentNode();
				if (!(parentNode instanceof Element parent) || node == root) {
					return;
				}
				Stats into = MainContent.this.stats.get(parent);
				if (into == null) {
					return;
				}
				if (node instanceof TextNode textNode) {
					String text = textNode.getWholeText();
					int length = TextMeasure.length(text);
					into.text += length;
					into.inlineText += length;
					into.commas += TextMeasure.commas(text);
				}
				else if (node instanceof Element element) {
					Stats child = MainContent.this.stats.get(element);
					String tag = element.normalName();
					into.text += child.text;
					into.commas += child.commas;
					into.link += tag.equals("a") ? child.text : child.link;
					into.paragraphText += child.paragraphText;
					if (!tag.equals("a")) {
						into.inlineText += child.inlineText;
					}
					into.paragraphs += child.paragraphs + (tag.equals("p") ? 1 : 0);
					into.images += child.images + (tag.equals("img") ? 1 : 0);
					into.times += child.times + (tag.equals("time") ? 1 : 0);
					boolean teaser = tag.equals("article")
							|| HEADINGS.contains(tag) && child.text > 0 && child.link * 2 > child.text;
					into.teasers += child.teasers + (teaser ? 1 : 0);
					into.landmarks += child.landmarks
							+ ((tag.equals("h1") || tag.equals("main")) ? 1 : 0);
					into.items += child.items + (tag.equals("li") ? 1 : 0);
					into.blocks += child.blocks + (BLOCK_TAGS.contains(tag) ? 1 : 0);
				}
			}
		}, root);
	}

	Stats stats(Element element) {
		Stats result = this.stats.get(element);
		return (result != null) ? result : new Stats();
	}

	// ---- scoring

	private Element score(Element body) {
		for (Element element : body.getAllElements()) {
			this.budget.check();
			String tag = element.normalName();
			int length;
			int commas;
			Element parent;
			if (tag.equals("p") || tag.equals("pre")) {
				Stats own = stats(element);
				length = own.text - own.link / 2;
				commas = own.commas;
				parent = element.parent();
			}
			else if (tag.equals("div") || tag.equals("section") || tag.equals("article") || tag.equals("span")
					|| tag.equals("font") || tag.equals("center") || tag.equals("main") || tag.equals("td")
					|| tag.equals("blockquote") || tag.equals("body")) {
				if (tag.equals("span") && element.parent() != null
						&& !element.parent().normalName().equals("div")) {
					continue;
				}
				int[] direct = directText(element);
				length = direct[0] - direct[1] / 2;
				commas = direct[2];
				parent = element;
				if (stats(element).blocks == 0 && !tag.equals("span") && !tag.equals("body")) {
					parent = element.parent();
				}
			}
			else {
				continue;
			}
			if (length < 25 || parent == null) {
				continue;
			}
			double score = 1 + commas + Math.min(length / 100.0, 3);
			Element ancestor = parent;
			for (int level = 0; ancestor != null && level < 5; level++) {
				if (ancestor.normalName().equals("html")) {
					break;
				}
				double divider = (level == 0) ? 1 : (level == 1) ? 2 : level * 3;
				initialize(ancestor);
				this.scores.merge(ancestor, score / divider, Double::sum);
				ancestor = ancestor.parent();
			}
		}
		Element top = null;
		double best = Double.NEGATIVE_INFINITY;
		for (Map.Entry<Element, Double> entry : this.scores.entrySet()) {
			double value = entry.getValue() * (1 - stats(entry.getKey()).linkDensity());
			entry.setValue(value);
			if (value > best) {
				best = value;
				top = entry.getKey();
			}
		}
		if (top == null) {
			return null;
		}
		return adjust(top, body);
	}

	/** Text directly in the element, outside block children: weighted length, link length, commas. */
	private int[] directText(Element element) {
		int[] result = new int[3];
		for (Node child : element.childNodes()) {
			if (child instanceof TextNode text) {
				String value = text.getWholeText();
				result[0] += TextMeasure.length(value);
				result[2] += TextMeasure.commas(value);
			}
			else if (child instanceof Element inline && !BLOCK_TAGS.contains(inline.normalName())
					&& stats(inline).blocks == 0) {
				Stats own = stats(inline);
				result[0] += own.text;
				result[1] += inline.normalName().equals("a") ? own.text : own.link;
				result[2] += own.commas;
			}
		}
		return result;
	}

	private void initialize(Element element) {
		if (this.scores.containsKey(element)) {
			return;
		}
		double score = switch (element.normalName()) {
			case "div", "article", "main", "section" -> 5;
			case "pre", "td", "blockquote" -> 3;
			case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
			case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
			default -> 0;
		};
		this.scores.put(element, score + classWeight(element));
	}

	static int classWeight(Element element) {
		int weight = 0;
		String className = element.attr("class");
		if (!className.isEmpty()) {
			String hints = hintsOf(className);
			if (NEGATIVE.matcher(hints).find()) {
				weight -= 25;
			}
			if (POSITIVE.matcher(hints).find()) {
				weight += 25;
			}
		}
		String id = element.id();
		if (!id.isEmpty()) {
			String hints = hintsOf(id);
			if (NEGATIVE.matcher(hints).find()) {
				weight -= 25;
			}
			if (POSITIVE.matcher(hints).find()) {
				weight += 25;
			}
		}
		return weight;
	}

	private Element adjust(Element top, Element body) {
		double topScore = scoreOf(top);
		// several strong candidates under one ancestor: the article is split over containers
		List<Element> alternatives = new ArrayList<>();
		for (Map.Entry<Element, Double> entry : this.scores.entrySet()) {
			if (entry.getKey() != top && entry.getValue() >= topScore * 0.75) {
				alternatives.add(entry.getKey());
			}
		}
		if (alternatives.size() >= 3) {
			// how many alternatives each ancestor of the top holds: one walk up from each
			Map<Element, Integer> containing = new IdentityHashMap<>();
			for (Element parent = top.parent(); parent != null && parent != body; parent = parent.parent()) {
				containing.put(parent, 0);
			}
			for (Element alternative : alternatives) {
				for (Element e = alternative.parent(); e != null && e != body; e = e.parent()) {
					this.budget.check();
					Integer count = containing.get(e);
					if (count != null) {
						containing.put(e, count + 1);
					}
				}
			}
			for (Element parent = top.parent(); parent != null && parent != body; parent = parent.parent()) {
				if (containing.get(parent) >= 3) {
					top = parent;
					break;
				}
			}
		}
		// climb while the parent scores better
		double lastScore = scoreOf(top);
		Element parent = top.parent();
		while (parent != null && parent != body && !parent.normalName().equals("html")) {
			if (!this.scores.containsKey(parent)) {
				parent = parent.parent();
				continue;
			}
			double parentScore = scoreOf(parent);
			if (parentScore < lastScore / 3) {
				break;
			}
			if (parentScore > lastScore) {
				top = parent;
				break;
			}
			lastScore = parentScore;
			parent = parent.parent();
		}
		while (top.parent() != null && top.parent() != body && top.parent().childrenSize() == 1
				&& !top.parent().normalName().equals("html")) {
			top = top.parent();
		}
		return top;
	}

	private List<Element> withSiblings(Element top) {
		Element parent = top.parent();
		if (parent == null || parent.normalName().equals("html")) {
			return List.of(top);
		}
		double topScore = scoreOf(top);
		double threshold = Math.max(10, topScore * 0.2);
		List<Element> chosen = new ArrayList<>();
		for (Element sibling : parent.children()) {
			if (sibling == top) {
				chosen.add(sibling);
				continue;
			}
			if (stats(sibling).teasers >= 2) {
				// a list of other stories, with their headlines and excerpts
				continue;
			}
			double bonus = 0;
			if (!top.className().isEmpty() && top.className().equals(sibling.className())) {
				bonus = topScore * 0.2;
			}
			if (this.scores.containsKey(sibling) && scoreOf(sibling) + bonus >= threshold) {
				chosen.add(sibling);
				continue;
			}
			Stats siblingStats = stats(sibling);
			if (bonus > 0 && siblingStats.paragraphText >= 100 && siblingStats.linkDensity() < 0.3) {
				// a part of an article split over containers of one kind, nested too deep to be scored
				chosen.add(sibling);
				continue;
			}
			if (siblingStats.paragraphText >= Math.max(250, stats(top).paragraphText * 0.3)
					&& siblingStats.linkDensity() < 0.2 && classWeight(sibling) >= 0) {
				chosen.add(sibling);
				continue;
			}
			if (sibling.normalName().equals("p") || (siblingStats.blocks == 0 && siblingStats.images == 0
					&& (sibling.normalName().equals("div") || sibling.normalName().equals("section")))) {
				Stats own = stats(sibling);
				double density = own.linkDensity();
				if (own.text > 80 && density < 0.25) {
					chosen.add(sibling);
				}
				else if (own.text > 0 && own.text <= 80 && density == 0
						&& endsASentence(sibling.text())) {
					chosen.add(sibling);
				}
			}
		}
		return chosen;
	}

	/** @return whether a sentence mark stands at the end of the text or before whitespace */
	static boolean endsASentence(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c == '.' || c == '。' || c == '!' || c == '?' || c == '！' || c == '？')
					&& (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
				return true;
			}
		}
		return false;
	}

	/** Hints that mark furniture only when the text is short (a photo credit, not a video's summary). */
	private static final Pattern WEAK_BOILERPLATE = words("caption", "credit", "embedded", "media", "video");

	/**
	 * @return whether an element marked as furniture only by weak hints reads as prose: several
	 * sentences with clauses and few links (a video's summary in a caption box)
	 */
	private static boolean isProse(Element element, Stats own, String hints) {
		if (own.text < 200 || own.commas < 2 || own.linkDensity() > 0.2) {
			return false;
		}
		String strong = WEAK_BOILERPLATE.matcher(hints).replaceAll(" ");
		return !BOILERPLATE.matcher(strong).find();
	}

	// ---- rendering

	private boolean skip(Element element) {
		if (this.beforeHeadline.contains(element)) {
			return true;
		}
		String tag = element.normalName();
		if (tag.equals("h1") || tag.equals("figcaption") || tag.equals("img")) {
			return true;
		}
		Stats own = stats(element);
		if (own.paragraphText > this.chosenText / 2) {
			return false;
		}
		if (own.teasers >= 3) {
			return true;
		}
		String hints = hints(element);
		if (!hints.isEmpty() && BOILERPLATE.matcher(hints).find() && !MAYBE.matcher(hints).find()
				&& !isProse(element, own, hints)) {
			return true;
		}
		if (HEADINGS.contains(tag)) {
			return own.linkDensity() > 0.5;
		}
		if (own.times > 0 && own.text < 100) {
			// dateline, "Updated ..."
			return true;
		}
		if ((tag.equals("p") || tag.equals("li")) && own.text < 200 && own.linkDensity() > 0.8) {
			// "Read more: <headline>", "Related: <headline>"
			return true;
		}
		if (tag.equals("figure")) {
			return own.paragraphs == 0;
		}
		if (!(tag.equals("div") || tag.equals("section") || tag.equals("ul") || tag.equals("ol")
				|| tag.equals("table") || tag.equals("form") || tag.equals("dl"))) {
			return false;
		}
		int weight = classWeight(element);
		if (weight < 0) {
			return true;
		}
		if (own.commas >= 10) {
			return false;
		}
		boolean list = tag.equals("ul") || tag.equals("ol") || tag.equals("dl");
		double density = own.linkDensity();
		if (own.images > 1 && own.text - own.link < own.images * 100) {
			return true;
		}
		if (!list && own.items > own.paragraphs + 1 && density > 0.3) {
			return true;
		}
		if (!list && own.text < 25 && own.images == 0) {
			return false;
		}
		if (weight < 25 && density > 0.33) {
			return true;
		}
		return weight >= 25 && density > 0.5;
	}

}
