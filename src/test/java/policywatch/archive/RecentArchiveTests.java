package policywatch.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.ingest.PendingEntry;
import policywatch.query.MatchDocument;
import policywatch.query.Matchers;
import policywatch.query.Query;
import policywatch.query.SubscriptionMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recent archive on H2 with its Lucene index in a temporary folder: retention with an injected clock, search
 * results that agree with the subscription matcher, and the index rebuilt from the table.
 */
class RecentArchiveTests {

	private static final Instant START = Instant.parse("2026-11-01T08:00:00Z");

	@TempDir
	Path dir;

	private final MutableClock clock = new MutableClock(START);

	private final JdbcClient jdbc = TestDatabase.jdbc();

	private final ArchiveStore store = new ArchiveStore(this.jdbc);

	private final ArchiveProperties properties = new ArchiveProperties(Duration.ofDays(14), Duration.ofHours(1), 2000,
			3000, Duration.ofMillis(200));

	private final List<RecentArchive> opened = new ArrayList<>();

	private long nextId = 1;

	@AfterEach
	void close() throws IOException {
		for (RecentArchive archive : this.opened) {
			archive.close();
		}
	}

	private RecentArchive open() throws IOException {
		RecentArchive archive = new RecentArchive(this.store, this.dir.resolve("archive-index"), this.properties,
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

	private static List<String> titles(ArchiveSearch search) {
		return search.newest().stream().map(ArchivedArticle::title).toList();
	}

	@Test
	void articlesAreKeptForTheRetentionThenPruned() throws Exception {
		RecentArchive archive = open();
		archive.add(entry("BRICS summit opens", "Leaders of the BRICS countries met in Kazan."));
		this.clock.advance(Duration.ofDays(10));
		archive.add(entry("BRICS payments plan", "A shared BRICS payments system was agreed."));
		Query brics = Query.parse("BRICS");

		this.clock.advance(Duration.ofDays(3));
		assertThat(archive.prune()).isZero();
		assertThat(titles(archive.newest(brics, 10))).containsExactly("BRICS payments plan", "BRICS summit opens");

		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		assertThat(archive.prune()).isEqualTo(1);
		assertThat(titles(archive.newest(brics, 10))).containsExactly("BRICS payments plan");
		assertThat(this.store.count()).isEqualTo(1);

		this.clock.advance(Duration.ofDays(10));
		assertThat(archive.prune()).isEqualTo(1);
		assertThat(archive.newest(brics, 10).newest()).isEmpty();
	}

	@Test
	void previewCountsOnlyThePeriodAsked() throws Exception {
		RecentArchive archive = open();
		archive.add(entry("Old tariff story", "Steel tariffs were raised."));
		this.clock.advance(Duration.ofDays(8));
		for (int i = 0; i < 5; i++) {
			archive.add(entry("Tariff story " + i, "New tariffs on steel."));
			this.clock.advance(Duration.ofMinutes(1));
		}
		ArchiveSearch week = archive.count(Query.parse("tariffs"), Duration.ofDays(7), 3);
		assertThat(week.count()).isEqualTo(5);
		assertThat(week.atLeast()).isFalse();
		assertThat(titles(week)).containsExactly("Tariff story 4", "Tariff story 3", "Tariff story 2");
		assertThat(archive.newest(Query.parse("tariffs"), 10).newest()).hasSize(6);
	}

	private static final String[] WORDS = { "trade", "tariff", "tariffs", "Tariffs", "steel", "us", "US", "eu", "EU",
			"Europe", "china", "China's", "São", "Sao", "Paulo", "supply", "chain", "chains", "supply-chain",
			"sanction", "sanctions", "sanctioned", "金", "砖", "国家", "金砖", "rare", "earth", "export", "exports",
			"bricks", "BRICS", "taxes", "tax", "policy", "policies", "U.S.", "NGOs", "ngo", "summit", "talks" };

	private static final String[] FILLER = { "the", "of", "a", "market", "week", "said", "in", "minister", "on" };

	private static final String[] SEPARATORS = { " ", " ", " ", " ", "-", ", ", ". ", "\n\n", " (", ") ", "'s " };

	private static String text(Random random, int words) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words; i++) {
			if (i > 0) {
				text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
			}
			text.append(random.nextInt(3) == 0 ? WORDS[random.nextInt(WORDS.length)]
					: FILLER[random.nextInt(FILLER.length)]);
		}
		return text.toString();
	}

	@Test
	void searchAgreesWithTheMatcher() throws Exception {
		RecentArchive archive = open();
		Random random = new Random(20261201L);
		List<PendingEntry> corpus = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			PendingEntry entry = entry(text(random, 3 + random.nextInt(5)), text(random, 10 + random.nextInt(60)));
			corpus.add(entry);
			archive.add(entry);
			this.clock.advance(Duration.ofSeconds(30));
		}
		List<String> queries = List.of("tariffs", "BRICS", "US", "us", "eu", "\"supply chain\"", "supply-chain",
				"\"rare earth\" export", "sanction*", "polic*", "export* OR tariff", "\"supply chain\" NEAR/5 sanctions",
				"china NEAR/3 tariffs", "tariffs -steel", "tariffs AND NOT (china OR eu)", "(summit OR trade) -steel", "trade AND NOT china",
				"title:BRICS", "title:(tariffs OR taxes)", "title:\"supply chain\" AND export", "金砖", "国家",
				"sao paulo", "São*", "NGOs", "(trade OR summit) AND NOT title:talks", "bricks OR (policy -tax)",
				"\"U.S.\" tariffs");
		int nonEmpty = 0;
		for (String text : queries) {
			Query query = Query.parse(text);
			SubscriptionMatcher matcher = Matchers.create();
			matcher.add(1, query);
			List<Long> expected = corpus.stream()
				.filter((entry) -> !matcher.match(new MatchDocument(entry.title(), entry.body())).isEmpty())
				.map(PendingEntry::id)
				.sorted(Comparator.reverseOrder())
				.toList();
			ArchiveSearch counted = archive.count(query, Duration.ofDays(14), corpus.size());
			assertThat(counted.newest()).as(text).extracting(ArchivedArticle::entryId).containsExactlyElementsOf(expected);
			assertThat(counted.count()).as(text).isEqualTo(expected.size());
			assertThat(archive.newest(query, 10).newest()).as(text)
				.extracting(ArchivedArticle::entryId)
				.containsExactlyElementsOf(expected.subList(0, Math.min(10, expected.size())));
			nonEmpty += expected.isEmpty() ? 0 : 1;
		}
		assertThat(nonEmpty).as("queries with matches").isGreaterThan(queries.size() * 3 / 4);
		assertThat(archive.newest(Query.parse("steel"), 10).scanned()).isFalse();
	}

	@Test
	void untilTheIndexIsReadySearchScansTheNewestArticles() throws Exception {
		RecentArchive archive = new RecentArchive(this.store, this.dir.resolve("archive-index"), this.properties,
				this.clock);
		this.opened.add(archive);
		archive.add(entry("BRICS summit opens", "Leaders met."));
		archive.add(entry("Steel tariffs rise", "Tariffs on steel go up."));
		ArchiveSearch search = archive.newest(Query.parse("tariffs"), 10);
		assertThat(search.scanned()).isTrue();
		assertThat(titles(search)).containsExactly("Steel tariffs rise");

		archive.open();
		assertThat(archive.newest(Query.parse("tariffs"), 10).scanned()).isFalse();
		assertThat(titles(archive.newest(Query.parse("tariffs OR summit"), 10))).containsExactly("Steel tariffs rise",
				"BRICS summit opens");
	}

	@Test
	void indexIsRebuiltFromTheTableWhenItsFolderIsDeleted() throws Exception {
		RecentArchive archive = open();
		archive.add(entry("BRICS summit opens", "Leaders met."));
		archive.add(entry("Steel tariffs rise", "Tariffs on steel go up."));
		archive.close();
		this.opened.remove(archive);
		deleteRecursively(this.dir.resolve("archive-index"));

		RecentArchive reopened = open();
		assertThat(Files.isDirectory(this.dir.resolve("archive-index"))).isTrue();
		assertThat(reopened.newest(Query.parse("tariffs"), 10).scanned()).isFalse();
		assertThat(titles(reopened.newest(Query.parse("tariffs"), 10))).containsExactly("Steel tariffs rise");
		assertThat(titles(reopened.newest(Query.parse("summit"), 10))).containsExactly("BRICS summit opens");
	}

	@Test
	void damagedIndexIsRebuilt() throws Exception {
		RecentArchive archive = open();
		archive.add(entry("BRICS summit opens", "Leaders met."));
		archive.close();
		this.opened.remove(archive);
		try (Stream<Path> files = Files.list(this.dir.resolve("archive-index"))) {
			for (Path file : files.toList()) {
				Files.write(file, new byte[] { 1, 2, 3 });
			}
		}

		RecentArchive reopened = open();
		assertThat(titles(reopened.newest(Query.parse("BRICS"), 10))).containsExactly("BRICS summit opens");
	}

	@Test
	void articlesArchivedWhileTheIndexWasNotCommittedAreCaughtUp() throws Exception {
		RecentArchive archive = open();
		archive.add(entry("BRICS summit opens", "Leaders met."));
		archive.close();
		this.opened.remove(archive);
		// archived by a process that crashed before its index was committed
		this.store.insert(new ArchiveStore.Stored(new ArchivedArticle(99, "news", "Policy News", "Tariffs on steel",
				null, null, this.clock.instant()), "Steel tariffs rise."));

		RecentArchive reopened = open();
		assertThat(titles(reopened.newest(Query.parse("tariffs"), 10))).containsExactly("Tariffs on steel");
		assertThat(titles(reopened.newest(Query.parse("BRICS"), 10))).containsExactly("BRICS summit opens");
	}

	@Test
	void anArticleIsArchivedOnce() throws Exception {
		RecentArchive archive = open();
		PendingEntry entry = entry("BRICS summit opens", "Leaders met.");
		archive.add(entry);
		archive.add(entry);
		assertThat(this.store.count()).isEqualTo(1);
		assertThat(archive.newest(Query.parse("BRICS"), 10).newest()).hasSize(1);
	}

	private static void deleteRecursively(Path path) throws IOException {
		try (Stream<Path> files = Files.walk(path)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}


}
