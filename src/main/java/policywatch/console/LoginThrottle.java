package policywatch.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Locks out an address after repeated failed logins: {@link #MAX_FAILURES} failures within
 * {@link #WINDOW} lock it for {@link #WINDOW} (a correct password is refused then too). Remembers
 * at most {@link #MAX_ADDRESSES} addresses, the oldest forgotten first. Thread-safe.
 */
final class LoginThrottle {

	static final int MAX_FAILURES = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final int MAX_ADDRESSES = 10_000;

	private final Clock clock;

	private final Map<String, Failures> failures = new LinkedHashMap<>();

	LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @return until when the address is locked out, or {@code null} when it may try
	 */
	synchronized Instant lockedUntil(String address) {
		Failures entry = this.failures.get(address);
		Instant now = this.clock.instant();
		if (entry == null || entry.count < MAX_FAILURES) {
			return null;
		}
		Instant until = entry.last.plus(WINDOW);
		if (!now.isBefore(until)) {
			this.failures.remove(address);
			return null;
		}
		return until;
	}

	synchronized void failed(String address) {
		Instant now = this.clock.instant();
		Failures entry = this.failures.get(address);
		if (entry == null || !now.isBefore(entry.first.plus(WINDOW)) && entry.count < MAX_FAILURES) {
			if (entry == null && this.failures.size() >= MAX_ADDRESSES) {
				forgetOldest(now);
			}
			entry = new Failures(now);
			this.failures.put(address, entry);
		}
		entry.count++;
		entry.last = now;
	}

	synchronized void succeeded(String address) {
		this.failures.remove(address);
	}

	synchronized int size() {
		return this.failures.size();
	}

	private void forgetOldest(Instant now) {
		this.failures.values().removeIf((entry) -> !now.isBefore(entry.last.plus(WINDOW)));
		Iterator<Failures> oldest = this.failures.values().iterator();
		while (this.failures.size() >= MAX_ADDRESSES && oldest.hasNext()) {
			oldest.next();
			oldest.remove();
		}
	}

	private static final class Failures {

		final Instant first;

		Instant last;

		int count;

		Failures(Instant first) {
			this.first = first;
			this.last = first;
		}

	}

}
