package policywatch.delivery;

/**
 * Outbound messages to chats. Implemented by the Telegram module; the delivery module decides
 * what to do with each outcome.
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
