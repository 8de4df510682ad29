package policywatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DatabaseDefaultsTests {

	@TempDir
	Path dir;

	private final DatabaseDefaults defaults = new DatabaseDefaults((log) -> LogFactory.getLog(DatabaseDefaults.class));

	@BeforeEach
	void posixOnly() throws Exception {
		assumeTrue(Files.getFileStore(this.dir).supportsFileAttributeView("posix"), "POSIX permissions");
	}

	@Test
	void newDataDirectoryAndDatabaseFilesAreReadableByTheServiceUserOnly() throws Exception {
		Path data = this.dir.resolve("var/data");
		String url = apply(data);
		assertThat(permissions(data)).isEqualTo("rwx------");
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE secret (word VARCHAR(100))");
			statement.execute("INSERT INTO secret VALUES ('token')");
		}
		assertThat(Files.size(data.resolve("policywatch.mv.db"))).as("H2 wrote to the file").isPositive();
		assertThat(permissions(data.resolve("policywatch.mv.db"))).isEqualTo("rw-------");
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement()) {
			assertThat(statement.executeQuery("SELECT COUNT(*) FROM secret").next()).isTrue();
		}
	}

	@Test
	void existingWorldReadableFilesAreTightened() throws Exception {
		Path data = Files.createDirectories(this.dir.resolve("data"));
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path store = Files.createFile(data.resolve("policywatch.mv.db"));
		Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-r--r--"));
		apply(data);
		assertThat(permissions(data)).isEqualTo("rwx------");
		assertThat(permissions(store)).isEqualTo("rw-------");
		assertThat(permissions(data.resolve("policywatch.trace.db"))).isEqualTo("rw-------");
	}

	@Test
	void anExplicitDatabaseUrlLeavesTheFileSystemAlone() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:x")
			.withProperty("policywatch.data-dir", this.dir.resolve("data").toString());
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(this.dir.resolve("data")).doesNotExist();
	}

	private String apply(Path data) {
		MockEnvironment environment = new MockEnvironment().withProperty("policywatch.data-dir", data.toString());
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		String url = environment.getProperty("spring.datasource.url");
		assertThat(url).startsWith("jdbc:h2:file:" + data.toAbsolutePath());
		return url;
	}

	private static String permissions(Path path) throws Exception {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
