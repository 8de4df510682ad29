package policywatch.delivery;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import policywatch.text.Languages;

/**
 * The words of alerts, digests and buttons in a chat's language, from the {@code messages/alerts}
 * bundles (keys {@code alerts.*}; English is the fallback). Counts take the language's plural form
 * ({@code .one}, {@code .few}, {@code .many}, {@code .other}); dates use the language's pattern.
 * Texts are plain: callers escape them, or pass HTML they built as arguments.
 */
@Component
final class AlertTexts {

	private final MessageSource messages;

	private final Map<String, DateTimeFormatter> formatters = new ConcurrentHashMap<>();

	AlertTexts(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * @param locale the chat's locale; {@code null} or an unsupported one reads English
	 */
	String get(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, (args.length > 0) ? args : null, supported(locale));
	}

	/**
	 * @return the text for a count, in the language's plural form: {@code key.one}, {@code key.few},
	 * {@code key.many} or {@code key.other}, with the count as {@code {0}}
	 */
	String count(String key, long count, Locale locale, Object... more) {
		Locale language = supported(locale);
		Object[] args = new Object[more.length + 1];
		args[0] = count;
		System.arraycopy(more, 0, args, 1, more.length);
		return get(key + "." + plural(language, count), language, args);
	}

	/**
	 * @param key a bundle key holding a {@link DateTimeFormatter} pattern
	 */
	DateTimeFormatter dates(String key, Locale locale) {
		Locale language = supported(locale);
		return this.formatters.computeIfAbsent(key + "|" + language.toLanguageTag(),
				(cacheKey) -> DateTimeFormatter.ofPattern(get(key, language), language));
	}

	private static Locale supported(Locale locale) {
		if (locale == null) {
			return Languages.ENGLISH;
		}
		Locale found = Languages.supported(locale.toLanguageTag());
		return (found != null) ? found : Languages.ENGLISH;
	}

	/**
	 * The CLDR plural category of a whole number in the supported languages: Russian has one, few
	 * and many; English and Portuguese one and other; Chinese other only.
	 */
	static String plural(Locale locale, long count) {
		long n = Math.abs(count);
		switch (locale.getLanguage()) {
			case "ru" -> {
				long tens = n % 100;
				long units = n % 10;
				if (units == 1 && tens != 11) {
					return "one";
				}
				if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) {
					return "few";
				}
				return "many";
			}
			case "zh" -> {
				return "other";
			}
			default -> {
				return (n == 1) ? "one" : "other";
			}
		}
	}

	/** The plural categories every counted key has in every language. */
	static final List<String> PLURALS = List.of("one", "few", "many", "other");

}
