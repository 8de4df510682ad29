package policywatch.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;


/**
 * The Lucene index of the archive: per article its id, when it was archived, whether it has a word too long to keep
 * whole ({@link ArchiveTokens#hasLongWord()}), and the words of its title and body with their positions, as the
 * matcher reads them ({@link ArchiveQuery}); no text. The database holds the articles. Thread-safe.
 */
final class ArchiveIndex implements AutoCloseable {

	static final String ID = "id";

	private static final String ORDER = "order";

	private static final String AT = "at";

	/** Present ("1") on articles with a word too long to index whole: the matcher decides for them. */
	static final String LOOSE = "loose";

	/** Commit user data: articles archived before this time (epoch millis) are all in the committed index. */
	static final String THROUGH = "through";

	/** Commit user data: the version of what the index holds; an index of another version is rebuilt. */
	static final String FORMAT = "format";

	/**
	 * 2: positions, forms and capitals of every word ({@link ArchiveQuery}), sorted newest first; 1 had word sets
	 * only.
	 */
	static final String CURRENT_FORMAT = "2";

	/** Pages of candidates start small (a search for the newest ten rarely needs more) and double up to this. */
	private static final int MAX_PAGE = 500;

	private static final Sort NEWEST_FIRST = new Sort(new SortField(ORDER, SortField.Type.LONG, true));

	private static final FieldType WORDS = words();

	private final Path path;

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final boolean fresh;

	/**
	 * Opens the index in a folder, or creates an empty one there (see {@link #fresh()}) when it is missing, cannot be
	 * read or holds another {@link #FORMAT}.
	 */
	ArchiveIndex(Path path) throws IOException {
		this.path = path;
		Files.createDirectories(path);
		Directory opened = FSDirectory.open(path);
		IndexWriter writer = null;
		boolean fresh = false;
		try {
			if (DirectoryReader.indexExists(opened)) {
				writer = new IndexWriter(opened, config(IndexWriterConfig.OpenMode.APPEND));
				try (DirectoryReader reader = DirectoryReader.open(writer)) {
					reader.numDocs();
				}
				if (!CURRENT_FORMAT.equals(commitData(writer).get(FORMAT))) {
					throw new IOException("archive index format " + commitData(writer).get(FORMAT));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			if (writer != null) {
				writer.rollback();
				writer = null;
			}
			opened.close();
			wipe(path);
			Files.createDirectories(path);
			opened = FSDirectory.open(path);
		}
		if (writer == null) {
			fresh = true;
			writer = new IndexWriter(opened, config(IndexWriterConfig.OpenMode.CREATE));
			writer.setLiveCommitData(Map.of(FORMAT, CURRENT_FORMAT).entrySet());
			writer.commit();
		}
		this.directory = opened;
		this.writer = writer;
		this.fresh = fresh;
		this.searchers = new SearcherManager(writer, null);
	}

	private static FieldType words() {
		FieldType type = new FieldType();
		type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
		type.setTokenized(true);
		type.setOmitNorms(true);
		type.freeze();
		return type;
	}

	private static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
		IndexWriterConfig config = new IndexWriterConfig();
		config.setOpenMode(mode);
		config.setRAMBufferSizeMB(32);
		// newest first on disk too, so that a search for the newest few stops early
		config.setIndexSort(NEWEST_FIRST);
		config.setCommitOnClose(true);
		return config;
	}

	/**
	 * @return whether the index was created empty when opened (it was missing, damaged or of another format) and
	 * must be rebuilt
	 */
	boolean fresh() {
		return this.fresh;
	}

	private static Map<String, String> commitData(IndexWriter writer) {
		Map<String, String> map = new java.util.HashMap<>();
		if (writer.getLiveCommitData() != null) {
			writer.getLiveCommitData().forEach((entry) -> map.put(entry.getKey(), entry.getValue()));
		}
		return map;
	}

	/**
	 * @return the time before which every archived article is in the committed index, or {@code null} when unknown
	 */
	Instant through() {
		try {
			String through = commitData(this.writer).get(THROUGH);
			return (through != null) ? Instant.ofEpochMilli(Long.parseLong(through)) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Adds or replaces an article.
	 */
	void put(long entryId, Instant archived, String title, String body) throws IOException {
		ArchiveTokens titleTokens = ArchiveTokens.of(title);
		ArchiveTokens bodyTokens = ArchiveTokens.of(body);
		Document document = new Document();
		String id = Long.toString(entryId);
		document.add(new StringField(ID, id, Field.Store.NO));
		document.add(new StoredField(ID, entryId));
		document.add(new NumericDocValuesField(ORDER, entryId));
		document.add(new LongPoint(AT, archived.toEpochMilli()));
		if (titleTokens.hasLongWord() || bodyTokens.hasLongWord()) {
			document.add(new StringField(LOOSE, "1", Field.Store.NO));
		}
		document.add(new Field(ArchiveQuery.TITLE, new Tokens(titleTokens), WORDS));
		document.add(new Field(ArchiveQuery.BODY, new Tokens(bodyTokens), WORDS));
		this.writer.updateDocument(new Term(ID, id), document);
	}

	/**
	 * Deletes the articles archived before a time.
	 */
	void deleteBefore(Instant before) throws IOException {
		this.writer.deleteDocuments(LongPoint.newRangeQuery(AT, Long.MIN_VALUE, before.toEpochMilli() - 1));
	}

	void deleteAll() throws IOException {
		this.writer.deleteAll();
	}

	/**
	 * Makes the changes durable, recording that every article archived before {@code through} is indexed.
	 */
	void commit(Instant through) throws IOException {
		this.writer.setLiveCommitData(
				Map.of(THROUGH, Long.toString(through.toEpochMilli()), FORMAT, CURRENT_FORMAT).entrySet());
		this.writer.commit();
		// let go of the previous readers, so that the files of deleted articles are removed
		this.searchers.maybeRefresh();
	}

	int count() throws IOException {
		this.searchers.maybeRefreshBlocking();
		IndexSearcher searcher = this.searchers.acquire();
		try {
			return searcher.getIndexReader().numDocs();
		}
		finally {
			this.searchers.release(searcher);
		}
	}

	private static Query since(Instant from) {
		return LongPoint.newRangeQuery(AT, from.toEpochMilli(), Long.MAX_VALUE);
	}

	private static final Query LOOSE_ARTICLES = new TermQuery(new Term(LOOSE, "1"));

	/**
	 * @return the articles archived since a time that a query matches or whose words could not all be read exactly
	 */
	static Query candidates(Query query, Instant from) {
		return new BooleanQuery.Builder().add(since(from), Occur.FILTER)
			.add(new BooleanQuery.Builder().add(query, Occur.SHOULD)
				.add(LOOSE_ARTICLES, Occur.SHOULD)
				.setMinimumNumberShouldMatch(1)
				.build(), Occur.FILTER)
			.build();
	}

	/**
	 * @return the articles archived since a time that a query matches, of those whose words were read exactly
	 */
	static Query exactOnly(Query query, Instant from) {
		return new BooleanQuery.Builder().add(since(from), Occur.FILTER)
			.add(query, Occur.FILTER)
			.add(LOOSE_ARTICLES, Occur.MUST_NOT)
			.build();
	}

	/**
	 * @return the articles archived since a time whose words could not all be read exactly
	 */
	static Query looseSince(Instant from) {
		return new BooleanQuery.Builder().add(since(from), Occur.FILTER).add(LOOSE_ARTICLES, Occur.FILTER).build();
	}

	/**
	 * @return how many articles a query matches
	 */
	int count(Query query) throws IOException {
		this.searchers.maybeRefresh();
		IndexSearcher searcher = this.searchers.acquire();
		try {
			return searcher.count(query);
		}
		finally {
			this.searchers.release(searcher);
		}
	}

	/**
	 * The articles a Lucene query matches, newest first, a page at a time.
	 */
	final class Candidates {

		private final Query query;

		private final boolean counted;

		private FieldDoc after;

		private int page;

		private long total = -1;

		/**
		 * @param counted whether to count every match while reading the first page ({@link #total()})
		 */
		Candidates(Query query, int page, boolean counted) {
			this.query = query;
			this.page = page;
			this.counted = counted;
		}

		/**
		 * @return the next entry ids, newest first; empty when there are no more
		 */
		List<Long> next() throws IOException {
			// blocking: while another thread (the periodic commit) refreshes, a non-blocking refresh returns at
			// once and the search would run on the searcher from before it, missing the articles since
			searchers.maybeRefreshBlocking();
			IndexSearcher searcher = searchers.acquire();
			try {
				TopFieldDocs top;
				if (this.after == null && this.counted) {
					top = searcher.search(this.query,
							new TopFieldCollectorManager(NEWEST_FIRST, this.page, null, Integer.MAX_VALUE));
					this.total = top.totalHits.value;
				}
				else {
					top = (this.after == null) ? searcher.search(this.query, this.page, NEWEST_FIRST, false)
							: searcher.searchAfter(this.after, this.query, this.page, NEWEST_FIRST, false);
				}
				this.page = Math.min(this.page * 2, MAX_PAGE);
				List<Long> ids = new ArrayList<>(top.scoreDocs.length);
				for (ScoreDoc hit : top.scoreDocs) {
					ids.add(searcher.storedFields().document(hit.doc).getField(ID).numericValue().longValue());
					this.after = (FieldDoc) hit;
				}
				return ids;
			}
			finally {
				searchers.release(searcher);
			}
		}

		/**
		 * @return how many articles the query matches in all, counted with the first page; -1 when not counted
		 */
		long total() {
			return this.total;
		}

	}

	long sizeOnDisk() throws IOException {
		try (Stream<Path> files = Files.list(this.path)) {
			long size = 0;
			for (Path file : files.toList()) {
				size += Files.size(file);
			}
			return size;
		}
	}

	@Override
	public void close() throws IOException {
		this.searchers.close();
		this.writer.close();
		this.directory.close();
	}

	private static void wipe(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> files = Files.walk(path)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

	/**
	 * A text's words for the index: at each position the key, then the marked form (not for Chinese and Japanese
	 * characters) and, for a word in capitals, the marked key.
	 */
	private static final class Tokens extends TokenStream {

		private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

		private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);

		private final ArchiveTokens tokens;

		private int token = -1;

		private int step = 2;

		Tokens(ArchiveTokens tokens) {
			this.tokens = tokens;
		}

		@Override
		public boolean incrementToken() {
			clearAttributes();
			while (true) {
				if (++this.step > 2) {
					this.step = 0;
					if (++this.token >= this.tokens.size()) {
						return false;
					}
				}
				int i = this.token;
				if (this.step == 0) {
					this.term.setEmpty().append(cut(this.tokens.key(i)));
					this.increment.setPositionIncrement(1);
					return true;
				}
				if (this.step == 1 && !this.tokens.cjk(i)) {
					this.term.setEmpty().append(ArchiveQuery.FORM).append(cut(this.tokens.form(i)));
					this.increment.setPositionIncrement(0);
					return true;
				}
				if (this.step == 2 && this.tokens.upper(i)) {
					this.term.setEmpty().append(ArchiveQuery.UPPER).append(cut(this.tokens.key(i)));
					this.increment.setPositionIncrement(0);
					return true;
				}
			}
		}

		private static String cut(String word) {
			return (word.length() > ArchiveTokens.MAX_LENGTH) ? word.substring(0, ArchiveTokens.MAX_LENGTH) : word;
		}

		@Override
		public void reset() throws IOException {
			super.reset();
			this.token = -1;
			this.step = 2;
		}

	}

}
