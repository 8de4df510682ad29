package policywatch.telegram;

import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;

import policywatch.delivery.SendResult;
import policywatch.testing.FakeTelegramApi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code editMessageText} through the real client against the fake Bot API.
 */
class TelegramAlertSenderEditTests {

	private FakeTelegramApi telegram;

	private TelegramAlertSender sender;

	@BeforeEach
	void start() {
		this.telegram = new FakeTelegramApi().start();
		OkHttpTelegramClient client = new OkHttpTelegramClient(this.telegram.token(),
				TelegramUrl.builder().schema("http").host("127.0.0.1").port(this.telegram.port()).build());
		this.sender = new TelegramAlertSender(client, new TelegramStatus(Clock.systemUTC()));
	}

	@AfterEach
	void stop() {
		this.telegram.close();
	}

	@Test
	void editsASentMessageAndTreatsAnUnchangedEditAsDone() {
		SendResult sent = this.sender.sendHtml(7, "<b>BRICS</b> payments");
		assertThat(sent).isInstanceOf(SendResult.Sent.class);
		long messageId = ((SendResult.Sent) sent).messageId();
		String edited = "<b>BRICS</b> payments\n\nAlso: <a href=\"https://wire.example/a\">Wire</a>";

		assertThat(this.sender.editHtml(7, messageId, edited)).isEqualTo(new SendResult.Sent(messageId));
		assertThat(this.sender.editHtml(7, messageId, edited)).as("not modified").isEqualTo(new SendResult.Sent(messageId));

		assertThat(this.telegram.editedMessages()).hasSize(1);
		assertThat(this.telegram.sentMessage(messageId).text()).isEqualTo(edited);
		assertThat(this.telegram.sentMessages()).hasSize(1);
	}

	@Test
	void refusedEditsAreNotRetried() {
		long messageId = ((SendResult.Sent) this.sender.sendHtml(7, "alert")).messageId();

		assertThat(this.sender.editHtml(7, messageId + 100, "alert, edited")).isInstanceOf(SendResult.PermanentFailure.class);
		assertThat(this.sender.editHtml(8, messageId, "alert, edited")).isInstanceOf(SendResult.PermanentFailure.class);
		assertThat(this.sender.editHtml(7, messageId, "<b>broken")).isInstanceOf(SendResult.BadMarkup.class);
		assertThat(this.telegram.editedMessages()).isEmpty();
	}

}
