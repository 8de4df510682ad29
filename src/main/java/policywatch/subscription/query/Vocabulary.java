package policywatch.subscription.query;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the word keys that occur in queries, so documents and queries compare ints. Not thread-safe: the owning
 * matcher guards it.
 */
final class Vocabulary {

	private final Map<String, Integer> ids = new HashMap<>();

	int idOf(String key) {
		Integer id = this.ids.get(key);
		return (id != null) ? id : -1;
	}

	int intern(String key) {
		Integer id = this.ids.get(key);
		if (id == null) {
			id = this.ids.size();
			this.ids.put(key, id);
		}
		return id;
	}

	int size() {
		return this.ids.size();
	}

}
