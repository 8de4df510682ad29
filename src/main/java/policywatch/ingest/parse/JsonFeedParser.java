package policywatch.ingest.parse;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import policywatch.ingest.decode.Dates;

/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
 */
final class JsonFeedParser {

	private static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(
					StreamReadConstraints.builder().maxNestingDepth(200).maxStringLength(20_000_000).build())
			.build())
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private JsonFeedParser() {
	}

	/**
	 * @return whether the body is JSON rather than XML (its first significant character is {@code {})
	 */
	static boolean looksLikeJson(byte[] body) {
		int i = (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF)
				? 3 : 0;
		while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
			i++;
		}
		return i < body.length && body[i] == '{';
	}

	static ParsedFeed parse(String text, URI feedUri, ParseDeadline deadline) throws FeedParseException {
		JsonNode root;
		try {
			root = MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new FeedParseException("not valid JSON: " + FeedText.oneLine(ex.getOriginalMessage()), ex);
		}
		if (root == null || !root.isObject()) {
			throw new FeedParseException("not a JSON Feed (no top-level object)", null);
		}
		String version = text(root, "version");
		JsonNode items = root.get("items");
		if ((version == null || !version.contains("jsonfeed.org")) && (items == null || !items.isArray())) {
			throw new FeedParseException("not a JSON Feed (no version or items)", null);
		}
		String title = FeedText.plainTitle(text(root, "title"));
		String link = LinkNormalizer.canonical(LinkNormalizer.resolve(feedUri, text(root, "home_page_url")));
		List<FeedItem> result = new ArrayList<>();
		if (items != null && items.isArray()) {
			for (JsonNode item : items) {
				deadline.check();
				if (result.size() >= RomeFeedReader.MAX_ITEMS) {
					break;
				}
				if (!item.isObject()) {
					continue;
				}
				String guid = text(item, "id");
				String itemLink = text(item, "url");
				if (itemLink == null) {
					itemLink = text(item, "external_url");
				}
				itemLink = LinkNormalizer.canonical(LinkNormalizer.resolve(feedUri, itemLink));
				String itemTitle = FeedText.plainTitle(text(item, "title"));
				String html = text(item, "content_html");
				String plain = text(item, "content_text");
				String description = (html != null) ? FeedText.htmlToText(html)
						: FeedText.collapse((plain != null) ? plain : text(item, "summary"));
				Instant published = Dates.parse(text(item, "date_published"));
				if (published == null) {
					published = Dates.parse(text(item, "date_modified"));
				}
				result.add(ItemKeys.item(guid, itemLink, itemTitle, description, published));
			}
		}
		return new ParsedFeed(title, link, List.copyOf(result));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		String text = value.asString();
		return text.isBlank() ? null : text;
	}

}
