package policywatch.delivery.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Extractive summaries for alerts: one to three whole sentences of the text, at most
 * {@code maxChars} characters together (sentences joined by a space). Sentences holding the
 * matched terms are preferred (those covering the most distinct terms first, then the earliest);
 * without highlights the lead is used. Sentences come out in text order, repeats (a feed
 * description that repeats the article lead) only once. A sentence is cut, at a word boundary with
 * "…", only when it alone exceeds the limit. Bold spans are the highlights, moved into each
 * sentence's coordinates.
 */
public final class Summarizer {

	private static final int MAX_SENTENCES = 3;

	private final SentenceSplitter splitter = new SentenceSplitter();

	/**
	 * @param text plain text, paragraphs separated by blank lines
	 * @param highlights character ranges in {@code text} of matched terms (may be empty)
	 * @param maxChars the most characters the summary may have (about 600)
	 * @return one to three sentences, preferring those with highlights, else the lead; empty when
	 * the text is blank
	 */
	public Summary summarize(String text, List<TextSpan> highlights, int maxChars) {
		if (text == null || text.isBlank() || maxChars <= 0) {
			return new Summary(List.of());
		}
		List<TextSpan> marks = validHighlights(text, highlights);
		List<Candidate> candidates = candidates(text, marks);
		if (candidates.isEmpty()) {
			return new Summary(List.of());
		}
		List<Candidate> chosen = choose(candidates, maxChars);
		chosen.sort(Comparator.comparingInt((Candidate candidate) -> candidate.span.start()));
		List<Summary.Sentence> sentences = new ArrayList<>();
		for (Candidate candidate : chosen) {
			sentences.add(sentence(text, candidate, marks, maxChars));
		}
		return new Summary(sentences);
	}

	private List<Candidate> candidates(String text, List<TextSpan> marks) {
		List<Candidate> candidates = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int index = 0;
		for (TextSpan span : this.splitter.split(text)) {
			String key = normalize(text.substring(span.start(), span.end()));
			if (key.isEmpty() || !seen.add(key) || isPartOfEarlier(key, candidates, text)) {
				continue;
			}
			Set<String> terms = new HashSet<>();
			for (TextSpan mark : marks) {
				if (mark.start() < span.end() && mark.end() > span.start()) {
					terms.add(normalize(text.substring(mark.start(), mark.end())));
				}
			}
			candidates.add(new Candidate(span, index++, terms, key));
		}
		return candidates;
	}

	private static boolean isPartOfEarlier(String key, List<Candidate> earlier, String text) {
		if (key.length() < 20) {
			return false;
		}
		for (Candidate candidate : earlier) {
			if (candidate.key.contains(key)) {
				return true;
			}
		}
		return false;
	}

	private static List<Candidate> choose(List<Candidate> candidates, int maxChars) {
		List<Candidate> chosen = new ArrayList<>();
		List<Candidate> withTerms = new ArrayList<>();
		for (Candidate candidate : candidates) {
			if (!candidate.terms.isEmpty()) {
				withTerms.add(candidate);
			}
		}
		int used = 0;
		if (!withTerms.isEmpty()) {
			Set<String> covered = new HashSet<>();
			while (chosen.size() < MAX_SENTENCES) {
				Candidate best = null;
				int bestNew = -1;
				for (Candidate candidate : withTerms) {
					if (chosen.contains(candidate) || !fits(candidate, used, chosen.size(), maxChars)) {
						continue;
					}
					int fresh = 0;
					for (String term : candidate.terms) {
						if (!covered.contains(term)) {
							fresh++;
						}
					}
					if (fresh > bestNew) {
						best = candidate;
						bestNew = fresh;
					}
				}
				if (best == null) {
					break;
				}
				chosen.add(best);
				covered.addAll(best.terms);
				used += best.length() + (chosen.size() > 1 ? 1 : 0);
			}
			if (chosen.isEmpty()) {
				chosen.add(withTerms.get(0));
			}
			return chosen;
		}
		for (Candidate candidate : candidates) {
			if (chosen.size() >= MAX_SENTENCES || !fits(candidate, used, chosen.size(), maxChars)) {
				break;
			}
			chosen.add(candidate);
			used += candidate.length() + (chosen.size() > 1 ? 1 : 0);
		}
		if (chosen.isEmpty()) {
			chosen.add(candidates.get(0));
		}
		return chosen;
	}

	private static boolean fits(Candidate candidate, int used, int count, int maxChars) {
		return used + candidate.length() + (count > 0 ? 1 : 0) <= maxChars;
	}

	private static Summary.Sentence sentence(String text, Candidate candidate, List<TextSpan> marks, int maxChars) {
		int start = candidate.span.start();
		int end = candidate.span.end();
		String prefix = "";
		String suffix = "";
		if (end - start > maxChars) {
			// cut at word boundaries, keeping the first highlight in view
			int focus = start;
			for (TextSpan mark : marks) {
				if (mark.start() >= start && mark.end() <= end) {
					focus = mark.start();
					break;
				}
			}
			int budget = maxChars - 1;
			int windowStart = start;
			if (focus + 40 > start + budget) {
				windowStart = wordStartAfter(text, Math.max(start, focus - budget / 3), end);
				prefix = "…";
				budget--;
			}
			int windowEnd = wordEndBefore(text, windowStart, windowStart + budget);
			start = windowStart;
			end = windowEnd;
			suffix = "…";
		}
		String sentence = prefix + text.substring(start, end).replaceAll("\\s*\\n\\s*", " ") + suffix;
		List<TextSpan> bold = new ArrayList<>();
		String raw = text.substring(start, end);
		for (TextSpan mark : marks) {
			int from = Math.max(mark.start(), start);
			int to = Math.min(mark.end(), end);
			if (from < to) {
				bold.add(new TextSpan(prefix.length() + shifted(raw, from - start),
						prefix.length() + shifted(raw, to - start)));
			}
		}
		return new Summary.Sentence(sentence, merge(bold));
	}

	/** Offsets move when line breaks with their surrounding spaces are folded into one space. */
	private static int shifted(String raw, int offset) {
		return raw.substring(0, offset).replaceAll("\\s*\\n\\s*", " ").length();
	}

	private static int wordStartAfter(String text, int from, int limit) {
		int i = from;
		if (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
			while (i < limit && !Character.isWhitespace(text.charAt(i))) {
				i++;
			}
		}
		while (i < limit && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return (i < limit) ? i : from;
	}

	private static int wordEndBefore(String text, int start, int limit) {
		int i = limit;
		if (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
			while (i > start && !Character.isWhitespace(text.charAt(i - 1))) {
				i--;
			}
			if (i == start) {
				// one word (or CJK text without spaces) longer than the limit: cut at a character
				return limit;
			}
		}
		while (i > start && (Character.isWhitespace(text.charAt(i - 1)) || ",;:".indexOf(text.charAt(i - 1)) >= 0)) {
			i--;
		}
		return i;
	}

	private static List<TextSpan> merge(List<TextSpan> spans) {
		spans.sort(Comparator.comparingInt(TextSpan::start));
		List<TextSpan> merged = new ArrayList<>();
		for (TextSpan span : spans) {
			if (!merged.isEmpty() && span.start() <= merged.get(merged.size() - 1).end()) {
				TextSpan last = merged.remove(merged.size() - 1);
				merged.add(new TextSpan(last.start(), Math.max(last.end(), span.end())));
			}
			else {
				merged.add(span);
			}
		}
		return merged;
	}

	private static List<TextSpan> validHighlights(String text, List<TextSpan> highlights) {
		List<TextSpan> valid = new ArrayList<>();
		if (highlights == null) {
			return valid;
		}
		for (TextSpan span : highlights) {
			if (span != null && span.start() >= 0 && span.end() <= text.length() && span.start() < span.end()) {
				valid.add(span);
			}
		}
		valid.sort(Comparator.comparingInt(TextSpan::start));
		return valid;
	}

	private static String normalize(String text) {
		StringBuilder key = new StringBuilder(text.length());
		text.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
		return key.toString();
	}

	private static final class Candidate {

		final TextSpan span;

		final int index;

		final Set<String> terms;

		final String key;

		Candidate(TextSpan span, int index, Set<String> terms, String key) {
			this.span = span;
			this.index = index;
			this.terms = terms;
			this.key = key;
		}

		int length() {
			return this.span.end() - this.span.start();
		}

	}

}
