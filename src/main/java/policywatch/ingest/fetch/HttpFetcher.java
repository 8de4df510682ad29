package policywatch.ingest.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The fetcher. Placeholder implementation (no guard, no limits).
 */
public final class HttpFetcher implements Fetcher {

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NORMAL)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	public HttpFetcher(FetchProperties properties) {
	}

	@Override
	public FetchResponse fetch(FetchRequest request) throws FetchException {
		try {
			HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(Duration.ofSeconds(30));
			if (request.etag() != null) {
				builder.header("If-None-Match", request.etag());
			}
			if (request.lastModified() != null) {
				builder.header("If-Modified-Since", request.lastModified());
			}
			HttpResponse<byte[]> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
			int status = response.statusCode();
			if (status != 304 && (status < 200 || status > 299)) {
				throw new FetchException("HTTP " + status);
			}
			URI finalUri = response.uri();
			return new FetchResponse(status, finalUri, response.body(),
					response.headers().firstValue("Content-Type").orElse(null),
					response.headers().firstValue("ETag").orElse(null),
					response.headers().firstValue("Last-Modified").orElse(null));
		}
		catch (IOException ex) {
			throw new FetchException(ex.getClass().getSimpleName() + ": " + ex.getMessage(), null, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new FetchException("interrupted", null, ex);
		}
	}

}
