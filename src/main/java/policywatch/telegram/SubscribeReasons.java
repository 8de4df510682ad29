package policywatch.telegram;

import java.util.Locale;

import policywatch.subscription.SubscriptionLimits;

/**
 * The subscription module's refusals of {@code /subscribe} that only it can decide (the limits per chat and per
 * person), in the chat's language. Query errors are found and translated before (see
 * {@link ArchiveReplies#problem}); a reason this class does not know stays as it is.
 */
final class SubscribeReasons {

	private SubscribeReasons() {
	}

	static String translate(BotText text, Locale locale, String reason) {
		if (reason.startsWith("Tell me what to watch for")) {
			return text.get(locale, "bot.subscribe.empty");
		}
		String number = numberAfter(reason, "This chat already has ");
		if (number != null) {
			return text.get(locale, "bot.subscribe.chatLimit", number);
		}
		number = numberAfter(reason, "You already have ");
		if (number != null) {
			return text.get(locale, "bot.subscribe.userLimit", number);
		}
		number = numberAfter(reason, "The chat's subscriptions would have ");
		if (number != null) {
			return text.get(locale, "bot.subscribe.chatPrefixes", number, SubscriptionLimits.MAX_PREFIXES_PER_CHAT);
		}
		return reason;
	}

	/**
	 * @return the digits right after {@code prefix} when {@code text} starts with it, else {@code null}
	 */
	private static String numberAfter(String text, String prefix) {
		if (!text.startsWith(prefix)) {
			return null;
		}
		int end = prefix.length();
		while (end < text.length() && end - prefix.length() < 10 && Character.isDigit(text.charAt(end))) {
			end++;
		}
		return (end > prefix.length()) ? text.substring(prefix.length(), end) : null;
	}

}
