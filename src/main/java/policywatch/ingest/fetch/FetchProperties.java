package policywatch.ingest.fetch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Outbound HTTP limits and safety ({@code policywatch.fetch.*}).
 *
 * @param allowPrivateNetworks when false (the default), loopback, private, link-local, CGNAT,
 * unique-local, multicast and unspecified addresses are refused
 * @param connectTimeout time to establish a TCP (and TLS) connection
 * @param timeout total time cap for one request, redirects and body included (a server that drips
 * bytes is cut off here)
 * @param maxFeedSize body cap for a feed, counted after decompression
 * @param maxPageSize body cap for an article page, counted after decompression
 * @param maxRedirects redirects followed at most
 * @param maxConnectionsPerHost concurrent requests to one host at most
 * @param maxConnections concurrent requests overall at most
 * @param userAgent the User-Agent header (names PolicyWatch and a contact URL)
 */
@ConfigurationProperties("policywatch.fetch")
public record FetchProperties(boolean allowPrivateNetworks, Duration connectTimeout, Duration timeout,
		DataSize maxFeedSize, DataSize maxPageSize, int maxRedirects, int maxConnectionsPerHost, int maxConnections,
		String userAgent) {

	/** The default User-Agent. */
	public static final String DEFAULT_USER_AGENT = "PolicyWatch/0.1 (+https://github.com/policywatch/policywatch; feed reader)";

	@ConstructorBinding
	public FetchProperties(@DefaultValue("false") boolean allowPrivateNetworks,
			@DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration timeout,
			@DefaultValue("10MB") DataSize maxFeedSize, @DefaultValue("5MB") DataSize maxPageSize,
			@DefaultValue("5") int maxRedirects, @DefaultValue("2") int maxConnectionsPerHost,
			@DefaultValue("16") int maxConnections, @DefaultValue(DEFAULT_USER_AGENT) String userAgent) {
		this.allowPrivateNetworks = allowPrivateNetworks;
		this.connectTimeout = positive(connectTimeout, "connect-timeout");
		this.timeout = positive(timeout, "timeout");
		this.maxFeedSize = positive(maxFeedSize, "max-feed-size");
		this.maxPageSize = positive(maxPageSize, "max-page-size");
		this.maxRedirects = atLeast(maxRedirects, 0, "max-redirects");
		this.maxConnectionsPerHost = atLeast(maxConnectionsPerHost, 1, "max-connections-per-host");
		this.maxConnections = atLeast(maxConnections, 1, "max-connections");
		this.userAgent = (userAgent == null || userAgent.isBlank()) ? DEFAULT_USER_AGENT : userAgent.strip();
	}

	/**
	 * The defaults, with the given private-network switch.
	 * @param allowPrivateNetworks whether private addresses may be fetched
	 */
	public FetchProperties(boolean allowPrivateNetworks) {
		this(allowPrivateNetworks, Duration.ofSeconds(10), Duration.ofSeconds(30), DataSize.ofMegabytes(10),
				DataSize.ofMegabytes(5), 5, 2, 16, DEFAULT_USER_AGENT);
	}

	/**
	 * @return all defaults (private networks refused)
	 */
	public static FetchProperties defaults() {
		return new FetchProperties(false);
	}

	public FetchProperties withAllowPrivateNetworks(boolean allow) {
		return new FetchProperties(allow, this.connectTimeout, this.timeout, this.maxFeedSize, this.maxPageSize,
				this.maxRedirects, this.maxConnectionsPerHost, this.maxConnections, this.userAgent);
	}

	public FetchProperties withTimeouts(Duration connect, Duration total) {
		return new FetchProperties(this.allowPrivateNetworks, connect, total, this.maxFeedSize, this.maxPageSize,
				this.maxRedirects, this.maxConnectionsPerHost, this.maxConnections, this.userAgent);
	}

	public FetchProperties withMaxSizes(DataSize feed, DataSize page) {
		return new FetchProperties(this.allowPrivateNetworks, this.connectTimeout, this.timeout, feed, page,
				this.maxRedirects, this.maxConnectionsPerHost, this.maxConnections, this.userAgent);
	}

	public FetchProperties withConcurrency(int perHost, int overall) {
		return new FetchProperties(this.allowPrivateNetworks, this.connectTimeout, this.timeout, this.maxFeedSize,
				this.maxPageSize, this.maxRedirects, perHost, overall, this.userAgent);
	}

	/**
	 * @param kind feed or page
	 * @return the body cap in bytes for that kind
	 */
	public long maxBytes(FetchRequest.Kind kind) {
		return ((kind == FetchRequest.Kind.PAGE) ? this.maxPageSize : this.maxFeedSize).toBytes();
	}

	private static Duration positive(Duration value, String name) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("policywatch.fetch." + name + " must be positive");
		}
		return value;
	}

	private static DataSize positive(DataSize value, String name) {
		if (value == null || value.isNegative() || value.toBytes() == 0) {
			throw new IllegalArgumentException("policywatch.fetch." + name + " must be positive");
		}
		return value;
	}

	private static int atLeast(int value, int min, String name) {
		if (value < min) {
			throw new IllegalArgumentException("policywatch.fetch." + name + " must be at least " + min);
		}
		return value;
	}

}
