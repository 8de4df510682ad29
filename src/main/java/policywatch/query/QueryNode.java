package policywatch.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The syntax tree of a parsed query. Words are already normalised.
 */
sealed interface QueryNode permits QueryNode.Phrase, QueryNode.Near, QueryNode.And, QueryNode.Or, QueryNode.Not, QueryNode.InField {

	/**
	 * @return whether the node looks for something (is not only an exclusion)
	 */
	boolean positive();

	/**
	 * @return canonical query syntax for this node
	 */
	String print();

	/**
	 * One normalised word of a phrase.
	 *
	 * @param key compared with the text's token keys (lower case, folded, inflection removed)
	 * @param form lower case and folded, unstemmed: what is printed, and for a prefix what tokens must start with
	 * @param prefix whether this is a prefix ({@code sanction*})
	 * @param acronym whether this is a capitalised acronym ({@code US}) that only matches capitals
	 * @param cjk whether this is a single Chinese or Japanese character
	 */
	record Word(String key, String form, boolean prefix, boolean acronym, boolean cjk) {

		String print() {
			String text = this.acronym ? this.form.toUpperCase(Locale.ROOT) : this.form;
			return this.prefix ? text + "*" : text;
		}

	}

	/**
	 * Consecutive words; a single word is a phrase of one.
	 */
	record Phrase(List<Word> words) implements QueryNode {

		public Phrase {
			words = List.copyOf(words);
		}

		@Override
		public boolean positive() {
			return true;
		}

		@Override
		public String print() {
			StringBuilder text = new StringBuilder();
			Word previous = null;
			for (Word word : this.words) {
				if (previous != null && !(previous.cjk() && word.cjk())) {
					text.append(' ');
				}
				text.append(word.print());
				previous = word;
			}
			String printed = text.toString();
			boolean quote = printed.indexOf(' ') >= 0 || printed.equals("AND") || printed.equals("OR")
					|| printed.equals("NOT");
			return quote ? "\"" + printed + "\"" : printed;
		}

	}

	/**
	 * Two phrases at most {@code distance} words apart, in either order.
	 */
	record Near(Phrase left, Phrase right, int distance) implements QueryNode {

		@Override
		public boolean positive() {
			return true;
		}

		@Override
		public String print() {
			return this.left.print() + " NEAR/" + this.distance + " " + this.right.print();
		}

	}

	record And(List<QueryNode> children) implements QueryNode {

		public And {
			children = flatten(children, And.class);
		}

		@Override
		public boolean positive() {
			return this.children.stream().anyMatch(QueryNode::positive);
		}

		@Override
		public String print() {
			List<String> parts = new ArrayList<>();
			for (QueryNode child : this.children) {
				parts.add((child instanceof Or) ? "(" + child.print() + ")" : child.print());
			}
			return String.join(" AND ", parts);
		}

	}

	record Or(List<QueryNode> children) implements QueryNode {

		public Or {
			children = flatten(children, Or.class);
		}

		@Override
		public boolean positive() {
			return this.children.stream().allMatch(QueryNode::positive);
		}

		@Override
		public String print() {
			List<String> parts = new ArrayList<>();
			for (QueryNode child : this.children) {
				parts.add((child instanceof And) ? "(" + child.print() + ")" : child.print());
			}
			return String.join(" OR ", parts);
		}

	}

	record Not(QueryNode child) implements QueryNode {

		@Override
		public boolean positive() {
			return false;
		}

		@Override
		public String print() {
			return "NOT " + (compound(this.child) ? "(" + this.child.print() + ")" : this.child.print());
		}

	}

	/**
	 * A part of the query restricted to one field ({@code title:BRICS}).
	 */
	record InField(Field field, QueryNode child) implements QueryNode {

		@Override
		public boolean positive() {
			return this.child.positive();
		}

		@Override
		public String print() {
			String name = this.field.name().toLowerCase(Locale.ROOT) + ":";
			return name + ((this.child instanceof Phrase) ? this.child.print() : "(" + this.child.print() + ")");
		}

	}

	private static boolean compound(QueryNode node) {
		return node instanceof And || node instanceof Or || node instanceof Near;
	}

	private static List<QueryNode> flatten(List<QueryNode> children, Class<? extends QueryNode> type) {
		List<QueryNode> flat = new ArrayList<>();
		for (QueryNode child : children) {
			if (type.isInstance(child)) {
				flat.addAll((child instanceof And and) ? and.children() : ((Or) child).children());
			}
			else {
				flat.add(child);
			}
		}
		return List.copyOf(flat);
	}

}
