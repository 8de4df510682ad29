package policywatch.telegram;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Telegram bot.
 *
 * @param token the bot token from BotFather (env {@code POLICYWATCH_TELEGRAM_TOKEN}); when empty
 * the bot is off and alerts are logged instead of sent
 * @param apiUrl base URL of the Bot API (scheme, host, port), for a local Bot API server or a fake
 * @param adminIds Telegram user ids with admin rights
 */
@ConfigurationProperties("policywatch.telegram")
public record TelegramProperties(String token, @DefaultValue("https://api.telegram.org") URI apiUrl,
		@DefaultValue List<Long> adminIds) {

	public boolean enabled() {
		return this.token != null && !this.token.isBlank();
	}

	public boolean isAdmin(long userId) {
		return this.adminIds != null && this.adminIds.contains(userId);
	}

	@Override
	public String toString() {
		return "TelegramProperties[token=" + (enabled() ? "(set)" : "(empty)") + ", apiUrl=" + this.apiUrl
				+ ", adminIds=" + this.adminIds + "]";
	}

}
