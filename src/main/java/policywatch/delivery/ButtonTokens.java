package policywatch.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Callback data for inline buttons: {@code action:subscription:signature}, where the signature is
 * an HMAC-SHA256 of the chat and the subscription (cut to 72 bits) with a key the application
 * generates once and keeps in the database (so every node and every restart agree). A press
 * from another chat, a made-up or altered token does not verify.
 */
@Component
public class ButtonTokens {

	private static final String KEY_NAME = "button-key";

	private static final int SIGNATURE_BYTES = 9;

	private final JdbcClient jdbc;

	private volatile byte[] key;

	ButtonTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A verified press.
	 *
	 * @param action the action letter
	 * @param subscriptionId the subscription it is about
	 */
	public record Press(char action, long subscriptionId) {
	}

	/**
	 * @return the callback data for an action on a chat's subscription
	 */
	public String data(char action, long chatId, long subscriptionId) {
		return action + ":" + subscriptionId + ":" + signature(chatId, subscriptionId);
	}

	/**
	 * @param chatId the chat the pressed message is in
	 * @param data the callback data
	 * @return the press, or {@code null} when the data were not made for this chat by this bot
	 */
	public Press verify(long chatId, String data) {
		if (data == null || data.length() > 64) {
			return null;
		}
		int first = data.indexOf(':');
		int second = data.indexOf(':', first + 1);
		if (first != 1 || second < 0) {
			return null;
		}
		String id = data.substring(first + 1, second);
		if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return null;
		}
		long subscriptionId = Long.parseLong(id);
		byte[] expected = signature(chatId, subscriptionId).getBytes(StandardCharsets.US_ASCII);
		byte[] given = data.substring(second + 1).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, given)) {
			return null;
		}
		return new Press(data.charAt(0), subscriptionId);
	}

	private String signature(long chatId, long subscriptionId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			byte[] digest = mac.doFinal((chatId + ":" + subscriptionId).getBytes(StandardCharsets.US_ASCII));
			byte[] cut = new byte[SIGNATURE_BYTES];
			System.arraycopy(digest, 0, cut, 0, SIGNATURE_BYTES);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(cut);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] key() {
		byte[] current = this.key;
		if (current == null) {
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			this.jdbc.sql("INSERT INTO app_secret (secret_name, secret_value) VALUES (?, ?) ON CONFLICT DO NOTHING")
				.params(KEY_NAME, Base64.getEncoder().encodeToString(fresh))
				.update();
			String stored = this.jdbc.sql("SELECT secret_value FROM app_secret WHERE secret_name = ?")
				.param(KEY_NAME)
				.query(String.class)
				.single();
			current = Base64.getDecoder().decode(stored);
			this.key = current;
		}
		return current;
	}

}
