package policywatch.ingest.fetch;

/**
 * Outbound HTTP for feeds and article pages. Implementations enforce the SSRF guard, time and size
 * limits, and conditional GET.
 */
public interface Fetcher {

	/**
	 * Fetches one resource.
	 * @param request what to fetch
	 * @return the response; {@link FetchResponse#notModified()} for a 304
	 * @throws FetchException when the resource cannot be fetched (refused address, limit exceeded,
	 * HTTP error status, network failure); its message is one line fit for logs and chats
	 */
	FetchResponse fetch(FetchRequest request) throws FetchException;

}
