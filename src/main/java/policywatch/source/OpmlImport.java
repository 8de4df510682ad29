package policywatch.source;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.convert.DurationStyle;

/**
 * {@code opml import <file>}: adds the feeds of an OPML file to {@code feeds.yml}. Skips URLs
 * that are already configured (and repeats within the OPML file), derives ids with
 * {@link FeedIds}, appends with {@link FeedsFileAppender} and checks the result before the file
 * is replaced, so a running bot only ever sees a complete, valid file.
 *
 * @param file the {@code feeds.yml} to add to (created when absent)
 * @param out the summary
 * @param err one-line errors
 */
record OpmlImport(Path file, PrintStream out, PrintStream err) {

	private static final long MAX_OPML_BYTES = 10L * 1024 * 1024;

	/**
	 * @param input the OPML file name
	 * @return 0 on success, 2 otherwise
	 */
	int run(String input) {
		List<Opml.Outline> outlines;
		try {
			Path path = Path.of(input);
			if (Files.size(path) > MAX_OPML_BYTES) {
				this.err.println("opml: " + input + ": larger than 10 MB");
				return 2;
			}
			outlines = Opml.read(Files.readAllBytes(path));
		}
		catch (NoSuchFileException ex) {
			this.err.println("opml: " + input + ": no such file");
			return 2;
		}
		catch (IOException | InvalidPathException ex) {
			this.err.println("opml: " + input + ": " + YamlFile.oneLine(ex.getMessage()));
			return 2;
		}

		String text;
		List<FeedDefinition> existing;
		if (Files.exists(this.file)) {
			List<ConfigProblem> problems = new ArrayList<>();
			YamlFile yaml = new YamlFile(this.file, problems);
			text = yaml.read(true);
			try {
				existing = (text != null) ? FeedsConfig.parse(this.file, text) : List.of();
				FeedsConfig.throwIfAny(problems);
			}
			catch (InvalidConfigException ex) {
				this.err.println("opml: " + this.file + " has problems; fix them first:");
				ex.problems().forEach((problem) -> this.err.println("  " + problem));
				return 2;
			}
		}
		else {
			text = "feeds:\n";
			existing = List.of();
		}

		Selection selection = select(outlines, existing);
		List<FeedDefinition> added = selection.added();
		if (!added.isEmpty() && !save(text, existing, added)) {
			return 2;
		}
		report(selection);
		return 0;
	}

	/** The outlines split into new feeds, already configured URLs and unusable ones. */
	private static Selection select(List<Opml.Outline> outlines, List<FeedDefinition> existing) {
		Set<String> ids = new HashSet<>();
		Set<String> urls = new HashSet<>();
		for (FeedDefinition feed : existing) {
			ids.add(feed.id());
			urls.add(FeedIds.urlKey(feed.url()));
		}
		Selection selection = new Selection(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		for (Opml.Outline outline : outlines) {
			URI url = FeedsConfig.httpUrl(outline.url());
			if (url == null) {
				selection.unusable().add(outline.url());
				continue;
			}
			if (!urls.add(FeedIds.urlKey(url))) {
				selection.present().add(outline.url());
				continue;
			}
			String id = FeedIds.uniqueId(outline, url, ids);
			ids.add(id);
			String name = outline.title().isEmpty() ? id : YamlFile.oneLine(outline.title());
			selection.added()
				.add(new FeedDefinition(id, name, url, interval(outline.interval()),
						!"false".equalsIgnoreCase(outline.fullText())));
		}
		return selection;
	}

	/** Appends, checks and writes; false (with the entries to add by hand) when it cannot. */
	private boolean save(String text, List<FeedDefinition> existing, List<FeedDefinition> added) {
		String updated = FeedsFileAppender.append(text, added);
		try {
			List<FeedDefinition> check = FeedsConfig.parse(this.file, updated);
			if (check.size() != existing.size() + added.size()) {
				throw new IllegalStateException("expected " + (existing.size() + added.size()) + " feeds, found "
						+ check.size());
			}
		}
		catch (InvalidConfigException | IllegalStateException ex) {
			this.err.println("opml: unable to append to " + this.file + " automatically ("
					+ YamlFile.oneLine(ex.getMessage()) + "); add these entries under 'feeds:' by hand:");
			this.err.print(FeedsFileAppender.entries(added, "  "));
			return false;
		}
		try {
			FeedsFileAppender.write(this.file, updated);
		}
		catch (IOException ex) {
			this.err.println("opml: unable to write " + this.file + ": " + YamlFile.oneLine(ex.getMessage()));
			return false;
		}
		return true;
	}

	private void report(Selection selection) {
		List<FeedDefinition> added = selection.added();
		this.out.println((added.isEmpty() ? "No new feeds for " : "Added " + added.size()
				+ ((added.size() == 1) ? " feed to " : " feeds to ")) + this.file
				+ (added.isEmpty() ? "" : ": " + String.join(", ", added.stream().map(FeedDefinition::id).toList())));
		if (!selection.present().isEmpty()) {
			this.out.println("Skipped " + selection.present().size() + " already configured: "
					+ String.join(" ", selection.present()));
		}
		if (!selection.unusable().isEmpty()) {
			this.out.println("Skipped " + selection.unusable().size() + " that are not http(s) URLs: "
					+ String.join(" ", selection.unusable()));
		}
		if (!added.isEmpty()) {
			this.out.println("A running PolicyWatch applies the change within seconds (or send /reload).");
		}
	}

	/** An exported interval; the default when absent or unusable. */
	private static Duration interval(String value) {
		if (value != null) {
			try {
				Duration interval = DurationStyle.detectAndParse(value);
				if (interval.compareTo(FeedsConfig.MINIMUM_INTERVAL) >= 0) {
					return Duration.ofSeconds(interval.toSeconds());
				}
			}
			catch (IllegalArgumentException ex) {
				// not a duration: the default applies
			}
		}
		return FeedsConfig.DEFAULT_INTERVAL;
	}

	private record Selection(List<FeedDefinition> added, List<String> present, List<String> unusable) {
	}

}
