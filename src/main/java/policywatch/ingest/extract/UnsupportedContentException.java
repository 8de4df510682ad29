package policywatch.ingest.extract;

/**
 * The response is neither HTML nor a readable PDF (an image, an encrypted or scanned PDF), or took
 * longer than its time budget: extraction is skipped and the entry keeps the feed's description.
 */
public class UnsupportedContentException extends Exception {

	public UnsupportedContentException(String message) {
		super(message);
	}

}
