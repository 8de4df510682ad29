package policywatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.testing.ChildNode;
import policywatch.testing.FakeFeedServer;
import policywatch.testing.FakeFeedServer.Item;
import policywatch.testing.FakeTelegramApi;
import policywatch.testing.FakeTelegramApi.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills the application with SIGKILL in the middle of a fan-out, starts it again, and checks that
 * every alert arrived exactly once, apart from at most the one message in flight at the kill.
 */
class CrashRecoveryIT {

	/** Sends in flight at once: at most these may repeat after a kill. */
	private static final int MAX_IN_FLIGHT = 3;

	private static final int SUBSCRIBERS = 120;

	private static final long FIRST_USER = 5000;

	@TempDir
	Path dir;

	private final FakeFeedServer feeds = new FakeFeedServer().start();

	private final FakeTelegramApi telegram = new FakeTelegramApi().start();

	private ChildNode process;

	@AfterEach
	void stop() throws Exception {
		if (this.process != null) {
			this.process.close();
		}
		this.telegram.close();
		this.feeds.close();
	}

	@Test
	void everyAlertArrivesOnceAfterAKillDuringFanOut() throws Exception {
		Files.createDirectories(this.dir.resolve("config"));
		Files.writeString(this.dir.resolve("config/feeds.yml"),
				"feeds:\n  - id: news\n    url: " + this.feeds.url("/news.xml") + "\n    interval: 1s\n    full-text: false\n");
		Instant published = Instant.parse("2026-11-20T08:00:00Z");
		Item old = new Item("old", "Old story", null, "Nothing new.", published);
		this.feeds.put("/news.xml", "application/rss+xml", FakeFeedServer.rss("News", old));

		this.process = startApp("first");
		for (long user = FIRST_USER; user < FIRST_USER + SUBSCRIBERS; user++) {
			this.telegram.sendText(user, "/subscribe tariffs");
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.telegram.sentMessages().stream().filter((m) -> m.text().startsWith("Subscribed")).count()
					== SUBSCRIBERS);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.feeds.requestCount("/news.xml") >= 2);

		Item news = new Item("new", "New tariffs on steel", null, "Tariffs rise.", published.plusSeconds(60));
		this.feeds.put("/news.xml", "application/rss+xml", FakeFeedServer.rss("News", news, old));
		await().atMost(Duration.ofSeconds(60)).until(() -> alerts().size() >= SUBSCRIBERS / 3);
		this.process.kill();
		int deliveredBeforeKill = alerts().size();
		assertThat(deliveredBeforeKill).as("killed in the middle of the fan-out").isLessThan(SUBSCRIBERS);

		this.process = startApp("second");
		await().atMost(Duration.ofSeconds(90))
			.until(() -> alerts().stream().map(SentMessage::chatId).distinct().count() == SUBSCRIBERS);
		Thread.sleep(2000);
		Map<Long, Long> perChat = alerts().stream()
			.collect(Collectors.groupingBy(SentMessage::chatId, Collectors.counting()));
		assertThat(perChat).hasSize(SUBSCRIBERS);
		assertThat(perChat.values().stream().filter((count) -> count > 1).count())
			.as("chats that got the alert twice (only the messages in flight at the kill may repeat)")
			.isLessThanOrEqualTo(MAX_IN_FLIGHT);
		assertThat(perChat.values()).allSatisfy((count) -> assertThat(count).isBetween(1L, 2L));
	}

	private List<SentMessage> alerts() {
		return this.telegram.sentMessages().stream().filter((m) -> m.text().contains("Matched:")).toList();
	}

	private ChildNode startApp(String name) {
		// A quick-starting JVM (C1 only, serial GC, the class-data archive); one node name for both
		// starts, so that the second takes the sender lease at once instead of waiting for the
		// killed node's lease to expire (lease-ttl + lease-renew, about 13 s): what is tested is the
		// outbox after a kill, not the lease.
		return ChildNode.start(name, this.dir.resolve(name + ".log"),
				List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"), List.of("--server.port=0",
				"--policywatch.cluster.node-id=crash-recovery-it",
				"--policywatch.config-dir=" + this.dir.resolve("config"), "--policywatch.data-dir=" + this.dir.resolve("data"),
				"--policywatch.telegram.token=" + this.telegram.token(), "--policywatch.telegram.api-url=" + this.telegram.url(),
				"--policywatch.fetch.allow-private-networks=true", "--policywatch.ingest.tick=200ms",
				"--policywatch.delivery.idle-wait=100ms", "--policywatch.delivery.global-per-second=20",
				"--policywatch.delivery.max-in-flight=" + MAX_IN_FLIGHT));
	}

}
