package policywatch.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claiming new entries for matching, as two nodes on one database do: run on H2
 * ({@link EntryClaimsTests}) and on PostgreSQL ({@link EntryClaimsPostgresIT}).
 */
abstract class EntryClaimsContract {

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

	abstract DataSource dataSource();

	private JdbcClient jdbc() {
		return JdbcClient.create(dataSource());
	}

	private TransactionTemplate transactions() {
		return new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
	}

	/** Two stores, as on two nodes. */
	private EntryStore node() {
		return new EntryStore(jdbc(), this.clock);
	}

	private List<Long> newEntries(int count) {
		JdbcClient jdbc = jdbc();
		String feed = "f" + System.nanoTime();
		jdbc.sql("INSERT INTO feed (id, name, url, interval_seconds, full_text, enabled, next_poll_at, created_at) "
				+ "VALUES (?, 'Feed', 'https://example.org/feed.xml', 60, FALSE, TRUE, ?, ?)")
			.params(feed, java.sql.Timestamp.from(this.clock.instant()), java.sql.Timestamp.from(this.clock.instant()))
			.update();
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			jdbc.sql("INSERT INTO entry (feed_id, entry_key, title, description, body, first_seen_at, last_seen_at, state) "
					+ "VALUES (?, ?, 'Title', 'd', 'b', ?, ?, 'NEW')")
				.params(feed, "k" + i, java.sql.Timestamp.from(this.clock.instant()),
						java.sql.Timestamp.from(this.clock.instant()))
				.update();
		}
		ids.addAll(jdbc.sql("SELECT id FROM entry WHERE feed_id = ? ORDER BY id").param(feed).query(Long.class).list());
		return ids;
	}

	private String state(long id) {
		return jdbc().sql("SELECT state FROM entry WHERE id = ?").param(id).query(String.class).single();
	}

	@Test
	void anEntryHeldByOneNodeIsSkippedByTheOtherAtOnce() throws Exception {
		long entry = newEntries(1).get(0);
		CountDownLatch claimed = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> transactions().execute((status) -> {
			boolean won = node().markMatched(entry);
			claimed.countDown();
			await(release);
			return won;
		}));
		assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
		// the other node does not wait for the first one's transaction: it skips the entry
		Boolean second = CompletableFuture.supplyAsync(() -> transactions().execute((status) -> node().markMatched(entry)))
			.get(5, TimeUnit.SECONDS);
		release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(second).isFalse();
		assertThat(state(entry)).isEqualTo("MATCHED");
		// and once the first committed, nobody claims it again
		assertThat(claimInTransaction(entry)).isFalse();
	}

	@Test
	void aClaimRolledBackIsClaimableAgain() {
		long entry = newEntries(1).get(0);
		TransactionTemplate transactions = transactions();
		Boolean won = transactions.execute((status) -> {
			boolean claimed = node().markMatched(entry);
			status.setRollbackOnly(); // the node died before committing its alerts
			return claimed;
		});
		assertThat(won).isTrue();
		assertThat(state(entry)).isEqualTo("NEW");
		assertThat(node().pending(0, 10)).extracting(PendingEntry::id).contains(entry);
		assertThat(claimInTransaction(entry)).isTrue();
		assertThat(state(entry)).isEqualTo("MATCHED");
	}

	@Test
	void twoNodesClaimingTheSameEntriesNeverGetTheSameOne() throws Exception {
		List<Long> entries = newEntries(200);
		Set<Long> wonByA = Collections.synchronizedSet(new HashSet<>());
		Set<Long> wonByB = Collections.synchronizedSet(new HashSet<>());
		CompletableFuture<Void> a = CompletableFuture.runAsync(() -> claimAll(entries, wonByA));
		CompletableFuture<Void> b = CompletableFuture.runAsync(() -> claimAll(entries, wonByB));
		CompletableFuture.allOf(a, b).get(60, TimeUnit.SECONDS);
		// (one node may win them all when it starts first)
		assertThat(Collections.disjoint(wonByA, wonByB)).as("no entry claimed by both").isTrue();
		Set<Long> all = new HashSet<>(wonByA);
		all.addAll(wonByB);
		// every entry matched by exactly one of them
		assertThat(all).containsExactlyInAnyOrderElementsOf(entries);
		assertThat(wonByA.size() + wonByB.size()).isEqualTo(entries.size());
	}

	private Boolean claimInTransaction(long entry) {
		return transactions().execute((status) -> node().markMatched(entry));
	}

	private void claimAll(List<Long> entries, Set<Long> won) {
		EntryStore node = node();
		TransactionTemplate transactions = transactions();
		for (long entry : entries) {
			if (Boolean.TRUE.equals(transactions.execute((status) -> node.markMatched(entry)))) {
				won.add(entry);
			}
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
