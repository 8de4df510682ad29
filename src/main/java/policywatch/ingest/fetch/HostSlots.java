package policywatch.ingest.fetch;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A semaphore per host, created on demand and dropped when nobody uses it.
 */
final class HostSlots {

	private final Map<String, Slot> slots = new HashMap<>();

	private final int perHost;

	HostSlots(int perHost) {
		this.perHost = perHost;
	}

	/**
	 * @return the acquired slot, or {@code null} when none was free within the timeout
	 */
	Slot acquire(String host, long timeout, TimeUnit unit) throws InterruptedException {
		Slot slot;
		synchronized (this) {
			slot = this.slots.computeIfAbsent(host, (key) -> new Slot(key, new Semaphore(this.perHost, true)));
			slot.users++;
		}
		boolean acquired = false;
		try {
			acquired = slot.semaphore.tryAcquire(timeout, unit);
		}
		finally {
			if (!acquired) {
				unuse(slot);
			}
		}
		return acquired ? slot : null;
	}

	void release(Slot slot) {
		slot.semaphore.release();
		unuse(slot);
	}

	synchronized int hostsInUse() {
		return this.slots.size();
	}

	private synchronized void unuse(Slot slot) {
		if (--slot.users == 0) {
			this.slots.remove(slot.host);
		}
	}

	static final class Slot {

		private final String host;

		private final Semaphore semaphore;

		private int users;

		Slot(String host, Semaphore semaphore) {
			this.host = host;
			this.semaphore = semaphore;
		}

	}

}
