package policywatch.delivery.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Extractive summaries for alerts: one to three whole sentences of the text, at most
 * {@code maxChars} characters together (sentences joined by a space). Sentences holding the
 * matched terms are preferred (those adding the most distinct terms first, then the earliest);
 * without highlights the lead is used, skipping heading-like fragments. Sentences come out in text
 * order, repeats (a feed description that repeats the article lead) only once. A sentence is cut,
 * at a word boundary with "…", only when it alone exceeds the limit. Bold spans are the
 * highlights, moved into each sentence's coordinates. Thread-safe.
 */
public final class Summarizer {

	private static final int MAX_SENTENCES = 3;

	private static final String ELLIPSIS = "…";

	private static final int REPEAT_SCAN_CHARS = 20_000;

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
		List<Candidate> candidates = candidates(text, validHighlights(text, highlights));
		if (candidates.isEmpty()) {
			return new Summary(List.of());
		}
		List<Candidate> chosen = choose(candidates, maxChars);
		chosen.sort(Comparator.comparingInt((Candidate candidate) -> candidate.start));
		List<Summary.Sentence> sentences = new ArrayList<>();
		for (Candidate candidate : chosen) {
			sentences.add(candidate.render(maxChars));
		}
		return new Summary(sentences);
	}

	/** The distinct sentences, each with the highlights that fall in it or in its repeats. */
	private List<Candidate> candidates(String text, List<TextSpan> marks) {
		List<Candidate> candidates = new ArrayList<>();
		Map<String, Candidate> byKey = new HashMap<>();
		List<TextSpan> sorted = new ArrayList<>(marks);
		sorted.sort(Comparator.comparingInt(TextSpan::start));
		int longest = 0;
		for (TextSpan mark : sorted) {
			longest = Math.max(longest, mark.end() - mark.start());
		}
		for (TextSpan span : this.splitter.split(text)) {
			String raw = text.substring(span.start(), span.end());
			String key = normalize(raw);
			if (key.isEmpty()) {
				continue;
			}
			List<TextSpan> own = new ArrayList<>();
			// only marks starting at most one mark length before the sentence can overlap it
			for (int m = firstStartingFrom(sorted, span.start() - longest); m < sorted.size()
					&& sorted.get(m).start() < span.end(); m++) {
				TextSpan mark = sorted.get(m);
				int from = Math.max(mark.start(), span.start());
				int to = Math.min(mark.end(), span.end());
				if (from < to) {
					own.add(new TextSpan(from - span.start(), to - span.start()));
				}
			}
			Candidate earlier = repeatOf(key, candidates, byKey);
			if (earlier != null) {
				if (earlier.raw.equals(raw)) {
					earlier.marks.addAll(own);
				}
				for (TextSpan mark : own) {
					earlier.terms.add(normalize(raw.substring(mark.start(), mark.end())));
				}
				continue;
			}
			Candidate candidate = new Candidate(span.start(), raw, key);
			byKey.putIfAbsent(key, candidate);
			candidate.marks.addAll(own);
			for (TextSpan mark : own) {
				candidate.terms.add(normalize(raw.substring(mark.start(), mark.end())));
			}
			candidates.add(candidate);
		}
		return candidates;
	}

	/** The index of the first span (sorted by start) starting at or after {@code position}. */
	private static int firstStartingFrom(List<TextSpan> sorted, int position) {
		int low = 0;
		int high = sorted.size();
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (sorted.get(middle).start() < position) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return low;
	}

	/**
	 * The earlier sentence this one repeats: the same words, or (20 letters or more) part of an
	 * earlier sentence. Containment is looked for only in the first {@value #REPEAT_SCAN_CHARS}
	 * characters of sentences (where a feed description repeats the article lead), so a text of
	 * thousands of sentences costs linear time; beyond that only identical sentences count.
	 */
	private static Candidate repeatOf(String key, List<Candidate> earlier, Map<String, Candidate> byKey) {
		int scanned = 0;
		for (Candidate candidate : earlier) {
			if (scanned > REPEAT_SCAN_CHARS) {
				return byKey.get(key);
			}
			if (candidate.key.equals(key) || (key.length() >= 20 && candidate.key.contains(key))) {
				return candidate;
			}
			scanned += candidate.key.length();
		}
		return null;
	}

	private static List<Candidate> choose(List<Candidate> candidates, int maxChars) {
		List<Candidate> withTerms = candidates.stream().filter((candidate) -> !candidate.terms.isEmpty()).toList();
		List<Candidate> chosen = new ArrayList<>();
		int used = 0;
		if (!withTerms.isEmpty()) {
			Set<String> covered = new HashSet<>();
			while (chosen.size() < MAX_SENTENCES) {
				Candidate best = null;
				int bestFresh = -1;
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
					if (fresh > bestFresh) {
						best = candidate;
						bestFresh = fresh;
					}
				}
				if (best == null) {
					break;
				}
				used += best.length() + (chosen.isEmpty() ? 0 : 1);
				chosen.add(best);
				covered.addAll(best.terms);
			}
			if (chosen.isEmpty()) {
				chosen.add(withTerms.get(0));
			}
			return chosen;
		}
		List<Candidate> lead = candidates.stream().filter(Candidate::isProse).toList();
		if (lead.isEmpty()) {
			lead = candidates;
		}
		for (Candidate candidate : lead) {
			if (chosen.size() >= MAX_SENTENCES || !fits(candidate, used, chosen.size(), maxChars)) {
				break;
			}
			used += candidate.length() + (chosen.isEmpty() ? 0 : 1);
			chosen.add(candidate);
		}
		if (chosen.isEmpty()) {
			chosen.add(lead.get(0));
		}
		return chosen;
	}

	private static boolean fits(Candidate candidate, int used, int count, int maxChars) {
		return used + candidate.length() + (count > 0 ? 1 : 0) <= maxChars;
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
		return valid;
	}

	private static String normalize(String text) {
		StringBuilder key = new StringBuilder(text.length());
		text.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(key::appendCodePoint);
		return key.toString();
	}

	/** A distinct sentence of the text. */
	private static final class Candidate {

		final int start;

		final String raw;

		final String key;

		/** Highlights relative to {@link #raw}. */
		final List<TextSpan> marks = new ArrayList<>();

		final Set<String> terms = new HashSet<>();

		Candidate(int start, String raw, String key) {
			this.start = start;
			this.raw = raw;
			this.key = key;
		}

		int length() {
			return this.raw.length();
		}

		/** Ends like a sentence, or is long enough to be one (not a heading or a label). */
		boolean isProse() {
			char last = this.raw.charAt(this.raw.length() - 1);
			return this.raw.length() >= 60 || ".!?…。！？\"'”’»)）」".indexOf(last) >= 0;
		}

		Summary.Sentence render(int maxChars) {
			int from = 0;
			int to = this.raw.length();
			String prefix = "";
			String suffix = "";
			if (to > maxChars) {
				// cut at word boundaries, keeping the first highlight in view
				List<TextSpan> sorted = new ArrayList<>(this.marks);
				sorted.sort(Comparator.comparingInt(TextSpan::start));
				int focus = sorted.isEmpty() ? 0 : sorted.get(0).start();
				int budget = maxChars - ELLIPSIS.length();
				if (focus + 40 > budget && budget > 2 * ELLIPSIS.length()) {
					from = wordStartAfter(this.raw, Math.max(0, focus - budget / 3));
					prefix = ELLIPSIS;
					budget -= ELLIPSIS.length();
				}
				to = wordEndBefore(this.raw, from, Math.min(this.raw.length(), from + Math.max(1, budget)));
				suffix = ELLIPSIS;
			}
			String part = this.raw.substring(from, to);
			int[] offsets = new int[part.length() + 1];
			String text = prefix + fold(part, offsets) + suffix;
			List<TextSpan> bold = new ArrayList<>();
			for (TextSpan mark : this.marks) {
				int markFrom = Math.max(mark.start(), from) - from;
				int markTo = Math.min(mark.end(), to) - from;
				if (markFrom < markTo) {
					bold.add(new TextSpan(prefix.length() + offsets[markFrom], prefix.length() + offsets[markTo]));
				}
			}
			return new Summary.Sentence(text, merge(bold));
		}

		/**
		 * Line breaks inside a sentence become spaces: each run of whitespace that holds a line
		 * break becomes one space, in one pass over the text (a regular expression for "spaces, a
		 * line break, spaces" backtracks quadratically over long runs of spaces).
		 * @param offsets filled with, for each index {@code i} of the text (and its length), the
		 * length of {@code fold(text.substring(0, i))}
		 */
		static String fold(String text, int[] offsets) {
			StringBuilder out = new StringBuilder(text.length());
			int i = 0;
			int n = text.length();
			while (i < n) {
				if (!isSpace(text.charAt(i))) {
					offsets[i] = out.length();
					out.append(text.charAt(i));
					i++;
					continue;
				}
				int runStart = i;
				int before = out.length();
				boolean newline = false;
				while (i < n && isSpace(text.charAt(i))) {
					offsets[i] = before + (newline ? 1 : i - runStart);
					newline |= text.charAt(i) == '\n';
					i++;
				}
				if (newline) {
					out.append(' ');
				}
				else {
					out.append(text, runStart, i);
				}
			}
			offsets[n] = out.length();
			return out.toString();
		}

		/** Whitespace as the pattern {@code \\s} sees it. */
		private static boolean isSpace(char c) {
			return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
		}

		private static int wordStartAfter(String text, int from) {
			int i = from;
			if (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
				while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
					i++;
				}
			}
			while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
				i++;
			}
			return (i < text.length()) ? i : from;
		}

		private static int wordEndBefore(String text, int start, int limit) {
			int i = limit;
			if (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
				while (i > start && !Character.isWhitespace(text.charAt(i - 1))) {
					i--;
				}
				if (i == start) {
					// one word, or CJK text without spaces, longer than the limit: cut at a character
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

	}

}
