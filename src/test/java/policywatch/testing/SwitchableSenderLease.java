package policywatch.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import policywatch.cluster.SenderLease;

/**
 * A sender lease for unit tests: held or not as the test says, held by default.
 */
public final class SwitchableSenderLease implements SenderLease {

	private final List<Runnable> onAcquired = new CopyOnWriteArrayList<>();

	private volatile boolean held = true;

	@Override
	public boolean held() {
		return this.held;
	}

	@Override
	public Duration remaining() {
		return this.held ? Duration.ofSeconds(8) : Duration.ZERO;
	}

	@Override
	public String nodeId() {
		return "test-node";
	}

	@Override
	public void onAcquired(Runnable action) {
		this.onAcquired.add(action);
	}

	/** Takes or loses the lease; taking it runs the registered actions. */
	public void set(boolean held) {
		boolean acquired = held && !this.held;
		this.held = held;
		if (acquired) {
			this.onAcquired.forEach(Runnable::run);
		}
	}

}
