package policywatch.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matcher's primitive map: it must behave like a {@code HashMap<Long, V>}, including for key 0, for keys whose
 * probe sequences collide and wrap around the table, and across growth and backward-shift removal.
 */
class LongObjectMapTests {

	@Test
	void putGetReplaceAndRemove() {
		LongObjectMap<String> map = new LongObjectMap<>();
		assertThat(map.isEmpty()).isTrue();
		assertThat(map.get(7)).isNull();
		map.put(7, "seven");
		map.put(-7, "minus seven");
		map.put(7, "SEVEN");
		assertThat(map.get(7)).isEqualTo("SEVEN");
		assertThat(map.get(-7)).isEqualTo("minus seven");
		assertThat(map.isEmpty()).isFalse();
		map.remove(7);
		map.remove(12345);
		assertThat(map.get(7)).isNull();
		map.remove(-7);
		assertThat(map.isEmpty()).isTrue();
	}

	@Test
	void zeroIsAKeyLikeAnyOther() {
		LongObjectMap<String> map = new LongObjectMap<>();
		map.put(0, "zero");
		assertThat(map.get(0)).isEqualTo("zero");
		assertThat(map.isEmpty()).isFalse();
		map.put(0, "again");
		map.remove(0);
		assertThat(map.get(0)).isNull();
		assertThat(map.isEmpty()).isTrue();
	}

	@Test
	void collidingKeysSurviveRemovalsInTheMiddleOfTheirProbeSequence() {
		LongObjectMap<Long> map = new LongObjectMap<>();
		// all share their low bits, so they land in one run of slots, which wraps around the table's end
		List<Long> keys = new ArrayList<>();
		for (long i = 1; i <= 7; i++) {
			keys.add((i << 40) | 15);
		}
		keys.forEach((key) -> map.put(key, key));
		map.remove(keys.get(1));
		map.remove(keys.get(4));
		for (int i = 0; i < keys.size(); i++) {
			assertThat(map.get(keys.get(i))).as("key %d", i).isEqualTo((i == 1 || i == 4) ? null : keys.get(i));
		}
	}

	@Test
	void behavesLikeAHashMapUnderRandomOperations() {
		Random random = new Random(11);
		LongObjectMap<Integer> map = new LongObjectMap<>();
		Map<Long, Integer> model = new HashMap<>();
		for (int step = 0; step < 200_000; step++) {
			// a small key space with low-bit collisions and zero, so that replacing and removing is frequent
			long key = (random.nextInt(4) == 0) ? random.nextInt(3) : ((long) random.nextInt(2_000) << 20);
			switch (random.nextInt(3)) {
				case 0, 1 -> {
					map.put(key, step);
					model.put(key, step);
				}
				default -> {
					map.remove(key);
					model.remove(key);
				}
			}
			if (step % 1_000 == 0) {
				for (long probe = 0; probe < 2_000; probe++) {
					long k = probe << 20;
					assertThat(map.get(k)).as("step %d key %d", step, k).isEqualTo(model.get(k));
				}
				assertThat(map.isEmpty()).isEqualTo(model.isEmpty());
			}
		}
		model.forEach((key, value) -> assertThat(map.get(key)).isEqualTo(value));
	}

}
