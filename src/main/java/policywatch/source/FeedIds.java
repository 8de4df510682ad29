package policywatch.source;

import java.net.URI;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Ids and comparison keys for imported feeds: an id from the outline's own id, else its title,
 * else its host (lower case, {@code [a-z0-9-]}, unique); a URL key that ignores the differences
 * that do not change the feed (scheme and host case, default port, trailing slash).
 */
final class FeedIds {

	private static final int MAX_ID_LENGTH = 40;

	private FeedIds() {
	}

	static String uniqueId(Opml.Outline outline, URI url, Set<String> taken) {
		String base = null;
		if (outline.id() != null && FeedsConfig.ID.matcher(outline.id()).matches()) {
			base = outline.id();
		}
		if (base == null) {
			base = slug(outline.title());
		}
		if (base.isEmpty()) {
			base = slug(url.getHost().replaceFirst("^www\\.", ""));
		}
		if (base.isEmpty()) {
			base = "feed";
		}
		String id = base;
		for (int n = 2; taken.contains(id); n++) {
			id = base + "-" + n;
		}
		return id;
	}

	static String slug(String text) {
		String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (slug.length() > MAX_ID_LENGTH) {
			int cut = slug.lastIndexOf('-', MAX_ID_LENGTH);
			slug = slug.substring(0, (cut > 10) ? cut : MAX_ID_LENGTH).replaceAll("-+$", "");
		}
		return slug;
	}

	/** A URL for comparison: scheme and host in lower case, no default port, no trailing slash. */
	static String urlKey(URI url) {
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		int port = url.getPort();
		if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
			port = -1;
		}
		String path = (url.getRawPath() != null) ? url.getRawPath() : "";
		if (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ((port >= 0) ? ":" + port : "") + path
				+ ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
	}

}
