package policywatch.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * An inline keyboard described without the Telegram library: rows of buttons, each a label and
 * the opaque data that comes back when it is pressed. The Telegram module turns it into an
 * {@code InlineKeyboardMarkup}. Stored with an outbox row as text.
 *
 * @param rows the rows, top first
 */
public record Keyboard(List<List<Button>> rows) {

	private static final char ROW = '\n';

	private static final char BUTTON = '\t';

	private static final char FIELD = '\u001f';

	/**
	 * One button.
	 *
	 * @param label what it shows
	 * @param data what comes back when pressed (at most 64 bytes)
	 */
	public record Button(String label, String data) {
	}

	public Keyboard {
		rows = rows.stream().filter((row) -> !row.isEmpty()).map(List::copyOf).toList();
	}

	public boolean isEmpty() {
		return this.rows.isEmpty();
	}

	/**
	 * @return the keyboard as one string for the database
	 */
	public String encode() {
		StringBuilder text = new StringBuilder();
		for (List<Button> row : this.rows) {
			if (text.length() > 0) {
				text.append(ROW);
			}
			for (int i = 0; i < row.size(); i++) {
				text.append((i > 0) ? String.valueOf(BUTTON) : "").append(row.get(i).label()).append(FIELD)
					.append(row.get(i).data());
			}
		}
		return text.toString();
	}

	/**
	 * @param text what {@link #encode} wrote, or {@code null}
	 * @return the keyboard, or {@code null} for none
	 */
	public static Keyboard decode(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		List<List<Button>> rows = new ArrayList<>();
		for (String row : text.split(String.valueOf(ROW), -1)) {
			List<Button> buttons = new ArrayList<>();
			for (String button : row.split(String.valueOf(BUTTON), -1)) {
				int at = button.indexOf(FIELD);
				if (at > 0) {
					buttons.add(new Button(button.substring(0, at), button.substring(at + 1)));
				}
			}
			rows.add(buttons);
		}
		return new Keyboard(rows);
	}

}
