package policywatch.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a response body, decompressing gzip and deflate, and stops as soon as the decompressed
 * size passes the cap (so neither a huge body nor a compression bomb is ever held in memory).
 */
final class BodyReader {

	private BodyReader() {
	}

	static byte[] read(InputStream raw, String contentEncoding, long declaredLength, long cap)
			throws IOException {
		String encoding = (contentEncoding != null) ? contentEncoding.strip().toLowerCase(Locale.ROOT) : "";
		boolean identity = encoding.isEmpty() || encoding.equals("identity");
		if (identity && declaredLength > cap) {
			throw new FetchException(tooLarge(cap));
		}
		PushbackInputStream in = new PushbackInputStream(raw, 2);
		int b0 = in.read();
		if (b0 < 0) {
			return new byte[0];
		}
		int b1 = in.read();
		if (b1 >= 0) {
			in.unread(b1);
		}
		in.unread(b0);
		if (identity) {
			return copy(in, cap);
		}
		switch (encoding) {
			case "gzip", "x-gzip" -> {
				try (InputStream gzip = new GZIPInputStream(in, 8192)) {
					return copy(gzip, cap);
				}
				catch (ZipException | java.io.EOFException ex) {
					throw new FetchException("invalid gzip body: " + ex.getMessage(), null, ex);
				}
			}
			case "deflate" -> {
				// RFC 9110 says zlib-wrapped; some servers send raw deflate.
				boolean zlib = b1 >= 0 && (b0 & 0x0f) == 8 && ((b0 << 8) | b1) % 31 == 0;
				Inflater inflater = new Inflater(!zlib);
				try (InputStream inflate = new InflaterInputStream(in, inflater, 8192)) {
					return copy(inflate, cap);
				}
				catch (ZipException | java.io.EOFException ex) {
					throw new FetchException("invalid deflate body: " + ex.getMessage(), null, ex);
				}
				finally {
					inflater.end();
				}
			}
			default -> throw new FetchException("unsupported Content-Encoding " + encoding);
		}
	}

	private static byte[] copy(InputStream in, long cap) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
		byte[] buffer = new byte[16384];
		long total = 0;
		int n;
		while ((n = in.read(buffer)) >= 0) {
			total += n;
			if (total > cap) {
				throw new FetchException(tooLarge(cap));
			}
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	static String tooLarge(long cap) {
		return "body exceeds " + cap + " bytes";
	}

}
