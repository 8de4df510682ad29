package policywatch.ingest;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Claiming entries on PostgreSQL ({@code FOR UPDATE SKIP LOCKED}), the cluster's database, with
 * every migration applied.
 */
class EntryClaimsPostgresIT extends EntryClaimsContract {

	private static EmbeddedPostgres postgres;

	/** One instance: transactions are bound to it. */
	private static DataSource dataSource;

	@BeforeAll
	static void start() throws Exception {
		postgres = EmbeddedPostgres.builder().start();
		dataSource = postgres.getPostgresDatabase();
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
			.load()
			.migrate();
	}

	@AfterAll
	static void stop() throws Exception {
		postgres.close();
	}

	@Override
	DataSource dataSource() {
		return dataSource;
	}

}
