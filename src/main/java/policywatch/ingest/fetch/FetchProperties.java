package policywatch.ingest.fetch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound HTTP limits and safety.
 *
 * @param allowPrivateNetworks when false (the default), loopback, private, link-local, CGNAT,
 * unique-local, multicast and unspecified addresses are refused
 */
@ConfigurationProperties("policywatch.fetch")
public record FetchProperties(@DefaultValue("false") boolean allowPrivateNetworks) {
}
