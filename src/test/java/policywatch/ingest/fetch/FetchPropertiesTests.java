package policywatch.ingest.fetch;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class FetchPropertiesTests {

	private static FetchProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("policywatch.fetch",
				FetchProperties.class);
	}

	@Test
	void defaults() {
		FetchProperties properties = bind(Map.of());
		assertThat(properties).isEqualTo(FetchProperties.defaults());
		assertThat(properties.allowPrivateNetworks()).isFalse();
		assertThat(properties.maxBytes(FetchRequest.Kind.FEED)).isEqualTo(10L * 1024 * 1024);
		assertThat(properties.maxBytes(FetchRequest.Kind.PAGE)).isEqualTo(5L * 1024 * 1024);
		assertThat(properties.maxRedirects()).isEqualTo(5);
		assertThat(properties.maxConnectionsPerHost()).isEqualTo(2);
		assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.userAgent()).contains("PolicyWatch").contains("http");
	}

	@Test
	void everyLimitIsConfigurable() {
		FetchProperties properties = bind(Map.of("policywatch.fetch.allow-private-networks", "true",
				"policywatch.fetch.connect-timeout", "2s", "policywatch.fetch.timeout", "1m",
				"policywatch.fetch.max-feed-size", "1MB", "policywatch.fetch.max-page-size", "512KB",
				"policywatch.fetch.max-redirects", "2", "policywatch.fetch.max-connections-per-host", "4",
				"policywatch.fetch.max-connections", "32", "policywatch.fetch.user-agent", "Bot/1 (+https://x.org)"));
		assertThat(properties).isEqualTo(new FetchProperties(true, Duration.ofSeconds(2), Duration.ofMinutes(1),
				DataSize.ofMegabytes(1), DataSize.ofKilobytes(512), 2, 4, 32, "Bot/1 (+https://x.org)"));
	}

}
