package policywatch.ingest.fetch;

import java.net.URI;

/**
 * One request.
 *
 * @param uri the http(s) address
 * @param kind feed or page (chooses the body-size cap and the Accept header)
 * @param etag validator from the previous response, or {@code null}
 * @param lastModified validator from the previous response, or {@code null}
 */
public record FetchRequest(URI uri, Kind kind, String etag, String lastModified) {

	public static FetchRequest feed(URI uri, String etag, String lastModified) {
		return new FetchRequest(uri, Kind.FEED, etag, lastModified);
	}

	public static FetchRequest page(URI uri) {
		return new FetchRequest(uri, Kind.PAGE, null, null);
	}

	public enum Kind {

		FEED, PAGE

	}

}
