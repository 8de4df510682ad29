package policywatch.delivery.summary;

import java.util.List;

/**
 * Extractive summaries. Placeholder implementation.
 */
public final class Summarizer {

	/**
	 * @param text plain text, paragraphs separated by blank lines
	 * @param highlights character ranges in {@code text} of matched terms (may be empty)
	 * @param maxChars the most characters the summary may have (about 600)
	 * @return one to three sentences, preferring those with highlights, else the lead; empty when
	 * the text is blank
	 */
	public Summary summarize(String text, List<TextSpan> highlights, int maxChars) {
		if (text == null || text.isBlank()) {
			return new Summary(List.of());
		}
		String lead = text.strip();
		if (lead.length() > maxChars) {
			lead = lead.substring(0, maxChars);
		}
		return new Summary(List.of(new Summary.Sentence(lead, List.of())));
	}

}
