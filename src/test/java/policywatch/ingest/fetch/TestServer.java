package policywatch.ingest.fetch;

import java.io.IOException;
import java.io.OutputStream;
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

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server for tests: handlers by path, and a record of request headers.
 */
final class TestServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	final List<Headers> requests = new CopyOnWriteArrayList<>();

	private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();

	TestServer() throws IOException {
		this("127.0.0.1");
	}

	TestServer(String address) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 100);
		this.server.createContext("/", (exchange) -> {
			this.requests.add(exchange.getRequestHeaders());
			HttpHandler handler = this.handlers.get(exchange.getRequestURI().getPath());
			try {
				if (handler == null) {
					respond(exchange, 404, "text/plain", "not found");
				}
				else {
					handler.handle(exchange);
				}
			}
			catch (IOException ex) {
				// client went away
			}
			finally {
				exchange.close();
			}
		});
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	TestServer on(String path, HttpHandler handler) {
		this.handlers.put(path, handler);
		return this;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	String host() {
		return this.server.getAddress().getAddress().getHostAddress();
	}

	URI uri(String path) {
		return URI.create("http://" + host() + ":" + port() + path);
	}

	static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		if (contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	static void redirect(HttpExchange exchange, int status, String location) throws IOException {
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(status, -1);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
