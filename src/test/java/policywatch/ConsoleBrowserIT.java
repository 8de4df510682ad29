package policywatch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import policywatch.delivery.DeliveryStats;
import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeFeedServer.Item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real browser: the whole application with a console password, four feeds on a
 * local server (two healthy with archived articles, one backing off, one parked), subscribers and alerts
 * through the fake Bot API, and Selenium driving headless Chromium through Debian's {@code chromedriver}.
 * An admin mistypes the password, logs in, opens every page, runs queries in the query lab, un-parks the
 * parked feed and logs out. Each page is saved as a screenshot under {@code target/console-screenshots/}.
 * <p>
 * Needs {@code chromium} and {@code chromedriver} on the {@code PATH} (or {@code CHROMIUM_BIN} and
 * {@code CHROMEDRIVER_BIN}); without them the test is skipped. Nothing is downloaded: Selenium Manager
 * is not used.
 */
@TestInstance(Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ConsoleBrowserIT {

	private static final String PASSWORD = "correct horse battery staple";

	private static final String WRONG_PASSWORD = "correct horse battery stable";

	private static final long USER = 3001;

	private static final long ADMIN = 42;

	private static final long GROUP = -1001234567890L;

	/** Only in a subscriber's private subscription: the console must never show it. */
	private static final String PRIVATE_WORD = "mercosur";

	/** Appended to the 18-line feeds.yml: line 20 has an address that is not http or https. */
	private static final String BAD_FEED = """
			  - id: typo
			    url: ftp://example.org/feed.xml
			""";

	private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private static final Duration PAGE_WAIT = Duration.ofSeconds(15);

	private Path dir;

	private AppHarness harness;

	private ChromeDriver browser;

	private WebDriverWait wait;

	private String base;

	/** Why the test is skipped: no browser on this machine. */
	private String skipped;

	@BeforeAll
	void startApplicationAndBrowser(@TempDir Path dir) throws IOException {
		this.dir = dir;
		Optional<Path> chromium = executable("CHROMIUM_BIN", "chromium", "chromium-browser", "google-chrome");
		Optional<Path> chromedriver = executable("CHROMEDRIVER_BIN", "chromedriver");
		if (chromium.isEmpty() || chromedriver.isEmpty()) {
			// reported by the test itself (a failed assumption here would hide the reason: no test would run)
			this.skipped = "ConsoleBrowserIT skipped: needs chromium and chromedriver on the PATH (Debian: apt-get install "
					+ "chromium chromium-driver) or CHROMIUM_BIN and CHROMEDRIVER_BIN; found chromium="
					+ chromium.orElse(null) + " chromedriver=" + chromedriver.orElse(null);
			return;
		}
		this.harness = new AppHarness(this.dir, "--policywatch.console.password=" + PASSWORD,
				"--policywatch.telegram.admin-ids=" + ADMIN, "--policywatch.ingest.park-after=2",
				"--policywatch.ingest.jitter=0s", "--policywatch.source.watch-interval=500ms");
		writeConfig();
		publishInitialEntries();
		// the browser starts while the application does
		CompletableFuture<ChromeDriver> starting = CompletableFuture
			.supplyAsync(() -> startBrowser(chromium.get(), chromedriver.get()));
		try {
			this.harness.start();
			this.base = "http://127.0.0.1:" + this.harness.app.getEnvironment().getProperty("local.server.port");
			produceActivity();
		}
		finally {
			this.browser = starting.join();
		}
		this.wait = new WebDriverWait(this.browser, PAGE_WAIT);
		Files.createDirectories(SCREENSHOTS);
		Files.deleteIfExists(SCREENSHOTS.resolve("failure.png"));
	}

	@BeforeEach
	void browserFound() {
		assumeTrue(this.skipped == null, this.skipped);
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.harness != null) {
			this.harness.close();
		}
	}

	@Test
	void adminLogsInReadsEveryPageQueriesUnparksAndLogsOut(CapturedOutput output) throws IOException {
		try {
			logIn();
			feedsPage();
			phoneFeedsPage();
			alertsPage();
			queryLab();
			configPage();
			unpark();
			logOut();
			assertThat(output.getAll()).as("the application's log")
				.contains("Failed console login")
				.doesNotContain(PASSWORD)
				.doesNotContain(WRONG_PASSWORD);
		}
		catch (AssertionError | RuntimeException ex) {
			screenshot("failure");
			throw ex;
		}
	}

	private void logIn() throws IOException {
		this.browser.get(this.base + "/console");
		WebElement form = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form#login")));
		screenshot("login");
		submitLogin(form, "admin", WRONG_PASSWORD);
		WebElement error = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#login-error")));
		assertThat(error.getText()).as("the error a wrong password shows").isNotBlank();
		assertThat(this.browser.findElements(By.cssSelector("nav a[href='/console/feeds']")))
			.as("no console after a wrong password")
			.isEmpty();
		screenshot("login-error");

		submitLogin(this.browser.findElement(By.cssSelector("form#login")), "admin", PASSWORD);
		this.wait.until(ExpectedConditions.urlMatches("/console/feeds$"));
		for (String page : List.of("feeds", "alerts", "query", "config")) {
			assertThat(this.browser.findElements(By.cssSelector("nav a[href='/console/" + page + "']")))
				.as("nav link to %s", page)
				.hasSize(1);
		}
		Set<Cookie> cookies = this.browser.manage().getCookies();
		assertThat(cookies).as("the session cookie").isNotEmpty().allSatisfy((cookie) -> {
			assertThat(cookie.isHttpOnly()).as("%s HttpOnly", cookie.getName()).isTrue();
			assertThat(cookie.getSameSite()).as("%s SameSite", cookie.getName()).isIn("Lax", "Strict");
		});
	}

	private static void submitLogin(WebElement form, String user, String password) {
		WebElement username = form.findElement(By.cssSelector("input[name=username]"));
		username.clear();
		username.sendKeys(user);
		WebElement field = form.findElement(By.cssSelector("input[name=password]"));
		field.clear();
		field.sendKeys(password);
		form.findElement(By.cssSelector("button[type=submit]")).click();
	}

	private void feedsPage() throws IOException {
		open("feeds", "table#feeds");
		assertThat(health("news")).isEqualTo("ok");
		assertThat(health("gazette")).isEqualTo("ok");
		assertThat(health("slow")).isEqualTo("backing off");
		assertThat(health("broken")).isEqualTo("parked");
		for (String feed : List.of("news", "gazette", "slow", "broken")) {
			WebElement row = row(feed);
			assertThat(row.findElements(By.cssSelector("svg, canvas, img"))).as("%s: a 14-day chart", feed).isNotEmpty();
		}
		assertThat(row("news").getText()).as("the feed's name").contains("Policy News");
		assertThat(row("broken").getText()).as("the parked feed's error").contains("500");
		assertThat(row("broken").findElements(By.cssSelector("form.unpark button"))).as("un-park button").hasSize(1);
		assertThat(row("news").findElements(By.cssSelector("form.unpark"))).as("no un-park for a healthy feed").isEmpty();
		assertPrivateQueryNotShown();

		// sorted by health, trouble comes first
		this.browser.findElement(By.cssSelector("table#feeds thead a[href$='sort=health']")).click();
		this.wait.until(ExpectedConditions.urlContains("sort=health"));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table#feeds")));
		assertThat(this.browser.findElements(By.cssSelector("table#feeds tbody tr[data-feed-id]")))
			.extracting((row) -> row.getAttribute("data-feed-id"))
			.as("parked, backing off, then the healthy ones")
			.startsWith("broken", "slow")
			.containsExactlyInAnyOrder("broken", "slow", "news", "gazette");
		screenshot("feeds");
	}

	private void phoneFeedsPage() throws IOException {
		Map<String, Object> phone = Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true);
		this.browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", phone);
		try {
			open("feeds", "table#feeds");
			Object overflow = js("return document.documentElement.scrollWidth - window.innerWidth;");
			assertThat(((Number) overflow).intValue()).as("the page does not scroll sideways on a phone").isLessThanOrEqualTo(0);
			assertThat(health("broken")).isEqualTo("parked");
			screenshot("feeds-phone");
		}
		finally {
			this.browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	private void alertsPage() throws IOException {
		open("alerts", "#alerts-chart");
		this.wait.withMessage("the alerts chart drew something")
			.until((driver) -> Boolean.TRUE.equals(js("""
					const root = document.querySelector('#alerts-chart');
					const canvases = root.tagName === 'CANVAS' ? [root] : Array.from(root.querySelectorAll('canvas'));
					return canvases.some((canvas) => {
						if (canvas.width === 0 || canvas.height === 0) return false;
						const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
						for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
						return false;
					}) || root.querySelectorAll('svg path, svg rect').length > 0;
					""")));
		List<WebElement> rows = this.browser.findElements(By.cssSelector("table#alerts-table tbody tr"));
		assertThat(rows).as("alerts per hour in the table").isNotEmpty();
		assertThat(text("#sent-7d")).as("alerts sent: two to the subscriber, two to the group").isEqualTo("4");
		assertThat(text("#rate-limited-7d")).as("the two 429s from Telegram").isEqualTo("2");
		assertThat(text("#backlog")).as("the outbox backlog now").isEqualTo("1");
		assertThat(text("#longest-wait")).as("the longest waiting chat, its id masked").contains("-…890").contains("1 pending");
		assertThat(this.browser.getPageSource()).as("no chat id in full").doesNotContain(Long.toString(GROUP).substring(1));
		assertPrivateQueryNotShown();
		screenshot("alerts");
	}

	private void queryLab() throws IOException {
		open("query", "form#query-form");
		long alerted = alertsAbout("BRICS leaders agree on payments");
		runQuery("BRICS AND payment*");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#query-reading")));
		assertThat(text("#query-reading")).as("the normalised reading").containsIgnoringCase("BRICS")
			.containsIgnoringCase("payment*")
			.contains("AND");
		List<WebElement> articles = this.browser.findElements(By.cssSelector("#query-results .article"));
		assertThat(articles).as("archived articles matching").hasSize(1);
		WebElement article = articles.get(0);
		assertThat(article.getText()).contains("BRICS leaders agree on payments");
		assertThat(article.findElements(By.tagName("mark"))).extracting(WebElement::getText)
			.as("highlighted words")
			.anyMatch((word) -> word.equalsIgnoreCase("BRICS"))
			.anyMatch((word) -> word.toLowerCase().startsWith("payment"));
		assertThat(article.findElement(By.cssSelector(".summary")).getText()).as("the summary an alert would carry")
			.contains("shared payments system");
		screenshot("query");

		runQuery("sanctions AND \"supply chain");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#query-error")));
		assertThat(text("#query-error")).as("the parse error with its position").contains("character 15")
			.contains("position 15");
		String[] caret = js("return document.querySelector('#query-error pre').textContent;").toString().split("\n");
		assertThat(caret).as("the query and a caret under the problem").hasSize(2);
		assertThat(caret[1].indexOf('^')).as("caret under the opening quote").isEqualTo(caret[0].indexOf('"'));
		assertThat(this.browser.findElements(By.cssSelector("#query-results .article"))).isEmpty();
		screenshot("query-error");
		assertThat(alertsAbout("BRICS leaders agree on payments")).as("the query lab sends no alert").isEqualTo(alerted);
	}

	private long alertsAbout(String title) {
		return this.harness.telegram.sentMessages().stream().filter((m) -> m.text().contains(title)).count();
	}

	private void runQuery(String query) {
		WebElement form = this.browser.findElement(By.cssSelector("form#query-form"));
		WebElement input = form.findElement(By.cssSelector("input[name=q]"));
		input.clear();
		input.sendKeys(query);
		// the query lab swaps #query-output in place (htmx), or loads the page again without JavaScript
		WebElement output = this.browser.findElement(By.cssSelector("#query-output"));
		form.findElement(By.cssSelector("button[type=submit]")).click();
		this.wait.until(ExpectedConditions.stalenessOf(output));
	}

	private void configPage() throws IOException {
		open("config", "#last-reload");
		assertThat(text("#last-reload")).as("the last reload: the rejected edit, with the problem's file:line")
			.contains("Rejected")
			.contains("file watcher")
			.contains("feeds.yml:20");
		assertThat(text("#effective-feeds")).as("the feeds in effect: the rejected edit is not")
			.contains("news", "gazette", "slow", "broken")
			.doesNotContain("typo");
		assertThat(text("#admin-subscriptions")).contains("supply chain").contains(Long.toString(GROUP));
		assertPrivateQueryNotShown();
		screenshot("config");
	}

	private void unpark() throws IOException {
		// the publisher fixed the feed; the admin un-parks it
		this.harness.feeds.put("/broken.xml", "application/rss+xml; charset=utf-8",
				FakeFeedServer.rss("Broken Feed", item("b-1", "Back online", "The feed works again.", 60, null)));
		open("feeds", "table#feeds");
		int polls = this.harness.feeds.requestCount("/broken.xml");
		row("broken").findElement(By.cssSelector("form.unpark button")).click();
		this.wait.withMessage("the un-parked feed no longer says parked")
			.until((driver) -> !driver.findElements(By.cssSelector("tr[data-feed-id='broken'] .health")).isEmpty()
					&& !health("broken").equals("parked"));
		await().atMost(AppHarness.WAIT)
			.alias("the un-parked feed is polled again")
			.until(() -> this.harness.feeds.requestCount("/broken.xml") > polls
					&& this.harness.feedStatus("broken").consecutiveFailures() == 0);
		this.browser.navigate().refresh();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table#feeds")));
		assertThat(health("broken")).isEqualTo("ok");
		assertThat(row("broken").findElements(By.cssSelector("form.unpark"))).isEmpty();
		screenshot("feeds-unparked");
	}

	private void logOut() {
		this.browser.findElement(By.cssSelector("nav form[action$='/console/logout'] button, nav button[form]")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form#login")));
		this.browser.get(this.base + "/console/feeds");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form#login")));
		assertThat(this.browser.findElements(By.cssSelector("table#feeds"))).as("no feeds after logging out").isEmpty();
	}

	// ---------------------------------------------------------------- helpers

	private void open(String page, String mainElement) {
		this.browser.findElement(By.cssSelector("nav a[href='/console/" + page + "']")).click();
		this.wait.until(ExpectedConditions.urlMatches("/console/" + page + "$"));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(mainElement)));
	}

	private WebElement row(String feed) {
		return this.browser.findElement(By.cssSelector("table#feeds tr[data-feed-id='" + feed + "']"));
	}

	private String health(String feed) {
		return row(feed).findElement(By.cssSelector(".health")).getText().trim().toLowerCase();
	}

	private String text(String selector) {
		return this.browser.findElement(By.cssSelector(selector)).getText();
	}

	private Object js(String script) {
		return ((JavascriptExecutor) this.browser).executeScript(script);
	}

	private void assertPrivateQueryNotShown() {
		assertThat(this.browser.getPageSource().toLowerCase()).as("a subscriber's private query on %s",
				this.browser.getCurrentUrl())
			.doesNotContain(PRIVATE_WORD);
	}

	private void screenshot(String name) throws IOException {
		if (this.browser != null) {
			Files.write(SCREENSHOTS.resolve(name + ".png"), this.browser.getScreenshotAs(OutputType.BYTES));
		}
	}

	// ---------------------------------------------------------------- setup

	private void writeConfig() throws IOException {
		FakeFeedServer feeds = this.harness.feeds;
		feeds.putStatus("/slow.xml", 503);
		Path config = this.dir.resolve("config");
		Files.writeString(config.resolve("feeds.yml"), """
				feeds:
				  - id: news
				    name: Policy News
				    url: %s
				    interval: 1s
				  - id: gazette
				    name: Trade Gazette
				    url: %s
				    interval: 1s
				    full-text: false
				  - id: slow
				    name: Slow Ministry
				    url: %s
				    interval: 1h
				  - id: broken
				    name: Broken Feed
				    url: %s
				    interval: 1s
				""".formatted(feeds.url("/news.xml"), feeds.url("/gazette.xml"), feeds.url("/slow.xml"),
				feeds.url("/broken.xml")));
		Files.writeString(config.resolve("subscriptions.yml"), """
				subscriptions:
				  - chat: %d
				    query: '"supply chain" OR tariffs'
				""".formatted(GROUP));
	}

	private void publishInitialEntries() {
		this.harness.publish(item("old-1", "BRICS summit announced", "BRICS leaders will meet.", 9 * 24 * 60, null));
		gazette(item("g-old", "Gazette launches", "A new trade gazette.", 8 * 24 * 60, null));
	}

	/**
	 * New entries after the first poll (which only records what is there): archived, matched, alerted.
	 */
	private void produceActivity() throws IOException {
		AppHarness h = this.harness;
		h.awaitPrimed("news");
		h.awaitPrimed("gazette");
		assertThat(h.ask(USER, "/subscribe BRICS OR " + PRIVATE_WORD)).startsWith("Subscribed");
		h.putArticle("/a/brics", "BRICS leaders agree on payments",
				"The leaders of the BRICS countries agreed on Tuesday to build a shared payments system.",
				"Officials said the plan would take several years.");
		h.putArticle("/a/ports", "Ports reopen after strike",
				"Shipping lines warned that global supply chains would need weeks to recover.");
		h.putArticle("/a/bank", "BRICS bank expands", "The BRICS bank approved new loans for ports.");
		h.telegram.failNextSends(1, 429, "Too Many Requests: retry after 1", 1, null);
		h.publish(item("old-1", "BRICS summit announced", "BRICS leaders will meet.", 9 * 24 * 60, null),
				item("n-1", "BRICS leaders agree on payments", "Leaders met.", 3 * 60, "/a/brics"),
				item("n-2", "Ports reopen after strike", "Dock workers returned.", 2 * 60, "/a/ports"),
				item("n-3", "BRICS bank expands", "Loans approved.", 60, "/a/bank"));
		gazette(item("g-old", "Gazette launches", "A new trade gazette.", 8 * 24 * 60, null),
				item("g-1", "New tariffs on steel", "The ministry announced tariffs on steel imports.", 90, null),
				item("g-2", "Customs forms simplified", "Exporters file one form from January.", 30, null));
		h.awaitAlerts(USER, 2);
		await().atMost(AppHarness.WAIT)
			.until(() -> h.telegram.sentMessages().stream().filter((m) -> m.chatId() == GROUP).count() >= 2);
		h.awaitQuiet();
		await().atMost(AppHarness.WAIT).until(() -> "PARKED".equals(h.feedStatus("broken").lastStatus()));
		rejectedEdit();
		await().atMost(AppHarness.WAIT).until(() -> h.feedStatus("slow").consecutiveFailures() == 1);

		// a group alert waits out a long 429: the backlog and the longest waiting chat
		int attempts = h.telegram.sendAttempts();
		h.telegram.failNextSends(1, 429, "Too Many Requests: retry after 300", 300, null);
		gazette(item("g-old", "Gazette launches", "A new trade gazette.", 8 * 24 * 60, null),
				item("g-1", "New tariffs on steel", "The ministry announced tariffs on steel imports.", 90, null),
				item("g-2", "Customs forms simplified", "Exporters file one form from January.", 30, null),
				item("g-3", "Aluminium tariffs delayed", "The tariffs on aluminium start in March.", 5, null));
		await().atMost(AppHarness.WAIT)
			.until(() -> h.telegram.sendAttempts() > attempts && h.bean(DeliveryStats.class).pending() == 1);
	}

	/**
	 * The last reload the config page shows: an edit of feeds.yml with a mistake, rejected whole (the four
	 * feeds stay in effect) and reported to the admins in Telegram.
	 */
	private void rejectedEdit() throws IOException {
		Path feedsYml = this.dir.resolve("config/feeds.yml");
		Files.writeString(feedsYml, Files.readString(feedsYml) + BAD_FEED);
		await().atMost(AppHarness.WAIT)
			.until(() -> this.harness.telegram.sentMessages()
				.stream()
				.anyMatch((m) -> m.chatId() == ADMIN && m.text().contains("feeds.yml:")));
	}

	private void gazette(Item... newestLast) {
		List<Item> items = new ArrayList<>(List.of(newestLast));
		java.util.Collections.reverse(items);
		this.harness.feeds.put("/gazette.xml", "application/rss+xml; charset=utf-8",
				FakeFeedServer.rss("Trade Gazette", items.toArray(Item[]::new)));
	}

	/**
	 * An entry published some minutes ago (so it counts as recent whenever the test runs).
	 */
	private Item item(String guid, String title, String description, int minutesAgo, String path) {
		String link = (path != null) ? this.harness.feeds.url(path) : "https://gazette.example.org/" + guid;
		return new Item(guid, title, link, description, Instant.now().minus(Duration.ofMinutes(minutesAgo)));
	}

	private static ChromeDriver startBrowser(Path chromium, Path chromedriver) {
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,900", "--force-device-scale-factor=1", "--hide-scrollbars", "--lang=en-GB",
				"--no-first-run", "--disable-extensions", "--disable-background-networking");
		return new ChromeDriver(service, options);
	}

	private static Optional<Path> executable(String variable, String... names) {
		String configured = System.getenv(variable);
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured);
			return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
		}
		String searchPath = Optional.ofNullable(System.getenv("PATH")).orElse("");
		for (String name : names) {
			for (String folder : searchPath.split(File.pathSeparator)) {
				if (!folder.isEmpty()) {
					Path candidate = Path.of(folder, name);
					if (Files.isExecutable(candidate)) {
						return Optional.of(candidate);
					}
				}
			}
		}
		return Optional.empty();
	}

}
