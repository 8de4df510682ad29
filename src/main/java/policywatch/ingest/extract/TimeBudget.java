package policywatch.ingest.extract;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time one extraction may take, checked cooperatively: the loops over a page's elements call
 * {@link #check()}, which looks at the clock every few hundred steps and throws
 * {@link Exceeded} once the budget is spent. The budget counts the extracting thread's CPU time
 * ({@link #threadCpuTime()}), so that a page is judged by the work it costs, not by how busy the
 * machine is. Not thread-safe: one per extraction.
 */
final class TimeBudget {

	/** Steps between two looks at the clock (a power of two, minus one). */
	private static final int MASK = 255;

	private final Duration budget;

	private final LongSupplier nanoTime;

	private final long deadline;

	private int steps;

	TimeBudget(Duration budget, LongSupplier nanoTime) {
		this.budget = budget;
		this.nanoTime = nanoTime;
		this.deadline = nanoTime.getAsLong() + budget.toNanos();
	}

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/**
	 * @return a clock reading the current thread's CPU time in nanoseconds, or the wall clock
	 * where the JVM cannot measure it
	 */
	static LongSupplier threadCpuTime() {
		if (THREADS.isCurrentThreadCpuTimeSupported()) {
			return THREADS::getCurrentThreadCpuTime;
		}
		return System::nanoTime;
	}

	/** A budget that never runs out. */
	static TimeBudget unlimited() {
		return new TimeBudget(Duration.ofDays(365), System::nanoTime);
	}

	/**
	 * @throws Exceeded when the budget is spent
	 */
	void check() {
		if ((++this.steps & MASK) == 0) {
			checkNow();
		}
	}

	/**
	 * @throws Exceeded when the budget is spent
	 */
	void checkNow() {
		if (this.nanoTime.getAsLong() - this.deadline > 0) {
			throw new Exceeded(this.budget);
		}
	}

	/** @return the clock reading past which the budget is spent (as {@link System#nanoTime()}) */
	long deadline() {
		return this.deadline;
	}

	Duration budget() {
		return this.budget;
	}

	/** The extraction took longer than its budget. */
	static final class Exceeded extends RuntimeException {

		Exceeded(Duration budget) {
			super("extraction took longer than its budget of " + budget.toMillis() + " ms", null, false, false);
		}

	}

}
