package policywatch.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code telegram} in {@code /actuator/health}, from the last successful call to the Bot API
 * (the bot checks every {@link TelegramBot#HEARTBEAT} even when it is quiet):
 * <ul>
 * <li>UNKNOWN with {@code bot: off} when no token is set (alerts are logged instead);</li>
 * <li>UNKNOWN while the bot is starting and has neither succeeded nor failed yet;</li>
 * <li>UP when the last success is at most {@link #MAX_SILENCE} old;</li>
 * <li>DOWN when the Bot API never answered and a call failed, or the last success is older.</li>
 * </ul>
 * UNKNOWN does not change the overall status.
 */
@Component
class TelegramHealthIndicator implements HealthIndicator {

	/** Three missed heartbeats. */
	static final Duration MAX_SILENCE = TelegramBot.HEARTBEAT.multipliedBy(3);

	private final ObjectProvider<TelegramBot> bot;

	private final TelegramStatus status;

	private final Clock clock;

	TelegramHealthIndicator(ObjectProvider<TelegramBot> bot, TelegramStatus status, Clock clock) {
		this.bot = bot;
		this.status = status;
		this.clock = clock;
	}

	@Override
	public Health health() {
		TelegramBot bot = this.bot.getIfAvailable();
		if (bot == null) {
			return Health.unknown()
				.withDetail("bot", "off")
				.withDetail("reason", "policywatch.telegram.token is empty; alerts are logged instead of sent")
				.build();
		}
		Instant lastSuccess = this.status.lastSuccess();
		String lastError = bot.lastError();
		Health.Builder health;
		if (lastSuccess == null) {
			health = (lastError == null) ? Health.unknown().withDetail("bot", "starting") : Health.down();
		}
		else {
			Duration silence = Duration.between(lastSuccess, this.clock.instant());
			health = (silence.compareTo(MAX_SILENCE) <= 0) ? Health.up() : Health.down();
			health.withDetail("lastSuccess", lastSuccess.toString());
		}
		if (bot.botName() != null) {
			health.withDetail("bot", "@" + bot.botName());
		}
		health.withDetail("longPolling", bot.connected() ? "registered" : "not registered");
		if (lastError != null) {
			health.withDetail("lastError", lastError);
		}
		return health.build();
	}

}
