package policywatch.delivery;

/**
 * The Bot API's {@code sendMessage}, without any pacing: implemented by the Telegram module (or a
 * logger while the bot is off). Only {@link TelegramPacer} calls it; everything else sends through
 * the pacer.
 */
public interface MessageTransport {

	/**
	 * Sends a message formatted as Telegram HTML.
	 */
	SendResult sendHtml(long chatId, String html);

	/**
	 * Sends a message formatted as Telegram HTML with an inline keyboard under it.
	 * @param keyboard the buttons, or {@code null} for none
	 */
	default SendResult sendHtml(long chatId, String html, Keyboard keyboard) {
		return sendHtml(chatId, html);
	}

	/**
	 * Sends a plain-text message (no parse mode).
	 */
	SendResult sendPlain(long chatId, String text);

	/**
	 * Replaces the text of a message the bot sent ({@code editMessageText}), formatted as Telegram
	 * HTML. An edit that changes nothing counts as done.
	 */
	default SendResult editHtml(long chatId, long messageId, String html) {
		return new SendResult.PermanentFailure("editing messages is not supported");
	}

}
