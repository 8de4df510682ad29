package policywatch.telegram;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import policywatch.delivery.DeliveryPreferences;
import policywatch.text.Languages;
import policywatch.text.Texts;

/**
 * The bot's texts ({@code messages/bot*.properties}, keys {@code bot.*}) and each chat's language:
 * what the chat chose with {@code /language}, else the {@code language_code} Telegram last reported
 * for someone writing in it, else English. Numbers are passed to the bundles as plain text, so that
 * an id like 12345 never becomes "12,345".
 */
@Component
class BotText {

	private static final Logger logger = LoggerFactory.getLogger(BotText.class);

	private final MessageSource messages;

	/** {@code null} in unit tests without storage: every chat is English. */
	private final DeliveryPreferences preferences;

	BotText(MessageSource messages, DeliveryPreferences preferences) {
		this.messages = messages;
		this.preferences = preferences;
	}

	/**
	 * @return the text under {@code key} in {@code locale} (English when the language lacks it), with the
	 * arguments filled in; numbers as plain digits
	 */
	String get(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, Texts.plainNumbers(args), locale);
	}

	/**
	 * @return the application's message source, for labels the delivery module renders
	 */
	MessageSource messages() {
		return this.messages;
	}

	/**
	 * @return the language this chat is answered in; English when it cannot be read
	 */
	Locale locale(long chatId) {
		if (this.preferences == null) {
			return Languages.ENGLISH;
		}
		try {
			return this.preferences.locale(chatId);
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to read chat language chat={} reason={}", chatId, TelegramBot.oneLine(ex));
			return Languages.ENGLISH;
		}
	}

	/**
	 * Records the {@code language_code} Telegram reported for someone writing in a chat (a write only when
	 * it changed), then returns the chat's language.
	 */
	Locale reported(long chatId, String languageCode) {
		if (this.preferences == null || languageCode == null) {
			return locale(chatId);
		}
		try {
			return this.preferences.reportedLanguage(chatId, languageCode);
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to record chat language chat={} reason={}", chatId, TelegramBot.oneLine(ex));
			return locale(chatId);
		}
	}

	/**
	 * Sets or clears ({@code null}) the language a chat chose.
	 */
	void choose(long chatId, Locale language) {
		if (this.preferences == null) {
			throw new IllegalStateException("no storage for languages");
		}
		this.preferences.setLanguage(chatId, language);
	}

	/**
	 * @return the language a chat chose with {@code /language}, or {@code null}
	 */
	Locale chosen(long chatId) {
		return (this.preferences != null) ? this.preferences.chosenLanguage(chatId) : null;
	}

}
