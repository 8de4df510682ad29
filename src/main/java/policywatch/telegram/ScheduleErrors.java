package policywatch.telegram;

import java.util.Locale;

import policywatch.subscription.DigestSchedule;

/**
 * The subscription module's errors for a digest schedule or quiet hours ({@code /digest}, {@code /quiet}) in the
 * chat's language. An error this class does not know stays as it is (English).
 */
final class ScheduleErrors {

	private ScheduleErrors() {
	}

	/**
	 * @return the error as plain text (not yet escaped)
	 */
	static String translate(BotText text, Locale locale, String message) {
		if (message == null) {
			return "";
		}
		if (message.equals(DigestSchedule.FORMS)) {
			return text.get(locale, "bot.schedule.forms");
		}
		if (message.equals("expected a range like 22:00-07:00")) {
			return text.get(locale, "bot.schedule.range");
		}
		if (message.equals("the quiet hours start and end at the same time")) {
			return text.get(locale, "bot.schedule.sameTime");
		}
		if (message.startsWith("'")) {
			int end = message.lastIndexOf("' is not ");
			if (end > 0) {
				String value = message.substring(1, end);
				String rest = message.substring(end + "' is not ".length());
				String key = switch (rest) {
					case "a time like 08:00" -> "bot.schedule.notTime";
					case "a time of day (00:00 to 23:59)" -> "bot.schedule.notTimeOfDay";
					case "a day of the week (mon, tue, ... sun)" -> "bot.schedule.notDay";
					default -> null;
				};
				if (key != null) {
					return text.get(locale, key, value);
				}
			}
		}
		return message;
	}

}
