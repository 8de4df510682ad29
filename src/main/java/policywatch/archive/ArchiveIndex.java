package policywatch.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import policywatch.query.SearchTerms;

/**
 * The Lucene index of the archive: per article its id, when it was archived, and the keys, forms and adjacent key
 * pairs of its title and body words ({@link SearchTerms#collect}), no text and no positions. It only narrows a search to candidates; the
 * database holds the articles. Thread-safe.
 */
final class ArchiveIndex implements AutoCloseable {

	static final String ID = "id";

	private static final String ORDER = "order";

	private static final String AT = "at";

	private static final String KEY = "k";

	private static final String FORM = "f";

	private static final String PAIR = "p";

	/** Commit user data: articles archived before this time (epoch millis) are all in the committed index. */
	static final String THROUGH = "through";

	/** Pages of candidates start small (a search for the newest ten rarely needs more) and double up to this. */
	private static final int MAX_PAGE = 500;

	private static final Sort NEWEST_FIRST = new Sort(new SortField(ORDER, SortField.Type.LONG, true));

	private final Path path;

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final boolean fresh;

	/**
	 * Opens the index in a folder, or creates an empty one there (see {@link #fresh()}) when it is missing or
	 * cannot be read.
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
			writer.commit();
		}
		this.directory = opened;
		this.writer = writer;
		this.fresh = fresh;
		this.searchers = new SearcherManager(writer, null);
	}

	private static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
		IndexWriterConfig config = new IndexWriterConfig();
		config.setOpenMode(mode);
		config.setRAMBufferSizeMB(32);
		config.setCommitOnClose(true);
		return config;
	}

	/**
	 * @return whether the index was created empty when opened (it was missing or damaged) and must be rebuilt
	 */
	boolean fresh() {
		return this.fresh;
	}

	/**
	 * @return the time before which every archived article is in the committed index, or {@code null} when unknown
	 */
	Instant through() {
		try {
			Map<String, String> data = this.writer.getLiveCommitData() == null ? Map.of()
					: toMap(this.writer.getLiveCommitData());
			String through = data.get(THROUGH);
			return (through != null) ? Instant.ofEpochMilli(Long.parseLong(through)) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Map<String, String> toMap(Iterable<Map.Entry<String, String>> entries) {
		Map<String, String> map = new java.util.HashMap<>();
		entries.forEach((entry) -> map.put(entry.getKey(), entry.getValue()));
		return map;
	}

	/**
	 * Adds or replaces an article.
	 */
	void put(long entryId, Instant archived, String title, String body) throws IOException {
		Set<String> keys = new HashSet<>();
		Set<String> forms = new HashSet<>();
		Set<String> pairs = new HashSet<>();
		SearchTerms.collect(title, keys, forms, pairs);
		SearchTerms.collect(body, keys, forms, pairs);
		Document document = new Document();
		String id = Long.toString(entryId);
		document.add(new StringField(ID, id, Field.Store.NO));
		document.add(new StoredField(ID, entryId));
		document.add(new NumericDocValuesField(ORDER, entryId));
		document.add(new LongPoint(AT, archived.toEpochMilli()));
		for (String key : keys) {
			document.add(new StringField(KEY, key, Field.Store.NO));
		}
		for (String pair : pairs) {
			document.add(new StringField(PAIR, pair, Field.Store.NO));
		}
		for (String form : forms) {
			if (!keys.contains(form)) {
				document.add(new StringField(FORM, form, Field.Store.NO));
			}
		}
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
		this.writer.setLiveCommitData(Map.of(THROUGH, Long.toString(through.toEpochMilli())).entrySet());
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

	/**
	 * Candidates for a search, newest first, a page at a time.
	 */
	final class Candidates {

		private final Query query;

		private FieldDoc after;

		private int page;

		private long total = -1;

		Candidates(SearchTerms terms, Instant from, int page) {
			BooleanQuery.Builder builder = new BooleanQuery.Builder();
			builder.add(LongPoint.newRangeQuery(AT, from.toEpochMilli(), Long.MAX_VALUE), Occur.FILTER);
			builder.add(lucene(terms), Occur.FILTER);
			this.query = builder.build();
			this.page = page;
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
				TopFieldDocs top = (this.after == null) ? searcher.search(this.query, this.page, NEWEST_FIRST, false)
						: searcher.searchAfter(this.after, this.query, this.page, NEWEST_FIRST, false);
				if (this.total < 0) {
					this.total = searcher.count(this.query);
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
		 * @return how many candidates there are in all (known after the first {@link #next()})
		 */
		long total() {
			return this.total;
		}

	}

	private static Query lucene(SearchTerms terms) {
		if (terms instanceof SearchTerms.Key key) {
			return new TermQuery(new Term(KEY, key.key()));
		}
		if (terms instanceof SearchTerms.Pair pair) {
			return new TermQuery(new Term(PAIR, pair.key()));
		}
		if (terms instanceof SearchTerms.Prefix prefix) {
			BooleanQuery.Builder either = new BooleanQuery.Builder();
			either.add(new PrefixQuery(new Term(KEY, prefix.form())), Occur.SHOULD);
			either.add(new PrefixQuery(new Term(FORM, prefix.form())), Occur.SHOULD);
			return either.build();
		}
		BooleanQuery.Builder builder = new BooleanQuery.Builder();
		if (terms instanceof SearchTerms.All all) {
			all.parts().forEach((part) -> builder.add(lucene(part), Occur.FILTER));
		}
		else {
			((SearchTerms.Any) terms).parts().forEach((part) -> builder.add(lucene(part), Occur.SHOULD));
			builder.setMinimumNumberShouldMatch(1);
		}
		return builder.build();
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

}
