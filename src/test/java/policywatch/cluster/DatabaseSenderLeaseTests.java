package policywatch.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

import policywatch.MutableClock;
import policywatch.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Two nodes on one database, driven by hand with a fake clock.
 */
class DatabaseSenderLeaseTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final DataSource database = TestDatabase.create();

	private final ClusterProperties properties = new ClusterProperties(null, Duration.ofSeconds(3),
			Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(5));

	private DatabaseSenderLease node(String id) {
		return new DatabaseSenderLease(JdbcClient.create(this.database),
				new ClusterProperties(id, this.properties.leaseRenew(), this.properties.leaseTtl(),
						this.properties.leaseMargin(), this.properties.leaseHandover()),
				this.clock, mock(TaskScheduler.class));
	}

	@Test
	void theFirstNodeTakesTheLeaseAndTheSecondWaits() {
		DatabaseSenderLease a = node("a");
		DatabaseSenderLease b = node("b");
		assertThat(a.renew()).isTrue();
		assertThat(b.renew()).isFalse();
		assertThat(a.held()).isTrue();
		assertThat(b.held()).isFalse();
		assertThat(b.remaining()).isZero();
		assertThat(a.remaining()).isEqualTo(Duration.ofSeconds(8));
	}

	@Test
	void renewingKeepsTheLeaseForAsLongAsTheHolderLives() {
		DatabaseSenderLease a = node("a");
		DatabaseSenderLease b = node("b");
		a.renew();
		for (int i = 0; i < 20; i++) {
			this.clock.advance(Duration.ofSeconds(3));
			assertThat(a.renew()).isTrue();
			assertThat(b.renew()).isFalse();
			assertThat(a.held()).isTrue();
		}
	}

	@Test
	void anotherNodeTakesOverOnceTheHolderStoppedRenewing() {
		DatabaseSenderLease a = node("a");
		DatabaseSenderLease b = node("b");
		AtomicInteger acquired = new AtomicInteger();
		b.onAcquired(acquired::incrementAndGet);
		a.renew();
		// a dies: it renews no more
		this.clock.advance(Duration.ofSeconds(9));
		assertThat(b.renew()).isFalse();
		assertThat(acquired).hasValue(0);
		this.clock.advance(Duration.ofSeconds(1).plusMillis(1));
		assertThat(b.renew()).isTrue();
		assertThat(b.held()).isTrue();
		assertThat(acquired).hasValue(1);
	}

	@Test
	void aHolderThatCannotRenewStopsBeforeItsLeaseCanBeTaken() {
		DatabaseSenderLease a = node("a");
		DatabaseSenderLease b = node("b");
		a.renew();
		// a's renewals stall (database slow, long pause): it stops sending on its own
		this.clock.advance(Duration.ofSeconds(8));
		assertThat(a.held()).isFalse();
		assertThat(a.remaining()).isZero();
		// and only then may b take over
		assertThat(b.renew()).isFalse();
		this.clock.advance(Duration.ofSeconds(2).plusMillis(1));
		assertThat(b.renew()).isTrue();
	}

	@Test
	void aHolderWhoseLeaseWasTakenLosesItAtTheNextRenewalAndStops() {
		DatabaseSenderLease a = node("a");
		DatabaseSenderLease b = node("b");
		a.renew();
		this.clock.advance(Duration.ofSeconds(11));
		b.renew();
		assertThat(a.renew()).isFalse();
		assertThat(a.held()).isFalse();
		assertThat(b.held()).isTrue();
	}

	@Test
	void aHolderThatLosesTheDatabaseStopsAtOnce() {
		DataSource broken = TestDatabase.create();
		JdbcClient jdbc = JdbcClient.create(broken);
		DatabaseSenderLease a = new DatabaseSenderLease(jdbc, new ClusterProperties("a", Duration.ofSeconds(3),
				Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(5)), this.clock,
				mock(TaskScheduler.class));
		assertThat(a.renew()).isTrue();
		jdbc.sql("DROP TABLE sender_lease").update();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(a.renew()).isFalse();
		assertThat(a.held()).isFalse();
	}

	@Test
	void aCleanShutdownHandsTheLeaseOverAfterTheHandoverDelay() {
		DatabaseSenderLease a = node("a");
		DatabaseSenderLease b = node("b");
		a.renew();
		a.release();
		assertThat(a.held()).isFalse();
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(b.renew()).isFalse();
		this.clock.advance(Duration.ofSeconds(1).plusMillis(1));
		assertThat(b.renew()).isTrue();
	}

	@Test
	void nodesGetDistinctDefaultIds() {
		assertThat(node(null).nodeId()).isNotBlank().isNotEqualTo(node(null).nodeId());
	}

	@Test
	void aLeaseThatCouldLapseBetweenRenewalsIsRefused() {
		org.assertj.core.api.Assertions
			.assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClusterProperties(null, Duration.ofSeconds(9), Duration.ofSeconds(10),
					Duration.ofSeconds(2), Duration.ofSeconds(5)))
			.withMessageContaining("lease-ttl");
	}

}
