package policywatch.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * What the inline buttons do and how a keyboard looks once one was pressed. The Telegram module
 * applies the change; this class only knows the letters and labels. The labels come from the
 * {@code messages/alerts} bundles ({@code alerts.button.*}) in the chat's language: pass the
 * application's {@link MessageSource} and the chat's locale; the overloads without them label in
 * English.
 */
public final class ButtonActions {

	/** Mute the subscription for 24 hours. */
	public static final char MUTE = 'm';

	/** End a mute. */
	public static final char UNMUTE = 'x';

	/** Remove the subscription. */
	public static final char UNSUBSCRIBE = 'u';

	/** Instant alerts. */
	public static final char INSTANT = 'i';

	/** A daily digest at 08:00. */
	public static final char DAILY = 'd';

	/** A weekly digest on Monday at 08:00. */
	public static final char WEEKLY = 'w';

	/** A button that only shows what was done. */
	public static final char DONE = 'n';

	/** The schedule the "Daily digest" button sets. */
	public static final String DAILY_SCHEDULE = "daily 08:00";

	/** The schedule the "Weekly digest" button sets. */
	public static final String WEEKLY_SCHEDULE = "weekly mon 08:00";

	private ButtonActions() {
	}

	private static AlertTexts texts(MessageSource messages) {
		return new AlertTexts(messages);
	}

	/**
	 * A button's label in a chat's language.
	 * @param action {@link #MUTE}, {@link #UNMUTE} (what a muted row shows: "Muted 24 h ✓ · Undo"),
	 * {@link #UNSUBSCRIBE}, {@link #DONE} ("Unsubscribed ✓"), {@link #INSTANT}, {@link #DAILY} or
	 * {@link #WEEKLY}
	 * @param messages the application's message source
	 * @param locale the chat's locale (unsupported ones read English)
	 * @return the label, without a tick or a subscription number
	 */
	public static String label(char action, MessageSource messages, Locale locale) {
		return texts(messages).get(key(action), locale);
	}

	private static String key(char action) {
		return switch (action) {
			case MUTE -> "alerts.button.mute";
			case UNMUTE -> "alerts.button.muted";
			case UNSUBSCRIBE -> "alerts.button.unsubscribe";
			case DONE -> "alerts.button.unsubscribed";
			case INSTANT -> "alerts.button.instant";
			case DAILY -> "alerts.button.daily";
			case WEEKLY -> "alerts.button.weekly";
			default -> throw new IllegalArgumentException("No button for action " + action);
		};
	}

	/**
	 * The keyboard under a {@code /subscribe} confirmation: Instant · Daily digest · Weekly digest,
	 * the current one ticked.
	 * @param current {@link #INSTANT}, {@link #DAILY} or {@link #WEEKLY}
	 * @param messages the application's message source
	 * @param locale the chat's locale
	 */
	public static Keyboard modeButtons(ButtonTokens tokens, long chatId, long subscriptionId, char current,
			MessageSource messages, Locale locale) {
		AlertTexts texts = texts(messages);
		List<Keyboard.Button> row = new ArrayList<>();
		for (char action : new char[] { INSTANT, DAILY, WEEKLY }) {
			String label = texts.get(key(action), locale);
			row.add(new Keyboard.Button(((action == current) ? "✓ " : "") + label,
					tokens.data(action, chatId, subscriptionId)));
		}
		return new Keyboard(List.of(row));
	}

	/**
	 * The keyboard once a press was applied: the row of the pressed subscription shows the new
	 * state; other rows stay.
	 * @param keyboard the keyboard that was pressed
	 * @param press what was pressed
	 * @return the keyboard to show
	 * @param messages the application's message source
	 * @param locale the chat's locale
	 */
	public static Keyboard after(Keyboard keyboard, ButtonTokens tokens, long chatId, ButtonTokens.Press press,
			MessageSource messages, Locale locale) {
		AlertTexts texts = texts(messages);
		long id = press.subscriptionId();
		char action = press.action();
		if (action == INSTANT || action == DAILY || action == WEEKLY) {
			return modeButtons(tokens, chatId, id, action, messages, locale);
		}
		String mute = texts.get(key(MUTE), locale);
		String muted = texts.get(key(UNMUTE), locale);
		String unsubscribe = texts.get(key(UNSUBSCRIBE), locale);
		String unsubscribed = texts.get(key(DONE), locale);
		List<List<Keyboard.Button>> rows = new ArrayList<>();
		for (List<Keyboard.Button> row : keyboard.rows()) {
			ButtonTokens.Press first = tokens.verify(chatId, row.get(0).data());
			if (first == null || first.subscriptionId() != id) {
				rows.add(row);
				continue;
			}
			String suffix = suffix(row.get(0).label());
			switch (action) {
				case MUTE -> rows.add(List.of(new Keyboard.Button(muted + suffix, tokens.data(UNMUTE, chatId, id)),
						new Keyboard.Button(unsubscribe + suffix, tokens.data(UNSUBSCRIBE, chatId, id))));
				case UNMUTE -> rows.add(List.of(new Keyboard.Button(mute + suffix, tokens.data(MUTE, chatId, id)),
						new Keyboard.Button(unsubscribe + suffix, tokens.data(UNSUBSCRIBE, chatId, id))));
				case UNSUBSCRIBE -> rows.add(List.of(new Keyboard.Button(unsubscribed + suffix, tokens.data(DONE, chatId, id))));
				default -> rows.add(row);
			}
		}
		return new Keyboard(rows);
	}

	/**
	 * @return the " #12" a label carries when an alert has buttons for several subscriptions
	 */
	private static String suffix(String label) {
		int at = label.lastIndexOf(" #");
		return (at >= 0) ? label.substring(at) : "";
	}

}
