package policywatch;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * What Spring Modulith does not check ({@link ModularityTests} verifies the module boundaries and that
 * modules have no cycles): each third-party library stays in its one package, the pipeline stages and the
 * query language do not reach for the application, and the modules' dependencies point one way:
 * query ← subscription ← source ← ingest ← delivery ← admin ← telegram.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = importMainClasses();

	/**
	 * The rules only look at the names of the classes ours depend on, so those are not read from the class
	 * path (most of this test's time otherwise).
	 */
	private static JavaClasses importMainClasses() {
		ArchConfiguration configuration = ArchConfiguration.get();
		boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
		configuration.setResolveMissingDependenciesFromClassPath(false);
		try {
			return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("policywatch");
		}
		finally {
			configuration.setResolveMissingDependenciesFromClassPath(resolve);
		}
	}

	@Test
	void romeOnlyInParse() {
		onlyIn("com.rometools..", "policywatch.ingest.parse..");
	}

	@Test
	void jsoupOnlyInExtractAndParse() {
		// the feed parser reads HTML entity and element names from Jsoup's tables
		noClasses().that()
			.resideOutsideOfPackages("policywatch.ingest.extract..", "policywatch.ingest.parse..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.jsoup..")
			.check(CLASSES);
	}

	@Test
	void pdfboxOnlyInExtractPdf() {
		onlyIn("org.apache.pdfbox..", "policywatch.ingest.extract.pdf..");
	}

	@Test
	void telegramOnlyInTelegram() {
		onlyIn("org.telegram..", "policywatch.telegram..");
	}

	@Test
	void luceneOnlyInQueryAndArchive() {
		noClasses().that()
			.resideOutsideOfPackages("policywatch.query..", "policywatch.archive..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.apache.lucene..")
			.check(CLASSES);
	}

	@Test
	void queryLanguageHasNoSpring() {
		noClasses().that()
			.resideInAnyPackage("policywatch.query..")
			.and()
			.doNotHaveSimpleName("package-info")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.because("the query language is a plain library shared by several modules")
			.check(CLASSES);
	}

	@Test
	void quartzOnlyInIngest() {
		onlyIn("org.quartz..", "policywatch.ingest");
	}

	@Test
	void springSecurityOnlyInTheConsole() {
		onlyIn("org.springframework.security..", "policywatch.console");
	}

	@Test
	void noModuleDependsOnTheConsole() {
		noClasses().that().resideOutsideOfPackage("policywatch.console..").should().dependOnClassesThat()
			.resideInAPackage("policywatch.console..").because("the web console only reads and asks the other modules")
			.check(CLASSES);
	}

	@Test
	void okHttpOnlyInFetchAndTelegram() {
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackages("policywatch.ingest.fetch..", "policywatch.telegram..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("okhttp3..");
		rule.check(CLASSES);
	}

	@Test
	void stagesDoNotReachForTheApplication() {
		noClasses().that()
			.resideInAnyPackage("policywatch.ingest.fetch..", "policywatch.ingest.parse..",
					"policywatch.ingest.extract..", "policywatch.query..", "policywatch.delivery.summary..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("policywatch.source..", "policywatch.delivery", "policywatch.telegram..",
					"policywatch.admin..", "policywatch.ingest", "policywatch.subscription")
			.check(CLASSES);
	}

	@Test
	void moduleDependenciesPointOneWay() {
		dependsNotOn("policywatch.source..", "policywatch.ingest..", "policywatch.delivery..", "policywatch.telegram..",
				"policywatch.admin..");
		dependsNotOn("policywatch.subscription", "policywatch.ingest", "policywatch.delivery..",
				"policywatch.telegram..", "policywatch.admin..");
		dependsNotOn("policywatch.ingest", "policywatch.subscription", "policywatch.delivery..",
				"policywatch.telegram..", "policywatch.admin..");
		dependsNotOn("policywatch.delivery", "policywatch.telegram..", "policywatch.admin..");
		dependsNotOn("policywatch.admin..", "policywatch.telegram..");
	}

	private static void dependsNotOn(String module, String... others) {
		noClasses().that().resideInAPackage(module).should().dependOnClassesThat().resideInAnyPackage(others)
			.check(CLASSES);
	}

	private static void onlyIn(String library, String home) {
		noClasses().that()
			.resideOutsideOfPackage(home)
			.should()
			.dependOnClassesThat()
			.resideInAPackage(library)
			.because(library + " belongs to " + home)
			.check(CLASSES);
	}

}
