package policywatch.telegram;

import java.time.Clock;
import java.time.Instant;

/**
 * When the Bot API last answered successfully (for health checks).
 */
final class TelegramStatus {

	private final Clock clock;

	private volatile Instant lastSuccess;

	TelegramStatus(Clock clock) {
		this.clock = clock;
	}

	void succeeded() {
		this.lastSuccess = this.clock.instant();
	}

	Instant lastSuccess() {
		return this.lastSuccess;
	}

}
