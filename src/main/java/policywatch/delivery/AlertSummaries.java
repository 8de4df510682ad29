package policywatch.delivery;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import policywatch.delivery.summary.Summarizer;
import policywatch.delivery.summary.Summary;
import policywatch.delivery.summary.TextSpan;
import policywatch.query.Field;
import policywatch.query.Hit;

/**
 * The summary an alert would carry for an article, without sending anything: the same sentences,
 * limit and highlighted words as {@link AlertFormatter} (for the web console's query lab).
 */
@Component
public class AlertSummaries {

	private final Summarizer summarizer = new Summarizer();

	private final DeliveryProperties properties;

	AlertSummaries(DeliveryProperties properties) {
		this.properties = properties;
	}

	/**
	 * @param body the article's text as it was matched
	 * @param hits where the query matched it (title hits are ignored)
	 * @return the summary as plain-text parts in order, the matched words marked; empty for no text
	 */
	public List<Part> summarize(String body, List<Hit> hits) {
		if (body == null || body.isBlank()) {
			return List.of();
		}
		List<TextSpan> highlights = hits.stream()
			.filter((hit) -> hit.field() == Field.BODY)
			.map((hit) -> new TextSpan(hit.start(), hit.end()))
			.distinct()
			.sorted((a, b) -> Integer.compare(a.start(), b.start()))
			.toList();
		Summary summary = this.summarizer.summarize(body, highlights, this.properties.summaryMaxChars());
		List<Part> parts = new ArrayList<>();
		for (Summary.Sentence sentence : summary.sentences()) {
			if (!parts.isEmpty()) {
				parts.add(new Part(" ", false));
			}
			String text = sentence.text();
			int at = 0;
			for (TextSpan bold : sentence.bold()) {
				int start = Math.max(at, Math.min(bold.start(), text.length()));
				int end = Math.max(start, Math.min(bold.end(), text.length()));
				if (start > at) {
					parts.add(new Part(text.substring(at, start), false));
				}
				if (end > start) {
					parts.add(new Part(text.substring(start, end), true));
				}
				at = end;
			}
			if (at < text.length()) {
				parts.add(new Part(text.substring(at), false));
			}
		}
		return parts;
	}

	/**
	 * A piece of the summary.
	 *
	 * @param text plain text
	 * @param matched whether it is a matched word (shown highlighted)
	 */
	public record Part(String text, boolean matched) {
	}

}
