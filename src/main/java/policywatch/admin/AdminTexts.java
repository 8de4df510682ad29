package policywatch.admin;

import java.util.Locale;

import org.springframework.context.MessageSource;

import policywatch.text.Texts;

/**
 * The admin commands' texts ({@code bot.admin.*} in {@code messages/bot*.properties}) in the admin's language.
 * Keys under {@code bot.admin.report.} are plain text (the chat layer escapes them); the others are Telegram HTML.
 * Numbers are passed as plain digits, never grouped.
 */
final class AdminTexts {

	private final MessageSource messages;

	AdminTexts(MessageSource messages) {
		this.messages = messages;
	}

	String get(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, Texts.plainNumbers(args), (locale != null) ? locale : Locale.ENGLISH);
	}

}
