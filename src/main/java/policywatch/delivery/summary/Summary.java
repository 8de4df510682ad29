package policywatch.delivery.summary;

import java.util.List;

/**
 * An extractive summary: one to three sentences in text order.
 *
 * @param sentences the chosen sentences
 */
public record Summary(List<Sentence> sentences) {

	/**
	 * @param text the sentence as plain text
	 * @param bold ranges within {@code text} to show in bold (matched terms)
	 */
	public record Sentence(String text, List<TextSpan> bold) {
	}

}
