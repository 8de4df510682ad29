package policywatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.apache.commons.logging.Log;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Database defaults that depend on other settings:
 * <ul>
 * <li>the embedded H2 database lives in {@code policywatch.data-dir} (as an absolute path, which
 * H2 requires) unless {@code spring.datasource.url} is set; that directory is created readable by
 * the service's user only (0700) and the database files 0600, where the file system has POSIX
 * permissions (the database user {@code sa} has no password: the files are the secret);</li>
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

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	/** The files H2 writes next to each other: the store, and its trace when something goes wrong. */
	static final List<String> H2_FILES = List.of("policywatch.mv.db", "policywatch.trace.db");

	private final Log logger;

	DatabaseDefaults(DeferredLogFactory logs) {
		this.logger = logs.getLog(DatabaseDefaults.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new HashMap<>();
		String url = environment.getProperty("spring.datasource.url");
		if (url == null) {
			String dataDir = environment.getProperty("policywatch.data-dir", "data");
			Path file = Path.of(dataDir).toAbsolutePath().normalize().resolve("policywatch");
			privateFiles(file.getParent());
			defaults.put("spring.datasource.url", "jdbc:h2:file:" + file + H2_OPTIONS);
		}
		else if (url.startsWith("jdbc:postgresql:") && !environment.containsProperty(DELEGATE)) {
			defaults.put(DELEGATE, "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("policywatchDatabaseDefaults", defaults));
		}
	}

	/**
	 * Creates the data directory for the service's user only, and the database files before H2
	 * does (H2 keeps the permissions of a file it finds empty); tightens them when they exist.
	 * Does nothing where the file system has no POSIX permissions (Windows).
	 */
	void privateFiles(Path directory) {
		try {
			if (!Files.getFileStore(existingParent(directory)).supportsFileAttributeView(PosixFileAttributeView.class)) {
				return;
			}
			if (Files.isDirectory(directory)) {
				Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
			}
			else {
				Files.createDirectories(directory.getParent());
				Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
			}
			for (String name : H2_FILES) {
				Path file = directory.resolve(name);
				if (Files.exists(file)) {
					Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
				}
				else {
					Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
				}
			}
		}
		catch (IOException | UnsupportedOperationException ex) {
			// H2 reports a data directory it cannot use; permissions are best effort.
			this.logger.warn("Unable to make the data directory private dir=" + directory + " reason=" + ex);
		}
	}

	private static Path existingParent(Path path) {
		Path existing = path;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		return (existing != null) ? existing : path.getRoot();
	}

}
