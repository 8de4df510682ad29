package policywatch;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the embedded H2 database in {@code policywatch.data-dir} (as an absolute path, which H2
 * requires) unless {@code spring.datasource.url} is set.
 */
class EmbeddedDatabaseLocation implements EnvironmentPostProcessor {

	static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("spring.datasource.url")) {
			return;
		}
		String dataDir = environment.getProperty("policywatch.data-dir", "data");
		Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve("policywatch");
		environment.getPropertySources()
			.addLast(new MapPropertySource("policywatchEmbeddedDatabase",
					Map.of("spring.datasource.url", "jdbc:h2:file:" + file + H2_OPTIONS)));
	}

}
