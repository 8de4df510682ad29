package policywatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/**
 * A local web server on 127.0.0.1 serving feeds and pages that tests change while it runs.
 * <p>
 * Each path serves what was last {@link #put put} there, with an {@code ETag} and a {@code Last-Modified} header,
 * and answers {@code 304 Not Modified} to a matching {@code If-None-Match} (or, without it, a not older
 * {@code If-Modified-Since}). Unknown paths get 404. Runs on {@link LoopbackServer}.
 * <p>
 * Also the tests' one feed builder: RSS 2.0 ({@link #rss}), Atom ({@link #atom}) and JSON Feed
 * ({@link #jsonFeed}) documents from {@link Item}s, and realistic article pages ({@link #article}).
 * <p>
 * Usage: {@code try (FakeFeedServer server = new FakeFeedServer().start()) { server.put("/feed.xml", ...); }}.
 */
public final class FakeFeedServer implements AutoCloseable {

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

	private final Clock clock;

	private final Map<String, Resource> resources = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> requestCounts = new ConcurrentHashMap<>();

	private final Map<String, Headers> lastRequestHeaders = new ConcurrentHashMap<>();

	private final Map<String, Duration> delays = new ConcurrentHashMap<>();

	private final Map<String, List<Request>> requestLog = new ConcurrentHashMap<>();

	private LoopbackServer server;

	/** A server whose {@code Last-Modified} dates come from the system clock. */
	public FakeFeedServer() {
		this(Clock.systemUTC());
	}

	/**
	 * A server whose {@code Last-Modified} dates come from the given clock.
	 * @param clock the clock read when content is put
	 */
	public FakeFeedServer(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Starts listening on a free port of 127.0.0.1.
	 * @return this server
	 */
	public FakeFeedServer start() {
		this.server = LoopbackServer.start("fake-feed-server-", this::handle);
		return this;
	}

	@Override
	public void close() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	/**
	 * @return scheme, address and port, e.g. {@code http://127.0.0.1:PORT}
	 */
	public String origin() {
		if (this.server == null) {
			throw new IllegalStateException("FakeFeedServer not started");
		}
		return "http://" + this.server.host() + ":" + this.server.port();
	}

	/**
	 * @param path a path starting with {@code /}, optionally with a query
	 * @return the absolute URL, e.g. {@code http://127.0.0.1:PORT/feed.xml}
	 */
	public String url(String path) {
		if (this.server == null) {
			throw new IllegalStateException("FakeFeedServer not started");
		}
		return this.server.url(path);
	}

	/**
	 * Serves a text body (UTF-8) at a path from now on, with a new ETag and Last-Modified when the body changed.
	 * @param path the path, e.g. {@code /feed.xml}
	 * @param contentType e.g. {@code application/rss+xml; charset=utf-8}
	 * @param body the body
	 */
	public void put(String path, String contentType, String body) {
		putBytes(path, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Serves raw bytes at a path from now on (e.g. a page in windows-1252 or a truncated document).
	 * @param path the path
	 * @param contentType the {@code Content-Type} header, or null for none
	 * @param body the body
	 */
	public void putBytes(String path, String contentType, byte[] body) {
		String etag = "\"" + sha256(body).substring(0, 16) + "\"";
		this.resources.compute(path, (key, previous) -> {
			if (previous != null && previous.status() == 200 && etag.equals(previous.etag())
					&& Objects.equals(contentType, previous.contentType())) {
				return previous;
			}
			Instant lastModified = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
			return new Resource(200, contentType, body.clone(), etag, lastModified, null);
		});
	}

	/**
	 * Answers every request to a path with a status and a short text body, e.g. 500, 403, 429 or 410.
	 * @param path the path
	 * @param status the HTTP status
	 */
	public void putStatus(String path, int status) {
		byte[] body = ("Status " + status).getBytes(StandardCharsets.UTF_8);
		this.resources.put(path, new Resource(status, "text/plain; charset=utf-8", body, null, null, null));
	}

	/**
	 * Redirects a path.
	 * @param path the path
	 * @param status 301, 302, 307 or 308
	 * @param location the {@code Location} header (absolute or relative)
	 */
	public void putRedirect(String path, int status, String location) {
		this.resources.put(path, new Resource(status, null, new byte[0], null, null, location));
	}

	/**
	 * Delays answers to a path (for timeout tests); requests wake up when the server closes.
	 * @param path the path
	 * @param delay how long to wait before answering
	 */
	public void delay(String path, Duration delay) {
		this.delays.put(path, delay);
	}

	/**
	 * Stops serving a path: it answers 404 again.
	 * @param path the path
	 */
	public void remove(String path) {
		this.resources.remove(path);
	}

	/**
	 * @param path the path (without query)
	 * @return requests received for it, including 304 and 404 answers
	 */
	public int requestCount(String path) {
		AtomicInteger count = this.requestCounts.get(path);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Every request for a path, in the order received, with when it came and its {@code User-Agent}: to
	 * tell how often and by which client (e.g. which node of a cluster, each with its own
	 * {@code policywatch.fetch.user-agent}) a feed was polled.
	 * @param path the path (without query)
	 * @return the requests so far
	 */
	public List<Request> requests(String path) {
		List<Request> requests = this.requestLog.get(path);
		return (requests != null) ? List.copyOf(requests) : List.of();
	}

	/**
	 * @param path the path (without query)
	 * @param name a request header name, any case
	 * @return that header of the last request for the path, or null
	 */
	public String lastRequestHeader(String path, String name) {
		Headers headers = this.lastRequestHeaders.get(path);
		return (headers != null) ? headers.getFirst(name) : null;
	}

	private void handle(HttpExchange exchange) {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			this.requestCounts.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
			this.lastRequestHeaders.put(path, copy(exchange.getRequestHeaders()));
			this.requestLog.computeIfAbsent(path, (key) -> new CopyOnWriteArrayList<>())
				.add(new Request(this.clock.instant(), exchange.getRequestHeaders().getFirst("User-Agent")));
			try (InputStream in = exchange.getRequestBody()) {
				in.readAllBytes();
			}
			Duration delay = this.delays.get(path);
			if (delay != null) {
				try {
					Thread.sleep(delay.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			Resource resource = this.resources.get(path);
			if (resource == null) {
				LoopbackServer.respond(exchange, 404, "text/plain; charset=utf-8", "Not Found");
				return;
			}
			Headers responseHeaders = exchange.getResponseHeaders();
			if (resource.location() != null) {
				responseHeaders.set("Location", resource.location());
			}
			if (resource.etag() != null) {
				responseHeaders.set("ETag", resource.etag());
				responseHeaders.set("Last-Modified",
						HTTP_DATE.format(ZonedDateTime.ofInstant(resource.lastModified(), ZoneOffset.UTC)));
				if (notModified(exchange.getRequestHeaders(), resource)) {
					exchange.sendResponseHeaders(304, -1);
					return;
				}
			}
			LoopbackServer.respond(exchange, resource.status(), resource.contentType(), resource.body());
		}
		catch (IOException ex) {
			// client went away or server closing
		}
	}

	private static boolean notModified(Headers request, Resource resource) {
		String ifNoneMatch = request.getFirst("If-None-Match");
		if (ifNoneMatch != null) {
			for (String tag : ifNoneMatch.split(",")) {
				String candidate = tag.strip();
				if (candidate.startsWith("W/")) {
					candidate = candidate.substring(2);
				}
				if (candidate.equals(resource.etag()) || candidate.equals("*")) {
					return true;
				}
			}
			return false;
		}
		String ifModifiedSince = request.getFirst("If-Modified-Since");
		if (ifModifiedSince != null) {
			try {
				Instant since = ZonedDateTime.parse(ifModifiedSince, HTTP_DATE).toInstant();
				return !resource.lastModified().isAfter(since);
			}
			catch (DateTimeParseException ex) {
				return false;
			}
		}
		return false;
	}

	private static Headers copy(Headers headers) {
		Headers copy = new Headers();
		headers.forEach(copy::put);
		return copy;
	}

	private static String sha256(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---------------------------------------------------------------- documents

	/**
	 * Builds an RSS 2.0 document (UTF-8) with every text escaped.
	 * @param title the channel title
	 * @param items the items, in order
	 * @return the XML
	 */
	public static String rss(String title, Item... items) {
		StringBuilder xml = new StringBuilder();
		xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		xml.append("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n");
		xml.append("  <channel>\n");
		xml.append("    <title>").append(escape(title)).append("</title>\n");
		xml.append("    <link>https://news.example.org/</link>\n");
		xml.append("    <description>").append(escape(title)).append(" - latest news</description>\n");
		xml.append("    <language>en</language>\n");
		for (Item item : items) {
			xml.append("    <item>\n");
			if (item.guid() != null) {
				xml.append("      <guid isPermaLink=\"false\">").append(escape(item.guid())).append("</guid>\n");
			}
			element(xml, "title", item.title());
			element(xml, "link", item.link());
			element(xml, "description", item.description());
			if (item.pubDate() != null) {
				element(xml, "pubDate", HTTP_DATE.format(ZonedDateTime.ofInstant(item.pubDate(), ZoneOffset.UTC)));
			}
			xml.append("    </item>\n");
		}
		xml.append("  </channel>\n");
		xml.append("</rss>\n");
		return xml.toString();
	}

	/**
	 * Builds an Atom 1.0 document (UTF-8) with every text escaped; an item without a date gets none.
	 * @param title the feed title
	 * @param items the entries, in order
	 * @return the XML
	 */
	public static String atom(String title, Item... items) {
		StringBuilder xml = new StringBuilder();
		xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		xml.append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
		xml.append("  <title>").append(escape(title)).append("</title>\n");
		xml.append("  <id>https://news.example.org/</id>\n");
		xml.append("  <link href=\"https://news.example.org/\"/>\n");
		for (Item item : items) {
			xml.append("  <entry>\n");
			element(xml, "id", item.guid());
			element(xml, "title", item.title());
			if (item.link() != null) {
				xml.append("      <link rel=\"alternate\" href=\"").append(escape(item.link())).append("\"/>\n");
			}
			element(xml, "summary", item.description());
			if (item.pubDate() != null) {
				element(xml, "updated", item.pubDate().toString());
			}
			xml.append("  </entry>\n");
		}
		xml.append("</feed>\n");
		return xml.toString();
	}

	/**
	 * Builds a JSON Feed 1.1 document; an item without a guid gets its link as id.
	 * @param title the feed title
	 * @param items the items, in order
	 * @return the JSON
	 */
	public static String jsonFeed(String title, Item... items) {
		StringBuilder json = new StringBuilder();
		json.append("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":").append(jsonString(title));
		json.append(",\"home_page_url\":\"https://news.example.org/\",\"items\":[");
		for (int i = 0; i < items.length; i++) {
			Item item = items[i];
			json.append((i == 0) ? "\n" : ",\n").append("{\"id\":")
				.append(jsonString((item.guid() != null) ? item.guid() : item.link()));
			jsonField(json, "title", item.title());
			jsonField(json, "url", item.link());
			jsonField(json, "content_text", item.description());
			jsonField(json, "date_published", (item.pubDate() != null) ? item.pubDate().toString() : null);
			json.append('}');
		}
		json.append("]}\n");
		return json.toString();
	}

	private static void jsonField(StringBuilder json, String name, String value) {
		if (value != null) {
			json.append(",\"").append(name).append("\":").append(jsonString(value));
		}
	}

	private static String jsonString(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	private static void element(StringBuilder xml, String name, String text) {
		if (text != null) {
			xml.append("      <").append(name).append('>').append(escape(text)).append("</").append(name).append(">\n");
		}
	}

	/**
	 * Builds a realistic news page: head with scripts and styles, cookie banner, navigation, header, the
	 * paragraphs inside {@code <article>}, a share bar, related links, newsletter box and footer.
	 * @param title the headline
	 * @param paragraphs the article body, one plain-text paragraph each (escaped here)
	 * @return the HTML
	 */
	public static String article(String title, String... paragraphs) {
		StringBuilder html = new StringBuilder();
		String safeTitle = escape(title);
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
		html.append("  <meta charset=\"utf-8\">\n");
		html.append("  <title>").append(safeTitle).append(" | Example News</title>\n");
		html.append("  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
		html.append("  <meta property=\"og:title\" content=\"").append(safeTitle).append("\">\n");
		html.append("  <meta property=\"og:site_name\" content=\"Example News\">\n");
		html.append("  <link rel=\"stylesheet\" href=\"/static/site.css\">\n");
		html.append("  <style>.promo{display:none} body{font-family:sans-serif}</style>\n");
		html.append("  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({page: 'article'});</script>\n");
		html.append("</head>\n<body>\n");
		html.append("  <div class=\"cookie-banner\" id=\"cookie-consent\">We use cookies to improve your experience."
				+ " <button>Accept all</button> <a href=\"/privacy\">Privacy policy</a></div>\n");
		html.append("  <header class=\"site-header\">\n");
		html.append("    <a class=\"logo\" href=\"/\">Example News</a>\n");
		html.append("    <nav class=\"main-nav\"><ul>\n");
		for (String section : new String[] { "World", "Business", "Trade", "Politics", "Opinion", "Video" }) {
			html.append("      <li><a href=\"/").append(section.toLowerCase()).append("\">").append(section)
				.append("</a></li>\n");
		}
		html.append("    </ul></nav>\n");
		html.append("    <form class=\"search\" action=\"/search\"><input name=\"q\" placeholder=\"Search\"></form>\n");
		html.append("  </header>\n");
		html.append("  <main>\n");
		html.append("    <div class=\"breadcrumbs\"><a href=\"/\">Home</a> &rsaquo; <a href=\"/world\">World</a></div>\n");
		html.append("    <article class=\"story\">\n");
		html.append("      <h1>").append(safeTitle).append("</h1>\n");
		html.append("      <div class=\"byline\">By Staff Reporter &middot; <time datetime=\"2025-03-01T10:00:00Z\">"
				+ "1 March 2025</time></div>\n");
		html.append("      <div class=\"share\"><a href=\"#\">Share on X</a> <a href=\"#\">Facebook</a>"
				+ " <a href=\"#\">Email</a></div>\n");
		html.append("      <figure><img src=\"/img/lead.jpg\" alt=\"Lead image\">"
				+ "<figcaption>File photo. Reuters-style caption text.</figcaption></figure>\n");
		for (String paragraph : paragraphs) {
			html.append("      <p>").append(escape(paragraph)).append("</p>\n");
		}
		html.append("      <div class=\"promo\">Subscribe for unlimited access</div>\n");
		html.append("    </article>\n");
		html.append("    <aside class=\"related\">\n      <h2>Related stories</h2>\n      <ul>\n");
		html.append("        <li><a href=\"/world/1\">Ministers meet ahead of summit on supply chains</a></li>\n");
		html.append("        <li><a href=\"/business/2\">Markets edge higher as investors weigh outlook</a></li>\n");
		html.append("        <li><a href=\"/trade/3\">Shipping rates climb for third week</a></li>\n");
		html.append("      </ul>\n    </aside>\n");
		html.append("    <section class=\"newsletter\"><h2>Sign up to our newsletter</h2>"
				+ "<p>The day's top stories in your inbox every morning.</p>"
				+ "<form><input type=\"email\"><button>Sign up</button></form></section>\n");
		html.append("  </main>\n");
		html.append("  <footer class=\"site-footer\">\n");
		html.append("    <ul><li><a href=\"/about\">About us</a></li><li><a href=\"/contact\">Contact</a></li>"
				+ "<li><a href=\"/terms\">Terms of use</a></li></ul>\n");
		html.append("    <p>&copy; 2025 Example News. All rights reserved.</p>\n");
		html.append("  </footer>\n");
		html.append("  <script src=\"/static/app.js\" async></script>\n");
		html.append("</body>\n</html>\n");
		return html.toString();
	}

	/**
	 * Escapes text for XML and HTML content and attribute values.
	 * @param text the text
	 * @return the escaped text
	 */
	public static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * One RSS item; null fields are left out of the XML.
	 * @param guid the guid (not a permalink)
	 * @param title the title
	 * @param link the link
	 * @param description the description (plain text, escaped on output)
	 * @param pubDate the publication date
	 */
	public record Item(String guid, String title, String link, String description, Instant pubDate) {
	}

	/**
	 * One request received.
	 * @param at when it came (the server's clock)
	 * @param userAgent its {@code User-Agent} header, or null
	 */
	public record Request(Instant at, String userAgent) {
	}

	private record Resource(int status, String contentType, byte[] body, String etag, Instant lastModified,
			String location) {
	}

}
