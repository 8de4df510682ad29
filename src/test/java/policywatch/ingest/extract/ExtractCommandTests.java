package policywatch.ingest.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policywatch.ingest.fetch.FetchException;
import policywatch.ingest.fetch.FetchResponse;
import policywatch.ingest.fetch.HttpFetcher;
import policywatch.testing.FakeFeedServer;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractCommandTests {

	private static final String PAGE = "<html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav>"
			+ "<article><h1>Title</h1><p>The ministry published new rules on Monday, which apply from June.</p>"
			+ "<p>They cover data retention, and the duties of providers, in some detail.</p></article></body></html>";

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(List<String> args, Map<String, String> env) {
		return ExtractCommand.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), env, HttpFetcher::new);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	@Test
	void printsTheTextOfAFile() throws IOException {
		Path file = Files.writeString(this.dir.resolve("rules.html"), PAGE);
		assertThat(run(List.of(file.toString()), Map.of())).isZero();
		assertThat(out()).isEqualTo("The ministry published new rules on Monday, which apply from June.\n\n"
				+ "They cover data retention, and the duties of providers, in some detail.\n");
		assertThat(err()).isEmpty();
	}

	@Test
	void jsonUsesTheFileNameWithoutExtension() throws IOException {
		Path first = Files.writeString(this.dir.resolve("abc123.html"), PAGE);
		Path second = Files.writeString(this.dir.resolve("other.htm"), PAGE);
		assertThat(run(List.of("--json", first.toString(), second.toString()), Map.of())).isZero();
		JsonNode json = new ObjectMapper().readTree(out());
		assertThat(json.propertyNames()).containsExactly("abc123", "other");
		assertThat(json.path("abc123").path("articleBody").asString()).startsWith("The ministry published");
	}

	@Test
	void missingFileAndPdfFailWithOneLineEachAndExitTwo() throws IOException {
		Path good = Files.writeString(this.dir.resolve("good.html"), PAGE);
		Path pdf = Files.write(this.dir.resolve("doc.pdf"), "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1));
		String missing = this.dir.resolve("missing.html").toString();
		assertThat(run(List.of(good.toString(), missing, pdf.toString(), "--json"), Map.of())).isEqualTo(2);
		assertThat(err().lines()).hasSize(2).allSatisfy((line) -> assertThat(line).startsWith("extract: "));
		assertThat(err()).contains("no such file").containsIgnoringCase("pdf").doesNotContain("\tat ");
		assertThat(new ObjectMapper().readTree(out()).propertyNames()).containsExactly("good");
	}

	@Test
	void noInputOrUnknownOptionIsAUsageError() {
		assertThat(run(List.of(), Map.of())).isEqualTo(2);
		assertThat(run(List.of("--frobnicate", "x.html"), Map.of())).isEqualTo(2);
		assertThat(err().lines()).hasSize(2).allSatisfy((line) -> assertThat(line).contains("usage:"));
	}

	@Test
	void urlInputsAreFetchedAndNamedByTheirUrl() throws IOException {
		try (FakeFeedServer server = new FakeFeedServer().start()) {
			server.put("/article", "text/html; charset=utf-8", PAGE);
			String url = server.url("/article");
			int status = run(List.of(url, "--json", "--policywatch.fetch.allow-private-networks=true"), Map.of());
			assertThat(err()).isEmpty();
			assertThat(status).isZero();
			assertThat(new ObjectMapper().readTree(out()).path(url).path("articleBody").asString())
				.startsWith("The ministry published");
		}
	}

	private Boolean allowPrivateSeen(List<String> args, Map<String, String> env) {
		AtomicReference<Boolean> seen = new AtomicReference<>();
		ExtractCommand.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), env, (properties) -> {
					seen.set(properties.allowPrivateNetworks());
					return (request) -> {
						throw new FetchException("refused address 10.0.0.1");
					};
				});
		return seen.get();
	}

	@Test
	void allowPrivateNetworksComesFromTheArgumentElseTheEnvironment() {
		String url = "https://example.invalid/a";
		String env = "POLICYWATCH_FETCH_ALLOW_PRIVATE_NETWORKS";
		assertThat(allowPrivateSeen(List.of(url), Map.of())).isFalse();
		assertThat(allowPrivateSeen(List.of(url), Map.of(env, "true"))).isTrue();
		assertThat(allowPrivateSeen(List.of(url, "--policywatch.fetch.allow-private-networks=true"), Map.of())).isTrue();
		assertThat(allowPrivateSeen(List.of(url, "--policywatch.fetch.allow-private-networks=false"),
				Map.of(env, "true"))).isFalse();
	}

	@Test
	void fetchErrorsAreOneLineAndExitTwo() {
		PrintStream outStream = new PrintStream(this.out, true, StandardCharsets.UTF_8);
		PrintStream errStream = new PrintStream(this.err, true, StandardCharsets.UTF_8);
		int status = ExtractCommand.run(List.of("https://example.invalid/a"), outStream, errStream, Map.of(),
				(properties) -> (request) -> {
					throw new FetchException("refused address 10.0.0.1");
				});
		assertThat(status).isEqualTo(2);
		assertThat(err()).isEqualTo("extract: https://example.invalid/a: refused address 10.0.0.1\n");
	}

	@Test
	void fetchedNonHtmlIsReportedOnOneLine() {
		PrintStream outStream = new PrintStream(this.out, true, StandardCharsets.UTF_8);
		PrintStream errStream = new PrintStream(this.err, true, StandardCharsets.UTF_8);
		int status = ExtractCommand.run(List.of("https://example.org/report.pdf"), outStream, errStream, Map.of(),
				(properties) -> (request) -> new FetchResponse(200, URI.create("https://example.org/report.pdf"),
						"%PDF-1.5".getBytes(StandardCharsets.ISO_8859_1), "application/pdf", null, null));
		assertThat(status).isEqualTo(2);
		assertThat(err()).startsWith("extract: https://example.org/report.pdf: ").containsIgnoringCase("pdf");
		assertThat(err().lines()).hasSize(1);
	}

	@Test
	void namesDropDirectoryAndExtension() {
		assertThat(ExtractCommand.nameOf("/tmp/x/0a1b.html")).isEqualTo("0a1b");
		assertThat(ExtractCommand.nameOf("page")).isEqualTo("page");
		assertThat(ExtractCommand.nameOf("dir/archive.tar.gz")).isEqualTo("archive.tar");
	}

}
