package policywatch.source;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigFailureAnalyzerTests {

	private final Path file = Path.of("config/feeds.yml");

	@Test
	void describesEveryProblemAndTellsWhatToDo() {
		InvalidConfigException cause = new InvalidConfigException(
				List.of(new ConfigProblem(this.file, 4, "feeds[0].intervall", "unknown key"),
						new ConfigProblem(this.file, 7, "feeds[1].url", "is required")));

		FailureAnalysis analysis = new InvalidConfigFailureAnalyzer()
			.analyze(new BeanCreationException("feedSources", "Failed to create", cause));

		assertThat(analysis.getDescription()).isEqualTo("""
				A configuration file has 2 problems; nothing from it was applied:

				    config/feeds.yml:4: feeds[0].intervall: unknown key
				    config/feeds.yml:7: feeds[1].url: is required""");
		assertThat(analysis.getAction()).isEqualTo("Fix the file and start again");
	}

	@Test
	void ignoresOtherFailures() {
		assertThat(new InvalidConfigFailureAnalyzer().analyze(new IllegalStateException("boom"))).isNull();
	}

	@Test
	void isRegisteredForSpringBoot() {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, (type, name, failure) -> {
				// other analyzers need a bean factory; only ours matters here
			});

		assertThat(analyzers).hasAtLeastOneElementOfType(InvalidConfigFailureAnalyzer.class);
	}

	@Test
	void startUpWithABadFilePrintsTheProblems(CapturedOutput output) {
		SpringApplication application = new SpringApplication(BadFeedsConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);

		assertThatExceptionOfType(BeanCreationException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START",
				"config/feeds.yml:4: feeds[0].intervall: unknown key", "Fix the file and start again");
	}

	@Configuration(proxyBeanMethods = false)
	static class BadFeedsConfiguration {

		@Bean
		String feeds() {
			throw new InvalidConfigException(List.of(
					new ConfigProblem(Path.of("config/feeds.yml"), 4, "feeds[0].intervall", "unknown key")));
		}

	}

}
