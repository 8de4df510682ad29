package policywatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A JDK HTTP server on a free port of 127.0.0.1 with its own daemon threads, for the fakes.
 *
 * @param server the server
 * @param executor its threads
 */
record LoopbackServer(HttpServer server, ExecutorService executor) {

	static LoopbackServer start(String threadPrefix, HttpHandler handler) {
		HttpServer server;
		try {
			// Like a real server, answer without Nagle's delay (the JDK server otherwise adds ~40 ms a
			// request through delayed ACKs).
			System.setProperty("sun.net.httpserver.nodelay", "true");
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		AtomicInteger threads = new AtomicInteger();
		ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, threadPrefix + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		server.setExecutor(executor);
		server.createContext("/", handler);
		server.start();
		return new LoopbackServer(server, executor);
	}

	void stop() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
