package policywatch.ingest.fetch;

import java.net.URI;

/**
 * A successful response (2xx or 304).
 *
 * @param status HTTP status
 * @param finalUri the address after redirects
 * @param body the decompressed body, empty for a 304
 * @param contentType the Content-Type header, or {@code null}
 * @param etag the ETag header, or {@code null}
 * @param lastModified the Last-Modified header, or {@code null}
 */
public record FetchResponse(int status, URI finalUri, byte[] body, String contentType, String etag,
		String lastModified) {

	public boolean notModified() {
		return this.status == 304;
	}

}
