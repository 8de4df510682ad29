package policywatch.query;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A document tokenised once for matching: per field, the tokens, their query-vocabulary ids and the positions of
 * each id. Used by one thread for one document.
 */
final class DocumentView {

	private final FieldView title;

	private final FieldView body;

	/** Sum of values read ahead of use (see {@link Vocabulary#touch}), kept so that the reads stay. */
	long touched;

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

		/** Distinct ids, in order of first appearance; {@code distinctIds[g]} is the id of group {@code g}. */
		final int[] distinctIds;

		/** Positions of {@code distinctIds[g]} are {@code positions[groupStart[g] .. groupStart[g + 1])}. */
		final int[] groupStart;

		final int[] positions;

		/** Open-addressing table from id to group, for constant-time {@link #group}. */
		private final int[] tableIds;

		private final int[] tableGroups;

		private Map<String, int[]> prefixes;

		/** See {@link Vocabulary#touch}. */
		@SuppressWarnings("unused")
		private final long touched;

		/** Once a prefix is looked up: positions of distinct form {@code d} (not Chinese or Japanese characters) are
		 * {@code formPositions[formStart[d] .. formStart[d + 1])}, ascending. */
		private int[] formStart;

		private int[] formPositions;

		/** Open-addressing table from the first characters of a form ({@link #bucketKey}) to a chain of distinct
		 * forms: {@code bucketHeads[slot]}, then {@code nextInBucket[d]} until -1. */
		private long[] bucketKeys;

		private int[] bucketHeads;

		private int[] nextInBucket;

		FieldView(Field field, String text, Vocabulary vocabulary) {
			this.field = field;
			this.tokens = TextTokens.of(text);
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
			this.touched = vocabulary.touch(this.tokens);
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
		 * {@code prefix}. The first {@link #SCANNED_PREFIXES} prefixes are found by a scan of the field's distinct
		 * forms; after them the forms are filed once, under their first
		 * {@link QueryParser#MIN_PREFIX} characters (a hash table, no sorting); a look-up then reads only the
		 * forms sharing those characters, so that a query with many prefixes costs no scan of the text per prefix.
		 */
		int[] prefixPositions(String prefix) {
			if (this.prefixes == null) {
				this.prefixes = new HashMap<>();
			}
			int[] cached = this.prefixes.get(prefix);
			if (cached != null) {
				return cached;
			}
			if (this.formStart == null && this.prefixes.size() < SCANNED_PREFIXES) {
				// the first few prefixes of a field: a scan costs less than filing the forms
				int[] positions = scanPrefix(prefix);
				this.prefixes.put(prefix, positions);
				return positions;
			}
			if (this.formStart == null) {
				fileForms();
			}
			IntList forms = new IntList(4);
			if (prefix.length() >= BUCKET_CHARS) {
				int mask = this.bucketKeys.length - 1;
				long key = bucketKey(prefix);
				for (int slot = bucketSlot(key, mask);; slot = (slot + 1) & mask) {
					if (this.bucketKeys[slot] == key) {
						for (int d = this.bucketHeads[slot]; d >= 0; d = this.nextInBucket[d]) {
							if (this.tokens.distinctForm(d).startsWith(prefix)) {
								forms.add(d);
							}
						}
						break;
					}
					if (this.bucketKeys[slot] == 0) {
						break;
					}
				}
			}
			else {
				for (int d = 0; d < this.formStart.length - 1; d++) {
					if (this.formStart[d + 1] > this.formStart[d]
							&& this.tokens.distinctForm(d).startsWith(prefix)) {
						forms.add(d);
					}
				}
			}
			int[] positions;
			if (forms.isEmpty()) {
				positions = NONE;
			}
			else if (forms.size() == 1) {
				int d = forms.get(0);
				positions = Arrays.copyOfRange(this.formPositions, this.formStart[d], this.formStart[d + 1]);
			}
			else {
				IntList all = new IntList(16);
				for (int i = 0; i < forms.size(); i++) {
					int d = forms.get(i);
					for (int k = this.formStart[d]; k < this.formStart[d + 1]; k++) {
						all.add(this.formPositions[k]);
					}
				}
				positions = all.toArray();
				Arrays.sort(positions);
			}
			this.prefixes.put(prefix, positions);
			return positions;
		}

		/** Prefixes looked up by a scan of the field's forms before they are filed. */
		private static final int SCANNED_PREFIXES = 2;

		/**
		 * @return what {@link #prefixPositions} gives, from a scan of the distinct forms and then of the tokens
		 */
		private int[] scanPrefix(String prefix) {
			int distinctCount = this.tokens.distinctCount();
			int first = -1;
			int forms = 0;
			boolean[] chosen = null;
			for (int d = 0; d < distinctCount; d++) {
				if (this.tokens.distinctForm(d).startsWith(prefix) && !this.tokens.cjk(this.tokens.distinctFirst(d))) {
					if (forms == 1) {
						chosen = new boolean[distinctCount];
						chosen[first] = true;
					}
					if (forms >= 1) {
						chosen[d] = true;
					}
					else {
						first = d;
					}
					forms++;
				}
			}
			if (forms == 0) {
				return NONE;
			}
			IntList positions = new IntList(8);
			int size = this.tokens.size();
			// a form's first token comes before the first tokens of the forms found after it
			for (int p = this.tokens.distinctFirst(first); p < size; p++) {
				int d = this.tokens.distinct(p);
				if ((forms == 1) ? d == first : chosen[d]) {
					positions.add(p);
				}
			}
			return positions.toArray();
		}

		/** Forms are filed under this many first characters (the shortest prefix a query may have). */
		private static final int BUCKET_CHARS = QueryParser.MIN_PREFIX;

		/**
		 * @return the first {@link #BUCKET_CHARS} characters of {@code form} packed into a non-zero key
		 */
		private static long bucketKey(String form) {
			long key = 1;
			for (int i = 0; i < BUCKET_CHARS; i++) {
				key = (key << 16) | form.charAt(i);
			}
			return key;
		}

		private static int bucketSlot(long key, int mask) {
			return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
		}

		/**
		 * Groups the positions of tokens (not Chinese or Japanese characters) by distinct form, ascending within
		 * each form, and files the forms by their first characters.
		 */
		private void fileForms() {
			int distinctCount = this.tokens.distinctCount();
			int size = this.tokens.size();
			int[] starts = new int[distinctCount + 1];
			for (int p = 0; p < size; p++) {
				if (!this.tokens.cjk(p)) {
					starts[this.tokens.distinct(p) + 1]++;
				}
			}
			for (int d = 0; d < distinctCount; d++) {
				starts[d + 1] += starts[d];
			}
			this.formPositions = new int[starts[distinctCount]];
			int[] cursor = Arrays.copyOf(starts, distinctCount);
			for (int p = 0; p < size; p++) {
				if (!this.tokens.cjk(p)) {
					this.formPositions[cursor[this.tokens.distinct(p)]++] = p;
				}
			}
			this.formStart = starts;
			int capacity = Integer.highestOneBit(Math.max(4, distinctCount * 2)) * 2;
			int mask = capacity - 1;
			this.bucketKeys = new long[capacity];
			this.bucketHeads = new int[capacity];
			this.nextInBucket = new int[distinctCount];
			for (int d = 0; d < distinctCount; d++) {
				String form = this.tokens.distinctForm(d);
				if (starts[d + 1] == starts[d] || form.length() < BUCKET_CHARS) {
					continue;
				}
				long key = bucketKey(form);
				int slot = bucketSlot(key, mask);
				while (this.bucketKeys[slot] != 0 && this.bucketKeys[slot] != key) {
					slot = (slot + 1) & mask;
				}
				if (this.bucketKeys[slot] == 0) {
					this.bucketKeys[slot] = key;
					this.bucketHeads[slot] = -1;
				}
				this.nextInBucket[d] = this.bucketHeads[slot];
				this.bucketHeads[slot] = d;
			}
		}

	}

}
