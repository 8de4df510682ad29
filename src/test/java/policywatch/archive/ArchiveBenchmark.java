package policywatch.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import policywatch.MutableClock;
import policywatch.ingest.PendingEntry;
import policywatch.query.Query;

/**
 * The recent archive at the size of 14 days of a busy deployment: synthetic policy-news articles (words drawn from a
 * Zipf-like vocabulary of common English words, policy terms and phrases, and generated rare words), archived into
 * an H2 file database and the Lucene index, then searched with a mix of queries, measured for size, and pruned.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=policywatch.archive.ArchiveBenchmark -Dexec.args="100000 450"
 * </pre>
 * Arguments: articles (100000), words per article body (450, about 3 KB of text), and optionally a folder where the
 * database and index are kept: a later run with the same arguments reuses them instead of archiving again (the
 * rebuild is still measured; the prune, which would empty them, is not).
 */
public final class ArchiveBenchmark {

	private static final String[] COMMON = ("the of and to a in is that for on was with as be by at this have from or an "
			+ "they which one were all we when there can been has more if no out so said what up its about than into "
			+ "them only other new some could time these two may then do first any now such like our over even most "
			+ "made after also did many before must through back year where much your way well down should because each "
			+ "just those people how too state good very make world still own see work long get here between both "
			+ "under never day same another know while last might us great old off come since against go right used "
			+ "take three not but are his her had he she will would their who government minister president country "
			+ "percent report week month officials talks policy economic trade ministry spokesman statement meeting "
			+ "agreement leaders security foreign national global international development growth market markets "
			+ "bank investment cooperation support plan measures law parliament committee council rules proposal")
		.split(" ");

	private static final String[] POLICY = ("tariffs|sanctions|BRICS|China|United States|European Union|exports|"
			+ "imports|supply chain|rare earth|export controls|semiconductors|chips|climate|emissions|carbon|energy|"
			+ "oil|gas|summit|ceasefire|NATO|IMF|inflation|interest rates|central bank|regulation|antitrust|subsidies|"
			+ "WTO|steel|aluminium|agriculture|food security|migration|elections|budget|deficit|debt|currency|"
			+ "yuan|dollar|Russia|Ukraine|India|Brazil|South Africa|critical minerals|lithium|batteries|electric vehicles|"
			+ "artificial intelligence|data protection|cybersecurity|infrastructure|ports|shipping|sanctioned|sanctioning")
		.split("\\|");

	private static final String[] SYLLABLES = { "ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "an", "ti", "pra",
			"gue", "nol", "bi", "ster", "ca", "fen", "ur", "mo", "zin" };

	private final String[] vocabulary;

	private final double[] cumulative;

	private final Random random = new Random(20261201L);

	private ArchiveBenchmark(int size) {
		List<String> words = new ArrayList<>();
		words.addAll(Arrays.asList(COMMON));
		// policy terms spread through the middle ranks
		List<String> rare = new ArrayList<>();
		Random names = new Random(7);
		while (rare.size() < size - COMMON.length - POLICY.length) {
			int syllables = 2 + names.nextInt(3);
			StringBuilder word = new StringBuilder();
			for (int i = 0; i < syllables; i++) {
				word.append(SYLLABLES[names.nextInt(SYLLABLES.length)]);
			}
			rare.add(word.toString());
		}
		for (int i = 0; i < POLICY.length; i++) {
			words.add(POLICY[i]);
			for (int j = 0; j < 3 && !rare.isEmpty(); j++) {
				words.add(rare.remove(rare.size() - 1));
			}
		}
		words.addAll(rare);
		this.vocabulary = words.toArray(String[]::new);
		this.cumulative = new double[this.vocabulary.length];
		double sum = 0;
		for (int rank = 0; rank < this.vocabulary.length; rank++) {
			sum += 1 / Math.pow(rank + 2.7, 1.07);
			this.cumulative[rank] = sum;
		}
		for (int rank = 0; rank < this.vocabulary.length; rank++) {
			this.cumulative[rank] /= sum;
		}
	}

	private String word() {
		int rank = Arrays.binarySearch(this.cumulative, this.random.nextDouble());
		return this.vocabulary[(rank >= 0) ? rank : Math.min(-rank - 1, this.vocabulary.length - 1)];
	}

	private String text(int words) {
		StringBuilder text = new StringBuilder(words * 7);
		int sentence = 0;
		for (int i = 0; i < words; i++) {
			String word = word();
			if (sentence == 0) {
				text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
			}
			else {
				text.append(word);
			}
			sentence++;
			if (sentence > 12 && this.random.nextInt(8) == 0) {
				text.append((this.random.nextInt(5) == 0) ? ".\n\n" : ". ");
				sentence = 0;
			}
			else {
				text.append((this.random.nextInt(15) == 0) ? ", " : " ");
			}
		}
		return text.append('.').toString();
	}

	public static void main(String[] args) throws Exception {
		int articles = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int bodyWords = (args.length > 1) ? Integer.parseInt(args[1]) : 450;
		Path kept = (args.length > 2) ? Path.of(args[2]).toAbsolutePath() : null;
		ArchiveBenchmark generator = new ArchiveBenchmark(30_000);
		Path dir = (kept != null) ? Files.createDirectories(kept) : Files.createTempDirectory("policywatch-archive-benchmark");
		Path marker = dir.resolve("built-" + articles + "-" + bodyWords);
		boolean reuse = Files.exists(marker);
		String url = "jdbc:h2:file:" + dir.resolve("policywatch") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
		if (kept != null && !reuse) {
			Files.deleteIfExists(dir.resolve("policywatch.mv.db"));
			deleteIndex(dir);
		}
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, "sa", "", true);
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load()
			.migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		long emptyDb = reuse ? Long.parseLong(Files.readString(marker).split(" ")[0]) : Files.size(dir.resolve("policywatch.mv.db"));

		Instant start = Instant.parse("2026-11-17T00:00:00Z");
		Duration retention = Duration.ofDays(14);
		Duration step = Duration.ofMillis(retention.toMillis() / articles);
		MutableClock clock = new MutableClock(reuse ? start.plus(step.multipliedBy(articles)) : start);
		ArchiveProperties properties = new ArchiveProperties(retention, Duration.ofHours(1), 2000, 3000, Duration.ofMillis(200));
		ArchiveStore store = new ArchiveStore(jdbc);
		long openStart = System.nanoTime();
		RecentArchive archive = new RecentArchive(store, dir.resolve("archive-index"), properties, clock);
		archive.open();
		if (reuse) {
			System.out.printf("Reusing %,d archived articles in %s (opened in %.1f s)%n", store.count(), dir,
					(System.nanoTime() - openStart) / 1e9);
		}

		TransactionTemplate transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		long textChars = reuse ? Long.parseLong(Files.readString(marker).split(" ")[1]) : 0;
		long started = System.nanoTime();
		RecentArchive writing = archive;
		for (int first = 1; !reuse && first <= articles; first += 100) {
			List<PendingEntry> batch = new ArrayList<>();
			for (int i = first; i < first + 100 && i <= articles; i++) {
				String title = generator.text(8 + generator.random.nextInt(6));
				String description = generator.text(30 + generator.random.nextInt(20));
				String body = generator.text(bodyWords - 50 + generator.random.nextInt(100));
				textChars += title.length() + description.length() + body.length();
				batch.add(new PendingEntry(i, "feed-" + (i % 40), "Policy Feed " + (i % 40), title,
						"https://news.example.org/" + (i % 40) + "/2026/11/article-" + i + ".html", description, body,
						clock.instant()));
			}
			transactions.executeWithoutResult((status) -> {
				for (PendingEntry entry : batch) {
					writing.add(entry);
					clock.advance(step);
				}
			});
			int i = first + batch.size() - 1;
			if (i % 20_000 == 0) {
				archive.commit();
				System.out.printf("archived %,d articles%n", i);
			}
		}
		archive.commit();
		if (!reuse) {
			double archiveSeconds = (System.nanoTime() - started) / 1e9;
			System.out.printf("Archived %,d articles (%,d characters of text each on average) in %.1f s (%.2f ms each)%n",
					articles, textChars / articles, archiveSeconds, archiveSeconds * 1000 / articles);
		}

		String[] queries = { "tariffs", "BRICS", "\"supply chain\"", "sanction*", "\"rare earth\" NEAR/10 exports",
				"tariffs -China", "title:summit", "semiconductors OR chips", "\"export controls\" AND China",
				"lithium batteries", "WTO AND steel", "title:(ceasefire OR sanctions) AND Ukraine",
				generator.vocabulary[generator.vocabulary.length - 5], "\"central bank\" NEAR/5 inflation" };
		List<Long> recent = new ArrayList<>();
		List<Long> preview = new ArrayList<>();
		List<List<Long>> recentByQuery = new ArrayList<>();
		List<List<Long>> previewByQuery = new ArrayList<>();
		for (int q = 0; q < queries.length; q++) {
			recentByQuery.add(new ArrayList<>());
			previewByQuery.add(new ArrayList<>());
		}
		String[] found = new String[queries.length];
		for (int round = 0; round < 11; round++) {
			for (int q = 0; q < queries.length; q++) {
				Query query = Query.parse(queries[q]);
				long t0 = System.nanoTime();
				ArchiveSearch newest = archive.newest(query, 10);
				long t1 = System.nanoTime();
				ArchiveSearch counted = archive.count(query, Duration.ofDays(7), 3);
				long t2 = System.nanoTime();
				if (round == 0) {
					found[q] = String.format("newest %2d  last 7 days %s%,d", newest.newest().size(),
							counted.atLeast() ? "at least " : "", counted.count());
				}
				else {
					recent.add(t1 - t0);
					preview.add(t2 - t1);
					recentByQuery.get(q).add(t1 - t0);
					previewByQuery.get(q).add(t2 - t1);
				}
			}
		}
		System.out.printf("  %-45s %-34s %-19s %s%n", "query", "found", "/recent p50/max ms", "preview p50/max ms");
		for (int q = 0; q < queries.length; q++) {
			System.out.printf("  %-45s %-34s %7.1f / %-7.1f   %7.1f / %.1f%n", queries[q], found[q],
					percentile(recentByQuery.get(q), 50), percentile(recentByQuery.get(q), 100),
					percentile(previewByQuery.get(q), 50), percentile(previewByQuery.get(q), 100));
		}
		System.out.printf("/recent (newest 10): p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d searches%n",
				percentile(recent, 50), percentile(recent, 99), percentile(recent, 100), recent.size());
		System.out.printf("subscribe preview (count 7 days + newest 3): p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d searches%n",
				percentile(preview, 50), percentile(preview, 99), percentile(preview, 100), preview.size());

		archive.commit();
		long indexBytes = archive.indexBytes();
		jdbc.sql("SHUTDOWN COMPACT").update();
		dataSource.destroy();
		long dbBytes = Files.size(dir.resolve("policywatch.mv.db")) - emptyDb;
		dataSource = new SingleConnectionDataSource(url, "sa", "", true);
		store = new ArchiveStore(JdbcClient.create(dataSource));
		archive.close();
		deleteIndex(dir);
		archive = new RecentArchive(store, dir.resolve("archive-index"), properties, clock);
		long reopenStart = System.nanoTime();
		archive.open();
		System.out.printf("Rebuilt the deleted index from the table in %.1f s%n",
				(System.nanoTime() - reopenStart) / 1e9);
		System.out.printf("Stored per article: database %,d bytes, index %,d bytes, together %,d bytes (text %,d characters)%n",
				dbBytes / articles, indexBytes / articles, (dbBytes + indexBytes) / articles, textChars / articles);

		if (kept != null) {
			Files.writeString(marker, emptyDb + " " + textChars);
			System.out.printf("Kept the database and index in %s for the next run; prune not measured (run without a folder)%n", dir);
			archive.close();
			dataSource.destroy();
			return;
		}
		clock.advance(retention.plusDays(1));
		// the table's part first, as prune does it, then prune itself (the index's part)
		long pruneStart = System.nanoTime();
		Instant before = clock.instant().minus(retention);
		int pruned = 0;
		for (int batch = -1; batch != 0;) {
			batch = store.deleteBefore(before, 1000);
			pruned += batch;
		}
		long tableDone = System.nanoTime();
		pruned += archive.prune();
		long pruneEnd = System.nanoTime();
		System.out.printf("Pruned %,d articles in %.1f s (table %.1f s, index %.1f s); %,d left, index %,d bytes%n", pruned,
				(pruneEnd - pruneStart) / 1e9, (tableDone - pruneStart) / 1e9, (pruneEnd - tableDone) / 1e9, store.count(),
				archive.indexBytes());
		archive.close();
		dataSource.destroy();
	}

	private static void deleteIndex(Path dir) throws java.io.IOException {
		if (!Files.exists(dir.resolve("archive-index"))) {
			return;
		}
		try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("archive-index"))) {
			for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	private static double percentile(List<Long> nanos, int percentile) {
		List<Long> sorted = new ArrayList<>(nanos);
		sorted.sort(null);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
	}

}
