package policywatch.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The one loopback HTTP server of the tests: a JDK HTTP server on a free port of 127.0.0.1 (or another
 * loopback address) with its own daemon threads. {@link FakeFeedServer} and {@link FakeTelegramApi} run on
 * it; a test that needs a hand-written answer routes paths to handlers with {@link #on}.
 * <p>
 * Usage: {@code try (LoopbackServer server = new LoopbackServer()) { server.on("/feed", (exchange) ->
 * LoopbackServer.respond(exchange, 200, "text/xml", xml)); fetch(server.uri("/feed")); }}
 */
public final class LoopbackServer implements AutoCloseable {

	private static final AtomicInteger SERVERS = new AtomicInteger();

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();

	private final List<Headers> requests = new CopyOnWriteArrayList<>();

	/** A server on 127.0.0.1 answering the paths given to {@link #on} and 404 to the others. */
	public LoopbackServer() {
		this("127.0.0.1");
	}

	/**
	 * A server on another loopback address answering the paths given to {@link #on}.
	 * @param address e.g. {@code 127.0.0.2}
	 */
	public LoopbackServer(String address) {
		this(address, "loopback-" + SERVERS.incrementAndGet() + "-", null);
	}

	private LoopbackServer(String address, String threadPrefix, HttpHandler handler) {
		try {
			// Like a real server, answer without Nagle's delay (the JDK server otherwise adds ~40 ms a
			// request through delayed ACKs).
			System.setProperty("sun.net.httpserver.nodelay", "true");
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 100);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, threadPrefix + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", (handler != null) ? handler : this::route);
		this.server.start();
	}

	/**
	 * A server on 127.0.0.1 whose every request goes to one handler (the fakes); the handler closes the
	 * exchange. Requests are not recorded.
	 * @param threadPrefix name prefix of the server's threads
	 * @param handler the handler
	 * @return the running server
	 */
	static LoopbackServer start(String threadPrefix, HttpHandler handler) {
		return new LoopbackServer("127.0.0.1", threadPrefix, handler);
	}

	/**
	 * Answers requests for a path (exact, without query) with a handler from now on.
	 * @param path e.g. {@code /feed}
	 * @param handler writes the answer, e.g. with {@link #respond} or {@link #redirect}
	 * @return this server
	 */
	public LoopbackServer on(String path, HttpHandler handler) {
		this.routes.put(path, handler);
		return this;
	}

	/** @return the headers of every request received on routed paths, in order */
	public List<Headers> requests() {
		return this.requests;
	}

	/** @return the port */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/** @return the address, e.g. {@code 127.0.0.1} */
	public String host() {
		return this.server.getAddress().getAddress().getHostAddress();
	}

	/**
	 * @param path a path starting with {@code /}, optionally with a query
	 * @return the absolute URI, e.g. {@code http://127.0.0.1:PORT/feed.xml}
	 */
	public URI uri(String path) {
		return URI.create(url(path));
	}

	/**
	 * @param path a path, optionally with a query
	 * @return the absolute URL, e.g. {@code http://127.0.0.1:PORT/feed.xml}
	 */
	public String url(String path) {
		return "http://" + host() + ":" + port() + (path.startsWith("/") ? path : "/" + path);
	}

	HttpServer server() {
		return this.server;
	}

	ExecutorService executor() {
		return this.executor;
	}

	/** Stops listening and ends the server's threads. */
	public void stop() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Override
	public void close() {
		stop();
	}

	private void route(HttpExchange exchange) {
		try (exchange) {
			this.requests.add(exchange.getRequestHeaders());
			HttpHandler handler = this.routes.get(exchange.getRequestURI().getPath());
			if (handler == null) {
				respond(exchange, 404, "text/plain", "not found");
			}
			else {
				handler.handle(exchange);
			}
		}
		catch (IOException ex) {
			// client went away or server closing
		}
	}

	/**
	 * Answers with a status and a UTF-8 text body.
	 * @param exchange the exchange
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type} header, or null for none
	 * @param body the body
	 * @throws IOException when the client went away
	 */
	public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Answers with a status and a body (none for {@code HEAD}).
	 * @param exchange the exchange
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type} header, or null for none
	 * @param body the body, may be empty
	 * @throws IOException when the client went away
	 */
	public static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		if (contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
		exchange.sendResponseHeaders(status, (head || body.length == 0) ? -1 : body.length);
		if (!head && body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	/**
	 * Answers with a redirect.
	 * @param exchange the exchange
	 * @param status 301, 302, 303, 307 or 308
	 * @param location the {@code Location} header (absolute or relative)
	 * @throws IOException when the client went away
	 */
	public static void redirect(HttpExchange exchange, int status, String location) throws IOException {
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(status, -1);
	}

}
