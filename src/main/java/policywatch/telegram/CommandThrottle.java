package policywatch.telegram;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Counts commands per user and per chat in a sliding window. Over a limit the first command gets a polite
 * "slow down" and the next ones nothing, until the window has room again. Windows nobody used for a while are
 * dropped, so the memory stays bounded by the users active within one window.
 */
@Component
final class CommandThrottle {

	/** What to do with a command. */
	enum Verdict {

		/** Within the limits: answer it. */
		ANSWER,

		/** Just over a limit: say "slow down", once. */
		SLOW_DOWN,

		/** Still over a limit: say nothing. */
		IGNORE

	}

	private static final int SWEEP_EVERY = 1024;

	private final Clock clock;

	private final ChatCommandProperties properties;

	private final Map<Long, Window> users = new HashMap<>();

	private final Map<Long, Window> chats = new HashMap<>();

	private int sinceSweep;

	CommandThrottle(Clock clock, ChatCommandProperties properties) {
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Counts a command.
	 * @param userId the sender; 0 (a channel post) counts only against the chat
	 * @param chatId the chat
	 * @param exemptUser whether the sender has no per-user limit (the bot's admins)
	 * @param privateChat whether the chat is the sender's private chat, which the per-user limit covers
	 * @return what to do with it
	 */
	synchronized Verdict check(long userId, long chatId, boolean exemptUser, boolean privateChat) {
		long now = this.clock.millis();
		long span = this.properties.window().toMillis();
		if (++this.sinceSweep >= SWEEP_EVERY) {
			this.sinceSweep = 0;
			this.users.values().removeIf((window) -> window.idle(now, span));
			this.chats.values().removeIf((window) -> window.idle(now, span));
		}
		Window user = (userId != 0 && !exemptUser)
				? this.users.computeIfAbsent(userId, (id) -> new Window()) : null;
		Window chat = privateChat ? null : this.chats.computeIfAbsent(chatId, (id) -> new Window());
		boolean userFull = user != null && user.full(now, span, this.properties.perUser());
		boolean chatFull = chat != null && chat.full(now, span, this.properties.perChat());
		if (!userFull && !chatFull) {
			if (user != null) {
				user.add(now);
			}
			if (chat != null) {
				chat.add(now);
			}
			return Verdict.ANSWER;
		}
		// one "slow down" per episode: to the user who is too fast, or to the chat that is too busy
		Window over = userFull ? user : chat;
		if (over.warned) {
			return Verdict.IGNORE;
		}
		over.warned = true;
		return Verdict.SLOW_DOWN;
	}

	/**
	 * Times of the commands answered within the window, oldest first.
	 */
	private static final class Window {

		private final ArrayDeque<Long> times = new ArrayDeque<>();

		private boolean warned;

		boolean full(long now, long span, int limit) {
			while (!this.times.isEmpty() && this.times.peekFirst() <= now - span) {
				this.times.removeFirst();
			}
			if (this.times.size() < limit) {
				this.warned = false;
				return false;
			}
			return true;
		}

		void add(long now) {
			this.times.addLast(now);
		}

		boolean idle(long now, long span) {
			Long last = this.times.peekLast();
			return last == null || last <= now - span;
		}

	}

}
