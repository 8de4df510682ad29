package policywatch.telegram;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;

import policywatch.delivery.SendResult;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramAlertSenderTests {

	@Test
	void tooManyRequestsWaitsRetryAfter() {
		assertThat(classify(429, "Too Many Requests: retry after 7", new ResponseParameters(null, 7)))
			.isEqualTo(new SendResult.RetryAfter(Duration.ofSeconds(7), false));
	}

	@Test
	void blockedOrMissingChatsAreUnavailable() {
		assertThat(classify(403, "Forbidden: bot was blocked by the user", null))
			.isInstanceOf(SendResult.ChatUnavailable.class);
		assertThat(classify(400, "Bad Request: chat not found", null)).isInstanceOf(SendResult.ChatUnavailable.class);
	}

	@Test
	void refusedMarkupIsBadMarkup() {
		assertThat(classify(400, "Bad Request: can't parse entities: Unsupported start tag", null))
			.isInstanceOf(SendResult.BadMarkup.class);
	}

	@Test
	void migratedGroupGivesItsNewId() {
		assertThat(classify(400, "Bad Request: group chat was upgraded to a supergroup chat",
				new ResponseParameters(-1001234L, null)))
			.isEqualTo(new SendResult.ChatMigrated(-1001234L));
	}

	@Test
	void serverErrorsAndUnknownAnswersAreRetried() {
		assertThat(classify(502, "Bad Gateway", null)).isInstanceOf(SendResult.TransientFailure.class);
		assertThat(classify(null, null, null)).isInstanceOf(SendResult.TransientFailure.class);
		assertThat(classify(401, "Unauthorized", null)).isInstanceOf(SendResult.TransientFailure.class);
	}

	@Test
	void otherRefusalsArePermanent() {
		assertThat(classify(400, "Bad Request: message text is empty", null))
			.isInstanceOf(SendResult.PermanentFailure.class);
	}

	private static SendResult classify(Integer code, String description, ResponseParameters parameters) {
		return TelegramAlertSender.classify(code, description, parameters, "message");
	}

}
