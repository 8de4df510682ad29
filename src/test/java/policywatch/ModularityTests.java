package policywatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's modules are the packages directly under {@code policywatch}. A module may use only
 * what another module exposes (its base package, or a sub-package marked {@code @NamedInterface}), and
 * modules must not depend on each other in a cycle.
 * <p>
 * The module diagrams (C4 PlantUML) and module canvases are written to {@code target/spring-modulith-docs}.
 * {@code docs/modules/} holds the committed copy; refresh it after changing a module's dependencies with
 * {@code mvn test -Dtest=ModularityTests -DrefreshModuleDocs=true}.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(PolicyWatchApplication.class);

	private static final Path OUTPUT = Path.of("target", "spring-modulith-docs");

	private static final Path COMMITTED = Path.of("docs", "modules");

	@Test
	void modulesKeepTheirBoundaries() {
		MODULES.verify();
	}

	@Test
	void writesTheModuleDiagrams() throws IOException {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(OUTPUT.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();

		assertThat(OUTPUT.resolve("components.puml")).content().contains("Ingest", "Delivery", "Telegram");
		if (Boolean.getBoolean("refreshModuleDocs")) {
			refreshCommittedCopy();
		}
	}

	private static void refreshCommittedCopy() throws IOException {
		Files.createDirectories(COMMITTED);
		try (Stream<Path> old = Files.list(COMMITTED)) {
			for (Path file : old.toList()) {
				Files.delete(file);
			}
		}
		try (Stream<Path> generated = Files.list(OUTPUT)) {
			for (Path file : generated.toList()) {
				Files.copy(file, COMMITTED.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

}
