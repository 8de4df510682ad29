package policywatch.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import policywatch.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class ChatLanguageTests {

	private final JdbcClient jdbc = JdbcClient.create(TestDatabase.create());

	private final DeliveryPreferences preferences = new DeliveryPreferences(this.jdbc,
			Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC), new DeliveryProperties(25, 1, 20,
					Duration.ofHours(24), 600, ZoneId.of("UTC"), Duration.ofMillis(500), 10, 8, Duration.ofDays(30)));

	@Test
	void aChatIsAnsweredInItsUsersLanguageUntilItChoosesOne() {
		assertThat(this.preferences.locale(1)).isEqualTo(Locale.ENGLISH);
		this.preferences.reportedLanguage(1, "pt-br");
		assertThat(this.preferences.locale(1)).isEqualTo(Locale.forLanguageTag("pt"));
		this.preferences.setLanguage(1, Locale.forLanguageTag("ru"));
		this.preferences.reportedLanguage(1, "zh-hans");
		assertThat(this.preferences.locale(1)).isEqualTo(Locale.forLanguageTag("ru"));
		assertThat(this.preferences.chosenLanguage(1)).isEqualTo(Locale.forLanguageTag("ru"));
		this.preferences.setLanguage(1, null);
		assertThat(this.preferences.locale(1)).isEqualTo(Locale.CHINESE);
		assertThat(this.preferences.chosenLanguage(1)).isNull();
	}

	@Test
	void languagesKeepTheChatsOtherSettings() {
		this.preferences.setTimeZone(2, ZoneId.of("Europe/Lisbon"));
		this.preferences.reportedLanguage(2, "pt");
		assertThat(this.preferences.settings(2).zone()).isEqualTo(ZoneId.of("Europe/Lisbon"));
		assertThat(this.preferences.locales(List.of(2L, 3L))).containsOnlyKeys(2L).containsValue(Locale.forLanguageTag("pt"));
	}

}
