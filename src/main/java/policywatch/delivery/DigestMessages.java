package policywatch.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static policywatch.delivery.TelegramHtmlEscaper.escape;
import static policywatch.delivery.TelegramHtmlEscaper.escapeAttribute;

/**
 * Renders a digest: a header with the period and the count, then the items grouped by
 * subscription, newest first, each with title, source, local time and link. A story that several
 * feeds carried (near-duplicates) appears once, under its first copy, with an "Also:" line listing
 * its other sources (at most {@value NearDuplicates#MAX_SOURCES}). One message unless it would pass
 * Telegram's 4096 characters: then it is split between stories.
 */
final class DigestMessages {

	/** Room left under Telegram's limit for the "(part 2 of 3)" note. */
	static final int MAX_PART = AlertFormatter.MAX_LENGTH - 96;

	/** The longest "Also:" line with links; a longer one lists the names alone. */
	private static final int MAX_ALSO = 1000;

	private DigestMessages() {
	}

	/**
	 * One message of a digest.
	 *
	 * @param html the message
	 * @param items the items it carries
	 */
	record Part(String html, List<DigestStore.Item> items) {

		long newestEntryId() {
			return this.items.stream().mapToLong(DigestStore.Item::entryId).max().orElseThrow();
		}

	}

	/**
	 * @param title e.g. "Daily digest" or "Held during quiet hours", in the chat's language
	 * @param from the start of the period
	 * @param to its end
	 * @param zone the chat's time zone
	 * @param items newest first
	 * @param labels each subscription's query, by id
	 * @param stories the items' stories by entry ({@link NearDuplicates#stories}); an item without one is a
	 * story of its own
	 * @param texts the labels
	 * @param locale the chat's language: labels, counts and dates; titles stay as they are
	 * @return the messages, at least one
	 */
	static List<Part> render(String title, Instant from, Instant to, ZoneId zone, List<DigestStore.Item> items,
			Map<Long, String> labels, Map<Long, NearDuplicates.Story> stories, AlertTexts texts, Locale locale) {
		DateTimeFormatter when = texts.dates("alerts.digest.dates", locale);
		DateTimeFormatter itemTime = texts.dates("alerts.digest.item.dates", locale);
		String untitled = texts.get("alerts.untitled", locale);
		// one line per story: its first copy held for the chat, carrying the chat's other copies
		Map<Object, List<DigestStore.Item>> copies = new LinkedHashMap<>();
		for (DigestStore.Item item : items) {
			NearDuplicates.Story story = stories.get(item.entryId());
			Object key = (story != null) ? (Object) story.id() : (Object) ("entry " + item.entryId());
			copies.computeIfAbsent(key, (k) -> new ArrayList<>()).add(item);
		}
		Map<DigestStore.Item, List<DigestStore.Item>> shown = new java.util.HashMap<>();
		for (List<DigestStore.Item> copiesOfStory : copies.values()) {
			DigestStore.Item first = copiesOfStory.stream()
				.min(java.util.Comparator.comparingLong(DigestStore.Item::entryId))
				.orElseThrow();
			shown.put(first, copiesOfStory);
		}
		String header = "<b>" + escape(title) + "</b> · " + escape(when.format(from.atZone(zone))) + " – "
				+ escape(when.format(to.atZone(zone))) + " (" + escape(zone.getId()) + ") · "
				+ escape(texts.count("alerts.digest.articles", shown.size(), locale)) + "\n";
		Map<Long, List<DigestStore.Item>> groups = new LinkedHashMap<>();
		for (DigestStore.Item item : items) {
			if (shown.containsKey(item)) {
				groups.computeIfAbsent(item.subscriptionId(), (id) -> new ArrayList<>()).add(item);
			}
		}
		List<String[]> blocks = new ArrayList<>();
		List<Part> parts = new ArrayList<>();
		StringBuilder html = new StringBuilder(header);
		List<DigestStore.Item> carried = new ArrayList<>();
		for (Map.Entry<Long, List<DigestStore.Item>> group : groups.entrySet()) {
			String label = labels.get(group.getKey());
			String heading = "\n<b>#" + group.getKey() + "</b>"
					+ ((label != null) ? " <code>" + escape(policywatch.text.Texts.truncate(label, 200)) + "</code>" : "")
					+ "\n";
			boolean headed = false;
			for (DigestStore.Item item : group.getValue()) {
				NearDuplicates.Story story = stories.get(item.entryId());
				List<StorySource> others = (story != null) ? story.others(item.entryId()) : List.of();
				String also = others.isEmpty() ? null
						: texts.get("alerts.also", locale, NearDuplicates.sourceLinks(others, true));
				if (also != null && also.length() > MAX_ALSO) {
					also = texts.get("alerts.also", locale, NearDuplicates.sourceLinks(others, false));
				}
				String line = line(item, zone, itemTime, untitled, also);
				if (html.length() + (headed ? 0 : heading.length()) + line.length() > MAX_PART && !carried.isEmpty()) {
					parts.add(new Part(html.toString().stripTrailing(), List.copyOf(carried)));
					carried.clear();
					html = new StringBuilder(header);
					headed = false;
				}
				if (!headed) {
					html.append(heading);
					headed = true;
				}
				html.append(line);
				carried.addAll(shown.get(item));
			}
		}
		parts.add(new Part(html.toString().stripTrailing(), List.copyOf(carried)));
		blocks.clear();
		if (parts.size() == 1) {
			return parts;
		}
		List<Part> numbered = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			Part part = parts.get(i);
			int end = part.html().indexOf('\n');
			numbered.add(new Part(part.html().substring(0, end) + " "
					+ escape(texts.get("alerts.digest.part", locale, i + 1, parts.size())) + part.html().substring(end),
					part.items()));
		}
		return numbered;
	}

	/**
	 * @param also the "Also:" sources, or {@code null}
	 */
	private static String line(DigestStore.Item item, ZoneId zone, DateTimeFormatter time, String untitled,
			String also) {
		String title = escape(policywatch.text.Texts.truncate(item.title().isBlank() ? untitled : item.title(), 300));
		String link = AlertFormatter.safeLink(item.link());
		StringBuilder line = new StringBuilder("• ");
		if (link != null && link.length() <= 1000) {
			line.append("<a href=\"").append(escapeAttribute(link)).append("\">").append(title).append("</a>");
		}
		else {
			line.append(title);
		}
		line.append("\n   ");
		if (item.source() != null && !item.source().isBlank()) {
			line.append(escape(policywatch.text.Texts.truncate(item.source(), 100))).append(" · ");
		}
		line.append(escape(time.format(item.published().atZone(zone))));
		if (link != null && link.length() <= 1000) {
			line.append(" · ").append(escape(AlertFormatter.host(link)));
		}
		if (also != null) {
			line.append("\n   ").append(also);
		}
		return line.append('\n').toString();
	}

}
