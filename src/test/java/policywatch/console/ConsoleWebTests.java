package policywatch.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import policywatch.archive.ArchiveProperties;
import policywatch.archive.ArchiveSearch;
import policywatch.archive.ArchivedArticle;
import policywatch.archive.RecentArchive;
import policywatch.delivery.AlertSummaries;
import policywatch.delivery.DeliveryHistory;
import policywatch.delivery.DeliveryStats;
import policywatch.ingest.FeedActivity;
import policywatch.ingest.FeedParking;
import policywatch.ingest.FeedPollStatus;
import policywatch.ingest.FeedPollStatusView;
import policywatch.source.FeedCatalog;
import policywatch.subscription.Subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console with its password set: the real security chains, controllers and templates, the
 * other modules' services mocked.
 */
@WebMvcTest(controllers = { LoginPage.class, FeedsPage.class, AlertsPage.class, QueryLab.class, ConfigPage.class,
		ConsoleWebTests.Webhook.class }, properties = { "policywatch.console.password=correct horse",
				"spring.mvc.webjars-path-pattern=/console/webjars/**" })
@Import({ ConsoleSecurity.class, ReloadHistory.class, ConsoleWebTests.Beans.class, ConsoleWebTests.Webhook.class })
class ConsoleWebTests {

	static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	FeedPollStatusView status;

	@MockitoBean
	FeedActivity activity;

	@MockitoBean
	FeedParking parking;

	@MockitoBean
	DeliveryHistory history;

	@MockitoBean
	DeliveryStats stats;

	@MockitoBean
	RecentArchive archive;

	@MockitoBean
	ArchiveProperties archiveProperties;

	@MockitoBean
	AlertSummaries summaries;

	@MockitoBean
	FeedCatalog catalog;

	@MockitoBean
	Subscriptions subscriptions;

	@BeforeEach
	void feeds() {
		given(this.status.feeds()).willReturn(List.of(
				new FeedPollStatus("news", "Policy News", true, NOW.minusSeconds(120), NOW.minusSeconds(120), "OK", null,
						0, NOW.plusSeconds(60)),
				new FeedPollStatus("broken", "Broken Feed", true, NOW.minusSeconds(600), null, "PARKED",
						"HTTP 500 from server", 20, NOW)));
		given(this.activity.newEntriesPerDay(any(), anyInt(), any())).willReturn(Map.of("news", counts(3)));
		given(this.archiveProperties.retention()).willReturn(Duration.ofDays(14));
		given(this.archiveProperties.scanLimit()).willReturn(2000);
	}

	@Test
	void showsTheLoginFormToAnyoneNotLoggedIn() throws Exception {
		String page = this.mvc.perform(get("/console")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();

		assertThat(page).contains("<form id=\"login\" method=\"post\" action=\"/console/login\">", "name=\"username\"",
				"name=\"password\"", "<button type=\"submit\">", "name=\"_csrf\"").doesNotContain("login-error");
		this.mvc.perform(get("/console/feeds")).andExpect(status().isFound()).andExpect(redirectedUrl("/console"));
		this.mvc.perform(get("/console/query").param("q", "tariff")).andExpect(redirectedUrl("/console"));
		verifyNoInteractions(this.archive);
	}

	@Test
	void wrongPasswordIsRejectedAndTheRightOneLetsTheAdminIn() throws Exception {
		MockHttpSession failed = new MockHttpSession();
		this.mvc.perform(login("admin", "wrong", "192.0.2.1").session(failed)).andExpect(redirectedUrl("/console?error"));
		String page = this.mvc.perform(get("/console").param("error", "").session(failed))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"login-error\"", "Wrong user name or password");
		this.mvc.perform(login("root", "correct horse", "192.0.2.1")).andExpect(redirectedUrl("/console?error"));

		MockHttpSession ok = new MockHttpSession();
		this.mvc.perform(login("admin", "correct horse", "192.0.2.1").session(ok)).andExpect(redirectedUrl("/console/feeds"));
		this.mvc.perform(get("/console/feeds").session(ok)).andExpect(status().isOk());
		this.mvc.perform(get("/console").session(ok)).andExpect(redirectedUrl("/console/feeds"));
	}

	@Test
	void locksOutAnAddressAfterRepeatedFailures() throws Exception {
		for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
			this.mvc.perform(login("admin", "guess" + i, "192.0.2.7")).andExpect(redirectedUrl("/console?error"));
		}
		MockHttpSession locked = new MockHttpSession();
		this.mvc.perform(login("admin", "correct horse", "192.0.2.7").session(locked))
			.andExpect(redirectedUrl("/console?error"));
		String page = this.mvc.perform(get("/console").param("error", "").session(locked))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"login-error\"", "Too many failed logins");

		// another address is not locked out
		this.mvc.perform(login("admin", "correct horse", "192.0.2.8")).andExpect(redirectedUrl("/console/feeds"));
	}

	@Test
	void logsOutByPost() throws Exception {
		MockHttpSession session = new MockHttpSession();
		this.mvc.perform(login("admin", "correct horse", "192.0.2.2").session(session)).andExpect(redirectedUrl("/console/feeds"));
		this.mvc.perform(get("/console/feeds").session(session)).andExpect(status().isOk());
		this.mvc.perform(post("/console/logout").session(session)).andExpect(status().isForbidden());

		this.mvc.perform(post("/console/logout").session(session).with(csrf()))
			.andExpect(redirectedUrl("/console?logout"));
		assertThat(session.isInvalid()).isTrue();
	}

	@Test
	void listsEveryFeedWithItsHealthAndAnUnparkFormForParkedOnes() throws Exception {
		String page = this.mvc.perform(get("/console/feeds").param("sort", "health").with(admin()))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", ConsoleSecurity.CONTENT_SECURITY_POLICY))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andReturn().getResponse().getContentAsString();

		assertThat(page).contains("<tr data-feed-id=\"broken\">", "<tr data-feed-id=\"news\">",
				"action=\"/console/feeds/broken/unpark\"", "HTTP 500 from server", "3 new entries in 14 days")
			.doesNotContain("/console/feeds/news/unpark");
		assertThat(page.indexOf("data-feed-id=\"broken\"")).as("worst health first")
			.isLessThan(page.indexOf("data-feed-id=\"news\""));
		assertThat(page).containsPattern("<td class=\"health bad\" data-label=\"Health\">parked</td>")
			.containsPattern("<td class=\"health good\" data-label=\"Health\">ok</td>");
		for (String href : List.of("/console/feeds", "/console/alerts", "/console/query", "/console/config")) {
			assertThat(page).contains("<a href=\"" + href + "\"");
		}
	}

	@Test
	void unparkingNeedsTheCsrfToken() throws Exception {
		this.mvc.perform(post("/console/feeds/broken/unpark").with(admin())).andExpect(status().isForbidden());
		verify(this.parking, never()).unpark(anyString(), anyString());

		given(this.parking.unpark("broken", "console:admin")).willReturn(true);
		this.mvc.perform(post("/console/feeds/broken/unpark").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/console/feeds"))
			.andExpect((result) -> assertThat(result.getFlashMap().get("message")).asString()
				.contains("broken is polled again"));
		verify(this.parking).unpark("broken", "console:admin");
	}

	@Test
	void theWebhookAndEverythingOutsideTheConsoleNeedNeitherLoginNorCsrf() throws Exception {
		MvcResult result = this.mvc.perform(post("/telegram/webhook").contentType("application/json").content("{}"))
			.andExpect(status().isOk())
			.andReturn();

		assertThat(result.getResponse().getContentAsString()).isEqualTo("got {}");
		assertThat(result.getResponse().getHeader("X-Frame-Options")).as("no console headers").isNull();
		assertThat(result.getResponse().getHeader("Set-Cookie")).as("no session").isNull();
	}

	@Test
	void queryLabShowsAParseErrorWithItsPosition() throws Exception {
		String page = this.mvc.perform(get("/console/query").param("q", "tariff AND )").with(admin()))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();

		assertThat(page).contains("id=\"query-error\"", "(position 8)", "<span>tariff AND )</span>")
			.doesNotContain("id=\"query-results\"");
		verifyNoInteractions(this.archive);
	}

	@Test
	void queryLabShowsTheReadingAndTheMatchesWithTheirWordsMarked() throws Exception {
		ArchivedArticle article = new ArchivedArticle(7, "news", "Policy News", "New tariff on steel",
				"https://example.org/a", NOW.minusSeconds(3600), NOW.minusSeconds(3000));
		given(this.archive.newest(any(), eq(QueryLab.RESULTS))).willReturn(new ArchiveSearch(List.of(article), 1, false, false));
		given(this.archive.texts(List.of(7L))).willReturn(Map.of(7L, "The tariff starts in May."));
		given(this.summaries.summarize(eq("The tariff starts in May."), any())).willReturn(List.of(
				new AlertSummaries.Part("The ", false), new AlertSummaries.Part("tariff", true),
				new AlertSummaries.Part(" starts in May.", false)));

		String page = this.mvc.perform(get("/console/query").param("q", "TARIFF OR  steel").with(admin()))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();

		assertThat(page).contains("id=\"query-reading\">tariff OR steel<", "id=\"query-results\"",
				"New <mark>tariff</mark> on <mark>steel</mark>", "<p class=\"summary\">The <mark>tariff</mark> starts in May.</p>",
				"href=\"https://example.org/a\"", "Policy News").doesNotContain("query-error");
	}

	@Test
	void alertsAndConfigPagesShowWhatTheContractNames() throws Exception {
		given(this.history.lastHours(AlertsPage.HOURS)).willReturn(List.of(
				new DeliveryHistory.HourCounts(NOW.minusSeconds(3600), 5, 1, 2, 3),
				new DeliveryHistory.HourCounts(NOW, 4, 0, 0, 0)));
		given(this.stats.pending()).willReturn(12L);
		given(this.stats.waitingChats()).willReturn(2L);
		given(this.stats.longestWaiting()).willReturn(java.util.Optional.of(
				new DeliveryStats.WaitingChat(-1001234567890L, NOW.minusSeconds(900), 9)));
		String alerts = this.mvc.perform(get("/console/alerts").with(admin())).andReturn().getResponse()
			.getContentAsString();
		assertThat(alerts).contains("id=\"alerts-chart\"", "<table id=\"alerts-table\">", "id=\"backlog\">12<",
				"id=\"sent-7d\">9<", "id=\"rate-limited-7d\">3<", "chat -…890: 9 pending, the oldest planned 15 min ago")
			.doesNotContain("1234567890");

		given(this.catalog.dir()).willReturn(java.nio.file.Path.of("config"));
		given(this.catalog.subscriptions()).willReturn(List.of(
				new policywatch.subscription.ConfiguredSubscription(-100500L, "tariff", List.of("news"))));
		given(this.subscriptions.count()).willReturn(42L);
		String config = this.mvc.perform(get("/console/config").with(admin())).andReturn().getResponse()
			.getContentAsString();
		assertThat(config).contains("id=\"last-reload\"", "start-up", "<table id=\"effective-feeds\"",
				"<table id=\"admin-subscriptions\"", "<code>tariff</code>", "42 in 0 chats");
	}

	private static RequestPostProcessor admin() {
		return user("admin").roles("ADMIN");
	}

	private static MockHttpServletRequestBuilder login(String user, String password, String address) {
		return post("/console/login").param("username", user).param("password", password).with(csrf())
			.with((request) -> {
				request.setRemoteAddr(address);
				return request;
			});
	}

	private static int[] counts(int today) {
		int[] counts = new int[FeedsPage.DAYS];
		counts[FeedsPage.DAYS - 1] = today;
		return counts;
	}

	@TestConfiguration
	static class Beans {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

		@Bean
		ConsoleTime consoleTime(Clock clock) {
			return new ConsoleTime(clock, ZoneOffset.UTC);
		}

	}

	/** Stands in for the Telegram webhook (on whatever path, outside /console). */
	@RestController
	static class Webhook {

		@PostMapping("/telegram/webhook")
		String update(@RequestBody String body) {
			return "got " + body;
		}

	}

}
