package policywatch.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalTime;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.subscription.QuietHours;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group that becomes a supergroup keeps its time zone, quiet hours, language and the items it
 * holds for its digest or for the end of its quiet hours.
 */
class ChatMigrationSettingsTests {

	private static final long GROUP = -100;

	private static final long SUPERGROUP = -1000000000100L;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));

	private final JdbcClient jdbc = JdbcClient.create(TestDatabase.create());

	private final Outbox outbox = new Outbox(this.jdbc, this.clock);

	private final DeliveryPreferences preferences = new DeliveryPreferences(this.jdbc, this.clock,
			new DeliveryProperties(25, 1, 20, Duration.ofHours(24), 600, ZoneId.of("UTC"), Duration.ofMillis(500), 10, 8,
					Duration.ofDays(30)));

	@Test
	void settingsAndHeldItemsFollowTheGroupToItsSupergroup() {
		this.preferences.setTimeZone(GROUP, ZoneId.of("Asia/Shanghai"));
		this.preferences.setQuiet(GROUP, new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)));
		this.preferences.setLanguage(GROUP, Locale.CHINESE);
		hold(GROUP, 1);
		hold(GROUP, 2);

		this.outbox.moveChat(GROUP, SUPERGROUP);

		assertThat(this.preferences.settings(SUPERGROUP).zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
		assertThat(this.preferences.settings(SUPERGROUP).quiet()).isNotNull();
		assertThat(this.preferences.locale(SUPERGROUP)).isEqualTo(Locale.CHINESE);
		assertThat(held(SUPERGROUP)).isEqualTo(2);
		assertThat(held(GROUP)).isZero();
	}

	@Test
	void aSupergroupKeepsWhatItAlreadyHas() {
		this.preferences.setTimeZone(GROUP, ZoneId.of("Asia/Shanghai"));
		this.preferences.setTimeZone(SUPERGROUP, ZoneId.of("Europe/Moscow"));
		hold(GROUP, 1);
		hold(SUPERGROUP, 1);

		this.outbox.moveChat(GROUP, SUPERGROUP);

		assertThat(this.preferences.settings(SUPERGROUP).zone()).isEqualTo(ZoneId.of("Europe/Moscow"));
		assertThat(held(SUPERGROUP)).isEqualTo(1);
		assertThat(held(GROUP)).isZero();
	}

	private void hold(long chatId, long entryId) {
		this.jdbc.sql("""
				INSERT INTO digest_item (chat_id, entry_id, subscription_id, quiet, title, created_at)
				VALUES (?, ?, 1, TRUE, 'Steel', ?)""").params(chatId, entryId, java.sql.Timestamp.from(this.clock.instant())).update();
	}

	private long held(long chatId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM digest_item WHERE chat_id = ?").param(chatId).query(Long.class).single();
	}

}
