package policywatch.ingest.extract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import policywatch.ingest.decode.Dates;

/**
 * What a page states about itself: title, date, author, canonical URL, language, and the JSON-LD
 * {@code articleBody} when there is one.
 */
final class Metadata {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Set<String> ARTICLE_TYPES = Set.of("article", "newsarticle", "blogposting", "reportage",
			"reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
			"reviewnewsarticle", "scholarlyarticle", "techarticle", "report", "liveblogposting", "posting",
			"socialmediaposting", "webpage", "governmentarticle", "pressrelease", "medicalwebpage", "itempage");

	private static final String[] DATE_META = { "article:published_time", "og:article:published_time",
			"datePublished", "date", "pubdate", "publishdate", "publish_date", "publish-date", "published_time",
			"dc.date.issued", "dc.date", "dcterms.date", "dcterms.issued", "dcterms.created", "dc.date.created",
			"sailthru.date", "parsely-pub-date", "article.published", "publication_date", "pub_date", "citation_date",
			"citation_publication_date", "og:published_time", "firstpublishedtime", "pubtime", "publishtime",
			"article:modified_time", "og:updated_time", "dateModified", "last-modified" };

	private static final String[] AUTHOR_META = { "author", "article:author", "dc.creator", "dcterms.creator",
			"sailthru.author", "parsely-author", "byl", "citation_author", "twitter:creator" };

	String title;

	String headline;

	Instant published;

	String author;

	String canonicalUrl;

	String language;

	String articleBody;

	private Map<String, String> metas;

	static Metadata of(Document document, String url) {
		Metadata metadata = new Metadata();
		metadata.readJsonLd(document);
		metadata.readMeta(document, url);
		return metadata;
	}

	private void readMeta(Document document, String url) {
		String og = meta(document, "og:title");
		String twitter = meta(document, "twitter:title");
		String titleTag = clean(document.title());
		Element h1Element = document.selectFirst("h1");
		String h1 = (h1Element != null) ? clean(h1Element.text()) : null;
		if (titleTag != null && h1 != null && h1.length() < titleTag.length() && titleTag.contains(h1)) {
			// "Headline - Section - Site": the page's own heading without the site name
			titleTag = h1;
		}
		this.title = first(og, this.headline, twitter, titleTag, h1);
		if (this.published == null) {
			for (String name : DATE_META) {
				Instant instant = Dates.parse(meta(document, name));
				if (instant != null) {
					this.published = instant;
					break;
				}
			}
		}
		if (this.published == null) {
			for (Element element : document.select("[itemprop=datePublished], time[datetime], time[pubdate]")) {
				String value = element.hasAttr("datetime") ? element.attr("datetime") : element.attr("content");
				if (value.isEmpty()) {
					value = element.text();
				}
				Instant instant = Dates.parse(value);
				if (instant != null) {
					this.published = instant;
					break;
				}
			}
		}
		if (this.author == null) {
			for (String name : AUTHOR_META) {
				String value = meta(document, name);
				if (value != null && !value.contains("://") && !value.startsWith("@")) {
					this.author = value;
					break;
				}
			}
		}
		if (this.author == null) {
			Element element = document.selectFirst("[itemprop=author] [itemprop=name], [itemprop=author], a[rel=author]");
			if (element != null) {
				String value = element.hasAttr("content") ? element.attr("content") : element.text();
				this.author = clean(value);
				if (this.author != null && this.author.length() > 100) {
					this.author = null;
				}
			}
		}
		Element canonical = document.selectFirst("link[rel~=(?i)^canonical$][href]");
		String canonicalHref = (canonical != null) ? canonical.absUrl("href") : "";
		if (canonicalHref.isEmpty()) {
			String ogUrl = meta(document, "og:url");
			canonicalHref = (ogUrl != null && ogUrl.matches("(?i)https?://.+")) ? ogUrl : "";
		}
		this.canonicalUrl = canonicalHref.isEmpty() ? url : canonicalHref;
		String lang = document.selectFirst("html") != null ? document.selectFirst("html").attr("lang") : "";
		if (lang.isBlank()) {
			lang = document.selectFirst("html") != null ? document.selectFirst("html").attr("xml:lang") : "";
		}
		if (lang.isBlank()) {
			Element contentLanguage = document.selectFirst("meta[http-equiv~=(?i)content-language][content]");
			lang = (contentLanguage != null) ? contentLanguage.attr("content") : "";
		}
		if (lang.isBlank() && this.language != null) {
			lang = this.language;
		}
		if (lang.isBlank()) {
			String locale = meta(document, "og:locale");
			lang = (locale != null) ? locale : "";
		}
		lang = lang.strip().replace('_', '-');
		int comma = lang.indexOf(',');
		if (comma > 0) {
			lang = lang.substring(0, comma).strip();
		}
		this.language = lang.matches("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*") ? lang : null;
	}

	private void readJsonLd(Document document) {
		for (Element script : document.select("script[type~=(?i)application/ld\\+json]")) {
			JsonNode root;
			try {
				root = JSON.readTree(script.data());
			}
			catch (Exception ex) {
				continue;
			}
			List<JsonNode> nodes = new ArrayList<>();
			collect(root, nodes, 0);
			for (JsonNode node : nodes) {
				if (!isArticle(node)) {
					continue;
				}
				String body = text(node.get("articleBody"));
				if (body == null) {
					body = text(node.get("text"));
				}
				if (body != null && (this.articleBody == null || body.length() > this.articleBody.length())) {
					this.articleBody = body;
				}
				if (this.headline == null) {
					this.headline = clean(text(node.get("headline")));
				}
				if (this.published == null) {
					this.published = Dates.parse(text(node.get("datePublished")));
				}
				if (this.author == null) {
					this.author = names(node.get("author"));
				}
				if (this.language == null) {
					this.language = text(node.get("inLanguage"));
				}
			}
		}
	}

	private static void collect(JsonNode node, List<JsonNode> out, int depth) {
		if (node == null || depth > 6) {
			return;
		}
		if (node.isArray()) {
			for (JsonNode child : node) {
				collect(child, out, depth + 1);
			}
		}
		else if (node.isObject()) {
			out.add(node);
			collect(node.get("@graph"), out, depth + 1);
			collect(node.get("mainEntity"), out, depth + 1);
		}
	}

	private static boolean isArticle(JsonNode node) {
		JsonNode type = node.get("@type");
		if (type == null) {
			return node.has("articleBody");
		}
		List<JsonNode> types = new ArrayList<>();
		if (type.isArray()) {
			type.forEach(types::add);
		}
		else {
			types.add(type);
		}
		for (JsonNode each : types) {
			if (ARTICLE_TYPES.contains(each.asString("").toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}

	private static String names(JsonNode author) {
		if (author == null) {
			return null;
		}
		Set<String> names = new LinkedHashSet<>();
		List<JsonNode> list = new ArrayList<>();
		if (author.isArray()) {
			author.forEach(list::add);
		}
		else {
			list.add(author);
		}
		for (JsonNode each : list) {
			String name = each.isObject() ? text(each.get("name")) : text(each);
			name = clean(name);
			if (name != null && !name.contains("://")) {
				names.add(name);
			}
		}
		return names.isEmpty() ? null : String.join(", ", names);
	}

	private static String text(JsonNode node) {
		if (node == null) {
			return null;
		}
		if (node.isArray()) {
			return node.isEmpty() ? null : text(node.get(0));
		}
		if (node.isObject()) {
			return text(node.get("@value"));
		}
		String value = node.asString(null);
		return (value == null || value.isBlank()) ? null : value;
	}

	private String meta(Document document, String name) {
		if (this.metas == null) {
			this.metas = new HashMap<>();
			for (Element meta : document.getElementsByTag("meta")) {
				String key = meta.hasAttr("property") ? meta.attr("property")
						: meta.hasAttr("name") ? meta.attr("name") : meta.attr("itemprop");
				String value = clean(meta.attr("content"));
				if (!key.isEmpty() && value != null) {
					this.metas.putIfAbsent(key.toLowerCase(Locale.ROOT), value);
				}
			}
		}
		return this.metas.get(name.toLowerCase(Locale.ROOT));
	}

	private static String clean(String value) {
		if (value == null) {
			return null;
		}
		String text = HtmlText.toText(value).strip();
		return text.isEmpty() ? null : text;
	}

	private static String first(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

}
