package policywatch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import policywatch.testing.FakeTelegramApi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Webhook mode end to end: the app registers its webhook with the secret, refuses calls without
 * it, handles a redelivered update once, and goes back to long polling (deleting the webhook) when
 * the URL is removed. A webhook that is not HTTPS, or has no secret, is refused at start-up.
 */
class WebhookIT {

	private static final String URL = "https://bot.example.org/telegram/webhook";

	private static final String SECRET = "s3cret-Token_for-tests";

	private static final long USER = 1001;

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@TempDir
	Path dir;

	@Test
	void webhookCallsNeedTheSecretAndAreHandledOnceThenLongPollingComesBack() throws Exception {
		try (FakeTelegramApi telegram = new FakeTelegramApi().start()) {
			try (ConfigurableApplicationContext app = start(telegram, "--policywatch.telegram.webhook.url=" + URL,
					"--policywatch.telegram.webhook.secret=" + SECRET)) {
				await().atMost(Duration.ofSeconds(20)).until(() -> URL.equals(telegram.webhookUrl()));
				assertThat(telegram.webhookSecret()).isEqualTo(SECRET);
				String endpoint = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port")
						+ "/telegram/webhook";
				JdbcClient jdbc = app.getBean(JdbcClient.class);

				assertThat(post(endpoint, null, update(77, "/help"))).isEqualTo(401);
				assertThat(post(endpoint, "wrong-secret", update(77, "/help"))).isEqualTo(401);
				assertThat(post(endpoint, SECRET + "x", update(77, "/help"))).isEqualTo(401);
				assertThat(jdbc.sql("SELECT COUNT(*) FROM telegram_update").query(Long.class).single()).isZero();

				assertThat(post(endpoint, SECRET, update(78, "/help"))).isEqualTo(200);
				assertThat(telegram.awaitMessages(USER, 1, Duration.ofSeconds(20))).hasSize(1);
				// Telegram delivers it again (say the answer was late): handled once.
				assertThat(post(endpoint, SECRET, update(78, "/help"))).isEqualTo(200);
				assertThat(post(endpoint, SECRET, update(79, "/start"))).isEqualTo(200);
				assertThat(telegram.awaitMessages(USER, 2, Duration.ofSeconds(20))).hasSize(2);
				assertThat(telegram.sentMessages()).filteredOn((message) -> message.chatId() == USER).hasSize(2);
				assertThat(jdbc.sql("SELECT COUNT(*) FROM telegram_update").query(Long.class).single()).isEqualTo(2);
				// The refused calls changed nothing: no reply to them either.
				assertThat(telegram.requests("getupdates")).isEmpty();
			}
			// Back to long polling: the webhook is deleted, and updates are polled.
			try (ConfigurableApplicationContext app = start(telegram)) {
				await().atMost(Duration.ofSeconds(20)).until(() -> telegram.webhookUrl() == null);
				assertThat(telegram.requests("deletewebhook")).isNotEmpty();
				telegram.sendText(USER, "/help");
				assertThat(telegram.awaitMessages(USER, 3, Duration.ofSeconds(20))).hasSize(3);
				assertThat(telegram.conflictCount()).isZero();
			}
		}
	}

	@Test
	void aWebhookThatIsNotHttpsIsRefusedAtStartUp() throws Exception {
		try (FakeTelegramApi telegram = new FakeTelegramApi().start()) {
			assertThatThrownBy(() -> start(telegram, "--policywatch.telegram.webhook.url=http://bot.example.org/hook",
					"--policywatch.telegram.webhook.secret=" + SECRET).close())
				.rootCause()
				.hasMessageContaining("policywatch.telegram.webhook.url must be an https:// URL");
			assertThat(telegram.requests("setwebhook")).isEmpty();
		}
	}

	@Test
	void aWebhookWithoutASecretIsRefusedAtStartUp() throws Exception {
		try (FakeTelegramApi telegram = new FakeTelegramApi().start()) {
			assertThatThrownBy(() -> start(telegram, "--policywatch.telegram.webhook.url=" + URL).close()).rootCause()
				.hasMessageContaining("policywatch.telegram.webhook.secret");
			assertThat(telegram.requests("setwebhook")).isEmpty();
		}
	}

	private ConfigurableApplicationContext start(FakeTelegramApi telegram, String... extra) throws Exception {
		Files.createDirectories(this.dir.resolve("config"));
		Files.writeString(this.dir.resolve("config/feeds.yml"), "feeds: []\n");
		String[] base = { "--server.port=0", "--policywatch.config-dir=" + this.dir.resolve("config"),
				"--policywatch.data-dir=" + this.dir.resolve("data"), "--policywatch.telegram.token=" + telegram.token(),
				"--policywatch.telegram.api-url=" + telegram.url(),
				// One node name for both starts: the second takes the sender lease (and long polls)
				// at once rather than after the first one's lease-handover.
				"--policywatch.cluster.node-id=webhook-it" };
		String[] args = new String[base.length + extra.length];
		System.arraycopy(base, 0, args, 0, base.length);
		System.arraycopy(extra, 0, args, base.length, extra.length);
		return new SpringApplicationBuilder(PolicyWatchApplication.class).run(args);
	}

	private static int post(String endpoint, String secret, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (secret != null) {
			request.header("X-Telegram-Bot-Api-Secret-Token", secret);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static String update(long updateId, String command) {
		return """
				{"update_id":%d,"message":{"message_id":%d,"date":1764590000,
				 "chat":{"id":%d,"type":"private","username":"someone"},
				 "from":{"id":%d,"is_bot":false,"first_name":"Some","username":"someone"},
				 "text":"%s","entities":[{"type":"bot_command","offset":0,"length":%d}]}}"""
			.formatted(updateId, updateId, USER, USER, command, command.length());
	}

}
