package policywatch.ingest.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.CookieJar;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The fetcher, on OkHttp. Per request: only http and https; every address connected to (each
 * redirect hop, whatever DNS answers) passes the SSRF guard unless private networks are allowed;
 * at most {@code max-redirects} redirects, followed by hand; one total time cap covering
 * redirects and the body; the body is decompressed (gzip, deflate) and capped after
 * decompression; conditional GET with the given validators; at most
 * {@code max-connections-per-host} concurrent requests per host and {@code max-connections}
 * overall.
 */
public final class HttpFetcher implements Fetcher, AutoCloseable {

	private static final String FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, "
			+ "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

	private static final String PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

	private final FetchProperties properties;

	private final Clock clock;

	private final OkHttpClient client;

	private final Semaphore global;

	private final HostSlots hosts;

	public HttpFetcher(FetchProperties properties) {
		this(properties, Clock.systemUTC());
	}

	public HttpFetcher(FetchProperties properties, Clock clock) {
		this(properties, clock, properties.allowPrivateNetworks() ? AddressPolicy.ALLOW_ALL : AddressPolicy.PUBLIC_ONLY,
				Dns.SYSTEM);
	}

	/**
	 * For tests: a custom address policy and resolver.
	 */
	HttpFetcher(FetchProperties properties, Clock clock, AddressPolicy policy, Dns dns) {
		this.properties = properties;
		this.clock = clock;
		this.global = new Semaphore(properties.maxConnections(), true);
		this.hosts = new HostSlots(properties.maxConnectionsPerHost());
		this.client = new OkHttpClient.Builder().dns(new GuardedDns(dns, policy))
			.socketFactory(new GuardedSocketFactory(policy))
			.proxy(Proxy.NO_PROXY)
			.followRedirects(false)
			.followSslRedirects(false)
			.cookieJar(CookieJar.NO_COOKIES)
			.cache(null)
			.connectTimeout(properties.connectTimeout())
			.readTimeout(properties.timeout())
			.writeTimeout(properties.timeout())
			.callTimeout(properties.timeout())
			.connectionPool(new ConnectionPool(Math.max(32, 4 * properties.maxConnections()), 2, TimeUnit.MINUTES))
			.build();
	}

	@Override
	public FetchResponse fetch(FetchRequest request) throws FetchException {
		HttpUrl url = toHttpUrl(request.uri());
		long cap = this.properties.maxBytes(request.kind());
		long timeoutNanos = this.properties.timeout().toNanos();
		long deadline = System.nanoTime() + timeoutNanos;
		Set<HttpUrl> visited = new HashSet<>();
		for (int redirects = 0;; redirects++) {
			visited.add(url);
			Hop hop = exchange(url, request, cap, deadline, timeoutNanos);
			if (hop.response != null) {
				return hop.response;
			}
			if (redirects >= this.properties.maxRedirects()) {
				throw new FetchException("too many redirects (more than " + this.properties.maxRedirects() + ")");
			}
			if (visited.contains(hop.redirect)) {
				throw new FetchException("redirect loop at " + hop.redirect);
			}
			url = hop.redirect;
		}
	}

	private Hop exchange(HttpUrl url, FetchRequest request, long cap, long deadline, long timeoutNanos)
			throws FetchException {
		HostSlots.Slot slot = null;
		boolean globalAcquired = false;
		Call call = null;
		try {
			slot = this.hosts.acquire(url.host(), timeoutNanos, TimeUnit.NANOSECONDS);
			if (slot == null) {
				throw new FetchException(
						"timed out after " + format(this.properties.timeout()) + " waiting for a connection slot");
			}
			globalAcquired = this.global.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
			if (!globalAcquired) {
				throw new FetchException(
						"timed out after " + format(this.properties.timeout()) + " waiting for a connection slot");
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw timedOut();
			}
			call = this.client.newCall(buildRequest(url, request));
			call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
			try (Response response = call.execute()) {
				return handle(url, response, cap);
			}
		}
		catch (FetchException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw translate(ex, deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new FetchException("interrupted", null, ex);
		}
		catch (RuntimeException ex) {
			throw new FetchException(oneLine(ex.getClass().getSimpleName() + ": " + ex.getMessage()), null, ex);
		}
		finally {
			if (globalAcquired) {
				this.global.release();
			}
			if (slot != null) {
				this.hosts.release(slot);
			}
		}
	}

	private Hop handle(HttpUrl url, Response response, long cap) throws IOException {
		int status = response.code();
		if (isRedirect(status)) {
			String location = response.header("Location");
			if (location == null || location.isBlank()) {
				throw new FetchException("HTTP " + status + " without a Location");
			}
			HttpUrl next = url.resolve(location.strip());
			if (next == null) {
				throw new FetchException("redirect to an unsupported address " + oneLine(location));
			}
			return new Hop(null, next);
		}
		String contentType = response.header("Content-Type");
		String etag = response.header("ETag");
		String lastModified = response.header("Last-Modified");
		if (status == 304) {
			return new Hop(new FetchResponse(304, url.uri(), new byte[0], contentType, etag, lastModified), null);
		}
		if (status < 200 || status > 299) {
			Duration retryAfter = (status == 429 || status == 503)
					? parseRetryAfter(response.header("Retry-After"), this.clock) : null;
			throw new FetchException("HTTP " + status, retryAfter, null);
		}
		ResponseBody body = response.body();
		byte[] bytes = (body != null)
				? BodyReader.read(body.byteStream(), response.header("Content-Encoding"), body.contentLength(), cap)
				: new byte[0];
		return new Hop(new FetchResponse(status, url.uri(), bytes, contentType, etag, lastModified), null);
	}

	private Request buildRequest(HttpUrl url, FetchRequest request) {
		Request.Builder builder = new Request.Builder().url(url)
			.header("User-Agent", this.properties.userAgent())
			.header("Accept", (request.kind() == FetchRequest.Kind.PAGE) ? PAGE_ACCEPT : FEED_ACCEPT)
			.header("Accept-Encoding", "gzip, deflate");
		String etag = headerValue(request.etag());
		if (etag != null) {
			builder.header("If-None-Match", etag);
		}
		String lastModified = headerValue(request.lastModified());
		if (lastModified != null) {
			builder.header("If-Modified-Since", lastModified);
		}
		return builder.get().build();
	}

	private static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	static HttpUrl toHttpUrl(URI uri) throws FetchException {
		if (uri == null) {
			throw new FetchException("no address");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new FetchException("unsupported scheme " + (scheme.isEmpty() ? "(none)" : scheme)
					+ " (only http and https)");
		}
		HttpUrl url = HttpUrl.parse(uri.toString());
		if (url == null) {
			throw new FetchException("invalid address " + oneLine(uri.toString()));
		}
		return url;
	}

	/**
	 * Parses a Retry-After value: delay-seconds or an HTTP-date.
	 * @return the delay (zero for a date in the past), or {@code null} when absent or unreadable
	 */
	static Duration parseRetryAfter(String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.chars().allMatch(Character::isDigit)) {
			try {
				return Duration.ofSeconds(Long.parseLong(text));
			}
			catch (NumberFormatException ex) {
				return Duration.ofSeconds(Integer.MAX_VALUE);
			}
		}
		try {
			ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration delay = Duration.between(clock.instant(), at.toInstant());
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private FetchException translate(IOException ex, long deadline) {
		AddressRefusedException refused = find(ex, AddressRefusedException.class, 0);
		if (refused != null) {
			return new FetchException(refused.getMessage(), null, ex);
		}
		if (ex instanceof InterruptedIOException) {
			boolean connect = ex instanceof SocketTimeoutException && ex.getMessage() != null
					&& ex.getMessage().toLowerCase(Locale.ROOT).contains("connect");
			if (connect && System.nanoTime() < deadline) {
				return new FetchException("connect timed out after " + format(this.properties.connectTimeout()), null,
						ex);
			}
			return new FetchException(timedOutMessage(), null, ex);
		}
		if (ex instanceof UnknownHostException) {
			String message = ex.getMessage();
			return new FetchException(
					(message != null && message.startsWith("unknown host")) ? message : "unknown host " + message, null,
					ex);
		}
		if (ex instanceof ConnectException || ex instanceof NoRouteToHostException) {
			return new FetchException(oneLine("connection failed: " + ex.getMessage()), null, ex);
		}
		if (ex instanceof SSLException) {
			return new FetchException(oneLine("TLS error: " + ex.getMessage()), null, ex);
		}
		if (ex instanceof ProtocolException) {
			return new FetchException(oneLine("protocol error: " + ex.getMessage()), null, ex);
		}
		return new FetchException(oneLine(ex.getClass().getSimpleName() + ": " + ex.getMessage()), null, ex);
	}

	private static <T extends Throwable> T find(Throwable ex, Class<T> type, int depth) {
		if (ex == null || depth > 8) {
			return null;
		}
		if (type.isInstance(ex)) {
			return type.cast(ex);
		}
		for (Throwable suppressed : ex.getSuppressed()) {
			T found = find(suppressed, type, depth + 1);
			if (found != null) {
				return found;
			}
		}
		return (ex.getCause() != ex) ? find(ex.getCause(), type, depth + 1) : null;
	}

	private FetchException timedOut() {
		return new FetchException(timedOutMessage());
	}

	private String timedOutMessage() {
		return "timed out after " + format(this.properties.timeout());
	}

	static String format(Duration duration) {
		if (duration.toMillis() % 1000 == 0) {
			return duration.toSeconds() + "s";
		}
		return duration.toMillis() + "ms";
	}

	private static String headerValue(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder clean = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\t' || (c >= 0x20 && c < 0x7f)) {
				clean.append(c);
			}
		}
		String result = clean.toString().strip();
		return result.isEmpty() ? null : result;
	}

	static String oneLine(String text) {
		return policywatch.text.Texts.oneLine(text, 300);
	}

	/** For tests: hosts with a request in flight or waiting. */
	int hostsInUse() {
		return this.hosts.hostsInUse();
	}

	@Override
	public void close() {
		this.client.dispatcher().executorService().shutdown();
		this.client.connectionPool().evictAll();
	}

	private record Hop(FetchResponse response, HttpUrl redirect) {
	}

}
