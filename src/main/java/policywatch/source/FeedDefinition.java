package policywatch.source;

import java.net.URI;
import java.time.Duration;

/**
 * One feed as the admin defined it in {@code feeds.yml}.
 *
 * @param id stable identifier ({@code [a-z0-9-]+}); stored state is keyed by it
 * @param name display name
 * @param url feed address (http or https)
 * @param interval poll interval, at least one second
 * @param fullText whether to fetch each entry's page for matching and summary
 */
public record FeedDefinition(String id, String name, URI url, Duration interval, boolean fullText) {
}
