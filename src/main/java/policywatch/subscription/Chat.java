package policywatch.subscription;

/**
 * A Telegram chat that talks to the bot.
 *
 * @param id Telegram chat id
 * @param type private, group, supergroup or channel
 * @param title group title or user name, may be {@code null}
 * @param active false once the bot was blocked or removed
 * @param paused true while the chat asked for no alerts
 */
public record Chat(long id, String type, String title, boolean active, boolean paused) {

	public boolean deliverable() {
		return this.active && !this.paused;
	}

}
