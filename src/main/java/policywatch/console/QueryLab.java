package policywatch.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import policywatch.archive.ArchiveProperties;
import policywatch.archive.ArchiveSearch;
import policywatch.archive.ArchivedArticle;
import policywatch.archive.RecentArchive;
import policywatch.delivery.AlertSummaries;
import policywatch.query.Field;
import policywatch.query.Hit;
import policywatch.query.MatchDocument;
import policywatch.query.Matchers;
import policywatch.query.Query;
import policywatch.query.QueryMatch;
import policywatch.query.QueryParseException;
import policywatch.query.SubscriptionMatcher;
import policywatch.subscription.SubscriptionLimits;

/**
 * {@code /console/query}: a query's normalised reading or its parse error with the position, and
 * the newest archived articles it matches (as many as {@code /recent} lists, found the same bounded
 * way) with the matched words marked and the summary an alert would carry. Nothing is sent.
 */
@Controller
final class QueryLab {

	/** As many articles as {@code /recent} lists. */
	static final int RESULTS = 10;

	private static final int MAX_TITLE = 300;

	private final RecentArchive archive;

	private final ArchiveProperties archiveProperties;

	private final AlertSummaries summaries;

	private final ConsoleTime time;

	QueryLab(RecentArchive archive, ArchiveProperties archiveProperties, AlertSummaries summaries, ConsoleTime time) {
		this.archive = archive;
		this.archiveProperties = archiveProperties;
		this.summaries = summaries;
		this.time = time;
	}

	@GetMapping("/console/query")
	String query(@RequestParam(name = "q", required = false) String text, Model model) {
		String q = (text != null) ? text.strip() : "";
		model.addAttribute("q", q);
		model.addAttribute("retentionDays", Math.max(1, this.archiveProperties.retention().toDays()));
		if (q.isEmpty()) {
			return "console/query";
		}
		String tooLong = SubscriptionLimits.lengthProblem(q);
		if (tooLong != null) {
			model.addAttribute("error", new ParseError(tooLong, -1, null, null));
			return "console/query";
		}
		Query query;
		try {
			query = Query.parse(q);
		}
		catch (QueryParseException ex) {
			int position = Math.max(0, Math.min(ex.position(), q.length()));
			model.addAttribute("error", new ParseError(ex.getMessage(), position, q, " ".repeat(position) + "^"));
			return "console/query";
		}
		String prefixes = SubscriptionLimits.prefixProblem(query, 0);
		if (prefixes != null) {
			model.addAttribute("error", new ParseError(prefixes, -1, null, null));
			return "console/query";
		}
		model.addAttribute("reading", query.normalized());
		ArchiveSearch found = this.archive.newest(query, RESULTS);
		Map<Long, String> texts = this.archive.texts(found.newest().stream().map(ArchivedArticle::entryId).toList());
		SubscriptionMatcher matcher = Matchers.create();
		matcher.add(1, query);
		List<Result> results = new ArrayList<>();
		for (ArchivedArticle article : found.newest()) {
			String body = texts.getOrDefault(article.entryId(), "");
			List<Hit> hits = matcher.match(new MatchDocument(article.title(), body))
				.stream()
				.map(QueryMatch::hits)
				.flatMap(List::stream)
				.toList();
			String title = article.title().isBlank() ? "(untitled)" : article.title();
			results.add(new Result(article.entryId(), marked(title, hits, Field.TITLE), article.feedName(),
					article.feedId(), this.time.full(article.time()), article.time().toString(), safeLink(article.link()),
					this.summaries.summarize(body, hits).stream().map((part) -> new Part(part.text(), part.matched())).toList()));
		}
		model.addAttribute("results", results);
		model.addAttribute("scanned", found.scanned());
		model.addAttribute("scanLimit", this.archiveProperties.scanLimit());
		return "console/query";
	}

	/**
	 * @return the text cut into parts, the hits of one field marked (overlapping hits merged)
	 */
	static List<Part> marked(String text, List<Hit> hits, Field field) {
		List<Hit> ranges = hits.stream()
			.filter((hit) -> hit.field() == field && hit.start() >= 0 && hit.end() <= text.length() && hit.start() < hit.end())
			.sorted(Comparator.comparingInt(Hit::start))
			.toList();
		List<Part> parts = new ArrayList<>();
		int at = 0;
		for (Hit hit : ranges) {
			int start = Math.max(at, hit.start());
			if (hit.end() <= start) {
				continue;
			}
			if (start > at) {
				parts.add(new Part(text.substring(at, start), false));
			}
			parts.add(new Part(text.substring(start, hit.end()), true));
			at = hit.end();
		}
		if (at < text.length()) {
			parts.add(new Part(text.substring(at), false));
		}
		if (parts.isEmpty() || text.length() > MAX_TITLE) {
			return shorten(parts);
		}
		return parts;
	}

	private static List<Part> shorten(List<Part> parts) {
		List<Part> shortened = new ArrayList<>();
		int length = 0;
		for (Part part : parts) {
			if (length + part.text().length() > MAX_TITLE) {
				shortened.add(new Part(part.text().substring(0, Math.max(0, MAX_TITLE - length)) + "…", part.matched()));
				break;
			}
			shortened.add(part);
			length += part.text().length();
		}
		return shortened;
	}

	/**
	 * @return the link when it is an http(s) address, else {@code null} (never a javascript: link)
	 */
	static String safeLink(String link) {
		if (link == null) {
			return null;
		}
		String lower = link.strip().toLowerCase(java.util.Locale.ROOT);
		return (lower.startsWith("https://") || lower.startsWith("http://")) ? link.strip() : null;
	}

	/**
	 * A query that could not be read.
	 *
	 * @param message what is wrong
	 * @param position the 0-based position of the problem, or -1 when it is about the whole query
	 * @param query the query as typed, or {@code null}
	 * @param caret spaces and a caret under the position, or {@code null}
	 */
	record ParseError(String message, int position, String query, String caret) {

		public int column() {
			return this.position + 1;
		}

	}

	/**
	 * A piece of text, marked when it matched.
	 */
	record Part(String text, boolean matched) {
	}

	/**
	 * One matching article.
	 */
	record Result(long entryId, List<Part> title, String source, String feedId, String time, String isoTime,
			String link, List<Part> summary) {
	}

}
