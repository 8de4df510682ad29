package policywatch.ingest.fetch;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Inputs of the command-line tools: a URL, or a local file read with the same size cap as a
 * download and a one-line error.
 */
public final class LocalFiles {

	private LocalFiles() {
	}

	/**
	 * @return whether the input is an http(s) URL rather than a file name
	 */
	public static boolean isUrl(String input) {
		String lower = input.strip().toLowerCase(Locale.ROOT);
		return lower.startsWith("http://") || lower.startsWith("https://");
	}

	/**
	 * Reads a file.
	 * @param input the file name
	 * @param maxBytes the largest file accepted
	 * @return its bytes
	 * @throws IOException with a one-line message: not a file name, a directory, missing,
	 * unreadable or too large
	 */
	public static byte[] read(String input, long maxBytes) throws IOException {
		Path path = path(input);
		if (Files.isDirectory(path)) {
			throw new IOException("is a directory");
		}
		try {
			if (Files.size(path) > maxBytes) {
				throw new IOException("file exceeds " + maxBytes + " bytes");
			}
			return Files.readAllBytes(path);
		}
		catch (NoSuchFileException ex) {
			throw new IOException("no such file");
		}
		catch (AccessDeniedException ex) {
			throw new IOException("permission denied");
		}
	}

	/**
	 * @return the input as a path
	 * @throws IOException when it is not a valid file name
	 */
	public static Path path(String input) throws IOException {
		try {
			return Path.of(input);
		}
		catch (InvalidPathException ex) {
			throw new IOException("not a valid file name");
		}
	}

}
