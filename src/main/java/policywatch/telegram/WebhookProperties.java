package policywatch.telegram;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook mode: Telegram calls the bot instead of the bot long-polling Telegram. Off unless
 * {@code url} is set.
 *
 * @param url the public HTTPS URL Telegram calls (a reverse proxy maps it to {@code path} on
 * {@code server.port}); empty for long polling
 * @param secret the secret Telegram sends in the {@code X-Telegram-Bot-Api-Secret-Token} header of
 * every call (env {@code POLICYWATCH_TELEGRAM_WEBHOOK_SECRET}); 1 to 256 characters {@code A-Z},
 * {@code a-z}, {@code 0-9}, {@code _} and {@code -}
 * @param path the path this application serves the webhook on
 */
@ConfigurationProperties("policywatch.telegram.webhook")
public record WebhookProperties(URI url, String secret, @DefaultValue("/telegram/webhook") String path) {

	public WebhookProperties {
		if (url != null && url.toString().isBlank()) {
			url = null;
		}
		if (url != null) {
			if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
				throw new IllegalArgumentException("policywatch.telegram.webhook.url must be an https:// URL with a host"
						+ " (Telegram only calls webhooks over HTTPS), got '" + url + "'");
			}
			if (secret == null || secret.isBlank()) {
				throw new IllegalArgumentException("policywatch.telegram.webhook.secret (env "
						+ "POLICYWATCH_TELEGRAM_WEBHOOK_SECRET) must be set in webhook mode, so that nobody but "
						+ "Telegram can send updates to the bot");
			}
			if (!validSecret(secret)) {
				throw new IllegalArgumentException("policywatch.telegram.webhook.secret must be 1 to 256 characters "
						+ "A-Z, a-z, 0-9, _ or - (Telegram's rule for secret_token)");
			}
		}
		if (path == null || !path.startsWith("/")) {
			throw new IllegalArgumentException("policywatch.telegram.webhook.path must start with /, got '" + path + "'");
		}
	}

	/**
	 * @return whether the bot runs in webhook mode
	 */
	public boolean enabled() {
		return this.url != null;
	}

	private static boolean validSecret(String secret) {
		if (secret.length() > 256) {
			return false;
		}
		for (int i = 0; i < secret.length(); i++) {
			char c = secret.charAt(i);
			boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
					|| c == '-';
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return "WebhookProperties[url=" + this.url + ", secret=" + ((this.secret != null) ? "(set)" : "(empty)")
				+ ", path=" + this.path + "]";
	}

}
