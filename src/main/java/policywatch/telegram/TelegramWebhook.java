package policywatch.telegram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook mode's endpoint, on {@code policywatch.telegram.webhook.path}: any node may receive. A
 * call without the secret in {@code X-Telegram-Bot-Api-Secret-Token} (compared in constant time)
 * gets 401 and is ignored; a body larger than {@link #MAX_BODY} gets 413. An update Telegram
 * delivers again is handled once ({@link TelegramBot#receive}). Present only when a token and
 * {@code policywatch.telegram.webhook.url} are set.
 */
@RestController
@Conditional({ TelegramConfiguration.TokenPresent.class, TelegramConfiguration.WebhookUrlPresent.class })
final class TelegramWebhook {

	private static final Logger logger = LoggerFactory.getLogger(TelegramWebhook.class);

	static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

	/** Updates are small; anything larger is not from Telegram. */
	static final int MAX_BODY = 1024 * 1024;

	private final TelegramBot bot;

	private final byte[] secret;

	private final ObjectMapper json = new ObjectMapper();

	/** Calls refused for a missing or wrong secret: logged on the first and every 1,000th, so a flood cannot flood the log. */
	private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

	TelegramWebhook(TelegramBot bot, WebhookProperties properties) {
		this.bot = bot;
		this.secret = properties.secret().getBytes(StandardCharsets.UTF_8);
	}

	@PostMapping(path = "${policywatch.telegram.webhook.path:/telegram/webhook}")
	ResponseEntity<Void> update(@RequestHeader(name = SECRET_HEADER, required = false) String given, InputStream in)
			throws IOException {
		if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), this.secret)) {
			long count = this.refused.incrementAndGet();
			if (count == 1 || count % 1000 == 0) {
				logger.warn("Refused a webhook call without the right secret refusedSoFar={}", count);
			}
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
		}
		byte[] body;
		try (in) {
			body = in.readNBytes(MAX_BODY + 1);
		}
		if (body.length > MAX_BODY) {
			logger.warn("Refused a webhook call larger than {} bytes", MAX_BODY);
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
		}
		Update update;
		try {
			update = this.json.readValue(body, Update.class);
		}
		catch (IOException ex) {
			logger.warn("Unable to read a webhook update reason={}", TelegramBot.oneLine(ex));
			return ResponseEntity.badRequest().build();
		}
		if (update == null || update.getUpdateId() == null) {
			return ResponseEntity.badRequest().build();
		}
		this.bot.receive(update);
		return ResponseEntity.ok().build();
	}

}
