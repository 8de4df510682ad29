package policywatch.telegram;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import policywatch.archive.ArchiveProperties;
import policywatch.archive.ArchiveSearch;
import policywatch.archive.ArchivedArticle;
import policywatch.archive.RecentArchive;
import policywatch.delivery.DeliveryProperties;
import policywatch.query.Query;
import policywatch.query.QueryParseException;
import policywatch.subscription.SubscriptionLimits;
import policywatch.subscription.SubscriptionProperties;

import static policywatch.delivery.TelegramHtmlEscaper.escape;

/**
 * The replies that search the recent archive: {@code /recent}, the preview after {@code /subscribe}, and the
 * admins' {@code /testquery}. Queries are checked exactly as {@code /subscribe} checks them, with the same errors.
 */
@Component
class ArchiveReplies {

	private static final Logger logger = LoggerFactory.getLogger(ArchiveReplies.class);

	/** How many articles {@code /recent} lists. */
	static final int RECENT = 10;

	/** The period the subscribe preview counts. */
	static final Duration PREVIEW_PERIOD = Duration.ofDays(7);

	/** How many articles the subscribe preview lists. */
	static final int PREVIEW = 3;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

	private static final int MAX_TITLE = 200;

	private static final int MAX_LINK = 300;

	private final RecentArchive archive;

	private final ArchiveProperties archiveProperties;

	private final SubscriptionProperties subscriptionProperties;

	private final DeliveryProperties deliveryProperties;

	private final BotText text;

	ArchiveReplies(RecentArchive archive, ArchiveProperties archiveProperties,
			SubscriptionProperties subscriptionProperties, DeliveryProperties deliveryProperties, BotText text) {
		this.text = text;
		this.archive = archive;
		this.archiveProperties = archiveProperties;
		this.subscriptionProperties = subscriptionProperties;
		this.deliveryProperties = deliveryProperties;
	}

	/**
	 * {@code /recent <query>}: the ten newest archived articles that match.
	 */
	String recent(String text, boolean admin, Locale locale) {
		Parsed parsed = parse(text, admin, "bot.recent.empty", locale);
		if (parsed.error() != null) {
			return this.text.get(locale, "bot.recent.notSearched", escape(parsed.error()));
		}
		ArchiveSearch found = this.archive.newest(parsed.query(), RECENT);
		String days = days(this.archiveProperties.retention(), locale);
		StringBuilder reply = new StringBuilder();
		if (found.newest().isEmpty()) {
			reply.append(this.text.get(locale, "bot.recent.none", days, escape(parsed.query().normalized())));
		}
		else {
			reply.append(this.text.get(locale, "bot.recent.found", days, escape(parsed.query().normalized())))
				.append('\n');
			appendArticles(reply, found.newest(), ChatCommands.MAX_REPLY_CHARS - 400, locale);
		}
		if (found.scanned()) {
			reply.append("\n\n").append(scanNote(locale));
		}
		return reply.toString();
	}

	/**
	 * What {@code /subscribe} would refuse in this query (empty, too long, unreadable, too many prefixes), in the
	 * chat's language, checked as the subscription module checks it.
	 * @return the problem as plain text, or {@code null} when the query is fine
	 */
	String problem(String text, boolean admin, Locale locale) {
		return parse(text, admin, "bot.subscribe.empty", locale).error();
	}

	/**
	 * The preview added to a successful {@code /subscribe}: how many articles of the last 7 days would have matched,
	 * with the newest three.
	 */
	String preview(String text, Locale locale) {
		Query query;
		try {
			query = Query.parse(text);
		}
		catch (QueryParseException ex) {
			return "";
		}
		ArchiveSearch found;
		try {
			found = this.archive.count(query, PREVIEW_PERIOD, PREVIEW);
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to preview subscription reason={}", ex.toString());
			return "";
		}
		StringBuilder reply = new StringBuilder("\n\n");
		if (found.count() == 0) {
			reply.append(this.text.get(locale, "bot.preview.none"));
		}
		else {
			String key = found.atLeast() ? "bot.preview.atLeast"
					: (found.count() == 1) ? "bot.preview.one" : (found.count() > PREVIEW) ? "bot.preview.many" : "bot.preview.all";
			reply.append(this.text.get(locale, key, found.count())).append('\n');
			appendArticles(reply, found.newest(), 1800, locale);
		}
		if (found.scanned()) {
			reply.append("\n").append(scanNote(locale));
		}
		return reply.toString();
	}

	/**
	 * {@code /testquery <query>}: the preview in the {@code check} command's plain-text layout, for admins.
	 */
	String testQuery(String text, Locale locale) {
		Parsed parsed = parse(text, true, "bot.testquery.empty", locale);
		if (parsed.error() != null) {
			return this.text.get(locale, "bot.testquery.invalid", escape(parsed.error()));
		}
		ArchiveSearch found = this.archive.count(parsed.query(), PREVIEW_PERIOD, PREVIEW);
		StringBuilder out = new StringBuilder();
		out.append("query:   ").append(text.strip()).append('\n');
		out.append("read as: ").append(parsed.query().normalized()).append('\n');
		out.append("last 7 days: ").append(found.atLeast() ? "at least " : "").append(found.count())
			.append(" matching articles").append(found.scanned()
					? " (index being rebuilt: only the newest " + this.archiveProperties.scanLimit() + " checked)" : "")
			.append('\n');
		for (ArchivedArticle article : found.newest()) {
			out.append("- ").append(article.title().isBlank() ? "(no title)" : shorten(article.title(), MAX_TITLE))
				.append('\n');
			out.append("    feed: ").append(article.feedName()).append(" (").append(article.feedId()).append(")\n");
			out.append("    link: ").append((article.link() != null) ? shorten(article.link(), MAX_LINK) : "-").append('\n');
			out.append("    date: ").append(article.time()).append('\n');
		}
		return "<pre>" + escape(out.toString().strip()) + "</pre>";
	}

	private void appendArticles(StringBuilder reply, List<ArchivedArticle> articles, int budget, Locale locale) {
		int start = reply.length();
		int shown = 0;
		for (ArchivedArticle article : articles) {
			StringBuilder item = new StringBuilder("\n");
			item.append("<b>").append(escape(article.title().isBlank() ? this.text.get(locale, "bot.articles.untitled") : shorten(article.title(), MAX_TITLE)))
				.append("</b>\n");
			item.append(escape(article.feedName())).append(" · ")
				.append(TIME.format(article.time().atZone(this.deliveryProperties.timeZone())));
			if (article.link() != null && article.link().length() <= MAX_LINK) {
				item.append('\n').append(escape(article.link()));
			}
			item.append('\n');
			if (reply.length() - start + item.length() > budget) {
				reply.append('\n').append(this.text.get(locale, "bot.articles.more", articles.size() - shown));
				return;
			}
			reply.append(item);
			shown++;
		}
		reply.setLength(reply.length() - 1);
	}

	private String scanNote(Locale locale) {
		return this.text.get(locale, "bot.scanNote", this.archiveProperties.scanLimit());
	}

	/**
	 * Checks a query as {@code /subscribe} does, with the same errors.
	 */
	private Parsed parse(String text, boolean admin, String emptyKey, Locale locale) {
		String queryText = (text != null) ? text.strip() : "";
		if (queryText.isEmpty()) {
			return new Parsed(null, this.text.get(locale, emptyKey));
		}
		if (SubscriptionLimits.lengthProblem(queryText) != null) {
			return new Parsed(null, this.text.get(locale, "bot.query.tooLongForDatabase", queryText.length(),
					SubscriptionLimits.MAX_QUERY_CHARS));
		}
		if (!admin && queryText.length() > this.subscriptionProperties.maxQueryLength()) {
			return new Parsed(null, this.text.get(locale, "bot.query.tooLong", queryText.length(),
					this.subscriptionProperties.maxQueryLength()));
		}
		Query query;
		try {
			query = Query.parse(queryText);
		}
		catch (QueryParseException ex) {
			return new Parsed(null, QueryErrors.describe(this.text, locale, ex));
		}
		if (SubscriptionLimits.prefixProblem(query, 0) != null) {
			return new Parsed(null, this.text.get(locale, "bot.query.tooManyPrefixes", query.prefixCount(),
					SubscriptionLimits.MAX_PREFIXES_PER_QUERY));
		}
		return new Parsed(query, null);
	}

	private String days(Duration period, Locale locale) {
		long days = period.toDays();
		if (days >= 1 && period.equals(Duration.ofDays(days))) {
			return (days == 1) ? this.text.get(locale, "bot.period.day") : this.text.get(locale, "bot.period.days", days);
		}
		long hours = Math.max(1, period.toHours());
		return (hours == 1) ? this.text.get(locale, "bot.period.hour") : this.text.get(locale, "bot.period.hours", hours);
	}

	private static String shorten(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

	private record Parsed(Query query, String error) {
	}

}
