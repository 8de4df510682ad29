package policywatch.delivery;

/**
 * Sends a message to a chat within Telegram's limits. The one implementation is
 * {@link TelegramPacer}: every message the bot sends shares its budget. Calls block until the
 * message may go out.
 */
public interface AlertSender {

	/**
	 * Sends a message formatted as Telegram HTML.
	 */
	SendResult sendHtml(long chatId, String html);

	/**
	 * Sends a plain-text message (no parse mode).
	 */
	SendResult sendPlain(long chatId, String text);

}
