package policywatch.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.lucene.index.Term;
import org.apache.lucene.queries.intervals.IntervalQuery;
import org.apache.lucene.queries.intervals.Intervals;
import org.apache.lucene.queries.intervals.IntervalsSource;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import policywatch.query.Query;
import policywatch.query.SearchTerms;

/**
 * A subscription query as a Lucene query over the archive index's {@link #TITLE} and {@link #BODY} fields, which hold
 * at each word position the word's key, its form (marked with {@link #FORM}) and, for a word in capitals, its key
 * marked with {@link #UPPER} ({@link ArchiveTokens}). Words become term queries, prefixes prefix queries, acronyms
 * marked terms, phrases and {@code NEAR} interval queries, {@code NOT} a {@code MUST_NOT} clause and {@code title:}
 * and {@code body:} the field: so the index finds exactly the articles the matcher matches, and counts them.
 * <p>
 * The query is read from its {@link Query#normalized() canonical text}, which is the query module's stable, public
 * form of a query. Should that reading ever fail, {@link #relaxed} gives a wider query from the query's
 * {@link SearchTerms}, whose candidates must then be confirmed one by one.
 */
final class ArchiveQuery {

	/** The title's words. */
	static final String TITLE = "t";

	/** The body's words. */
	static final String BODY = "b";

	/** Marks a word's form (lower case, folded, not stemmed), what prefixes are compared with. */
	static final char FORM = '\u0001';

	/** Marks the key of a word written in capitals, what acronyms are compared with. */
	static final char UPPER = '\u0002';

	/** The most words one prefix inside a phrase or {@code NEAR} may stand for; beyond, searches fall back. */
	static final int MAX_EXPANSIONS = 1024;

	private static final int MIN_PREFIX = 3;

	sealed interface Node permits Phrase, Near, And, Or, Not, InField {
	}

	record Word(String key, String form, boolean prefix, boolean acronym) {
	}

	record Phrase(List<Word> words) implements Node {
	}

	record Near(Phrase left, Phrase right, int distance) implements Node {
	}

	record And(List<Node> children) implements Node {
	}

	record Or(List<Node> children) implements Node {
	}

	record Not(Node child) implements Node {
	}

	record InField(String field, Node child) implements Node {
	}

	private ArchiveQuery() {
	}

	/**
	 * @return the query's syntax tree, or empty when its canonical text cannot be read here
	 */
	static Optional<Node> parse(Query query) {
		try {
			Reader reader = new Reader(query.normalized());
			Node node = reader.or();
			return reader.done() ? Optional.of(node) : Optional.empty();
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @return a Lucene query matching exactly the articles the node matches (articles without a word too long to
	 * keep whole, {@link ArchiveTokens#hasLongWord()})
	 */
	static org.apache.lucene.search.Query exact(Node node) {
		return exact(node, null);
	}

	private static org.apache.lucene.search.Query exact(Node node, String field) {
		if (node instanceof Phrase phrase) {
			return inFields(field, (name) -> phrase(phrase, name));
		}
		if (node instanceof Near near) {
			return inFields(field, (name) -> new IntervalQuery(name, Intervals.containedBy(source(near.left(), name),
					Intervals.extend(source(near.right(), name), near.distance() + near.left().words().size(),
							near.distance() + near.left().words().size()))));
		}
		if (node instanceof And and) {
			BooleanQuery.Builder builder = new BooleanQuery.Builder();
			boolean positive = false;
			for (Node child : and.children()) {
				if (child instanceof Not not) {
					builder.add(exact(not.child(), field), Occur.MUST_NOT);
				}
				else {
					builder.add(exact(child, field), Occur.FILTER);
					positive = true;
				}
			}
			if (!positive) {
				builder.add(new MatchAllDocsQuery(), Occur.FILTER);
			}
			return builder.build();
		}
		if (node instanceof Or or) {
			BooleanQuery.Builder builder = new BooleanQuery.Builder();
			or.children().forEach((child) -> builder.add(exact(child, field), Occur.SHOULD));
			return builder.setMinimumNumberShouldMatch(1).build();
		}
		if (node instanceof Not not) {
			return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER)
				.add(exact(not.child(), field), Occur.MUST_NOT)
				.build();
		}
		InField inField = (InField) node;
		return exact(inField.child(), inField.field());
	}

	private static org.apache.lucene.search.Query inFields(String field,
			java.util.function.Function<String, org.apache.lucene.search.Query> query) {
		if (field != null) {
			return query.apply(field);
		}
		return new BooleanQuery.Builder().add(query.apply(TITLE), Occur.SHOULD)
			.add(query.apply(BODY), Occur.SHOULD)
			.setMinimumNumberShouldMatch(1)
			.build();
	}

	private static org.apache.lucene.search.Query phrase(Phrase phrase, String field) {
		if (phrase.words().size() > 1) {
			return new IntervalQuery(field, source(phrase, field));
		}
		Word word = phrase.words().get(0);
		if (word.prefix()) {
			return new PrefixQuery(new Term(field, FORM + word.form()));
		}
		return new TermQuery(new Term(field, word.acronym() ? UPPER + word.key() : word.key()));
	}

	private static IntervalsSource source(Phrase phrase, String field) {
		IntervalsSource[] words = new IntervalsSource[phrase.words().size()];
		for (int i = 0; i < words.length; i++) {
			Word word = phrase.words().get(i);
			words[i] = word.prefix() ? Intervals.prefix(new BytesRef(FORM + word.form()), MAX_EXPANSIONS)
					: Intervals.term(word.acronym() ? UPPER + word.key() : word.key());
		}
		return (words.length == 1) ? words[0] : Intervals.phrase(words);
	}

	/**
	 * @return a Lucene query matching at least every article the query matches (fewer conditions: each word
	 * somewhere in the same field, no order, proximity or exclusion)
	 */
	static org.apache.lucene.search.Query relaxed(SearchTerms terms) {
		if (terms instanceof SearchTerms.Key key) {
			return inFields(null, (field) -> new TermQuery(new Term(field, key.key())));
		}
		if (terms instanceof SearchTerms.Pair pair) {
			return inFields(null, (field) -> new BooleanQuery.Builder()
				.add(new TermQuery(new Term(field, pair.first())), Occur.FILTER)
				.add(new TermQuery(new Term(field, pair.second())), Occur.FILTER)
				.build());
		}
		if (terms instanceof SearchTerms.Prefix prefix) {
			return inFields(null, (field) -> new PrefixQuery(new Term(field, FORM + prefix.form())));
		}
		BooleanQuery.Builder builder = new BooleanQuery.Builder();
		if (terms instanceof SearchTerms.All all) {
			all.parts().forEach((part) -> builder.add(relaxed(part), Occur.FILTER));
		}
		else {
			((SearchTerms.Any) terms).parts().forEach((part) -> builder.add(relaxed(part), Occur.SHOULD));
			builder.setMinimumNumberShouldMatch(1);
		}
		return builder.build();
	}

	/**
	 * Reads the canonical query text ({@code "supply chain" AND sanction*}, {@code title:(a OR b)},
	 * {@code a NEAR/5 b}, {@code NOT x}); words are read as the query module reads them.
	 */
	private static final class Reader {

		private final String text;

		private int at;

		Reader(String text) {
			this.text = text;
		}

		boolean done() {
			skipSpace();
			return this.at >= this.text.length();
		}

		private void skipSpace() {
			while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
				this.at++;
			}
		}

		private boolean delimiter(char c) {
			return Character.isWhitespace(c) || c == '(' || c == ')' || c == '"';
		}

		/** The next bare chunk, not consumed. */
		private String peekChunk() {
			skipSpace();
			int end = this.at;
			while (end < this.text.length() && !delimiter(this.text.charAt(end))) {
				end++;
			}
			return this.text.substring(this.at, end);
		}

		private boolean peekOperator(String operator) {
			return peekChunk().equals(operator);
		}

		Node or() {
			List<Node> children = new ArrayList<>();
			children.add(and());
			while (peekOperator("OR")) {
				this.at += 2;
				children.add(and());
			}
			return (children.size() == 1) ? children.get(0) : new Or(List.copyOf(children));
		}

		private Node and() {
			List<Node> children = new ArrayList<>();
			children.add(unary());
			while (true) {
				if (peekOperator("AND")) {
					this.at += 3;
					children.add(unary());
				}
				else if (this.at < this.text.length() && this.text.charAt(this.at) != ')' && !peekOperator("OR")) {
					children.add(unary());
				}
				else {
					break;
				}
			}
			return (children.size() == 1) ? children.get(0) : new And(List.copyOf(children));
		}

		private Node unary() {
			if (peekOperator("NOT")) {
				this.at += 3;
				return new Not(unary());
			}
			Node left = primary();
			String chunk = peekChunk();
			if (!chunk.startsWith("NEAR/")) {
				return left;
			}
			int distance = Integer.parseInt(chunk.substring(5));
			this.at += chunk.length();
			Node right = primary();
			if (!(left instanceof Phrase leftPhrase) || !(right instanceof Phrase rightPhrase)) {
				throw new IllegalArgumentException("NEAR joins phrases");
			}
			return new Near(leftPhrase, rightPhrase, distance);
		}

		private Node primary() {
			skipSpace();
			char c = this.text.charAt(this.at);
			if (c == '(') {
				this.at++;
				Node inner = or();
				skipSpace();
				if (this.text.charAt(this.at) != ')') {
					throw new IllegalArgumentException("unclosed (");
				}
				this.at++;
				return inner;
			}
			if (c == '"') {
				int close = this.text.indexOf('"', this.at + 1);
				if (close < 0) {
					throw new IllegalArgumentException("unclosed quote");
				}
				String phrase = this.text.substring(this.at + 1, close);
				this.at = close + 1;
				return phrase(phrase);
			}
			if (this.text.startsWith("title:", this.at)) {
				this.at += 6;
				return new InField(TITLE, primary());
			}
			if (this.text.startsWith("body:", this.at)) {
				this.at += 5;
				return new InField(BODY, primary());
			}
			String chunk = peekChunk();
			if (chunk.isEmpty() || chunk.equals("AND") || chunk.equals("OR") || chunk.equals("NOT")
					|| chunk.startsWith("NEAR/")) {
				throw new IllegalArgumentException("a word is missing");
			}
			this.at += chunk.length();
			return phrase(chunk);
		}

		private static Phrase phrase(String text) {
			List<Word> words = new ArrayList<>();
			for (String piece : text.trim().split("\\s+")) {
				boolean prefix = piece.endsWith("*");
				if (prefix) {
					piece = piece.substring(0, piece.length() - 1);
				}
				ArchiveTokens tokens = ArchiveTokens.of(piece);
				if (prefix && tokens.size() == 0) {
					throw new IllegalArgumentException("unreadable word " + piece);
				}
				for (int t = 0; t < tokens.size(); t++) {
					String form = tokens.form(t);
					boolean cjk = tokens.cjk(t);
					if (prefix && t == tokens.size() - 1 && !cjk) {
						if (form.length() < MIN_PREFIX) {
							throw new IllegalArgumentException("short prefix " + piece);
						}
						words.add(new Word(form, form, true, false));
					}
					else {
						boolean acronym = !cjk && tokens.upper(t) && form.length() >= 2 && form.length() <= 3
								&& asciiLetters(form);
						words.add(new Word(tokens.key(t), form, false, acronym));
					}
				}
			}
			if (words.isEmpty()) {
				throw new IllegalArgumentException("no word in " + text);
			}
			return new Phrase(List.copyOf(words));
		}

		private static boolean asciiLetters(String text) {
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
					return false;
				}
			}
			return true;
		}

	}

}
