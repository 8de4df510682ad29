package policywatch.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.subscription.ConfiguredSubscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The optional {@code digest:} and {@code time-zone:} of admin subscriptions, validated with file
 * and line.
 */
class SubscriptionsConfigDigestTests {

	@TempDir
	Path dir;

	@Test
	void digestAndTimeZoneAreReadInTheirCanonicalForm() throws IOException {
		write("""
				subscriptions:
				  - chat: -1001234567890
				    query: BRICS
				    digest: Daily 8:00
				    time-zone: Europe/Berlin
				  - chat: -1001234567890
				    query: tariffs
				    digest: weekly monday 07:30
				  - chat: 42
				    query: steel
				""");
		assertThat(AdminConfig.load(this.dir, Duration.ofMinutes(10)).subscriptions()).containsExactly(
				new ConfiguredSubscription(-1001234567890L, "BRICS", List.of(), "daily 08:00", "Europe/Berlin"),
				new ConfiguredSubscription(-1001234567890L, "tariffs", List.of(), "weekly mon 07:30", null),
				new ConfiguredSubscription(42, "steel", List.of(), null, null));
	}

	@Test
	void badDigestsAndTimeZonesAreReportedWithTheirLine() throws IOException {
		write("""
				subscriptions:
				  - chat: 42
				    query: BRICS
				    digest: daily 25:00
				  - chat: 42
				    query: steel
				    digest: monthly
				    time-zone: Europe/Berln
				  - chat: 42
				    query: tariffs
				    digest: [daily, 08:00]
				""");
		InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class,
				() -> AdminConfig.load(this.dir, Duration.ofMinutes(10)));
		assertThat(ex).isNotNull();
		assertThat(ex.problems().stream().map((problem) -> problem.line() + " " + problem.field()).toList())
			.containsExactly("4 subscriptions[0].digest", "7 subscriptions[1].digest", "8 subscriptions[1].time-zone",
					"11 subscriptions[2].digest");
		assertThat(ex.problems().get(0).reason()).contains("'daily 25:00'", "not a time of day");
		assertThat(ex.problems().get(2).reason()).contains("IANA name");
	}

	private void write(String subscriptions) throws IOException {
		Files.writeString(this.dir.resolve("feeds.yml"), "feeds:\n  - id: wto\n    url: https://example.org/wto.xml\n");
		Files.writeString(this.dir.resolve("subscriptions.yml"), subscriptions);
	}

}
