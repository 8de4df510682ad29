package policywatch.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import policywatch.ingest.PendingEntry;
import policywatch.subscription.ChatMatch;
import policywatch.subscription.Subscription;
import policywatch.query.Field;
import policywatch.query.Hit;
import policywatch.testing.BotApiHtmlValidator;

import static org.assertj.core.api.Assertions.assertThat;

class AlertFormatterTests {

	private final AlertFormatter formatter = new AlertFormatter(new DeliveryProperties(25, 1, 20, Duration.ofHours(24),
			600, ZoneId.of("UTC"), Duration.ofMillis(500), 10, 8, Duration.ofDays(30)),
			new AlertTexts(policywatch.testing.TestMessages.create()));

	@Test
	void alertHasBoldTitleSourceTimeSummaryMatchAndLink() {
		String body = "Trade ministers met in Geneva. The BRICS group agreed on a payments plan. Talks continue.";
		int at = body.indexOf("BRICS");
		String html = this.formatter.format(entry("BRICS payments plan", body, "https://news.example/a?x=1&y=2"),
				match(List.of(new Hit(Field.BODY, at, at + 5)), "BRICS"));
		assertThat(html).startsWith("<b>BRICS payments plan</b>\nPolicy News · 2026-11-28 09:30 UTC\n")
			.contains("The <b>BRICS</b> group agreed on a payments plan.")
			.contains("Matched: <code>BRICS</code> (found: <i>BRICS</i>)")
			.contains("<a href=\"https://news.example/a?x=1&amp;y=2\">https://news.example/a?x=1&amp;y=2</a>");
		assertThat(BotApiHtmlValidator.validate(html)).isEmpty();
	}

	@Test
	void everythingFromOutsideIsEscaped() {
		String body = "Prices < costs & margins > zero for \"BRICS\" members.";
		int at = body.indexOf("BRICS");
		String html = this.formatter.format(
				entry("A <b>bold</b> & \"quoted\" title", body, "https://news.example/?q=\"<x>\""),
				match(List.of(new Hit(Field.BODY, at, at + 5)), "BRICS <&>"));
		assertThat(html).contains("A &lt;b&gt;bold&lt;/b&gt; &amp; \"quoted\" title")
			.contains("Prices &lt; costs &amp; margins &gt; zero for \"<b>BRICS</b>\" members.")
			.contains("<code>BRICS &lt;&amp;&gt;</code>")
			.contains("href=\"https://news.example/?q=&quot;&lt;x&gt;&quot;\"");
		assertThat(BotApiHtmlValidator.validate(html)).isEmpty();
	}

	@Test
	void messageNeverExceedsTelegramsLimit() {
		String title = "Tariffs ".repeat(1000);
		String body = ("A sentence about tariffs and trade that goes on for a while. ").repeat(400);
		String html = this.formatter.format(entry(title, body, "https://news.example/" + "x".repeat(3000)),
				match(List.of(new Hit(Field.BODY, 14, 21)), "tariffs"));
		assertThat(html.length()).isLessThanOrEqualTo(AlertFormatter.MAX_LENGTH);
		assertThat(BotApiHtmlValidator.validate(html)).isEmpty();
	}

	@Test
	void onlyWebLinksAreShownAndTheirUserPartIsDropped() {
		assertThat(linkIn("javascript:alert(1)")).isNull();
		assertThat(linkIn("data:text/html,<script>x</script>")).isNull();
		assertThat(linkIn("tg://resolve?domain=evil")).isNull();
		assertThat(linkIn("ftp://files.example/a")).isNull();
		assertThat(linkIn("https://www.gov.example@evil.example/login"))
			.isEqualTo("https://evil.example/login");
		assertThat(linkIn("HTTPS://user:secret@News.Example:8443/a?b=1#c")).isEqualTo("https://News.Example:8443/a?b=1#c");
		assertThat(linkIn("https://evil.example\\@good.example/")).isEqualTo("https://evil.example\\@good.example/");
		assertThat(linkIn("http://news.example/a b")).isEqualTo("http://news.example/a%20b");
		assertThat(linkIn("https://@/x")).isNull();
	}

	@Test
	void alertWithoutAWebLinkHasNoLink() {
		String html = this.formatter.format(entry("Tariffs", "Tariffs rise.", "javascript:alert(document.cookie)"),
				match(List.of(), "tariffs"));
		assertThat(html).doesNotContain("<a ").doesNotContain("javascript");
		assertThat(BotApiHtmlValidator.validate(html)).isEmpty();
	}

	@Test
	void digestShowsTheHostNextToEachTitle() {
		List<OutboxAlert> alerts = List.of(
				new OutboxAlert(1, 11, 7, 0, Instant.EPOCH, "Official notice", "https://www.gov.example@evil.example/x", 2),
				new OutboxAlert(2, 12, 7, 0, Instant.EPOCH, "Odd link", "javascript:alert(1)", 2));
		String html = AlertFormatter.digest(alerts, 2, new java.util.ArrayList<>(),
				new AlertTexts(policywatch.testing.TestMessages.create()), java.util.Locale.ENGLISH);
		assertThat(html).contains("<a href=\"https://evil.example/x\">Official notice</a> (evil.example)")
			.contains("• Odd link")
			.doesNotContain("javascript")
			.doesNotContain("gov.example");
		assertThat(BotApiHtmlValidator.validate(html)).isEmpty();
	}

	private String linkIn(String link) {
		String html = this.formatter.format(entry("Tariffs", "Tariffs rise.", link), match(List.of(), "tariffs"));
		int at = html.indexOf("<a href=\"");
		if (at < 0) {
			return null;
		}
		String href = html.substring(at + 9, html.indexOf('"', at + 9)).replace("&amp;", "&");
		assertThat(html).as("the link text is the address itself")
			.contains(">" + href.replace("&", "&amp;") + "</a>");
		return href;
	}

	@Test
	void plainTextVersionDropsMarkupAndDecodesEntities() {
		assertThat(AlertFormatter.toPlainText("<b>A &amp; B &lt;c&gt;</b>\n<a href=\"u\">u</a>")).isEqualTo("A & B <c>\nu");
	}

	private static PendingEntry entry(String title, String body, String link) {
		return new PendingEntry(1, "news", "Policy News", title, link, "", body, Instant.parse("2026-11-28T09:30:00Z"));
	}

	private static ChatMatch match(List<Hit> hits, String query) {
		return new ChatMatch(7, List.of(new Subscription(3, 7, query, "CHAT")), hits);
	}

}
