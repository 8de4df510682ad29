package policywatch.ingest.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Canonical form of article links, so that the same article is recognised whatever tracking
 * decoration a feed adds: scheme and host lower-cased, default port and tracking parameters
 * ({@code utm_*}, {@code fbclid}, {@code gclid}, …) removed, an empty path becomes {@code /}.
 * Everything else (the path, other parameters and their order, the fragment) is kept.
 */
public final class LinkNormalizer {

	private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
			"yclid", "twclid", "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok",
			"oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "rb_clickid", "s_cid", "_ga", "_gl", "ncid",
			"cmpid", "wt.mc_id", "at_medium", "at_campaign", "spm", "sr_share", "ref_src", "ref_url");

	private LinkNormalizer() {
	}

	/**
	 * @param link an absolute link (relative ones are returned trimmed but otherwise unchanged)
	 * @return the canonical link, or {@code null} for a {@code null} or blank link
	 */
	public static String canonical(String link) {
		if (link == null) {
			return null;
		}
		String trimmed = link.strip();
		if (trimmed.isEmpty()) {
			return null;
		}
		URI uri = toUri(trimmed);
		if (uri == null || !uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null) {
			return trimmed;
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		StringBuilder out = new StringBuilder(trimmed.length());
		out.append(scheme).append("://");
		if (uri.getRawUserInfo() != null) {
			out.append(uri.getRawUserInfo()).append('@');
		}
		String host = uri.getHost();
		if (host == null) {
			return trimmed;
		}
		out.append(host.toLowerCase(Locale.ROOT));
		int port = uri.getPort();
		if (port >= 0 && !((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https")))) {
			out.append(':').append(port);
		}
		String path = uri.getRawPath();
		out.append((path == null || path.isEmpty()) ? "/" : path);
		String query = stripTracking(uri.getRawQuery());
		if (query != null && !query.isEmpty()) {
			out.append('?').append(query);
		}
		if (uri.getRawFragment() != null) {
			out.append('#').append(uri.getRawFragment());
		}
		try {
			return new URI(out.toString()).toASCIIString(); // non-ASCII characters percent-encoded
		}
		catch (URISyntaxException ex) {
			return out.toString();
		}
	}

	/**
	 * Resolves a possibly relative link against a base.
	 * @return the absolute link, or the trimmed link when it cannot be resolved
	 */
	static String resolve(URI base, String link) {
		if (link == null || link.isBlank()) {
			return null;
		}
		String trimmed = link.strip();
		URI uri = toUri(trimmed);
		if (uri == null) {
			return trimmed;
		}
		if (uri.isAbsolute() || base == null || base.isOpaque()) {
			return uri.isAbsolute() ? trimmed : uri.toString();
		}
		try {
			if (trimmed.startsWith("//")) {
				return base.getScheme() + ":" + uri;
			}
			URI resolved = base.resolve(uri);
			return resolved.toString();
		}
		catch (IllegalArgumentException ex) {
			return trimmed;
		}
	}

	/**
	 * Parses a link leniently: characters URIs do not allow (spaces, non-ASCII) are percent-encoded.
	 * @return the URI or {@code null}
	 */
	static URI toUri(String text) {
		try {
			return new URI(text);
		}
		catch (URISyntaxException ex) {
			StringBuilder encoded = new StringBuilder(text.length() + 16);
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c > 0x20 && c < 0x7F && "\"<>\\^`{|}".indexOf(c) < 0 && !(c == '%' && !isPercentEscape(text, i))) {
					encoded.append(c);
				}
				else if (c == '#' ) {
					encoded.append(c);
				}
				else {
					int cp = text.codePointAt(i);
					if (Character.charCount(cp) == 2) {
						i++;
					}
					for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
						encoded.append('%').append(String.format("%02X", b & 0xff));
					}
				}
			}
			try {
				return new URI(encoded.toString());
			}
			catch (URISyntaxException again) {
				return null;
			}
		}
	}

	private static boolean isPercentEscape(String text, int i) {
		return i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
				&& Character.digit(text.charAt(i + 2), 16) >= 0;
	}

	private static String stripTracking(String query) {
		if (query == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(query.length());
		for (String part : query.split("&")) {
			if (part.isEmpty()) {
				continue;
			}
			int eq = part.indexOf('=');
			String name = ((eq < 0) ? part : part.substring(0, eq)).toLowerCase(Locale.ROOT);
			if (name.startsWith("utm_") || TRACKING.contains(name)) {
				continue;
			}
			if (out.length() > 0) {
				out.append('&');
			}
			out.append(part);
		}
		return out.toString();
	}

}
