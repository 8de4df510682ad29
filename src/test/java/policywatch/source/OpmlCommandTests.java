package policywatch.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OpmlCommandTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void importAppendsNewFeedsKeepingTheFileAndSkipsKnownUrls() throws IOException {
		Path config = Files.createDirectories(this.dir.resolve("config"));
		String original = """
				# Our feeds. Keep this comment!
				feeds:
				    - id: wto-news            # the WTO
				      name: WTO news
				      url: https://www.wto.org/library/rss/latest_news_e.xml
				      interval: 15m
				""";
		Files.writeString(config.resolve("feeds.yml"), original);
		Path opml = write("reader.opml", """
				<?xml version="1.0" encoding="UTF-8"?>
				<opml version="1.0">
				  <head><title>My reader</title></head>
				  <body>
				    <outline text="Trade">
				      <outline type="rss" text="WTO (again)" xmlUrl="HTTPS://www.WTO.org/library/rss/latest_news_e.xml"/>
				      <outline type="rss" title="Ministère de l'Économie: &quot;Actualités&quot;" xmlUrl="https://www.economie.gouv.fr/rss"/>
				      <outline type="rss" text="环球时报" xmlUrl="https://www.globaltimes.cn/rss/outbrain.xml"/>
				      <outline type="rss" text="WTO news" xmlurl="https://example.org/other-wto.xml"/>
				      <outline type="rss" text="Twice" xmlUrl="https://example.org/twice.xml"/>
				      <outline type="rss" text="Twice" xmlUrl="https://example.org/twice.xml/"/>
				      <outline type="rss" text="Gopher" xmlUrl="gopher://example.org/feed"/>
				    </outline>
				  </body>
				</opml>
				""");

		int exit = run("import", opml.toString(), "--policywatch.config-dir=" + config);

		assertThat(exit).as(this.err.toString()).isZero();
		String updated = Files.readString(config.resolve("feeds.yml"));
		assertThat(updated).startsWith(original);
		List<FeedDefinition> feeds = FeedsConfig.load(config.resolve("feeds.yml"));
		assertThat(feeds).extracting(FeedDefinition::id)
			.containsExactly("wto-news", "ministere-de-l-economie-actualites", "globaltimes-cn", "wto-news-2", "twice");
		assertThat(feeds.get(1).name()).isEqualTo("Ministère de l'Économie: \"Actualités\"");
		assertThat(feeds.get(1).url()).isEqualTo(URI.create("https://www.economie.gouv.fr/rss"));
		assertThat(feeds.get(1).interval()).isEqualTo(Duration.ofMinutes(10));
		assertThat(feeds.get(2).name()).isEqualTo("环球时报");
		assertThat(updated).contains("\n    - id: twice\n      name: \"Twice\"\n");
		assertThat(this.out.toString()).contains("Added 4 feeds to " + config.resolve("feeds.yml"))
			.contains("Skipped 2 already configured: HTTPS://www.WTO.org/library/rss/latest_news_e.xml "
					+ "https://example.org/twice.xml/")
			.contains("Skipped 1 that are not http(s) URLs: gopher://example.org/feed");

		this.out.reset();
		assertThat(run("import", opml.toString(), "--policywatch.config-dir=" + config)).isZero();
		assertThat(this.out.toString()).startsWith("No new feeds for ");
		assertThat(FeedsConfig.load(config.resolve("feeds.yml"))).hasSize(5);
	}

	@Test
	void exportAndImportRoundTrip() throws IOException {
		Path source = Files.createDirectories(this.dir.resolve("a"));
		Files.writeString(source.resolve("feeds.yml"), """
				feeds:
				  - id: globaltimes-china
				    name: Global Times – China & <World>
				    url: https://www.globaltimes.cn/rss/outbrain.xml?a=1&b=2
				    interval: 90m
				  - id: wto-news
				    url: https://www.wto.org/library/rss/latest_news_e.xml
				    interval: 45s
				    full-text: false
				  - id: un
				    url: https://news.un.org/feed.xml
				""");
		assertThat(run("export", "--policywatch.config-dir=" + source)).isZero();
		String opml = this.out.toString(StandardCharsets.UTF_8);
		assertThat(opml).startsWith("<?xml").contains("<opml version=\"2.0\">")
			.contains("text=\"Global Times – China &amp; &lt;World&gt;\"")
			.contains("xmlUrl=\"https://www.globaltimes.cn/rss/outbrain.xml?a=1&amp;b=2\" policywatchId=\"globaltimes-china\" "
					+ "policywatchInterval=\"90m\"/>")
			.contains("policywatchId=\"wto-news\" policywatchInterval=\"45s\" policywatchFullText=\"false\"/>")
			.contains("policywatchId=\"un\"/>");
		Path file = write("export.opml", opml);

		Path target = Files.createDirectories(this.dir.resolve("b"));
		Files.writeString(target.resolve("feeds.yml"), "feeds: []   # none yet\n");
		this.out.reset();
		assertThat(run("import", file.toString(), "--policywatch.config-dir=" + target)).as(this.err.toString()).isZero();

		assertThat(FeedsConfig.load(target.resolve("feeds.yml")))
			.isEqualTo(FeedsConfig.load(source.resolve("feeds.yml")));
	}

	@Test
	void importIntoAMissingFileCreatesIt() throws IOException {
		Path config = this.dir.resolve("new");
		Path opml = write("one.opml", "<opml version=\"2.0\"><body><outline text=\"One\" xmlUrl=\"https://example.org/1.xml\"/>"
				+ "</body></opml>");

		assertThat(run("import", opml.toString(), "--policywatch.config-dir=" + config)).isZero();

		assertThat(Files.readString(config.resolve("feeds.yml")))
			.isEqualTo("feeds:\n  # imported from OPML\n  - id: one\n    name: \"One\"\n    url: \"https://example.org/1.xml\"\n");
	}

	@Test
	void badInputsGiveOneLineErrors() throws IOException {
		Path config = Files.createDirectories(this.dir.resolve("config"));
		Files.writeString(config.resolve("feeds.yml"), "feeds: []\n");
		String dirArg = "--policywatch.config-dir=" + config;

		assertThat(run("import", this.dir.resolve("absent.opml").toString(), dirArg)).isEqualTo(2);
		assertThat(lastError()).endsWith("absent.opml: no such file");

		assertThat(run("import", write("x.opml", "<rss><channel/></rss>").toString(), dirArg)).isEqualTo(2);
		assertThat(lastError()).endsWith("not an OPML file (the root element is <rss>, expected <opml>)");

		assertThat(run("import", write("y.opml", "<opml><body><outline").toString(), dirArg)).isEqualTo(2);
		assertThat(lastError()).contains("not valid XML (line 1)");

		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
				+ "<opml><body><outline text=\"&x;\" xmlUrl=\"https://example.org/a.xml\"/></body></opml>";
		assertThat(run("import", write("z.opml", xxe).toString(), dirArg)).isEqualTo(2);
		assertThat(lastError()).contains("not valid XML").contains("DOCTYPE");

		Files.writeString(config.resolve("feeds.yml"), "feeds:\n  - id: Bad\n    url: x\n");
		assertThat(run("import", write("ok.opml", "<opml><body/></opml>").toString(), dirArg)).isEqualTo(2);
		assertThat(this.err.toString()).contains("has problems; fix them first").contains("feeds[0].id");
		assertThat(run("export", dirArg)).isEqualTo(2);

		assertThat(run("frobnicate")).isEqualTo(2);
		assertThat(lastError()).startsWith("opml: unexpected arguments [frobnicate]; usage: opml import <file> | opml export");
	}

	@Test
	void configDirFromTheEnvironment() throws IOException {
		Path config = Files.createDirectories(this.dir.resolve("env"));
		Files.writeString(config.resolve("feeds.yml"), "feeds:\n  - id: a\n    url: https://example.org/a.xml\n");

		int exit = OpmlCommand.run(List.of("export"), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), Map.of("POLICYWATCH_CONFIG_DIR", config.toString()),
				(name) -> null);

		assertThat(exit).isZero();
		assertThat(this.out.toString()).contains("policywatchId=\"a\"");
	}

	@Test
	void idsFromTitles() {
		assertThat(FeedIds.slug("Global Times – China")).isEqualTo("global-times-china");
		assertThat(FeedIds.slug("  ***  ")).isEmpty();
		assertThat(FeedIds.slug("A very long title about trade policy and industrial strategy in Europe"))
			.isEqualTo("a-very-long-title-about-trade-policy-and");
	}

	private String lastError() {
		String[] lines = this.err.toString(StandardCharsets.UTF_8).strip().split("\n");
		this.err.reset();
		return lines[lines.length - 1];
	}

	private int run(String... args) {
		return OpmlCommand.run(List.of(args), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), Map.of(), (name) -> null);
	}

	private Path write(String name, String text) throws IOException {
		return Files.writeString(this.dir.resolve(name), text);
	}

}
