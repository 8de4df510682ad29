package policywatch.telegram;

/**
 * A text message to the bot, reduced to what the commands need.
 *
 * @param chatId the chat it came from
 * @param chatType private, group, supergroup or channel
 * @param chatTitle group title or user name, may be {@code null}
 * @param userId the sender (for channel posts: 0)
 * @param text the text
 */
record IncomingMessage(long chatId, String chatType, String chatTitle, long userId, String text) {

	boolean isPrivate() {
		return "private".equals(this.chatType);
	}

}
