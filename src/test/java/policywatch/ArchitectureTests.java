package policywatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps each third-party library in its one package and the modules' dependencies one-way:
 * subscription ← source ← ingest ← delivery ← admin ← telegram.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("policywatch");

	@Test
	void romeOnlyInParse() {
		onlyIn("com.rometools..", "policywatch.ingest.parse..");
	}

	@Test
	void jsoupOnlyInExtract() {
		onlyIn("org.jsoup..", "policywatch.ingest.extract..");
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
	void luceneOnlyInQuery() {
		onlyIn("org.apache.lucene..", "policywatch.subscription.query..");
	}

	@Test
	void quartzOnlyInIngest() {
		onlyIn("org.quartz..", "policywatch.ingest");
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
	void modulesHaveNoCycles() {
		slices().matching("policywatch.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void stagesDoNotReachForTheApplication() {
		noClasses().that()
			.resideInAnyPackage("policywatch.ingest.fetch..", "policywatch.ingest.parse..",
					"policywatch.ingest.extract..", "policywatch.subscription.query..", "policywatch.delivery.summary..")
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
