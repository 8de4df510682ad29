package policywatch;

import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import policywatch.subscription.Chats;
import policywatch.subscription.SubscribeResult;
import policywatch.subscription.Subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every migration applies to a real PostgreSQL (started from Maven, no Docker), Quartz runs its
 * JDBC job store on it, and the application starts twice on the same database.
 */
class PostgresMigrationIT {

	private static EmbeddedPostgres postgres;

	@TempDir
	static Path dir;

	@BeforeAll
	static void startPostgres() throws Exception {
		postgres = EmbeddedPostgres.builder().start();
		Files.createDirectories(dir.resolve("config"));
		// one feed, which fails (loopback addresses are refused) and keeps its job
		Files.writeString(dir.resolve("config/feeds.yml"),
				"feeds:\n  - id: gazette\n    url: http://127.0.0.1:9/feed.xml\n    interval: 1h\n");
	}

	@AfterAll
	static void stopPostgres() throws Exception {
		postgres.close();
	}

	@Test
	void applicationRunsOnPostgresAndRestartsOnTheSameDatabase() throws Exception {
		try (ConfigurableApplicationContext app = start()) {
			JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
			org.flywaydb.core.api.MigrationInfoService migrations = app.getBean(org.flywaydb.core.Flyway.class).info();
			assertThat(migrations.applied()).hasSizeGreaterThanOrEqualTo(3)
				.allSatisfy((migration) -> assertThat(migration.getState().isApplied()).isTrue())
				.noneSatisfy((migration) -> assertThat(migration.getState().isFailed()).isTrue());
			assertThat(migrations.pending()).isEmpty();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz_%'",
					Integer.class))
				.isEqualTo(11);
			Scheduler scheduler = app.getBean(Scheduler.class);
			assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
			assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
			// one job and trigger per feed
			assertThat(jdbc.queryForList("SELECT trigger_group || '/' || trigger_name FROM qrtz_triggers", String.class))
				.containsExactly("feeds/gazette");
			app.getBean(Chats.class).seen(7, "private", "someone");
			assertThat(app.getBean(Subscriptions.class).subscribe(7, 7, "supply chain", false))
				.isInstanceOf(SubscribeResult.Created.class);
		}
		try (ConfigurableApplicationContext app = start()) {
			assertThat(app.getBean(Subscriptions.class).list(7)).hasSize(1);
			assertThat(app.getBean(Scheduler.class).isStarted()).isTrue();
			assertThat(new JdbcTemplate(postgres.getPostgresDatabase()).queryForObject("SELECT COUNT(*) FROM qrtz_triggers",
					Integer.class))
				.isEqualTo(1);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(PolicyWatchApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--policywatch.config-dir=" + dir.resolve("config"), "--policywatch.data-dir=" + dir.resolve("data"));
	}

}
