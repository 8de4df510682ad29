package policywatch.delivery;

import java.time.Duration;

/**
 * What happened to one send.
 */
public sealed interface SendResult {

	/** Delivered. */
	record Sent(long messageId) implements SendResult {
	}

	/**
	 * Not sent by this node, which does not hold the sender lease: written to the database for the
	 * node that does (replies and notices only).
	 */
	record Relayed() implements SendResult {
	}

	/** Not sent because the bot is off; the message was logged instead. */
	record Logged() implements SendResult {
	}

	/** 429: wait, then try again. {@code global} when the whole bot is flooded. */
	record RetryAfter(Duration delay, boolean global) implements SendResult {
	}

	/** 5xx, timeout, network error: try again later. */
	record TransientFailure(String reason) implements SendResult {
	}

	/** 403 and friends: the chat cannot receive messages any more. */
	record ChatUnavailable(String reason) implements SendResult {
	}

	/** 400 "can't parse entities": the markup was refused. */
	record BadMarkup(String reason) implements SendResult {
	}

	/** The group became a supergroup with a new id. */
	record ChatMigrated(long newChatId) implements SendResult {
	}

	/** Any other refusal that a retry will not fix. */
	record PermanentFailure(String reason) implements SendResult {
	}

}
