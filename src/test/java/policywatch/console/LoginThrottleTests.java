package policywatch.console;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import policywatch.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed console logins per address: a lockout after five, lifted after fifteen minutes.
 */
class LoginThrottleTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(this.clock);

	@Test
	void locksAnAddressOutAfterFiveFailuresForFifteenMinutes() {
		for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
			this.throttle.failed("192.0.2.1");
			this.clock.advance(Duration.ofSeconds(10));
		}
		assertThat(this.throttle.lockedUntil("192.0.2.1")).isNull();

		this.throttle.failed("192.0.2.1");

		Instant until = this.throttle.lockedUntil("192.0.2.1");
		assertThat(until).isEqualTo(this.clock.instant().plus(LoginThrottle.WINDOW));
		assertThat(this.throttle.lockedUntil("192.0.2.2")).as("other addresses").isNull();
		this.clock.advance(LoginThrottle.WINDOW.minusSeconds(1));
		assertThat(this.throttle.lockedUntil("192.0.2.1")).isEqualTo(until);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.throttle.lockedUntil("192.0.2.1")).isNull();
		this.throttle.failed("192.0.2.1");
		assertThat(this.throttle.lockedUntil("192.0.2.1")).as("counting starts again").isNull();
	}

	@Test
	void failuresSpreadOverMoreThanTheWindowDoNotLockOut() {
		for (int i = 0; i < 3 * LoginThrottle.MAX_FAILURES; i++) {
			this.throttle.failed("192.0.2.1");
			this.clock.advance(LoginThrottle.WINDOW.dividedBy(LoginThrottle.MAX_FAILURES - 1));
			assertThat(this.throttle.lockedUntil("192.0.2.1")).isNull();
		}
	}

	@Test
	void aSuccessfulLoginForgetsTheFailures() {
		for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
			this.throttle.failed("192.0.2.1");
		}
		this.throttle.succeeded("192.0.2.1");
		this.throttle.failed("192.0.2.1");

		assertThat(this.throttle.lockedUntil("192.0.2.1")).isNull();
	}

	@Test
	void remembersABoundedNumberOfAddresses() {
		for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
			this.throttle.failed("198.51.100.1");
		}
		for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 10; i++) {
			this.throttle.failed("10.0." + (i / 256) + "." + (i % 256));
		}

		assertThat(this.throttle.size()).isLessThanOrEqualTo(LoginThrottle.MAX_ADDRESSES);
		assertThat(this.throttle.lockedUntil("198.51.100.1")).as("the oldest was forgotten").isNull();
	}

}
