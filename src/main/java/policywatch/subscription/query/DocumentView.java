package policywatch.subscription.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A document tokenised once for matching: per field, the tokens, their query-vocabulary ids and the positions of
 * each id. Used by one thread for one document.
 */
final class DocumentView {

	private final FieldView title;

	private final FieldView body;

	DocumentView(MatchDocument document, Vocabulary vocabulary) {
		this.title = new FieldView(Field.TITLE, document.title(), vocabulary);
		this.body = new FieldView(Field.BODY, document.body(), vocabulary);
	}

	FieldView field(Field field) {
		return (field == Field.TITLE) ? this.title : this.body;
	}

	/**
	 * One field of the document.
	 */
	static final class FieldView {

		private static final int[] NONE = new int[0];

		final Field field;

		final TextTokens tokens;

		/** Vocabulary id of each token, -1 when no query uses its key. */
		final int[] ids;

		/** Distinct ids, ascending. */
		final int[] distinctIds;

		/** Positions of {@code distinctIds[g]} are {@code positions[groupStart[g] .. groupStart[g + 1])}. */
		final int[] groupStart;

		final int[] positions;

		private Map<String, IntList> forms;

		FieldView(Field field, String text, Vocabulary vocabulary) {
			this.field = field;
			this.tokens = TextTokens.of(text);
			int size = this.tokens.size();
			this.ids = new int[size];
			long[] pairs = new long[size];
			int known = 0;
			for (int p = 0; p < size; p++) {
				int id = vocabulary.idOf(this.tokens.key(p));
				this.ids[p] = id;
				if (id >= 0) {
					pairs[known++] = ((long) id << 32) | p;
				}
			}
			Arrays.sort(pairs, 0, known);
			int[] distinct = new int[known];
			int[] starts = new int[known + 1];
			this.positions = new int[known];
			int groups = 0;
			int previous = -1;
			for (int i = 0; i < known; i++) {
				int id = (int) (pairs[i] >>> 32);
				if (id != previous) {
					distinct[groups] = id;
					starts[groups] = i;
					groups++;
					previous = id;
				}
				this.positions[i] = (int) pairs[i];
			}
			starts[groups] = known;
			this.distinctIds = Arrays.copyOf(distinct, groups);
			this.groupStart = Arrays.copyOf(starts, groups + 1);
		}

		int size() {
			return this.tokens.size();
		}

		/**
		 * @return the group of {@code id}, or -1 if the field does not contain it
		 */
		int group(int id) {
			int group = Arrays.binarySearch(this.distinctIds, id);
			return (group >= 0) ? group : -1;
		}

		/**
		 * Distinct token forms (not Chinese or Japanese characters) with their positions.
		 */
		Map<String, IntList> forms() {
			if (this.forms == null) {
				Map<String, IntList> map = new HashMap<>();
				for (int p = 0; p < this.tokens.size(); p++) {
					if (!this.tokens.cjk(p)) {
						map.computeIfAbsent(this.tokens.form(p), (form) -> new IntList(2)).add(p);
					}
				}
				this.forms = map;
			}
			return this.forms;
		}

		/**
		 * @return ascending positions of tokens whose form starts with {@code prefix}
		 */
		int[] prefixPositions(String prefix) {
			List<IntList> found = null;
			for (Map.Entry<String, IntList> entry : forms().entrySet()) {
				if (entry.getKey().startsWith(prefix)) {
					if (found == null) {
						found = new ArrayList<>();
					}
					found.add(entry.getValue());
				}
			}
			if (found == null) {
				return NONE;
			}
			if (found.size() == 1) {
				return found.get(0).toArray();
			}
			IntList all = new IntList();
			for (IntList list : found) {
				all.addAll(list);
			}
			all.sortUnique();
			return all.toArray();
		}

	}

}
