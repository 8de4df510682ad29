package policywatch.delivery;

import java.util.function.LongSupplier;

/**
 * A token bucket on a nanosecond clock. Not thread-safe: the pacer guards its buckets. A clock
 * that goes back never adds tokens (nor takes any away).
 */
final class TokenBucket {

	private final double tokensPerNano;

	private final double capacity;

	private final LongSupplier nanoTime;

	private double tokens;

	private long updatedAt;

	TokenBucket(double perSecond, double capacity, LongSupplier nanoTime) {
		this.tokensPerNano = perSecond / 1_000_000_000d;
		this.capacity = capacity;
		this.nanoTime = nanoTime;
		this.tokens = capacity;
		this.updatedAt = nanoTime.getAsLong();
	}

	/**
	 * Takes a token if one is available.
	 */
	boolean tryTake() {
		refill();
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

	/**
	 * @return nanoseconds until a token is available (0 when one is)
	 */
	long nanosUntilAvailable() {
		refill();
		return (this.tokens >= 1) ? 0 : (long) Math.ceil((1 - this.tokens) / this.tokensPerNano);
	}

	/**
	 * @return whether the bucket is full (it can be forgotten)
	 */
	boolean full() {
		refill();
		return this.tokens >= this.capacity;
	}

	private void refill() {
		long now = this.nanoTime.getAsLong();
		if (now > this.updatedAt) {
			this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.tokensPerNano);
			this.updatedAt = now;
		}
	}

}
