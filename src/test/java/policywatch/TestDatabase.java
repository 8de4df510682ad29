package policywatch;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A fresh in-memory H2 database with every migration applied, configured as the application
 * configures its file database.
 */
public final class TestDatabase {

	private TestDatabase() {
	}

	public static DataSource create() {
		String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + DatabaseDefaults.H2_OPTIONS;
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load()
			.migrate();
		return dataSource;
	}

	public static JdbcClient jdbc() {
		return JdbcClient.create(create());
	}

}
