package policywatch.query;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.TermQuery;

/**
 * The Lucene monitor baseline: subscriptions are registered as Lucene queries in a {@link Monitor}, documents are
 * analysed with the same tokens (key, folded form and capitals stacked at each position). Lucene core has no span
 * or interval queries (they live in lucene-queries), so {@code NEAR} and phrases containing a prefix are registered
 * as the {@code AND} of their parts, and the monitor's matches are confirmed by the exact evaluator, which also
 * gives the hits. Kept for the benchmark and for cross-checking; the production matcher is {@link IndexedMatcher}.
 */
final class LuceneMonitorMatcher implements SubscriptionMatcher, Closeable {

	private static final String FORM_MARK = "\u0002";

	private static final String UPPER_MARK = "\u0001";

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final Vocabulary vocabulary = new Vocabulary();

	private final Map<Long, CompiledQuery> queries = new HashMap<>();

	private final Monitor monitor;

	LuceneMonitorMatcher() {
		try {
			this.monitor = new Monitor(new TokensAnalyzer());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void add(long subscriptionId, Query query) {
		addAll(Map.of(subscriptionId, query));
	}

	/**
	 * Adds many subscriptions in one monitor commit (one commit per query is very slow).
	 */
	void addAll(Map<Long, Query> subscriptions) {
		this.lock.writeLock().lock();
		try {
			List<MonitorQuery> batch = new ArrayList<>();
			for (Map.Entry<Long, Query> entry : subscriptions.entrySet()) {
				this.queries.put(entry.getKey(), CompiledQuery.compile(entry.getValue().root(), this.vocabulary));
				batch.add(new MonitorQuery(Long.toString(entry.getKey()), translate(entry.getValue().root(), null).query));
			}
			this.monitor.register(batch);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public void remove(long subscriptionId) {
		this.lock.writeLock().lock();
		try {
			if (this.queries.remove(subscriptionId) != null) {
				this.monitor.deleteById(Long.toString(subscriptionId));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public int size() {
		this.lock.readLock().lock();
		try {
			return this.queries.size();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public List<QueryMatch> match(MatchDocument document) {
		this.lock.readLock().lock();
		try {
			Document lucene = new Document();
			lucene.add(new TextField("title", nonNull(document.title()), TextField.Store.NO));
			lucene.add(new TextField("body", nonNull(document.body()), TextField.Store.NO));
			MatchingQueries<org.apache.lucene.monitor.QueryMatch> matches = this.monitor.match(lucene,
					org.apache.lucene.monitor.QueryMatch.SIMPLE_MATCHER);
			DocumentView view = new DocumentView(document, this.vocabulary);
			MatchedRanges hits = new MatchedRanges();
			List<QueryMatch> result = new ArrayList<>();
			for (org.apache.lucene.monitor.QueryMatch match : matches.getMatches()) {
				long id = Long.parseLong(match.getQueryId());
				hits.clear();
				CompiledQuery query = this.queries.get(id);
				if (query != null && query.matches(view, hits)) {
					result.add(new QueryMatch(id, hits.toList()));
				}
			}
			result.sort(Comparator.comparingLong(QueryMatch::subscriptionId));
			return result;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public void close() throws IOException {
		this.monitor.close();
	}

	private static String nonNull(String text) {
		return (text != null) ? text : "";
	}

	/**
	 * A Lucene query and whether it is exact (not a superset of the node's matches).
	 */
	private record Translated(org.apache.lucene.search.Query query, boolean exact) {
	}

	private static Translated translate(QueryNode node, Field field) {
		if (node instanceof QueryNode.Phrase phrase) {
			return inFields(field, (name) -> phrase(phrase, name), phrase.words().stream().noneMatch(
					(word) -> word.prefix() && phrase.words().size() > 1));
		}
		if (node instanceof QueryNode.Near near) {
			BooleanQuery.Builder both = new BooleanQuery.Builder();
			both.add(translate(near.left(), field).query, Occur.MUST);
			both.add(translate(near.right(), field).query, Occur.MUST);
			return new Translated(both.build(), false);
		}
		if (node instanceof QueryNode.InField inField) {
			return translate(inField.child(), inField.field());
		}
		if (node instanceof QueryNode.Or or) {
			BooleanQuery.Builder any = new BooleanQuery.Builder();
			boolean exact = true;
			for (QueryNode child : or.children()) {
				Translated translated = translate(child, field);
				any.add(translated.query, Occur.SHOULD);
				exact &= translated.exact;
			}
			return new Translated(any.build(), exact);
		}
		if (node instanceof QueryNode.And and) {
			BooleanQuery.Builder all = new BooleanQuery.Builder();
			boolean exact = true;
			for (QueryNode child : and.children()) {
				if (child.positive()) {
					Translated translated = translate(child, field);
					all.add(translated.query, Occur.MUST);
					exact &= translated.exact;
				}
				else {
					Translated excluded = translateExcluded(child, field);
					if (excluded.exact) {
						all.add(excluded.query, Occur.MUST_NOT);
					}
					else {
						exact = false; // dropping an inexact exclusion keeps a superset
					}
				}
			}
			return new Translated(all.build(), exact);
		}
		throw new IllegalArgumentException("Not a positive query part: " + node.print());
	}

	/**
	 * @return {@code Q} such that the negative node means {@code NOT Q}
	 */
	private static Translated translateExcluded(QueryNode node, Field field) {
		if (node instanceof QueryNode.Not not) {
			return translate(not.child(), field);
		}
		if (node instanceof QueryNode.InField inField) {
			return translateExcluded(inField.child(), inField.field());
		}
		// an AND of exclusions: NOT a AND NOT b = NOT (a OR b)
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		boolean exact = true;
		for (QueryNode child : ((QueryNode.And) node).children()) {
			Translated translated = translateExcluded(child, field);
			any.add(translated.query, Occur.SHOULD);
			exact &= translated.exact;
		}
		return new Translated(any.build(), exact);
	}

	private static Translated inFields(Field field, java.util.function.Function<String, org.apache.lucene.search.Query> build,
			boolean exact) {
		if (field != null) {
			return new Translated(build.apply(field.name().toLowerCase(Locale.ROOT)), exact);
		}
		BooleanQuery.Builder either = new BooleanQuery.Builder();
		either.add(build.apply("title"), Occur.SHOULD);
		either.add(build.apply("body"), Occur.SHOULD);
		return new Translated(either.build(), exact);
	}

	private static org.apache.lucene.search.Query phrase(QueryNode.Phrase phrase, String field) {
		List<QueryNode.Word> words = phrase.words();
		if (words.size() == 1) {
			return word(words.get(0), field);
		}
		if (words.stream().anyMatch(QueryNode.Word::prefix)) {
			BooleanQuery.Builder all = new BooleanQuery.Builder();
			for (QueryNode.Word word : words) {
				all.add(word(word, field), Occur.MUST);
			}
			return all.build();
		}
		PhraseQuery.Builder builder = new PhraseQuery.Builder();
		for (int i = 0; i < words.size(); i++) {
			builder.add(term(words.get(i), field), i);
		}
		return builder.build();
	}

	private static org.apache.lucene.search.Query word(QueryNode.Word word, String field) {
		if (word.prefix()) {
			return new PrefixQuery(new Term(field, FORM_MARK + word.form()));
		}
		return new TermQuery(term(word, field));
	}

	private static Term term(QueryNode.Word word, String field) {
		return new Term(field, word.acronym() ? UPPER_MARK + word.key() : word.key());
	}

	/**
	 * Emits, at each position, the token key, then (stacked) the folded form for prefixes and, for capitalised
	 * tokens, the key marked as capitals.
	 */
	private static final class TokensAnalyzer extends Analyzer {

		@Override
		protected TokenStreamComponents createComponents(String fieldName) {
			return new TokenStreamComponents(new TokensTokenizer());
		}

	}

	private static final class TokensTokenizer extends Tokenizer {

		private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

		private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);

		private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);

		private TextTokens tokens;

		private int length;

		private int index;

		private int stage;

		@Override
		public void reset() throws IOException {
			super.reset();
			StringBuilder text = new StringBuilder();
			char[] buffer = new char[8192];
			Reader reader = this.input;
			int read;
			while ((read = reader.read(buffer)) > 0) {
				text.append(buffer, 0, read);
			}
			this.length = text.length();
			this.tokens = TextTokens.of(text.toString());
			this.index = 0;
			this.stage = 0;
		}

		@Override
		public boolean incrementToken() {
			clearAttributes();
			while (this.index < this.tokens.size()) {
				int i = this.index;
				int stage = this.stage;
				this.stage++;
				if (stage == 0) {
					emit(this.tokens.key(i), i, 1);
					return true;
				}
				if (stage == 1 && !this.tokens.cjk(i)) {
					emit(FORM_MARK + this.tokens.form(i), i, 0);
					return true;
				}
				if (stage == 2 && this.tokens.upper(i)) {
					emit(UPPER_MARK + this.tokens.key(i), i, 0);
					return true;
				}
				if (stage >= 2) {
					this.index++;
					this.stage = 0;
				}
			}
			return false;
		}

		private void emit(String text, int i, int positionIncrement) {
			this.term.setEmpty().append(text);
			this.offset.setOffset(correctOffset(this.tokens.start(i)), correctOffset(this.tokens.end(i)));
			this.increment.setPositionIncrement(positionIncrement);
		}

		@Override
		public void end() throws IOException {
			super.end();
			int last = correctOffset(this.length);
			this.offset.setOffset(last, last);
		}

	}

}
