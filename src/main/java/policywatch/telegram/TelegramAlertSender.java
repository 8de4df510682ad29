package policywatch.telegram;

import java.time.Duration;
import java.util.Locale;

import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import policywatch.delivery.MessageTransport;
import policywatch.delivery.SendResult;

/**
 * Sends messages through the Bot API and turns every answer into a {@link SendResult}. Unpaced:
 * only the delivery module's pacer calls it.
 */
final class TelegramAlertSender implements MessageTransport {

	private final TelegramClient client;

	private final TelegramStatus status;

	TelegramAlertSender(TelegramClient client, TelegramStatus status) {
		this.client = client;
		this.status = status;
	}

	@Override
	public SendResult sendHtml(long chatId, String html) {
		return send(SendMessage.builder().chatId(chatId).text(html).parseMode("HTML").build());
	}

	@Override
	public SendResult sendHtml(long chatId, String html, policywatch.delivery.Keyboard keyboard) {
		SendMessage message = SendMessage.builder().chatId(chatId).text(html).parseMode("HTML").build();
		if (keyboard != null && !keyboard.isEmpty()) {
			message.setReplyMarkup(ButtonPresses.toMarkup(keyboard));
		}
		return send(message);
	}

	@Override
	public SendResult sendPlain(long chatId, String text) {
		return send(SendMessage.builder().chatId(chatId).text(text).build());
	}

	@Override
	public SendResult editHtml(long chatId, long messageId, String html) {
		EditMessageText edit = EditMessageText.builder()
			.chatId(chatId)
			.messageId(Math.toIntExact(messageId))
			.text(html)
			.parseMode("HTML")
			.linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(false).build())
			.build();
		try {
			this.client.execute(edit);
			this.status.succeeded();
			return new SendResult.Sent(messageId);
		}
		catch (TelegramApiRequestException ex) {
			String description = (ex.getApiResponse() != null) ? ex.getApiResponse() : String.valueOf(ex.getMessage());
			if (description.toLowerCase(Locale.ROOT).contains("message is not modified")) {
				return new SendResult.Sent(messageId);
			}
			return classify(ex.getErrorCode(), ex.getApiResponse(), ex.getParameters(), ex.getMessage());
		}
		catch (TelegramApiException | RuntimeException ex) {
			return new SendResult.TransientFailure(oneLine(ex));
		}
	}

	private SendResult send(SendMessage message) {
		message.setLinkPreviewOptions(LinkPreviewOptions.builder().isDisabled(false).build());
		try {
			Message sent = this.client.execute(message);
			this.status.succeeded();
			return new SendResult.Sent((sent != null && sent.getMessageId() != null) ? sent.getMessageId() : 0);
		}
		catch (TelegramApiRequestException ex) {
			return classify(ex.getErrorCode(), ex.getApiResponse(), ex.getParameters(), ex.getMessage());
		}
		catch (TelegramApiException ex) {
			return new SendResult.TransientFailure(oneLine(ex));
		}
		catch (RuntimeException ex) {
			return new SendResult.TransientFailure(oneLine(ex));
		}
	}

	static SendResult classify(Integer code, String description, ResponseParameters parameters, String message) {
		String text = (description != null) ? description : String.valueOf(message);
		String lower = text.toLowerCase(Locale.ROOT);
		if (parameters != null && parameters.getMigrateToChatId() != null) {
			return new SendResult.ChatMigrated(parameters.getMigrateToChatId());
		}
		if (code == null) {
			return new SendResult.TransientFailure(text);
		}
		if (code == 429) {
			int seconds = (parameters != null && parameters.getRetryAfter() != null) ? parameters.getRetryAfter() : 5;
			return new SendResult.RetryAfter(Duration.ofSeconds(Math.max(1, seconds)), false);
		}
		if (code == 403) {
			return new SendResult.ChatUnavailable(code + " " + text);
		}
		if (code == 400 && lower.contains("can't parse entities")) {
			return new SendResult.BadMarkup(text);
		}
		if (code == 400 && (lower.contains("chat not found") || lower.contains("deactivated")
				|| lower.contains("kicked") || lower.contains("peer_id_invalid") || lower.contains("not a member"))) {
			return new SendResult.ChatUnavailable(code + " " + text);
		}
		if (code >= 500 || code == 401 || code == 404 || code == 409) {
			// Server trouble, or a token/endpoint problem the admin will fix: keep the alert.
			return new SendResult.TransientFailure(code + " " + text);
		}
		return new SendResult.PermanentFailure(code + " " + text);
	}

	private static String oneLine(Exception ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		Throwable cause = ex.getCause();
		if (cause != null && cause.getMessage() != null) {
			message = message + ": " + cause.getMessage();
		}
		return message.replace('\n', ' ');
	}

}
