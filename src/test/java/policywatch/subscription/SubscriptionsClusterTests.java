package policywatch.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.query.MatchDocument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one database: a subscription made or removed through one is matched, or no longer
 * matched, by the other within 2 seconds.
 */
class SubscriptionsClusterTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final DataSource dataSource = TestDatabase.create();

	private final JdbcClient jdbc = JdbcClient.create(this.dataSource);

	private final TransactionTemplate transactions = new TransactionTemplate(
			new DataSourceTransactionManager(this.dataSource));

	private final ChatRepository chatRepository = new ChatRepository(this.jdbc, this.clock);

	private final Subscriptions nodeA = node();

	private final Subscriptions nodeB = node();

	private SubscriptionRefresh refreshB;

	@AfterEach
	void stop() {
		if (this.refreshB != null) {
			this.refreshB.stop();
		}
	}

	private Subscriptions node() {
		return new Subscriptions(new SubscriptionRepository(this.jdbc, this.clock), this.chatRepository,
				new SubscriptionProperties(200, 50));
	}

	@Test
	void aSubscriptionMadeOnOneNodeIsMatchedByAnotherWithinTwoSeconds() {
		new Chats(this.chatRepository).seen(7, "private", "someone");
		this.refreshB = new SubscriptionRefresh(this.nodeB, new SubscriptionProperties(200, 50), this.clock);
		this.refreshB.start();
		MatchDocument story = new MatchDocument("BRICS summit opens", "");
		assertThat(this.nodeB.match(story)).isEmpty();

		this.transactions.executeWithoutResult((status) -> this.nodeA.subscribe(7, 7, "BRICS", false));
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.nodeB.match(story)).singleElement()
				.satisfies((match) -> assertThat(match.chatId()).isEqualTo(7)));

		this.transactions.executeWithoutResult((status) -> this.nodeA.unsubscribe(7, "BRICS"));
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(this.nodeB.match(story)).isEmpty());
	}

	@Test
	void aChangeCommittedAfterALaterOneIsNotMissed() throws Exception {
		new Chats(this.chatRepository).seen(7, "private", "someone");
		new Chats(this.chatRepository).seen(8, "private", "someone else");
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		// the first change is numbered first but its transaction commits last
		CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> this.transactions.executeWithoutResult((status) -> {
			this.nodeA.subscribe(7, 7, "alpha", false);
			written.countDown();
			try {
				commit.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
		this.transactions.executeWithoutResult((status) -> this.nodeA.subscribe(8, 8, "beta", false));
		assertThat(this.nodeB.refresh(this.clock.instant())).isEqualTo(1);
		assertThat(this.nodeB.match(new MatchDocument("beta", ""))).hasSize(1);

		commit.countDown();
		slow.get(10, TimeUnit.SECONDS);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.nodeB.refresh(this.clock.instant())).isEqualTo(1);
		assertThat(this.nodeB.match(new MatchDocument("alpha", ""))).singleElement()
			.satisfies((match) -> assertThat(match.chatId()).isEqualTo(7));
		// applied once: reading again changes nothing
		assertThat(this.nodeB.refresh(this.clock.instant())).isZero();
	}

	@Test
	void aSubscriptionMovedWithItsChatFollowsOnTheOtherNode() {
		new Chats(this.chatRepository).seen(-100, "group", "the group");
		this.transactions.executeWithoutResult((status) -> this.nodeA.subscribe(-100, 1, "tariffs", false));
		this.nodeB.refresh(this.clock.instant());
		this.transactions.executeWithoutResult((status) -> this.nodeA.moveChat(-100, -1001));
		this.nodeB.refresh(this.clock.instant());
		assertThat(this.nodeB.match(new MatchDocument("new tariffs", ""))).singleElement()
			.satisfies((match) -> assertThat(match.chatId()).isEqualTo(-1001));
	}

}
