package policywatch.ingest.check;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import policywatch.dedupe.Fingerprinter;
import policywatch.dedupe.NearDuplicateIndex;
import policywatch.ingest.parse.FeedItem;

/**
 * {@code check --near-duplicates}: which of the inputs' entries the service would fold into one
 * story (the same rules as the near-duplicate check before alerting, over all inputs at once, in
 * input order: the first copy is the story, later ones its copies). Compares the title with the
 * full text when {@code --full-text} fetched it, else with the feed's description.
 */
final class NearDuplicateReport {

	private NearDuplicateReport() {
	}

	static void print(List<FeedChecker.Result> results, boolean json, PrintStream out, PrintStream err) {
		NearDuplicateIndex index = new NearDuplicateIndex();
		List<Copy> copies = new ArrayList<>();
		Map<Long, Integer> storyOf = new LinkedHashMap<>();
		List<Fold> folds = new ArrayList<>();
		for (FeedChecker.Result result : results) {
			if (result.error() != null) {
				continue;
			}
			for (FeedChecker.Entry entry : result.entries()) {
				FeedItem item = entry.item();
				String text = (entry.fullText() != null) ? entry.fullText() : item.description();
				var fingerprint = Fingerprinter.of(item.title(), text);
				int position = copies.size();
				copies.add(new Copy(result.input(), item));
				NearDuplicateIndex.Match match = index.nearest(fingerprint);
				int story = (match != null) ? storyOf.get(match.id()) : position;
				storyOf.put((long) position, story);
				index.add(position, fingerprint);
				if (match != null) {
					folds.add(new Fold(copies.get(story), copies.get(position), match.similarity().jaccard(),
							match.similarity().containment()));
				}
			}
		}
		if (json) {
			JsonMapper mapper = JsonMapper.builder().build();
			for (Fold fold : folds) {
				Map<String, Object> line = new LinkedHashMap<>();
				line.put("nearDuplicate", describe(fold.copy()));
				line.put("of", describe(fold.story()));
				line.put("jaccard", round(fold.jaccard()));
				line.put("containment", round(fold.containment()));
				try {
					out.println(mapper.writeValueAsString(line));
				}
				catch (JacksonException ex) {
					err.println("check: cannot write JSON: " + CheckCommand.oneLine(ex.getOriginalMessage()));
				}
			}
			return;
		}
		out.println("==> near-duplicates (" + copies.size() + " entries, " + folds.size() + " would be folded)");
		for (Fold fold : folds) {
			out.println("- " + title(fold.copy()) + " [" + fold.copy().input() + "]");
			out.println("    same story as: " + title(fold.story()) + " [" + fold.story().input() + "]");
			out.println(String.format(Locale.ROOT, "    similarity: %.2f, containment: %.2f", fold.jaccard(),
					fold.containment()));
		}
		out.println();
	}

	private static Map<String, Object> describe(Copy copy) {
		Map<String, Object> described = new LinkedHashMap<>();
		described.put("input", copy.input());
		described.put("title", copy.item().title());
		described.put("link", copy.item().link());
		described.put("id", copy.item().key());
		return described;
	}

	private static String title(Copy copy) {
		return copy.item().title().isEmpty() ? "(no title)" : copy.item().title();
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	private record Copy(String input, FeedItem item) {
	}

	private record Fold(Copy story, Copy copy, double jaccard, double containment) {
	}

}
