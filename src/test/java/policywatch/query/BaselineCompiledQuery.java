package policywatch.query;

// Frozen copy of the production CompiledQuery as of commit b6d9186, kept in test scope only so that MatcherBenchmark can
// measure today's matcher side by side with the current one. Do not change it; do not use it outside benchmarks.

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A query bound to a matcher's vocabulary, evaluated exactly against a {@link BaselineDocumentView}. Evaluation is linear
 * (or {@code n log n}) in the number of occurrences of the query's terms: nothing in a query can make it slow.
 */
abstract class BaselineCompiledQuery {

	private static final int[] NONE = new int[0];

	/**
	 * @param hits where to add the hits of matched positive terms, or {@code null} to only test
	 * @return whether the document matches
	 */
	abstract boolean matches(BaselineDocumentView document, BaselineMatchedRanges hits);

	static BaselineCompiledQuery compile(QueryNode node, BaselineVocabulary vocabulary) {
		return compile(node, null, vocabulary);
	}

	private static BaselineCompiledQuery compile(QueryNode node, Field field, BaselineVocabulary vocabulary) {
		if (node instanceof QueryNode.Phrase phrase) {
			return new PhraseQuery(phrase, field, vocabulary);
		}
		if (node instanceof QueryNode.Near near) {
			return new NearQuery(new PhraseQuery(near.left(), field, vocabulary),
					new PhraseQuery(near.right(), field, vocabulary), near.distance(), field);
		}
		if (node instanceof QueryNode.And and) {
			List<BaselineCompiledQuery> positive = new ArrayList<>();
			List<BaselineCompiledQuery> negative = new ArrayList<>();
			for (QueryNode child : and.children()) {
				(child.positive() ? positive : negative).add(compile(child, field, vocabulary));
			}
			positive.addAll(negative);
			return new AndQuery(positive.toArray(BaselineCompiledQuery[]::new));
		}
		if (node instanceof QueryNode.Or or) {
			return new OrQuery(or.children().stream().map((child) -> compile(child, field, vocabulary))
				.toArray(BaselineCompiledQuery[]::new));
		}
		if (node instanceof QueryNode.Not not) {
			return new NotQuery(compile(not.child(), field, vocabulary));
		}
		QueryNode.InField inField = (QueryNode.InField) node;
		return compile(inField.child(), inField.field(), vocabulary);
	}

	private static final Field[] BOTH = Field.values();

	static Field[] fields(Field field) {
		return (field != null) ? new Field[] { field } : BOTH;
	}

	/**
	 * Words in a row (one word is a phrase of one).
	 */
	static final class PhraseQuery extends BaselineCompiledQuery {

		/** BaselineVocabulary id per word, -1 for a prefix word. */
		final int[] ids;

		/** Prefix per word, {@code null} for a whole word. */
		final String[] prefixes;

		final boolean[] acronyms;

		private final Field[] fields;

		PhraseQuery(QueryNode.Phrase phrase, Field field, BaselineVocabulary vocabulary) {
			int length = phrase.words().size();
			this.ids = new int[length];
			this.prefixes = new String[length];
			this.acronyms = new boolean[length];
			for (int i = 0; i < length; i++) {
				QueryNode.Word word = phrase.words().get(i);
				if (word.prefix()) {
					this.ids[i] = -1;
					this.prefixes[i] = word.form();
				}
				else {
					this.ids[i] = vocabulary.intern(word.key());
					this.acronyms[i] = word.acronym();
				}
			}
			this.fields = fields(field);
		}

		int length() {
			return this.ids.length;
		}

		@Override
		boolean matches(BaselineDocumentView document, BaselineMatchedRanges hits) {
			if (this.ids.length == 1 && this.ids[0] >= 0) {
				return matchesWord(document, hits);
			}
			boolean matched = false;
			for (Field field : this.fields) {
				BaselineDocumentView.FieldView view = document.field(field);
				int[] starts = occurrences(view);
				if (starts.length > 0) {
					matched = true;
					if (hits == null) {
						return true;
					}
					int last = this.ids.length - 1;
					for (int start : starts) {
						hits.add(field, view.tokens.start(start), view.tokens.end(start + last));
					}
				}
			}
			return matched;
		}

		/**
		 * A single whole word: its positions are read straight from the field's postings.
		 */
		private boolean matchesWord(BaselineDocumentView document, BaselineMatchedRanges hits) {
			int id = this.ids[0];
			boolean acronym = this.acronyms[0];
			boolean matched = false;
			for (Field field : this.fields) {
				BaselineDocumentView.FieldView view = document.field(field);
				int group = view.group(id);
				if (group < 0) {
					continue;
				}
				for (int i = view.groupStart[group]; i < view.groupStart[group + 1]; i++) {
					int p = view.positions[i];
					if (acronym && !view.tokens.upper(p)) {
						continue;
					}
					matched = true;
					if (hits == null) {
						return true;
					}
					hits.add(field, view.tokens.start(p), view.tokens.end(p));
				}
			}
			return matched;
		}

		/**
		 * @return ascending start positions of the phrase in the field
		 */
		int[] occurrences(BaselineDocumentView.FieldView view) {
			// drive from the word with the fewest occurrences
			int driver = -1;
			int driverGroup = -1;
			int driverCount = Integer.MAX_VALUE;
			for (int i = 0; i < this.ids.length; i++) {
				if (this.ids[i] < 0) {
					continue;
				}
				int group = view.group(this.ids[i]);
				if (group < 0) {
					return NONE;
				}
				int count = view.groupStart[group + 1] - view.groupStart[group];
				if (count < driverCount) {
					driver = i;
					driverGroup = group;
					driverCount = count;
				}
			}
			int[] candidates;
			int from;
			int to;
			if (driver >= 0) {
				candidates = view.positions;
				from = view.groupStart[driverGroup];
				to = view.groupStart[driverGroup + 1];
			}
			else {
				driver = 0;
				candidates = view.prefixPositions(this.prefixes[0]);
				from = 0;
				to = candidates.length;
			}
			int length = this.ids.length;
			int size = view.size();
			int[] result = null;
			int count = 0;
			for (int c = from; c < to; c++) {
				int start = candidates[c] - driver;
				if (start < 0 || start + length > size || !matchesAt(view, start)) {
					continue;
				}
				if (result == null) {
					result = new int[to - c];
				}
				result[count++] = start;
			}
			return (count == 0) ? NONE : (count == result.length) ? result : Arrays.copyOf(result, count);
		}

		private boolean matchesAt(BaselineDocumentView.FieldView view, int start) {
			for (int i = 0; i < this.ids.length; i++) {
				int p = start + i;
				if (this.ids[i] >= 0) {
					if (view.ids[p] != this.ids[i] || (this.acronyms[i] && !view.tokens.upper(p))) {
						return false;
					}
				}
				else if (view.tokens.cjk(p) || !view.tokens.form(p).startsWith(this.prefixes[i])) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * Two phrases at most {@code distance} words apart, either order, in the same field.
	 */
	static final class NearQuery extends BaselineCompiledQuery {

		final PhraseQuery left;

		final PhraseQuery right;

		private final int distance;

		private final Field[] fields;

		NearQuery(PhraseQuery left, PhraseQuery right, int distance, Field field) {
			this.left = left;
			this.right = right;
			this.distance = distance;
			this.fields = fields(field);
		}

		@Override
		boolean matches(BaselineDocumentView document, BaselineMatchedRanges hits) {
			boolean matched = false;
			for (Field field : this.fields) {
				BaselineDocumentView.FieldView view = document.field(field);
				int[] a = this.left.occurrences(view);
				if (a.length == 0) {
					continue;
				}
				int[] b = this.right.occurrences(view);
				if (b.length == 0) {
					continue;
				}
				int lengthA = this.left.length();
				int lengthB = this.right.length();
				// b (start) is near a when b + lengthB + distance >= a and b <= a + lengthA + distance
				int[] coverage = new int[b.length + 1];
				boolean[] nearA = new boolean[a.length];
				boolean any = false;
				for (int i = 0; i < a.length; i++) {
					int low = lowerBound(b, a[i] - lengthB - this.distance);
					int high = lowerBound(b, a[i] + lengthA + this.distance + 1);
					if (low < high) {
						nearA[i] = true;
						coverage[low]++;
						coverage[high]--;
						any = true;
					}
				}
				if (!any) {
					continue;
				}
				matched = true;
				if (hits == null) {
					return true;
				}
				for (int i = 0; i < a.length; i++) {
					if (nearA[i]) {
						hits.add(field, view.tokens.start(a[i]), view.tokens.end(a[i] + lengthA - 1));
					}
				}
				int depth = 0;
				for (int j = 0; j < b.length; j++) {
					depth += coverage[j];
					if (depth > 0) {
						hits.add(field, view.tokens.start(b[j]), view.tokens.end(b[j] + lengthB - 1));
					}
				}
			}
			return matched;
		}

		private static int lowerBound(int[] sorted, int value) {
			int low = 0;
			int high = sorted.length;
			while (low < high) {
				int middle = (low + high) >>> 1;
				if (sorted[middle] < value) {
					low = middle + 1;
				}
				else {
					high = middle;
				}
			}
			return low;
		}

	}

	static final class AndQuery extends BaselineCompiledQuery {

		final BaselineCompiledQuery[] children;

		AndQuery(BaselineCompiledQuery[] children) {
			this.children = children;
		}

		@Override
		boolean matches(BaselineDocumentView document, BaselineMatchedRanges hits) {
			int mark = (hits != null) ? hits.mark() : 0;
			for (BaselineCompiledQuery child : this.children) {
				if (!child.matches(document, hits)) {
					if (hits != null) {
						hits.reset(mark);
					}
					return false;
				}
			}
			return true;
		}

	}

	static final class OrQuery extends BaselineCompiledQuery {

		final BaselineCompiledQuery[] children;

		OrQuery(BaselineCompiledQuery[] children) {
			this.children = children;
		}

		@Override
		boolean matches(BaselineDocumentView document, BaselineMatchedRanges hits) {
			boolean matched = false;
			for (BaselineCompiledQuery child : this.children) {
				if (child.matches(document, hits)) {
					if (hits == null) {
						return true;
					}
					matched = true;
				}
			}
			return matched;
		}

	}

	static final class NotQuery extends BaselineCompiledQuery {

		final BaselineCompiledQuery child;

		NotQuery(BaselineCompiledQuery child) {
			this.child = child;
		}

		@Override
		boolean matches(BaselineDocumentView document, BaselineMatchedRanges hits) {
			return !this.child.matches(document, null);
		}

	}

}
