package policywatch.query;

// Frozen copy of the production DocumentView as of commit b6d9186, kept in test scope only so that MatcherBenchmark can
// measure today's matcher side by side with the current one. Do not change it; do not use it outside benchmarks.

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A document tokenised once for matching: per field, the tokens, their query-vocabulary ids and the positions of
 * each id. Used by one thread for one document.
 */
final class BaselineDocumentView {

	private final FieldView title;

	private final FieldView body;

	BaselineDocumentView(MatchDocument document, BaselineVocabulary vocabulary) {
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

		final BaselineTextTokens tokens;

		/** BaselineVocabulary id of each token, -1 when no query uses its key. */
		final int[] ids;

		/** Distinct ids, in order of first appearance; {@code distinctIds[g]} is the id of group {@code g}. */
		final int[] distinctIds;

		/** Positions of {@code distinctIds[g]} are {@code positions[groupStart[g] .. groupStart[g + 1])}. */
		final int[] groupStart;

		final int[] positions;

		/** Open-addressing table from id to group, for constant-time {@link #group}. */
		private final int[] tableIds;

		private final int[] tableGroups;

		private Map<String, int[]> prefixes;

		/** The distinct forms, sorted, once a prefix is looked up. */
		private String[] sortedForms;

		/** Positions of {@code sortedForms[i]} are {@code formPositions[formStart[i] .. formStart[i + 1])}. */
		private int[] formStart;

		private int[] formPositions;

		FieldView(Field field, String text, BaselineVocabulary vocabulary) {
			this.field = field;
			this.tokens = BaselineTextTokens.of(text);
			int size = this.tokens.size();
			int distinctCount = this.tokens.distinctCount();
			// number the query-vocabulary ids present, in order of first appearance ("groups")
			int capacity = Integer.highestOneBit(Math.max(4, distinctCount * 2)) * 2;
			this.tableIds = new int[capacity];
			this.tableGroups = new int[capacity];
			this.shift = 32 - Integer.numberOfTrailingZeros(capacity);
			Arrays.fill(this.tableIds, -1);
			int mask = capacity - 1;
			int[] groupOfDistinct = new int[distinctCount];
			int[] groupIds = new int[distinctCount];
			int groups = 0;
			for (int d = 0; d < distinctCount; d++) {
				int id = vocabulary.idOf(this.tokens.distinctKey(d));
				if (id < 0) {
					groupOfDistinct[d] = -1;
					continue;
				}
				int slot = mix(id) >>> this.shift;
				while (this.tableIds[slot] >= 0 && this.tableIds[slot] != id) {
					slot = (slot + 1) & mask;
				}
				if (this.tableIds[slot] < 0) {
					this.tableIds[slot] = id;
					this.tableGroups[slot] = groups;
					groupIds[groups++] = id;
				}
				groupOfDistinct[d] = this.tableGroups[slot];
			}
			// positions grouped by id, ascending within each group (counting sort)
			this.ids = new int[size];
			int[] tokenGroup = new int[size];
			int[] starts = new int[groups + 1];
			for (int p = 0; p < size; p++) {
				int group = groupOfDistinct[this.tokens.distinct(p)];
				tokenGroup[p] = group;
				if (group >= 0) {
					this.ids[p] = groupIds[group];
					starts[group + 1]++;
				}
				else {
					this.ids[p] = -1;
				}
			}
			for (int g = 0; g < groups; g++) {
				starts[g + 1] += starts[g];
			}
			this.positions = new int[starts[groups]];
			int[] cursor = Arrays.copyOf(starts, groups);
			for (int p = 0; p < size; p++) {
				int group = tokenGroup[p];
				if (group >= 0) {
					this.positions[cursor[group]++] = p;
				}
			}
			this.distinctIds = Arrays.copyOf(groupIds, groups);
			this.groupStart = starts;
		}

		private static int mix(int id) {
			return id * 0x9E3779B9;
		}

		private final int shift;

		int size() {
			return this.tokens.size();
		}

		/**
		 * @return the group of {@code id}, or -1 if the field does not contain it
		 */
		int group(int id) {
			int mask = this.tableIds.length - 1;
			for (int slot = mix(id) >>> this.shift;; slot = (slot + 1) & mask) {
				int found = this.tableIds[slot];
				if (found == id) {
					return this.tableGroups[slot];
				}
				if (found < 0) {
					return -1;
				}
			}
		}

		/**
		 * @return ascending positions of tokens (not Chinese or Japanese characters) whose form starts with
		 * {@code prefix}; looked up in the field's sorted distinct forms (a binary search and the range of forms
		 * sharing the prefix), so that a query with many prefixes costs no scan of the text per prefix
		 */
		int[] prefixPositions(String prefix) {
			if (this.prefixes == null) {
				this.prefixes = new HashMap<>();
				sortForms();
			}
			int[] cached = this.prefixes.get(prefix);
			if (cached != null) {
				return cached;
			}
			int first = Arrays.binarySearch(this.sortedForms, prefix);
			first = (first >= 0) ? first : -first - 1;
			int last = first;
			while (last < this.sortedForms.length && this.sortedForms[last].startsWith(prefix)) {
				last++;
			}
			int[] positions;
			if (first == last) {
				positions = NONE;
			}
			else {
				positions = Arrays.copyOfRange(this.formPositions, this.formStart[first], this.formStart[last]);
				if (last - first > 1) {
					Arrays.sort(positions);
				}
			}
			this.prefixes.put(prefix, positions);
			return positions;
		}

		/**
		 * Sorts the field's distinct forms (not Chinese or Japanese characters) once, with the positions of each.
		 */
		private void sortForms() {
			Map<String, BaselineIntList> byForm = new HashMap<>();
			for (int p = 0; p < this.tokens.size(); p++) {
				if (!this.tokens.cjk(p)) {
					byForm.computeIfAbsent(this.tokens.form(p), (form) -> new BaselineIntList(2)).add(p);
				}
			}
			this.sortedForms = byForm.keySet().toArray(new String[0]);
			Arrays.sort(this.sortedForms);
			this.formStart = new int[this.sortedForms.length + 1];
			int total = 0;
			for (int i = 0; i < this.sortedForms.length; i++) {
				this.formStart[i] = total;
				total += byForm.get(this.sortedForms[i]).size();
			}
			this.formStart[this.sortedForms.length] = total;
			this.formPositions = new int[total];
			for (int i = 0; i < this.sortedForms.length; i++) {
				BaselineIntList positions = byForm.get(this.sortedForms[i]);
				for (int k = 0; k < positions.size(); k++) {
					this.formPositions[this.formStart[i] + k] = positions.get(k);
				}
			}
		}

	}

}
