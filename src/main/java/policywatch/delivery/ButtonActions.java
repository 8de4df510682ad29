package policywatch.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * What the inline buttons do and how a keyboard looks once one was pressed. The Telegram module
 * applies the change; this class only knows the letters and labels.
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

	/**
	 * The keyboard under a {@code /subscribe} confirmation: Instant · Daily digest · Weekly digest,
	 * the current one ticked.
	 * @param current {@link #INSTANT}, {@link #DAILY} or {@link #WEEKLY}
	 */
	public static Keyboard modeButtons(ButtonTokens tokens, long chatId, long subscriptionId, char current) {
		List<Keyboard.Button> row = new ArrayList<>();
		for (char action : new char[] { INSTANT, DAILY, WEEKLY }) {
			String label = switch (action) {
				case INSTANT -> "Instant";
				case DAILY -> "Daily digest";
				default -> "Weekly digest";
			};
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
	 */
	public static Keyboard after(Keyboard keyboard, ButtonTokens tokens, long chatId, ButtonTokens.Press press) {
		long id = press.subscriptionId();
		char action = press.action();
		if (action == INSTANT || action == DAILY || action == WEEKLY) {
			return modeButtons(tokens, chatId, id, action);
		}
		List<List<Keyboard.Button>> rows = new ArrayList<>();
		for (List<Keyboard.Button> row : keyboard.rows()) {
			ButtonTokens.Press first = tokens.verify(chatId, row.get(0).data());
			if (first == null || first.subscriptionId() != id) {
				rows.add(row);
				continue;
			}
			String suffix = suffix(row.get(0).label());
			switch (action) {
				case MUTE -> rows.add(List.of(new Keyboard.Button("Muted 24 h ✓ · Undo" + suffix, tokens.data(UNMUTE, chatId, id)),
						new Keyboard.Button("Unsubscribe" + suffix, tokens.data(UNSUBSCRIBE, chatId, id))));
				case UNMUTE -> rows.add(List.of(new Keyboard.Button("Mute 24 h" + suffix, tokens.data(MUTE, chatId, id)),
						new Keyboard.Button("Unsubscribe" + suffix, tokens.data(UNSUBSCRIBE, chatId, id))));
				case UNSUBSCRIBE -> rows.add(List.of(new Keyboard.Button("Unsubscribed ✓" + suffix, tokens.data(DONE, chatId, id))));
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
