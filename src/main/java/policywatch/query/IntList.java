package policywatch.query;

import java.util.Arrays;

/**
 * A growable list of ints.
 */
final class IntList {

	private int[] values;

	private int size;

	IntList() {
		this(4);
	}

	IntList(int capacity) {
		this.values = new int[Math.max(1, capacity)];
	}

	void add(int value) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = value;
	}

	void addAll(IntList other) {
		int needed = this.size + other.size;
		if (needed > this.values.length) {
			this.values = Arrays.copyOf(this.values, Math.max(needed, this.values.length * 2));
		}
		System.arraycopy(other.values, 0, this.values, this.size, other.size);
		this.size = needed;
	}

	/**
	 * Removes one occurrence of {@code value}, not keeping order.
	 */
	boolean removeValue(int value) {
		for (int i = 0; i < this.size; i++) {
			if (this.values[i] == value) {
				this.values[i] = this.values[--this.size];
				return true;
			}
		}
		return false;
	}

	int get(int index) {
		return this.values[index];
	}

	void set(int index, int value) {
		this.values[index] = value;
	}

	int size() {
		return this.size;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	void clear() {
		this.size = 0;
	}

	void truncate(int size) {
		this.size = size;
	}

	/**
	 * Sorts the values and drops duplicates.
	 */
	void sortUnique() {
		if (this.size < 2) {
			return;
		}
		Arrays.sort(this.values, 0, this.size);
		int out = 1;
		for (int i = 1; i < this.size; i++) {
			if (this.values[i] != this.values[out - 1]) {
				this.values[out++] = this.values[i];
			}
		}
		this.size = out;
	}

	int[] toArray() {
		return Arrays.copyOf(this.values, this.size);
	}

}
