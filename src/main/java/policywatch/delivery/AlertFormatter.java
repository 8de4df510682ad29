package policywatch.delivery;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import policywatch.delivery.summary.Summarizer;
import policywatch.delivery.summary.Summary;
import policywatch.delivery.summary.TextSpan;
import policywatch.ingest.PendingEntry;
import policywatch.subscription.ChatMatch;
import policywatch.subscription.Subscription;
import policywatch.query.Field;
import policywatch.query.Hit;

import static policywatch.delivery.TelegramHtmlEscaper.escape;
import static policywatch.delivery.TelegramHtmlEscaper.escapeAttribute;

/**
 * Renders an alert as Telegram HTML: the title in bold, source and time, a summary with the
 * matched words in bold, the matched subscriptions and the link. Everything from outside is
 * escaped, and the message never exceeds Telegram's 4096 characters (less room for an "Also:"
 * line added later). The labels are in the chat's language; the title and summary stay in the
 * article's.
 */
@Component
class AlertFormatter {

	static final int MAX_LENGTH = 4096;

	/**
	 * Room an alert leaves under {@link #MAX_LENGTH} for the "Also:" line a near-duplicate adds
	 * (five feed names without links, see {@link NearDuplicates#withSources}).
	 */
	static final int ROOM_FOR_SOURCES = 600;

	/** The published time: numeric, the same in every language. */
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);

	private final Summarizer summarizer = new Summarizer();

	private final DeliveryProperties properties;

	private final AlertTexts texts;

	AlertFormatter(DeliveryProperties properties, AlertTexts texts) {
		this.properties = properties;
		this.texts = texts;
	}

	String format(PendingEntry entry, ChatMatch match) {
		return format(entry, match, this.properties.timeZone(), Locale.ENGLISH);
	}

	/**
	 * @param zone the chat's time zone, for the published time
	 * @param locale the chat's language, for the labels
	 */
	String format(PendingEntry entry, ChatMatch match, java.time.ZoneId zone, Locale locale) {
		List<TextSpan> highlights = match.hits()
			.stream()
			.filter((hit) -> hit.field() == Field.BODY)
			.map((hit) -> new TextSpan(hit.start(), hit.end()))
			.distinct()
			.sorted((a, b) -> Integer.compare(a.start(), b.start()))
			.toList();
		Summary summary = this.summarizer.summarize(entry.body(), highlights, this.properties.summaryMaxChars());
		Set<String> queries = new LinkedHashSet<>();
		for (Subscription subscription : match.subscriptions()) {
			queries.add(subscription.query());
		}
		String title = entry.title().isBlank() ? this.texts.get("alerts.untitled", locale) : entry.title();
		List<String> found = found(entry, match.hits());
		int max = MAX_LENGTH - ROOM_FOR_SOURCES;
		String link = safeLink(entry.link());
		String message = render(entry, title, summary.sentences(), queries, found, zone, locale, link);
		List<Summary.Sentence> sentences = new ArrayList<>(summary.sentences());
		while (message.length() > max && !sentences.isEmpty()) {
			sentences.remove(sentences.size() - 1);
			message = render(entry, title, sentences, queries, found, zone, locale, link);
		}
		if (message.length() > max) {
			message = render(entry, title.substring(0, Math.min(title.length(), 300)) + "…", sentences,
					List.of(shorten(queries.iterator().next(), 300)), List.of(), zone, locale, link);
		}
		if (message.length() > max) {
			// a link of thousands of characters: the alert goes without it
			message = render(entry, title.substring(0, Math.min(title.length(), 300)) + "…", sentences,
					List.of(shorten(queries.iterator().next(), 300)), List.of(), zone, locale, null);
		}
		return message;
	}

	/**
	 * @return the words that matched, as written in the entry, each once (ignoring case)
	 */
	private static List<String> found(PendingEntry entry, List<Hit> hits) {
		String body = entry.body();
		Set<String> seen = new java.util.HashSet<>();
		List<String> found = new ArrayList<>();
		for (Hit hit : hits) {
			String text = (hit.field() == Field.TITLE) ? entry.title() : body;
			if (hit.start() < 0 || hit.end() > text.length() || hit.start() >= hit.end()) {
				continue;
			}
			String word = shorten(text.substring(hit.start(), hit.end()).replaceAll("\\s+", " "), 60);
			if (seen.add(word.toLowerCase(java.util.Locale.ROOT)) && found.size() < 8) {
				found.add(word);
			}
		}
		return found;
	}

	private String render(PendingEntry entry, String title, List<Summary.Sentence> sentences,
			Iterable<String> queries, List<String> found, java.time.ZoneId zone, Locale locale, String link) {
		StringBuilder html = new StringBuilder();
		html.append("<b>").append(escape(title)).append("</b>\n");
		html.append(escape(entry.feedName()));
		if (entry.published() != null) {
			html.append(" · ").append(TIME.format(entry.published().atZone(zone)));
		}
		html.append('\n');
		if (!sentences.isEmpty()) {
			html.append('\n');
			for (int i = 0; i < sentences.size(); i++) {
				if (i > 0) {
					html.append(' ');
				}
				appendWithBold(html, sentences.get(i));
			}
			html.append('\n');
		}
		StringBuilder codes = new StringBuilder();
		for (String query : queries) {
			codes.append(codes.isEmpty() ? "" : ", ").append("<code>").append(escape(query)).append("</code>");
		}
		StringBuilder words = new StringBuilder();
		for (int i = 0; i < found.size(); i++) {
			words.append((i > 0) ? ", " : "").append("<i>").append(escape(found.get(i))).append("</i>");
		}
		html.append('\n').append(found.isEmpty() ? this.texts.get("alerts.matched", locale, codes.toString())
				: this.texts.get("alerts.matched.found", locale, codes.toString(), words.toString()));
		if (link != null) {
			html.append("\n<a href=\"").append(escapeAttribute(link)).append("\">")
				.append(escape(shorten(link, 200)))
				.append("</a>");
		}
		return html.toString();
	}

	/**
	 * A digest for a chat flooded with alerts: one line per entry with its title and link, as
	 * many as fit in one message, with the labels in the chat's language.
	 * @param alerts the chat's oldest pending alerts, in order
	 * @param pending how many the chat has pending in all
	 * @param included receives the alerts the digest covers
	 * @return the message
	 */
	static String digest(List<OutboxAlert> alerts, int pending, List<OutboxAlert> included, AlertTexts texts,
			Locale locale) {
		StringBuilder html = new StringBuilder();
		String untitled = texts.get("alerts.untitled", locale);
		for (OutboxAlert alert : alerts) {
			String title = alert.title().isBlank() ? untitled : shorten(alert.title(), 200);
			String link = safeLink(alert.link());
			String line = (link != null) ? "• <a href=\"" + escapeAttribute(link) + "\">" + escape(title) + "</a> ("
					+ escape(host(link)) + ")\n" : "• " + escape(title) + "\n";
			if (header(included.size() + 1, pending, texts, locale).length() + html.length() + line.length() > MAX_LENGTH
					- 100) {
				break;
			}
			html.append(line);
			included.add(alert);
		}
		if (included.isEmpty()) {
			OutboxAlert alert = alerts.get(0);
			included.add(alert);
			html.append("• ").append(escape(shorten(alert.title(), 300))).append('\n');
		}
		return header(included.size(), pending, texts, locale) + html.toString().stripTrailing();
	}

	private static String header(int count, int pending, AlertTexts texts, Locale locale) {
		String more = (pending > count) ? " " + escape(texts.get("alerts.flood.more", locale, pending - count)) : "";
		return "<b>" + escape(texts.count("alerts.flood.articles", count, locale)) + "</b>" + more + "\n\n";
	}

	private static void appendWithBold(StringBuilder html, Summary.Sentence sentence) {
		String text = sentence.text();
		int at = 0;
		for (TextSpan bold : sentence.bold()) {
			int start = Math.max(bold.start(), at);
			int end = Math.min(bold.end(), text.length());
			if (start >= end) {
				continue;
			}
			html.append(escape(text.substring(at, start)));
			html.append("<b>").append(escape(text.substring(start, end))).append("</b>");
			at = end;
		}
		html.append(escape(text.substring(at)));
	}

	/**
	 * A link fit to put in front of a subscriber: only http and https, without a {@code user@}
	 * part (which can make a link look as if it went to another site).
	 * @return the link, or {@code null} when there is none or it is not a web address
	 */
	static String safeLink(String link) {
		if (link == null) {
			return null;
		}
		String text = link.strip();
		int colon = text.indexOf(':');
		if (colon < 0 || !text.startsWith("//", colon + 1)) {
			return null;
		}
		String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return null;
		}
		int start = colon + 3;
		int end = start;
		while (end < text.length() && "/?#\\".indexOf(text.charAt(end)) < 0) {
			end++;
		}
		String authority = text.substring(start, end);
		authority = authority.substring(authority.lastIndexOf('@') + 1);
		if (authority.isEmpty() || authority.startsWith(":")) {
			return null;
		}
		for (int i = 0; i < text.length(); i++) {
			if (Character.isISOControl(text.charAt(i)) || (i < end && Character.isWhitespace(text.charAt(i)))) {
				return null;
			}
		}
		return scheme + "://" + authority + text.substring(end).replace(" ", "%20");
	}

	/**
	 * @return the host of a link from {@link #safeLink}, shown next to a link whose text is not
	 * the address
	 */
	static String host(String safeLink) {
		int start = safeLink.indexOf("//") + 2;
		int end = start;
		while (end < safeLink.length() && "/?#\\".indexOf(safeLink.charAt(end)) < 0) {
			end++;
		}
		String authority = safeLink.substring(start, end);
		int port = authority.lastIndexOf(':');
		String host = (port > authority.lastIndexOf(']')) ? authority.substring(0, port) : authority;
		return host.toLowerCase(Locale.ROOT);
	}

	private static String shorten(String text, int max) {
		return policywatch.text.Texts.truncate(text, max);
	}

	/**
	 * @return the message without markup, for a resend as plain text
	 */
	static String toPlainText(String html) {
		return html.replaceAll("<[^>]*>", "")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&amp;", "&");
	}

}
