package policywatch.dedupe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled near-duplicate pairs of {@code src/test/resources/dedupe}: stories made of parts
 * ({@code stories.txt}) and pairs that compose them ({@code pairs.txt}).
 */
final class GoldenPairs {

	private GoldenPairs() {
	}

	static List<Pair> load() {
		Map<String, Map<String, String>> stories = new HashMap<>();
		Map<String, String> backgrounds = new HashMap<>();
		Map<String, String> current = null;
		for (String line : lines("stories.txt")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			if (line.startsWith("=== ")) {
				current = new HashMap<>();
				stories.put(line.substring(4).trim(), current);
			}
			else if (line.startsWith("g:")) {
				int colon = line.indexOf(':', 2);
				backgrounds.put(line.substring(2, colon), line.substring(colon + 1).trim());
			}
			else {
				int colon = line.indexOf(':');
				current.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		List<Pair> pairs = new ArrayList<>();
		for (String line : lines("pairs.txt")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] fields = line.trim().split(" ");
			pairs.add(new Pair(fields[0].equals("same"), fields[1], compose(fields[2], stories, backgrounds),
					compose(fields[3], stories, backgrounds), line));
		}
		return pairs;
	}

	private static Story compose(String side, Map<String, Map<String, String>> stories, Map<String, String> backgrounds) {
		int colon = side.indexOf(':');
		String name = side.substring(0, colon);
		Map<String, String> parts = stories.get(name);
		if (parts == null) {
			throw new IllegalArgumentException("No story " + name);
		}
		String title = "";
		String prefix = "";
		StringBuilder text = new StringBuilder();
		for (String part : side.substring(colon + 1).split(",")) {
			if (part.equals("U1") || part.equals("U2")) {
				prefix = "UPDATE " + part.charAt(1) + "-";
			}
			else if (part.startsWith("h")) {
				title = parts.get(part);
			}
			else {
				String paragraph = part.equals("g") ? backgrounds.get(name.substring(0, name.indexOf('-')))
						: parts.get(part);
				if (paragraph == null) {
					throw new IllegalArgumentException("No part " + part + " in " + name);
				}
				text.append(text.isEmpty() ? "" : "\n\n").append(paragraph);
			}
		}
		return new Story(prefix + title, text.toString());
	}

	private static List<String> lines(String name) {
		try (InputStream in = GoldenPairs.class.getResourceAsStream("/dedupe/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Story(String title, String text) {

		Fingerprint fingerprint() {
			return Fingerprinter.of(this.title, this.text);
		}

	}

	record Pair(boolean same, String kind, Story first, Story second, String line) {
	}

	/**
	 * Runs every pair through the index (LSH candidates, then the verdict).
	 */
	static Score score(List<Pair> pairs) {
		int truePositives = 0;
		int falsePositives = 0;
		int falseNegatives = 0;
		List<String> wrong = new ArrayList<>();
		for (Pair pair : pairs) {
			NearDuplicateIndex index = new NearDuplicateIndex();
			index.add(1, pair.first().fingerprint());
			boolean folded = index.nearest(pair.second().fingerprint()) != null;
			if (folded && pair.same()) {
				truePositives++;
			}
			else if (folded) {
				falsePositives++;
				wrong.add("false positive " + pair.line() + " " + Similarity.of(pair.first().fingerprint(), pair.second().fingerprint()));
			}
			else if (pair.same()) {
				falseNegatives++;
				wrong.add("false negative " + pair.line() + " " + Similarity.of(pair.first().fingerprint(), pair.second().fingerprint()));
			}
		}
		return new Score(truePositives, falsePositives, falseNegatives, wrong);
	}

	record Score(int truePositives, int falsePositives, int falseNegatives, List<String> wrong) {

		double precision() {
			int predicted = this.truePositives + this.falsePositives;
			return (predicted == 0) ? 1 : (double) this.truePositives / predicted;
		}

		double recall() {
			int actual = this.truePositives + this.falseNegatives;
			return (actual == 0) ? 1 : (double) this.truePositives / actual;
		}

	}

}
