package policywatch.text;

import java.util.List;
import java.util.Locale;

/**
 * The languages the bot speaks: English (the fallback), Chinese (simplified), Russian and
 * Portuguese. Maps a Telegram {@code language_code} or a {@code /language} argument (BCP 47,
 * any case, {@code _} or {@code -}) to one of them.
 */
public final class Languages {

	/** English, the language of every message key's fallback. */
	public static final Locale ENGLISH = Locale.ENGLISH;

	/** The supported languages, English first. */
	public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.CHINESE, Locale.forLanguageTag("ru"), Locale.forLanguageTag("pt"));

	private Languages() {
	}

	/**
	 * @param code a language code such as {@code pt-BR}, {@code zh-hans}, {@code ru}, or {@code null}
	 * @return the supported locale for it, or {@code null} when the code names no supported language
	 * (Chinese in traditional script included: the bot speaks simplified Chinese only)
	 */
	public static Locale supported(String code) {
		if (code == null) {
			return null;
		}
		String normalised = code.strip().replace('_', '-').toLowerCase(Locale.ROOT);
		if (normalised.isEmpty() || normalised.length() > 35) {
			return null;
		}
		int dash = normalised.indexOf('-');
		String language = (dash < 0) ? normalised : normalised.substring(0, dash);
		String rest = (dash < 0) ? "" : normalised.substring(dash + 1);
		if (language.equals("zh")) {
			boolean traditional = rest.startsWith("hant") || rest.equals("tw") || rest.equals("hk") || rest.equals("mo");
			return traditional ? null : Locale.CHINESE;
		}
		for (Locale locale : SUPPORTED) {
			if (locale.getLanguage().equals(language)) {
				return locale;
			}
		}
		return null;
	}

	/**
	 * @param chosen what the chat chose with {@code /language}, or {@code null}
	 * @param reported the {@code language_code} Telegram last reported, or {@code null}
	 * @return the locale to answer in: the chosen language, else the reported one, else English
	 */
	public static Locale resolve(String chosen, String reported) {
		Locale locale = supported(chosen);
		if (locale == null) {
			locale = supported(reported);
		}
		return (locale != null) ? locale : ENGLISH;
	}

}
