package policywatch.ingest.extract;

/**
 * The response is not HTML (a PDF, an image): extraction is skipped.
 */
public class UnsupportedContentException extends Exception {

	public UnsupportedContentException(String message) {
		super(message);
	}

}
