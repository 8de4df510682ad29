package policywatch.delivery;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTests {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong now = new AtomicLong(5 * SECOND);

	@Test
	void startsFullAndHandsOutItsCapacityAtOnce() {
		TokenBucket bucket = new TokenBucket(1, 3, this.now::get);
		assertThat(bucket.full()).isTrue();
		assertThat(bucket.tryTake()).isTrue();
		assertThat(bucket.tryTake()).isTrue();
		assertThat(bucket.tryTake()).isTrue();
		assertThat(bucket.tryTake()).as("burst used up").isFalse();
		assertThat(bucket.full()).isFalse();
	}

	@Test
	void refillsAtItsRateAndSaysHowLongToWait() {
		TokenBucket bucket = new TokenBucket(4, 1, this.now::get);
		assertThat(bucket.tryTake()).isTrue();
		assertThat(bucket.nanosUntilAvailable()).isEqualTo(SECOND / 4);
		this.now.addAndGet(SECOND / 8);
		assertThat(bucket.nanosUntilAvailable()).isEqualTo(SECOND / 8);
		assertThat(bucket.tryTake()).isFalse();
		this.now.addAndGet(SECOND / 8);
		assertThat(bucket.nanosUntilAvailable()).isZero();
		assertThat(bucket.tryTake()).isTrue();
	}

	@Test
	void neverHoldsMoreThanItsCapacity() {
		TokenBucket bucket = new TokenBucket(10, 2, this.now::get);
		bucket.tryTake();
		bucket.tryTake();
		this.now.addAndGet(60 * SECOND);
		assertThat(bucket.full()).isTrue();
		assertThat(bucket.tryTake()).isTrue();
		assertThat(bucket.tryTake()).isTrue();
		assertThat(bucket.tryTake()).isFalse();
	}

	@Test
	void slowRatesWaitLong() {
		TokenBucket bucket = new TokenBucket(20 / 60d, 1, this.now::get);
		bucket.tryTake();
		assertThat(bucket.nanosUntilAvailable()).isEqualTo(3 * SECOND);
	}

	@Test
	void aClockThatGoesBackNeitherAddsNorRemovesTokens() {
		TokenBucket bucket = new TokenBucket(1, 1, this.now::get);
		bucket.tryTake();
		this.now.addAndGet(SECOND / 2);
		this.now.addAndGet(-10 * SECOND);
		assertThat(bucket.tryTake()).isFalse();
		this.now.addAndGet(10 * SECOND);
		assertThat(bucket.nanosUntilAvailable()).isEqualTo(SECOND / 2);
	}

}
