package policywatch.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application running in a child JVM started with the test class path, as an operator would run
 * it: its standard output and error go to a log file that tests read.
 * <p>
 * Usage: {@code try (ChildNode node = ChildNode.start("node-1", dir.resolve("node-1.log"), args)) { ... }};
 * {@link #kill()} is SIGKILL on Linux (nothing runs at exit: no shutdown hook, no flush).
 */
public final class ChildNode implements AutoCloseable {

	/** The application's main class; a name, so that this package does not depend on the application's. */
	public static final String MAIN_CLASS = "policywatch.PolicyWatchApplication";

	private final String name;

	private final Path log;

	private final Process process;

	private ChildNode(String name, Path log, Process process) {
		this.name = name;
		this.log = log;
		this.process = process;
	}

	/**
	 * Starts the application with a 256 MB heap.
	 * @param name a name for messages, e.g. {@code node-1}
	 * @param log the file that gets the output (replaced)
	 * @param args the application's arguments, e.g. {@code --server.port=0}
	 * @return the running node
	 */
	public static ChildNode start(String name, Path log, List<String> args) {
		return start(name, log, List.of("-Xmx256m"), args);
	}

	/**
	 * Starts the application.
	 * @param name a name for messages, e.g. {@code node-1}
	 * @param log the file that gets the output (replaced)
	 * @param jvmOptions options of the JVM, e.g. {@code -Xmx256m}
	 * @param args the application's arguments, e.g. {@code --server.port=0}
	 * @return the running node
	 */
	public static ChildNode start(String name, Path log, List<String> jvmOptions, List<String> args) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath(), MAIN_CLASS));
		command.addAll(args);
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			return new ChildNode(name, log, process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Unable to start " + name, ex);
		}
	}

	/**
	 * The test class path: {@code java.class.path} under Surefire and Failsafe, the context class
	 * loader's URLs under {@code exec:java} (which runs in Maven's own JVM).
	 */
	private static String classPath() {
		if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader
				&& loader.getURLs().length > 0) {
			List<String> entries = new ArrayList<>();
			for (URL url : loader.getURLs()) {
				try {
					entries.add(Path.of(url.toURI()).toString());
				}
				catch (URISyntaxException | IllegalArgumentException ex) {
					// not a file: nothing a child JVM could load
				}
			}
			return String.join(File.pathSeparator, entries);
		}
		return System.getProperty("java.class.path");
	}

	/** @return the name given at start */
	public String name() {
		return this.name;
	}

	/** @return the log file */
	public Path log() {
		return this.log;
	}

	/** @return whether the process still runs */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Kills the process at once (SIGKILL) and waits until it is gone.
	 */
	public void kill() {
		try {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * @return the lines logged so far (a line being written may be cut)
	 */
	public List<String> logLines() {
		try {
			if (!Files.exists(this.log)) {
				return List.of();
			}
			return new String(Files.readAllBytes(this.log), StandardCharsets.UTF_8).lines().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param text what to look for
	 * @return the logged lines containing it
	 */
	public List<String> logLinesContaining(String text) {
		return logLines().stream().filter((line) -> line.contains(text)).toList();
	}

	/**
	 * Waits until Spring Boot logged that the application started.
	 * @param timeout how long at most
	 * @throws AssertionError when the process ended or the time ran out, with the end of its log
	 */
	public void awaitStarted(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (logLinesContaining("Started PolicyWatchApplication").isEmpty()) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				throw new AssertionError(this.name + " did not start within " + timeout + "; log ends with:\n" + tail(40));
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted", ex);
			}
		}
	}

	/**
	 * @return the HTTP port the embedded web server logged it listens on (useful with {@code --server.port=0})
	 * @throws AssertionError when no such line was logged yet
	 */
	public int httpPort() {
		String marker = "started on port ";
		for (String line : logLinesContaining(marker)) {
			int start = line.indexOf(marker) + marker.length();
			int end = start;
			while (end < line.length() && Character.isDigit(line.charAt(end))) {
				end++;
			}
			if (end > start) {
				return Integer.parseInt(line.substring(start, end));
			}
		}
		throw new AssertionError(this.name + " logged no HTTP port; log ends with:\n" + tail(20));
	}

	/**
	 * @param lines how many
	 * @return the last lines of the log, for failure messages
	 */
	public String tail(int lines) {
		List<String> all = logLines();
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	/** Kills the process if it still runs. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
