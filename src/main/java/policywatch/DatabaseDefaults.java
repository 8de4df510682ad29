package policywatch;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Database defaults that depend on other settings:
 * <ul>
 * <li>the embedded H2 database lives in {@code policywatch.data-dir} (as an absolute path, which
 * H2 requires) unless {@code spring.datasource.url} is set;</li>
 * <li>Quartz's JDBC job store uses its PostgreSQL delegate on PostgreSQL (job data is
 * {@code BYTEA} there), unless the delegate is set explicitly.</li>
 * </ul>
 */
class DatabaseDefaults implements EnvironmentPostProcessor {

	/**
	 * PostgreSQL compatibility (the same SQL runs on both), and every commit written to the file
	 * at once ({@code WRITE_DELAY=0}) so that a killed process loses no committed state: an alert
	 * marked sent stays sent.
	 */
	static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

	private static final String DELEGATE = "spring.quartz.properties.org.quartz.jobStore.driverDelegateClass";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new HashMap<>();
		String url = environment.getProperty("spring.datasource.url");
		if (url == null) {
			String dataDir = environment.getProperty("policywatch.data-dir", "data");
			Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve("policywatch");
			defaults.put("spring.datasource.url", "jdbc:h2:file:" + file + H2_OPTIONS);
		}
		else if (url.startsWith("jdbc:postgresql:") && !environment.containsProperty(DELEGATE)) {
			defaults.put(DELEGATE, "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("policywatchDatabaseDefaults", defaults));
		}
	}

}
