package policywatch.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import policywatch.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class TelegramHealthIndicatorTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));

	private final TelegramStatus status = new TelegramStatus(this.clock);

	private final TelegramBot bot = mock(TelegramBot.class);

	@Test
	void botOffIsUnknownWithTheReason() {
		Health health = new TelegramHealthIndicator(new StaticListableBeanFactory().getBeanProvider(TelegramBot.class),
				this.status, this.clock)
			.health();

		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("bot", "off");
	}

	@Test
	void upWhileTheBotApiAnswersDownWhenItFallsSilent() {
		TelegramHealthIndicator indicator = indicator();
		given(this.bot.connected()).willReturn(false);
		assertThat(indicator.health().getStatus()).as("starting").isEqualTo(Status.UNKNOWN);

		given(this.bot.lastError()).willReturn("Unable to execute getMe: connection refused");
		Health unreachable = indicator.health();
		assertThat(unreachable.getStatus()).as("never answered, and failed").isEqualTo(Status.DOWN);
		assertThat(unreachable.getDetails()).containsEntry("lastError", "Unable to execute getMe: connection refused")
			.containsEntry("longPolling", "not registered");

		this.status.succeeded();
		given(this.bot.connected()).willReturn(true);
		given(this.bot.botName()).willReturn("policywatch_bot");
		Health up = indicator.health();
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).containsEntry("bot", "@policywatch_bot")
			.containsEntry("lastSuccess", "2026-11-20T08:00:00Z")
			.containsEntry("longPolling", "registered");

		this.clock.advance(TelegramHealthIndicator.MAX_SILENCE);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(indicator.health().getStatus()).as("three heartbeats missed").isEqualTo(Status.DOWN);
	}

	private TelegramHealthIndicator indicator() {
		return new TelegramHealthIndicator(
				new StaticListableBeanFactory(Map.of("telegramBot", this.bot)).getBeanProvider(TelegramBot.class),
				this.status, this.clock);
	}

}
