package policywatch.ingest;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.ingest.extract.ArticleExtractor;
import policywatch.ingest.fetch.FetchException;
import policywatch.ingest.fetch.FetchRequest;
import policywatch.ingest.fetch.FetchResponse;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.parse.FeedParser;
import policywatch.source.FeedDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full-text feeds whose entries link or enclose PDF documents: the document's text becomes the
 * entry's text, and a PDF without a text layer leaves the feed's description, without stopping the
 * feed.
 */
class PdfEntriesTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

	private final JdbcClient jdbc = TestDatabase.jdbc();

	private final FeedStore feeds = new FeedStore(this.jdbc, this.clock);

	private final EntryStore entries = new EntryStore(this.jdbc, this.clock);

	private final Map<String, FetchResponse> answers = new HashMap<>();

	private final Fetcher fetcher = (request) -> {
		FetchResponse answer = this.answers.get(request.uri().toString());
		if (answer == null) {
			throw new FetchException("HTTP 404");
		}
		return answer;
	};

	private final IngestProperties properties = new IngestProperties(Duration.ofSeconds(5), 2, Duration.ofHours(24),
			100_000, 3, 50, Duration.ofMinutes(2), Duration.ofSeconds(10));

	private final io.micrometer.core.instrument.MeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

	private final FeedPoller poller = new FeedPoller(this.feeds,
			new FeedPollWorker(this.feeds, this.entries, this.fetcher, new FeedParser(),
					new ArticlePages(this.fetcher, new ArticleExtractor(),
							new org.springframework.core.task.support.TaskExecutorAdapter(Runnable::run), 2, 100_000, this.meters),
					this.properties, (event) -> {
					}, this.clock, this.meters),
			new org.springframework.core.task.SyncTaskExecutor(), (event) -> {
			}, this.clock);

	@Test
	void linkedAndEnclosedPdfsGiveTheEntryTextAndAScanKeepsTheDescription() {
		this.feeds.sync(List.of(new FeedDefinition("trade", "Trade", URI.create("https://trade.example/feed"),
				Duration.ofMinutes(10), true)));
		answer("https://trade.example/feed", "application/rss+xml", rss().getBytes(StandardCharsets.UTF_8));
		this.poller.pollDueFeeds();
		this.clock.advance(Duration.ofMinutes(10));
		answer("https://trade.example/feed", "application/rss+xml",
				rss(item("a", "Decision", 1, "https://trade.example/decision.pdf", null),
						item("b", "Fact sheet", 2, "https://trade.example/fact-sheet", "https://trade.example/fs.pdf"),
						item("c", "Scan", 3, "https://trade.example/scan.pdf", null))
					.getBytes(StandardCharsets.UTF_8));
		answer("https://trade.example/decision.pdf", "application/pdf",
				pdf("The council adopted the anti-dumping duties on steel imports."));
		// the fact sheet's page is gone; its enclosure is still there
		answer("https://trade.example/fs.pdf", "application/octet-stream",
				pdf("Fact sheet on the tariff quotas for aluminium."));
		answer("https://trade.example/scan.pdf", "application/pdf", pdf(null));
		assertThat(this.poller.pollDueFeeds()).as("polls started").isEqualTo(1);
		List<PendingEntry> pending = this.entries.pending(0, 10);
		assertThat(pending).extracting(PendingEntry::title).containsExactly("Decision", "Fact sheet", "Scan");
		assertThat(pending.get(0).text()).isEqualTo("The council adopted the anti-dumping duties on steel imports.");
		assertThat(pending.get(1).text()).isEqualTo("Fact sheet on the tariff quotas for aluminium.");
		assertThat(pending.get(2).text()).isEmpty();
		assertThat(pending.get(2).body()).isEqualTo("Description of Scan");
	}

	private void answer(String url, String type, byte[] body) {
		this.answers.put(url, new FetchResponse(200, URI.create(url), body, type, null, null));
	}

	private static String item(String guid, String title, int day, String link, String pdf) {
		return "<item><guid isPermaLink=\"false\">" + guid + "</guid><title>" + title + "</title><link>" + link
				+ "</link><description>Description of " + title + "</description><pubDate>0" + day
				+ " Nov 2026 10:00:00 GMT</pubDate>"
				+ ((pdf != null) ? "<enclosure url=\"" + pdf + "\" length=\"1000\" type=\"application/pdf\"/>" : "")
				+ "</item>";
	}

	private static String rss(String... items) {
		return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Trade</title>"
				+ "<link>https://trade.example/</link>" + String.join("", items) + "</channel></rss>";
	}

	/**
	 * A one-page PDF written by hand, with the text in Helvetica, or without any text (a scan).
	 */
	private static byte[] pdf(String text) {
		String content = (text != null) ? "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET" : "0 0 1 rg 72 72 400 600 re f";
		String[] objects = { "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
				"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
						+ " /Resources << /Font << /F1 5 0 R >> >> >>",
				"<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
				"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>" };
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
		int[] offsets = new int[objects.length];
		for (int i = 0; i < objects.length; i++) {
			offsets[i] = pdf.length();
			pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
		}
		int xref = pdf.length();
		pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
		for (int offset : offsets) {
			pdf.append(String.format("%010d 00000 n \n", offset));
		}
		pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
			.append(xref).append("\n%%EOF\n");
		out.writeBytes(pdf.toString().getBytes(StandardCharsets.ISO_8859_1));
		return out.toByteArray();
	}

}
