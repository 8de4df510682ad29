package policywatch.telegram;

import policywatch.delivery.MessageTransport;
import policywatch.delivery.SendResult;

/**
 * The sender while the bot is off: the delivery module logs each alert instead.
 */
final class LoggingAlertSender implements MessageTransport {

	@Override
	public SendResult sendHtml(long chatId, String html) {
		return new SendResult.Logged();
	}

	@Override
	public SendResult sendPlain(long chatId, String text) {
		return new SendResult.Logged();
	}

	@Override
	public SendResult editHtml(long chatId, long messageId, String html) {
		return new SendResult.Logged();
	}

}
