package policywatch.telegram;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether a member of a group is its creator or one of its administrators, asked of Telegram
 * ({@code getChatMember}) and remembered briefly, so that a busy group costs one call per member and minute.
 */
@Component
final class GroupAdmins {

	private static final Logger logger = LoggerFactory.getLogger(GroupAdmins.class);

	/** Above this many remembered answers the expired ones are dropped. */
	private static final int MAX_REMEMBERED = 10_000;

	/** A member's answer. */
	enum Role {

		/** The group's creator or an administrator. */
		ADMIN,

		/** Anyone else. */
		MEMBER,

		/** Telegram could not be asked. */
		UNKNOWN

	}

	/**
	 * Asks Telegram for a member's status ({@code creator}, {@code administrator}, {@code member}...).
	 */
	@FunctionalInterface
	interface StatusLookup {

		String status(long chatId, long userId) throws Exception;

	}

	private final StatusLookup lookup;

	private final Clock clock;

	private final Duration ttl;

	private final Map<Key, Answer> remembered = new ConcurrentHashMap<>();

	@Autowired
	GroupAdmins(ObjectProvider<TelegramClient> client, Clock clock, ChatCommandProperties properties) {
		this((chatId, userId) -> {
			TelegramClient telegram = client.getIfAvailable();
			if (telegram == null) {
				throw new IllegalStateException("the bot is off");
			}
			return telegram.execute(new GetChatMember(Long.toString(chatId), userId)).getStatus();
		}, clock, properties.groupAdminsCache());
	}

	GroupAdmins(StatusLookup lookup, Clock clock, Duration ttl) {
		this.lookup = lookup;
		this.clock = clock;
		this.ttl = ttl;
	}

	/**
	 * @return whether the user may manage the group's subscriptions as one of its admins
	 */
	Role role(long chatId, long userId) {
		Key key = new Key(chatId, userId);
		long now = this.clock.millis();
		Answer answer = this.remembered.get(key);
		if (answer != null && answer.until() > now) {
			return answer.role();
		}
		Role role;
		try {
			String status = this.lookup.status(chatId, userId);
			role = ("creator".equals(status) || "administrator".equals(status)) ? Role.ADMIN : Role.MEMBER;
		}
		catch (Exception ex) {
			logger.warn("Unable to check group admin chat={} user={} reason={}", chatId, userId,
					TelegramBot.oneLine(ex));
			return Role.UNKNOWN;
		}
		if (this.remembered.size() >= MAX_REMEMBERED) {
			this.remembered.values().removeIf((old) -> old.until() <= now);
			if (this.remembered.size() >= MAX_REMEMBERED) {
				this.remembered.clear();
			}
		}
		this.remembered.put(key, new Answer(role, now + this.ttl.toMillis()));
		return role;
	}

	private record Key(long chatId, long userId) {
	}

	private record Answer(Role role, long until) {
	}

}
