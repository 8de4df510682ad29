package policywatch.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.ingest.PendingEntry;
import policywatch.query.MatchDocument;
import policywatch.query.Matchers;
import policywatch.query.Query;
import policywatch.query.SubscriptionMatcher;
import policywatch.query.Words;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive index counts every query shape exactly by itself: with a budget that lets a search confirm only ten
 * candidates one by one, the preview's count still equals the matcher's over the whole corpus, for prefixes,
 * exclusions, fields, acronyms, phrases and proximity, on texts with accents, capitals, possessives, dotted acronyms,
 * Chinese characters and odd Unicode.
 */
class ArchiveExactCountTests {

	private static final Instant START = Instant.parse("2026-11-01T08:00:00Z");

	@TempDir
	Path dir;

	private final MutableClock clock = new MutableClock(START);

	private final ArchiveStore store = new ArchiveStore(TestDatabase.jdbc());

	/** Ten candidates and a millisecond: far too little to count anything one by one. */
	private final ArchiveProperties properties = new ArchiveProperties(Duration.ofDays(14), Duration.ofHours(1), 2000,
			10, Duration.ofMillis(1));

	private final List<RecentArchive> opened = new ArrayList<>();

	private long nextId = 1;

	@AfterEach
	void close() throws IOException {
		for (RecentArchive archive : this.opened) {
			archive.close();
		}
	}

	private RecentArchive open() throws IOException {
		return open(this.properties);
	}

	private RecentArchive open(ArchiveProperties properties) throws IOException {
		RecentArchive archive = new RecentArchive(this.store, this.dir.resolve("archive-index"), properties,
				this.clock);
		this.opened.add(archive);
		archive.open();
		return archive;
	}

	private PendingEntry entry(String title, String text) {
		long id = this.nextId++;
		return new PendingEntry(id, "news", "Policy News", title, "https://example.org/a/" + id, "", text,
				this.clock.instant());
	}

	private static final String[] WORDS = { "trade", "tariff", "tariffs", "Tariffs", "TARIFFS", "steel", "us", "US",
			"eu", "EU", "Europe", "china", "China's", "CHINA’S", "São", "Sao", "Paulo", "supply", "chain", "chains",
			"supply-chain", "sanction", "sanctions", "sanctioned", "Sanctioning", "金", "砖", "国家", "金砖", "rare",
			"earth", "export", "exports", "bricks", "BRICS", "taxes", "tax", "policy", "policies", "U.S.", "u.s.",
			"NGOs", "ngo", "summit", "talks", "Zürich", "ÆON", "İstanbul", "straße", "e\u0301tat", "ﬁnance", "ＵＳ",
			"Ǆemal", "naïve", "x²", "headaches", "status", "crisis", "news", "a.b.c.s.", "NATO", "nato", "2026",
			"covid-19", "日本の", "Ελλάδα", "Москва", "policy's", "IMF's" };

	private static final String[] FILLER = { "the", "of", "a", "market", "week", "said", "in", "minister", "on" };

	private static final String[] SEPARATORS = { " ", " ", " ", " ", "-", ", ", ". ", "\n\n", " (", ") ", "'s ", "’",
			"/", "" };

	private static String text(Random random, int words) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words; i++) {
			if (i > 0) {
				text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
			}
			text.append(random.nextInt(2) == 0 ? WORDS[random.nextInt(WORDS.length)]
					: FILLER[random.nextInt(FILLER.length)]);
		}
		return text.toString();
	}

	private static final List<String> QUERIES = List.of("tariffs", "BRICS", "US", "us", "\"U.S.\"", "eu", "EU",
			"ＵＳ", "NGO", "ngos", "\"supply chain\"", "supply-chain", "\"supply chain*\"", "\"rare earth\" export",
			"sanction*", "sanct*", "polic*", "export* OR tariff", "\"supply chain\" NEAR/5 sanctions",
			"china NEAR/3 tariffs", "china NEAR/0 tariffs", "tariff NEAR/1 tariff", "\"rare earth\" NEAR/0 export*",
			"polic* NEAR/2 \"rare earth\"", "tariffs -steel", "tariffs AND NOT (china OR eu)",
			"(summit OR trade) -steel", "trade AND NOT china", "NOT (steel OR tax) AND trade", "title:BRICS",
			"title:(tariffs OR taxes)", "title:\"supply chain\" AND export", "title:(US NEAR/2 tariffs)",
			"body:\"supply chain\" -title:chain", "title:(trade -steel)", "金砖", "国家", "金砖 NEAR/3 summit", "金*",
			"sao paulo", "\"São Paulo\"", "São*", "sao*", "NGOs", "(trade OR summit) AND NOT title:talks",
			"bricks OR (policy -tax)", "\"U.S.\" tariffs", "zurich", "aeon", "istanbul", "strasse", "etat", "finance",
			"dzemal", "naive", "headache", "status", "crisis", "news", "NATO", "nato", "2026", "covid", "\"covid 19\"",
			"日本", "ελλαδα", "москва", "IMF", "abcs");

	@Test
	void everyQueryShapeIsCountedByTheIndexAlone() throws Exception {
		RecentArchive archive = open();
		Random random = new Random(20261202L);
		List<PendingEntry> corpus = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			PendingEntry entry = entry(text(random, 2 + random.nextInt(6)), text(random, 5 + random.nextInt(40)));
			corpus.add(entry);
			archive.add(entry);
			this.clock.advance(Duration.ofMinutes(1));
		}
		int nonEmpty = 0;
		for (String text : QUERIES) {
			Query query = Query.parse(text);
			assertThat(ArchiveQuery.parse(query)).as("read back: " + text + " as " + query).isPresent();
			SubscriptionMatcher matcher = Matchers.create();
			matcher.add(1, query);
			List<Long> expected = corpus.stream()
				.filter((entry) -> !matcher.match(new MatchDocument(entry.title(), entry.body())).isEmpty())
				.map(PendingEntry::id)
				.sorted((a, b) -> Long.compare(b, a))
				.toList();
			ArchiveSearch counted = archive.count(query, Duration.ofDays(14), 3);
			assertThat(counted.count()).as(text).isEqualTo(expected.size());
			assertThat(counted.atLeast()).as(text).isFalse();
			assertThat(counted.newest()).as(text)
				.extracting(ArchivedArticle::entryId)
				.containsExactlyElementsOf(expected.subList(0, Math.min(3, expected.size())));
			assertThat(archive.newest(query, 10).newest()).as(text)
				.extracting(ArchivedArticle::entryId)
				.containsExactlyElementsOf(expected.subList(0, Math.min(10, expected.size())));
			nonEmpty += expected.isEmpty() ? 0 : 1;
		}
		assertThat(nonEmpty).as("queries with matches").isGreaterThan(QUERIES.size() * 3 / 4);
	}

	@Test
	void aQueryWhoseCanonicalTextReadsBackDifferentlyIsConfirmedByTheMatcher() throws Exception {
		// "A.B.C.S." is the acronym "abcs", but its canonical text abcs reads back as the plural of "abc"
		RecentArchive archive = open(new ArchiveProperties(Duration.ofDays(14), Duration.ofHours(1), 2000, 3000,
				Duration.ofSeconds(10)));
		archive.add(entry("The A.B.C.S. report", "Text."));
		archive.add(entry("The ABC report", "Text."));
		archive.add(entry("The abcs report", "Text."));
		ArchiveSearch found = archive.count(Query.parse("\"A.B.C.S.\""), Duration.ofDays(7), 3);
		assertThat(found.newest()).extracting(ArchivedArticle::title).containsExactly("The A.B.C.S. report");
		assertThat(found.count()).isEqualTo(1);
		assertThat(found.atLeast()).isFalse();
	}

	@Test
	void whatTheIndexCannotCountIsBoundedAndSaysAtLeast() throws Exception {
		RecentArchive archive = open();
		for (int i = 0; i < 30; i++) {
			archive.add(entry("The A.B.C.S. report " + i, "Text."));
			archive.add(entry("The abcs report " + i, "Text."));
			this.clock.advance(Duration.ofMinutes(1));
		}
		ArchiveSearch found = archive.count(Query.parse("\"A.B.C.S.\""), Duration.ofDays(7), 3);
		assertThat(found.atLeast()).as("ten candidates could be confirmed, not sixty").isTrue();
		assertThat(found.count()).isBetween(1, 10);
		assertThat(found.newest()).extracting(ArchivedArticle::title)
			.allSatisfy((title) -> assertThat(title).startsWith("The A.B.C.S. report"));
	}

	@Test
	void aPrefixInAPhraseThatStandsForTooManyWordsIsStillAnsweredRight() throws Exception {
		RecentArchive archive = open(new ArchiveProperties(Duration.ofDays(14), Duration.ofHours(1), 2000, 3000,
				Duration.ofSeconds(10)));
		StringBuilder words = new StringBuilder();
		for (int i = 0; i < ArchiveQuery.MAX_EXPANSIONS + 100; i++) {
			words.append("pol").append(Integer.toString(i, 26).replace('0', 'z')).append(' ');
		}
		archive.add(entry("Word list", words.toString()));
		archive.add(entry("Polder report", "The polder report is out."));
		archive.add(entry("Report", "A report on poland, not a polder."));
		ArchiveSearch found = archive.count(Query.parse("\"pol* report\""), Duration.ofDays(7), 3);
		assertThat(found.newest()).extracting(ArchivedArticle::title).containsExactly("Polder report");
		assertThat(found.count()).isEqualTo(1);
		assertThat(found.atLeast()).isFalse();
	}

	@Test
	void theIndexReadsWordsAsTheMatcherDoes() {
		Random random = new Random(7);
		for (int i = 0; i < 2000; i++) {
			String text = text(random, 1 + random.nextInt(30));
			assertThat(ArchiveTokens.of(text).size()).as(text).isEqualTo(Words.keys(text).length);
		}
		ArchiveTokens tokens = ArchiveTokens.of("U.S. tariffs hit S\u00e3o Paulo's NGOs \u5317\u4eac");
		List<String> keys = new ArrayList<>();
		List<String> forms = new ArrayList<>();
		List<Boolean> upper = new ArrayList<>();
		List<Boolean> cjk = new ArrayList<>();
		for (int t = 0; t < tokens.size(); t++) {
			keys.add(tokens.key(t));
			forms.add(tokens.form(t));
			upper.add(tokens.upper(t));
			cjk.add(tokens.cjk(t));
		}
		assertThat(keys).containsExactly("us", "tariff", "hit", "sao", "paulo", "ngo", "\u5317", "\u4eac");
		assertThat(forms).containsExactly("us", "tariffs", "hit", "sao", "paulo", "ngos", "\u5317", "\u4eac");
		assertThat(upper).containsExactly(true, false, false, false, false, true, false, false);
		assertThat(cjk).containsExactly(false, false, false, false, false, false, true, true);
		assertThat(tokens.hasLongWord()).isFalse();
		assertThat(ArchiveTokens.of("a " + "x".repeat(ArchiveTokens.MAX_LENGTH + 1)).hasLongWord()).isTrue();
		assertThat(ArchiveTokens.of(null).size()).isZero();
	}

	@Test
	void anArticleWithAWordTooLongToIndexIsStillFoundAndCounted() throws Exception {
		// the matcher confirms such an article itself, so this search needs a budget
		RecentArchive archive = open(new ArchiveProperties(Duration.ofDays(14), Duration.ofHours(1), 2000, 3000,
				Duration.ofSeconds(10)));
		String longWord = "tariff" + "x".repeat(5000);
		archive.add(entry("Trade news", "New " + longWord + " rules and tariffs."));
		archive.add(entry("Trade news", "Nothing here."));
		ArchiveSearch found = archive.count(Query.parse("\"new " + longWord + "\""), Duration.ofDays(7), 3);
		assertThat(found.count()).isEqualTo(1);
		assertThat(found.newest()).extracting(ArchivedArticle::entryId).containsExactly(1L);
		assertThat(archive.count(Query.parse("tariffs"), Duration.ofDays(7), 3).count()).isEqualTo(1);
	}

	@Test
	void anIndexOfTheCurrentFormatIsKeptOnRestart() throws Exception {
		RecentArchive archive = open();
		archive.add(entry("Steel tariffs rise", "Tariffs on steel go up."));
		archive.commit();
		archive.close();
		this.opened.remove(archive);
		try (ArchiveIndex index = new ArchiveIndex(this.dir.resolve("archive-index"))) {
			assertThat(index.fresh()).as("not rebuilt").isFalse();
			assertThat(index.count()).isEqualTo(1);
		}
	}

	@Test
	void anIndexOfAnEarlierFormatIsRebuiltOnStart() throws Exception {
		// an archive of the previous version: the table has the article, the index holds word sets only
		this.store.insert(new ArchiveStore.Stored(new ArchivedArticle(7, "news", "Policy News", "Steel tariffs rise",
				null, null, this.clock.instant()), "Tariffs on steel go up."));
		try (FSDirectory directory = FSDirectory.open(this.dir.resolve("archive-index"));
				IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
			Document document = new Document();
			document.add(new StringField("id", "7", Field.Store.NO));
			document.add(new StringField("k", "tariff", Field.Store.NO));
			writer.addDocument(document);
			writer.setLiveCommitData(Map.of(ArchiveIndex.THROUGH, Long.toString(this.clock.millis())).entrySet());
			writer.commit();
		}

		RecentArchive archive = open();
		ArchiveSearch found = archive.count(Query.parse("title:(steel NEAR/1 tariff*)"), Duration.ofDays(7), 3);
		assertThat(found.count()).isEqualTo(1);
		assertThat(found.newest()).extracting(ArchivedArticle::title).containsExactly("Steel tariffs rise");
	}

}
