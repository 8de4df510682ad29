package policywatch.telegram;

/**
 * A text message to the bot, reduced to what the commands need.
 *
 * @param chatId the chat it came from
 * @param chatType private, group, supergroup or channel
 * @param chatTitle group title or user name, may be {@code null}
 * @param userId the sender (for channel posts: 0)
 * @param text the text
 * @param botUsername the bot's own user name (from {@code getMe}), to tell {@code /cmd@ThisBot} from
 * {@code /cmd@OtherBot}; {@code null} when not known yet
 * @param sentAsChat whether the message was sent on behalf of the chat itself (a group's anonymous admin)
 * @param languageCode the sender's {@code language_code} as Telegram reports it, or {@code null}
 */
record IncomingMessage(long chatId, String chatType, String chatTitle, long userId, String text, String botUsername,
		boolean sentAsChat, String languageCode) {

	IncomingMessage(long chatId, String chatType, String chatTitle, long userId, String text) {
		this(chatId, chatType, chatTitle, userId, text, null, false, null);
	}

	IncomingMessage(long chatId, String chatType, String chatTitle, long userId, String text, String botUsername,
			boolean sentAsChat) {
		this(chatId, chatType, chatTitle, userId, text, botUsername, sentAsChat, null);
	}

	boolean isPrivate() {
		return "private".equals(this.chatType);
	}

	/**
	 * @return whether the chat is a group or supergroup, where members are not all equal
	 */
	boolean isGroup() {
		return "group".equals(this.chatType) || "supergroup".equals(this.chatType);
	}

}
