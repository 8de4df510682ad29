package policywatch.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(OutputCaptureExtension.class)
class SettingsFileTests {

	@TempDir
	Path dir;

	@Test
	void settingsSitBelowEnvironmentAndAboveApplicationProperties() throws IOException {
		settings("""
				policywatch:
				  subscription:
				    max-per-chat: 100
				    maxQueryLength: 300          # relaxed names work as in application.properties
				  delivery:
				    group-per-minute: 10
				  telegram:
				    admin-ids: [1, 2]
				server:
				  port: 9999                     # not a policywatch name: passed on unchecked
				""");
		StandardEnvironment environment = environment(
				Map.of("POLICYWATCH_DELIVERY_GROUP_PER_MINUTE", "15"),
				Map.of("policywatch.subscription.max-per-chat", "50", "policywatch.ingest.threads", "3"));

		postProcess(environment);

		assertThat(environment.getProperty("policywatch.subscription.max-per-chat")).isEqualTo("100");
		assertThat(Binder.get(environment).bind("policywatch.subscription.max-query-length", Integer.class).get())
			.isEqualTo(300);
		assertThat(environment.getProperty("policywatch.delivery.group-per-minute")).as("environment wins")
			.isEqualTo("15");
		assertThat(environment.getProperty("policywatch.ingest.threads")).as("untouched").isEqualTo("3");
		assertThat(environment.getProperty("policywatch.telegram.admin-ids[1]")).isEqualTo("2");
		assertThat(environment.getProperty("server.port")).isEqualTo("9999");
	}

	@Test
	void unknownNamesAreReportedWithTheirLine() throws IOException {
		settings("""
				policywatch:
				  subscription:
				    max-per-chatt: 100
				  delivery:
				    rate: 3
				  config-dir: elsewhere
				logging:
				  level:
				    policywatch: debug
				""");

		InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class,
				() -> postProcess(environment(Map.of(), Map.of())));

		assertThat(ex.problems()).extracting(ConfigProblem::toString).containsExactly(
				file() + ":3: policywatch.subscription.max-per-chatt: unknown setting; did you mean "
						+ "'policywatch.subscription.max-per-chat'? (the names are those of application properties; see docs/configuration.md)",
				file() + ":5: policywatch.delivery.rate: unknown setting (the names are those of application properties; "
						+ "see docs/configuration.md)",
				file() + ":6: policywatch.config-dir: cannot be set here, it says where this file is; set it on the "
						+ "command line (--policywatch.config-dir=...) or as POLICYWATCH_CONFIG_DIR");
	}

	@Test
	void syntaxErrorsAndMissingOrEmptyFiles() throws IOException {
		postProcess(environment(Map.of(), Map.of()));
		settings("");
		postProcess(environment(Map.of(), Map.of()));
		settings("# nothing yet\n");
		postProcess(environment(Map.of(), Map.of()));

		settings("policywatch:\n  subscription:\n   max-per-chat: 1\n  oops\n");
		assertThat(SettingsFile.validate(file())).singleElement()
			.satisfies((problem) -> assertThat(problem.toString()).isEqualTo(file()
					+ ":5: invalid YAML: could not find expected ':' (while scanning a simple key started on line 4)"));
		settings("- a\n- b\n");
		assertThat(SettingsFile.validate(file())).extracting(ConfigProblem::toString).containsExactly(file()
				+ ":1: expected settings such as 'policywatch:' followed by indented names");
	}

	@Test
	void startUpWithABadSettingsFileFailsWithTheProblems(CapturedOutput output) throws IOException {
		settings("policywatch:\n  ingest:\n    thraeds: 2\n");
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatExceptionOfType(InvalidConfigException.class)
			.isThrownBy(() -> application.run("--policywatch.config-dir=" + this.dir));
		assertThat(output).contains("APPLICATION FAILED TO START",
				file() + ":3: policywatch.ingest.thraeds: unknown setting; did you mean 'policywatch.ingest.threads'?");
	}

	@Test
	void shippedSettingsFileIsValid() {
		assertThat(SettingsFile.validate(Path.of("config/settings.yml"))).isEmpty();
		String example = uncommented(Path.of("config/settings.yml"));
		assertThat(example).contains("max-per-chat");
		assertThat(SettingsFile.validate(writeUnchecked(example))).as("the commented example").isEmpty();
	}

	private static String uncommented(Path file) {
		try {
			return String.join("\n", Files.readAllLines(file).stream()
				.filter((line) -> line.startsWith("# ") && line.length() > 2 && Character.isWhitespace(line.charAt(2))
						|| line.startsWith("# policywatch:"))
				.map((line) -> line.substring(2))
				.toList()) + "\n";
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private Path writeUnchecked(String text) {
		try {
			settings(text);
			return file();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void isRegisteredForSpringBoot() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(org.springframework.boot.EnvironmentPostProcessor.class,
					SpringFactoriesLoader.ArgumentResolver.of(org.springframework.boot.logging.DeferredLogFactory.class,
							new DeferredLogs())))
			.hasAtLeastOneElementOfType(SettingsFile.class);
	}

	private Path file() {
		return this.dir.resolve("settings.yml");
	}

	private void settings(String text) throws IOException {
		Files.writeString(file(), text);
	}

	private StandardEnvironment environment(Map<String, Object> env, Map<String, Object> applicationProperties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
		environment.getPropertySources().addLast(new MapPropertySource("application.properties", applicationProperties));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("commandLineArgs", Map.of("policywatch.config-dir", this.dir.toString())));
		return environment;
	}

	private void postProcess(StandardEnvironment environment) {
		new SettingsFile(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication(Empty.class));
		List<String> names = environment.getPropertySources().stream().map((source) -> source.getName()).toList();
		if (names.contains(SettingsFile.PROPERTY_SOURCE_NAME)) {
			assertThat(names.indexOf(SettingsFile.PROPERTY_SOURCE_NAME))
				.isEqualTo(names.indexOf(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME) + 1)
				.isLessThan(names.indexOf("application.properties"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
