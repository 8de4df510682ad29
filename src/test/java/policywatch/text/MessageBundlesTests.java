package policywatch.text;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import policywatch.testing.BotApiHtmlValidator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message bundle under {@code src/main/resources/messages/} (found by listing the directory) in every
 * supported language: the same keys as English, the same placeholders and HTML tags, values that
 * {@link MessageFormat} reads as intended (apostrophes doubled exactly where it formats), and valid Telegram HTML.
 */
class MessageBundlesTests {

	private static final Path DIRECTORY = Path.of("src/main/resources/messages");

	@TestFactory
	Stream<DynamicTest> everyLanguageHasEveryKeyAndTheSamePlaceholders() throws IOException {
		List<DynamicTest> tests = new ArrayList<>();
		for (String basename : basenames()) {
			Map<String, String> english = load(DIRECTORY.resolve(basename + ".properties"));
			tests.add(DynamicTest.dynamicTest(basename + " (English)", () -> checkValues(basename, "en", english)));
			for (Locale language : Languages.SUPPORTED) {
				if (language.equals(Languages.ENGLISH)) {
					continue;
				}
				String code = language.getLanguage();
				tests.add(DynamicTest.dynamicTest(basename + " (" + code + ")", () -> {
					Path file = DIRECTORY.resolve(basename + "_" + code + ".properties");
					if (!Files.exists(file)) {
						Assumptions.assumeTrue(translated(basename),
								() -> basename + " has no translation yet: English only, nothing to compare");
					}
					assertThat(file).as("%s has translations, so it needs %s for %s", basename, file.getFileName(), code)
						.exists();
					Map<String, String> translation = load(file);
					Set<String> missing = new TreeSet<>(english.keySet());
					missing.removeAll(translation.keySet());
					Set<String> extra = new TreeSet<>(translation.keySet());
					extra.removeAll(english.keySet());
					SoftAssertions.assertSoftly((softly) -> {
						softly.assertThat(missing).as("keys of %s missing in language %s", basename, code).isEmpty();
						softly.assertThat(extra).as("keys of %s in language %s that English does not have", basename, code)
							.isEmpty();
						for (Map.Entry<String, String> entry : english.entrySet()) {
							String key = entry.getKey();
							String value = translation.get(key);
							if (value != null) {
								softly.assertThat(placeholders(value)).as("placeholders of %s in %s", key, code)
									.isEqualTo(placeholders(entry.getValue()));
								softly.assertThat(tags(value)).as("HTML tags of %s in %s", key, code)
									.isEqualTo(tags(entry.getValue()));
							}
						}
						softly.assertThatCode(() -> checkValues(basename, code, translation)).doesNotThrowAnyException();
					});
				}));
			}
		}
		return tests.stream();
	}

	@Test
	void theBundlesAreFoundByListingTheDirectory() throws IOException {
		assertThat(basenames()).contains("bot", "alerts");
	}

	@Test
	void theCommandMenusAndDescriptionsFitTelegramsLimits() throws IOException {
		for (Path file : files("bot")) {
			Map<String, String> values = load(file);
			values.forEach((key, value) -> {
				if (key.startsWith("bot.menu.")) {
					assertThat(value.length()).as("%s in %s (setMyCommands allows 256)", key, file.getFileName())
						.isBetween(1, 256);
				}
			});
			assertThat(values.get("bot.description")).as("description in %s", file.getFileName()).hasSizeLessThan(512);
			assertThat(values.get("bot.shortDescription")).as("short description in %s", file.getFileName())
				.hasSizeLessThan(120);
			assertThat(values.get("bot.help").length()).as("help in %s", file.getFileName()).isLessThan(3800);
		}
	}

	@Test
	void aMissingKeyOrAChangedPlaceholderIsNamed() {
		assertThat(placeholders("Subscribed #{0}: <code>{1}</code>")).containsExactly("{0}", "{1}");
		assertThat(placeholders("Подписка #{0}: <code>{2}</code>")).containsExactly("{0}", "{2}");
		assertThat(tags("<b>{0}</b> <a href=\"https://x\">y</a>")).containsExactly("</a>", "</b>", "<a href=\"https://x\">",
				"<b>");
		assertThat(problems("Sorry, /{0} isn't for you")).singleElement().asString().contains("apostrophe");
		assertThat(problems("Sorry, /{0} isn''t for you")).isEmpty();
		assertThat(problems("I don''t know")).singleElement().asString().contains("''");
		assertThat(problems("<b>{0}</i>")).isNotEmpty();
		assertThat(problems("{0")).isNotEmpty();
	}

	private static void checkValues(String basename, String code, Map<String, String> values) {
		Map<String, List<String>> found = new LinkedHashMap<>();
		values.forEach((key, value) -> {
			List<String> problems = problems(value, !key.contains(".report."));
			if (!problems.isEmpty()) {
				found.put(key, problems);
			}
		});
		assertThat(found).as("values of %s in %s", basename, code).isEmpty();
	}

	/**
	 * @return what is wrong with one value: MessageFormat cannot read it, an apostrophe it would swallow, or the
	 * text with sample arguments is no valid Telegram HTML
	 */
	static List<String> problems(String value) {
		return problems(value, true);
	}

	/**
	 * @param html whether the value is Telegram HTML (keys with {@code .report.} are plain text, escaped by the code)
	 */
	static List<String> problems(String value, boolean html) {
		List<String> problems = new ArrayList<>();
		Set<String> placeholders = placeholders(value);
		String text = value;
		if (!placeholders.isEmpty() || value.contains("{")) {
			try {
				MessageFormat format = new MessageFormat(value, Locale.ROOT);
				Object[] args = new Object[10];
				for (int i = 0; i < args.length; i++) {
					args[i] = "x" + i;
				}
				text = format.format(args);
			}
			catch (IllegalArgumentException ex) {
				problems.add("MessageFormat cannot read it: " + ex.getMessage());
				return problems;
			}
			for (int i = 0; i < value.length(); i++) {
				if (value.charAt(i) == '\'') {
					if (i + 1 < value.length() && value.charAt(i + 1) == '\'') {
						i++;
					}
					else {
						problems.add("a single apostrophe at " + i + " starts a quoted part: write ''");
					}
				}
			}
		}
		else if (value.contains("''")) {
			problems.add("'' shows as two apostrophes in a value without placeholders: write '");
		}
		if (html) {
			BotApiHtmlValidator.validate(text).ifPresent((error) -> problems.add("not Telegram HTML: " + error));
		}
		return problems;
	}

	/**
	 * @return the placeholders, e.g. {@code {0}}, {@code {1}} (a format type like {@code {0,number}} counts by index)
	 */
	static Set<String> placeholders(String value) {
		Set<String> found = new TreeSet<>();
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) != '{') {
				continue;
			}
			int end = i + 1;
			while (end < value.length() && Character.isDigit(value.charAt(end))) {
				end++;
			}
			if (end > i + 1 && end < value.length() && (value.charAt(end) == '}' || value.charAt(end) == ',')) {
				found.add("{" + value.substring(i + 1, end) + "}");
			}
		}
		return found;
	}

	/**
	 * @return the HTML tags, sorted, each as written (so an {@code href} must stay the same)
	 */
	static List<String> tags(String value) {
		List<String> found = new ArrayList<>();
		int open = value.indexOf('<');
		while (open >= 0) {
			int close = value.indexOf('>', open);
			if (close < 0) {
				found.add(value.substring(open));
				break;
			}
			found.add(value.substring(open, close + 1));
			open = value.indexOf('<', close);
		}
		Collections.sort(found);
		return found;
	}

	private static List<String> basenames() throws IOException {
		Set<String> names = new TreeSet<>();
		try (Stream<Path> files = Files.list(DIRECTORY)) {
			files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".properties") && !name.contains("_"))
				.forEach((name) -> names.add(name.substring(0, name.length() - ".properties".length())));
		}
		return new ArrayList<>(names);
	}

	private static boolean translated(String basename) throws IOException {
		return files(basename).size() > 1;
	}

	private static List<Path> files(String basename) throws IOException {
		try (Stream<Path> files = Files.list(DIRECTORY)) {
			return files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.equals(basename + ".properties")
						|| (name.startsWith(basename + "_") && name.endsWith(".properties"));
			}).sorted().toList();
		}
	}

	/**
	 * Reads a bundle as Spring does (UTF-8); a key written twice fails, naming it.
	 */
	private static Map<String, String> load(Path file) throws IOException {
		Map<String, String> values = new LinkedHashMap<>();
		Properties properties = new Properties() {

			@Override
			public synchronized Object put(Object key, Object value) {
				if (values.put((String) key, (String) value) != null) {
					throw new IllegalStateException("key " + key + " written twice in " + file.getFileName());
				}
				return super.put(key, value);
			}

		};
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return values;
	}

}
