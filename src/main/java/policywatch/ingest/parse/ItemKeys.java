package policywatch.ingest.parse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The identity of a feed item, decided once for RSS, Atom and JSON Feed alike.
 */
final class ItemKeys {

	/** Keys longer than this are replaced by a hash. */
	static final int MAX_KEY_LENGTH = 512;

	private ItemKeys() {
	}

	/**
	 * @return the item with its key; a blank guid counts as none
	 */
	static FeedItem item(String guid, String link, String title, String description, Instant published) {
		String cleanGuid = (guid != null && !guid.isBlank()) ? guid.strip() : null;
		return new FeedItem(key(cleanGuid, link, title, description, published), cleanGuid, link, title, description,
				published);
	}

	/**
	 * The identity of an item: the guid, else the canonical link, else a hash of title and date
	 * (and description, when both are missing); at most {@link #MAX_KEY_LENGTH} characters.
	 */
	static String key(String guid, String link, String title, String description, Instant published) {
		String key;
		if (guid != null) {
			key = guid;
		}
		else if (link != null) {
			key = link;
		}
		else {
			String basis = title + "\n" + published;
			if ((title == null || title.isEmpty()) && published == null) {
				basis = basis + "\n" + description;
			}
			return "sha256:" + sha256(basis);
		}
		return (key.length() > MAX_KEY_LENGTH) ? "sha256:" + sha256(key) : key;
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
