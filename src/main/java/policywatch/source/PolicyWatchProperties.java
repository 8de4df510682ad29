package policywatch.source;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Application-wide locations.
 *
 * @param configDir folder with the admin-edited files ({@code feeds.yml})
 * @param dataDir folder for the embedded H2 database unless {@code spring.datasource.url} is set
 */
@ConfigurationProperties("policywatch")
public record PolicyWatchProperties(@DefaultValue("config") Path configDir, @DefaultValue("data") Path dataDir) {
}
