package policywatch.query;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matcher's growable int list: growth, bulk add, removal, truncation (how match ranges are rolled back) and
 * sorting without duplicates (how candidate slots are merged).
 */
class IntListTests {

	@Test
	void growsFromAnyCapacity() {
		IntList list = new IntList(0);
		for (int i = 0; i < 1_000; i++) {
			list.add(i * 3);
		}
		assertThat(list.size()).isEqualTo(1_000);
		assertThat(list.get(0)).isZero();
		assertThat(list.get(999)).isEqualTo(2_997);
		assertThat(list.toArray()).hasSize(1_000).startsWith(0, 3, 6);
	}

	@Test
	void addAllAppendsAnotherList() {
		IntList list = new IntList(1);
		list.add(1);
		IntList other = new IntList();
		for (int i = 0; i < 100; i++) {
			other.add(i);
		}
		list.addAll(other);
		list.addAll(new IntList());
		assertThat(list.size()).isEqualTo(101);
		assertThat(list.get(0)).isEqualTo(1);
		assertThat(list.get(100)).isEqualTo(99);
	}

	@Test
	void removeValueTakesTheFirstOccurrenceOnly() {
		IntList list = new IntList();
		for (int value : new int[] { 5, 7, 5, 9 }) {
			list.add(value);
		}
		assertThat(list.removeValue(5)).isTrue();
		assertThat(list.removeValue(42)).isFalse();
		assertThat(list.size()).isEqualTo(3);
		assertThat(list.toArray()).containsExactlyInAnyOrder(7, 5, 9);
	}

	@Test
	void truncateAndClearRollBack() {
		IntList list = new IntList();
		list.add(1);
		list.add(2);
		int mark = list.size();
		list.add(3);
		list.add(4);
		list.truncate(mark);
		assertThat(list.toArray()).containsExactly(1, 2);
		list.add(5);
		assertThat(list.toArray()).containsExactly(1, 2, 5);
		list.clear();
		assertThat(list.isEmpty()).isTrue();
		assertThat(list.toArray()).isEmpty();
	}

	@Test
	void sortUniqueGivesTheDistinctValuesInOrder() {
		Random random = new Random(3);
		IntList list = new IntList();
		int[] values = new int[5_000];
		for (int i = 0; i < values.length; i++) {
			values[i] = random.nextInt(700) - 350;
			list.add(values[i]);
		}
		list.sortUnique();
		assertThat(list.toArray()).containsExactly(Arrays.stream(values).distinct().sorted().toArray());
		IntList single = new IntList();
		single.add(4);
		single.sortUnique();
		assertThat(single.toArray()).containsExactly(4);
	}

}
