package policywatch.telegram;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.admin.AdminConsole;
import policywatch.delivery.DeliveryPreferences;
import policywatch.delivery.DeliveryProperties;
import policywatch.subscription.Chats;
import policywatch.subscription.Subscription;
import policywatch.subscription.Subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * {@code /timezone}, {@code /digest}, {@code /quiet}, {@code /mute} and what {@code /list} shows, on
 * an H2 database and a fake clock; the group rule for them.
 */
class DeliveryCommandsTests {

	private static final long ALICE = 7;

	private static final long GROUP = -100;

	private static final long GROUP_ADMIN = 502;

	private static final long MEMBER = 503;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final JdbcClient jdbc = TestDatabase.jdbc();

	private final Subscriptions subscriptions = mock(Subscriptions.class);

	private final DeliveryPreferences preferences = policywatch.delivery.DeliveryTestAccess.preferences(this.jdbc, this.clock,
			new DeliveryProperties(25, 1, 20, Duration.ofHours(24), 600, ZoneId.of("UTC"), Duration.ofMillis(500), 10, 8,
					Duration.ofDays(30)));

	private final ChatCommandProperties limits = new ChatCommandProperties(50, 80, Duration.ofMinutes(1),
			Duration.ofSeconds(60));

	private final ChatCommands commands = new ChatCommands(this.subscriptions, mock(Chats.class), mock(AdminConsole.class),
			new TelegramProperties("token", URI.create("https://api.telegram.org"), List.of(42L)),
			new GroupAdmins((chatId, userId) -> (userId == GROUP_ADMIN) ? "administrator" : "member", this.clock,
					this.limits.groupAdminsCache()),
			new CommandThrottle(this.clock, this.limits), null, new DeliveryCommands(this.subscriptions, this.preferences, this.clock, policywatch.delivery.DeliveryTestAccess.tokens(this.jdbc),
					new BotText(policywatch.testing.TestMessages.create(), this.preferences)),
			new BotText(policywatch.testing.TestMessages.create(), this.preferences));

	DeliveryCommandsTests() {
		subscription(12, ALICE, "BRICS", "CHAT");
		subscription(13, ALICE, "tariffs", "CONFIG");
		subscription(20, GROUP, "sanctions", "CHAT");
	}

	private void subscription(long id, long chatId, String query, String origin) {
		this.jdbc.sql("INSERT INTO chat (id, type, active, paused, created_at, updated_at) VALUES (?, ?, TRUE, FALSE, ?, ?) ON CONFLICT DO NOTHING")
			.params(chatId, (chatId > 0) ? "private" : "group", policywatch.database.SqlTimestamps.ts(this.clock.instant()),
					policywatch.database.SqlTimestamps.ts(this.clock.instant()))
			.update();
		this.jdbc.sql("INSERT INTO subscription (id, chat_id, query, origin, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(id, chatId, query, origin, policywatch.database.SqlTimestamps.ts(this.clock.instant()))
			.update();
		List<Subscription> list = this.jdbc.sql("SELECT id, chat_id, query, origin FROM subscription WHERE chat_id = ? ORDER BY id")
			.param(chatId)
			.query((rs, n) -> new Subscription(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
			.list();
		given(this.subscriptions.list(chatId)).willReturn(list);
	}

	private String send(long chatId, long userId, String text) {
		return this.commands.handle(new IncomingMessage(chatId, (chatId > 0) ? "private" : "group", null, userId, text));
	}

	@Test
	void timeZoneDefaultsToTheConfiguredOneAndAcceptsIanaNamesInAnyCase() {
		assertThat(send(ALICE, ALICE, "/timezone")).contains("<b>UTC</b> (the default)");
		assertThat(send(ALICE, ALICE, "/timezone europe/berlin")).startsWith("Time zone set: <b>Europe/Berlin</b>");
		assertThat(send(ALICE, ALICE, "/timezone")).contains("<b>Europe/Berlin</b>").doesNotContain("default");
		assertThat(this.preferences.settings(ALICE).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
	}

	@Test
	void aNearMissGetsDidYouMeanAndChangesNothing() {
		assertThat(send(ALICE, ALICE, "/timezone Europe/Berln")).contains("Unknown time zone", "Did you mean",
				"Europe/Berlin");
		assertThat(send(ALICE, ALICE, "/timezone Berlin")).contains("Europe/Berlin");
		assertThat(send(ALICE, ALICE, "/timezone <b>x</b>")).contains("&lt;b&gt;").doesNotContain("<b>x");
		assertThat(this.preferences.settings(ALICE).ownZone()).isFalse();
	}

	@Test
	void digestCommandSetsTheScheduleInTheChatsTimeZoneAndListShowsIt() {
		send(ALICE, ALICE, "/timezone Europe/Berlin");
		assertThat(send(ALICE, ALICE, "/digest 12 daily 08:00")).isEqualTo(
				"#12 now arrives as a digest, daily 08:00 (Europe/Berlin). Next: Wed 2 Dec 08:00.");
		assertThat(this.preferences.mode(12).nextDigestAt()).isEqualTo(Instant.parse("2026-12-02T07:00:00Z"));
		assertThat(send(ALICE, ALICE, "/list")).contains("#12 <code>BRICS</code> · digest daily 08:00");
		send(ALICE, ALICE, "/timezone America/New_York");
		assertThat(this.preferences.mode(12).nextDigestAt()).as("moved to the new zone")
			.isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
		assertThat(send(ALICE, ALICE, "/digest 12 weekly mon 08:00")).contains("weekly mon 08:00", "Next: Mon 7 Dec 08:00");
		assertThat(send(ALICE, ALICE, "/digest 12 off")).isEqualTo("#12 sends instant alerts again.");
		assertThat(send(ALICE, ALICE, "/list")).contains("#12 <code>BRICS</code> · instant");
	}

	@Test
	void badDigestFormsAndOtherChatsSubscriptionsAreRefused() {
		assertThat(send(ALICE, ALICE, "/digest 12 daily 25:00")).startsWith("Not changed:");
		assertThat(send(ALICE, ALICE, "/digest 12")).contains("/digest 12 daily 08:00");
		assertThat(send(ALICE, ALICE, "/digest 20 hourly")).isEqualTo("This chat has no subscription 20. /list shows them.");
		assertThat(send(ALICE, ALICE, "/digest 13 hourly")).contains("managed by the bot's admin");
		assertThat(this.preferences.mode(12).digest()).isNull();
		assertThat(this.preferences.mode(20).digest()).isNull();
	}

	@Test
	void muteSilencesUntilAMomentShownInList() {
		send(ALICE, ALICE, "/timezone Europe/Berlin");
		assertThat(send(ALICE, ALICE, "/mute 12 24h")).isEqualTo(
				"#12 muted until Wed 2 Dec 11:00. What matches meanwhile is dropped.");
		assertThat(send(ALICE, ALICE, "/list")).contains("muted until Wed 2 Dec 11:00");
		assertThat(send(ALICE, ALICE, "/mute 12 31d")).startsWith("Not muted");
		assertThat(send(ALICE, ALICE, "/mute 12 forever")).startsWith("Not muted");
		this.clock.advance(Duration.ofHours(25));
		assertThat(send(ALICE, ALICE, "/list")).doesNotContain("muted");
		send(ALICE, ALICE, "/mute 12 7d");
		assertThat(send(ALICE, ALICE, "/mute 12 off")).isEqualTo("#12 is no longer muted.");
		assertThat(this.preferences.mode(12).mutedAt(this.clock.instant())).isFalse();
	}

	@Test
	void quietHoursAreShownSetAndCleared() {
		assertThat(send(ALICE, ALICE, "/quiet")).startsWith("No quiet hours.");
		assertThat(send(ALICE, ALICE, "/quiet 22:00-07:00")).startsWith("Quiet hours set: <b>22:00-07:00</b> (UTC)");
		assertThat(send(ALICE, ALICE, "/quiet")).startsWith("Quiet hours: <b>22:00-07:00</b>");
		assertThat(send(ALICE, ALICE, "/quiet 7-8")).startsWith("Not changed:");
		assertThat(send(ALICE, ALICE, "/quiet off")).startsWith("Quiet hours off");
		assertThat(this.preferences.settings(ALICE).quiet()).isNull();
	}

	@Test
	void inAGroupOnlyItsAdminsChangeButEveryoneMayLook() {
		assertThat(send(GROUP, MEMBER, "/digest 20 daily 08:00")).startsWith("Only this group's admins");
		assertThat(send(GROUP, MEMBER, "/mute 20 8h")).startsWith("Only this group's admins");
		assertThat(send(GROUP, MEMBER, "/quiet 22:00-07:00")).startsWith("Only this group's admins");
		assertThat(send(GROUP, MEMBER, "/timezone Europe/Paris")).startsWith("Only this group's admins");
		assertThat(send(GROUP, MEMBER, "/quiet")).startsWith("No quiet hours");
		assertThat(send(GROUP, MEMBER, "/timezone")).contains("UTC");
		assertThat(this.preferences.mode(20).digest()).isNull();
		assertThat(send(GROUP, GROUP_ADMIN, "/digest 20 daily 08:00")).startsWith("#20 now arrives as a digest");
		assertThat(send(GROUP, 42, "/mute 20 8h")).as("a PolicyWatch admin").startsWith("#20 muted until");
	}

}
