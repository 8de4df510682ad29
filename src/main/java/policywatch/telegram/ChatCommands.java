package policywatch.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import policywatch.admin.AdminConsole;
import policywatch.subscription.Chats;
import policywatch.subscription.SubscribeResult;
import policywatch.subscription.Subscription;
import policywatch.subscription.Subscriptions;

import static policywatch.delivery.TelegramHtmlEscaper.escape;

/**
 * The bot's commands. Takes a message, returns the reply as Telegram HTML (or {@code null} for
 * no reply). Admin commands are checked here, on the server, by user id, and answer only in
 * private chats. In groups only the group's creator and administrators (and the bot's admins)
 * may change subscriptions or pause alerts; commands addressed to another bot are ignored.
 * Commands are throttled per user and per chat.
 */
@Component
class ChatCommands {

	/** The commands shown in every chat's menu, in order; descriptions under {@code bot.menu.<name>}. */
	static final List<String> MENU = List.of("subscribe", "list", "recent", "unsubscribe", "digest", "quiet", "mute",
			"timezone", "language", "pause", "resume", "help", "start");

	/** The commands shown only to admins, in addition. */
	static final List<String> ADMIN_MENU = List.of("stats", "feeds", "reload", "testfeed", "testquery");

	/** Commands that change what a chat receives: in groups only its admins may send them. */
	private static final Set<String> CHANGING = Set.of("subscribe", "unsubscribe", "pause", "resume", "digest", "mute");

	/** Commands that show a setting when sent alone and change it with an argument. */
	private static final Set<String> SHOW_OR_CHANGE = Set.of("timezone", "quiet", "language");

	private static final Set<String> KNOWN = Set.of("start", "help", "subscribe", "list", "unsubscribe", "pause",
			"resume", "stats", "feeds", "reload", "testfeed", "recent", "testquery", "timezone", "digest", "quiet",
			"mute", "language");

	/** The most characters of a reply that Telegram shows (4096), less a margin. */
	static final int MAX_REPLY_CHARS = 3800;

	private final Subscriptions subscriptions;

	private final Chats chats;

	private final AdminConsole admin;

	private final TelegramProperties properties;

	private final GroupAdmins groupAdmins;

	private final CommandThrottle throttle;

	private final ArchiveReplies archive;

	private final DeliveryCommands delivery;

	private final BotText text;

	@Autowired
	ChatCommands(Subscriptions subscriptions, Chats chats, AdminConsole admin, TelegramProperties properties,
			GroupAdmins groupAdmins, CommandThrottle throttle, ArchiveReplies archive, DeliveryCommands delivery,
			BotText text) {
		this.text = text;
		this.archive = archive;
		this.delivery = delivery;
		this.subscriptions = subscriptions;
		this.chats = chats;
		this.admin = admin;
		this.properties = properties;
		this.groupAdmins = groupAdmins;
		this.throttle = throttle;
	}

	/**
	 * A reply with an optional inline keyboard.
	 *
	 * @param html the reply, Telegram HTML
	 * @param keyboard its buttons, or {@code null}
	 */
	record Reply(String html, policywatch.delivery.Keyboard keyboard) {
	}

	/** The keyboard the command being handled on this thread attached to its reply. */
	private final ThreadLocal<policywatch.delivery.Keyboard> keyboard = new ThreadLocal<>();

	/**
	 * Like {@link #handle}, with the buttons the reply carries (after /subscribe: Instant · Daily
	 * digest · Weekly digest).
	 * @return the reply, or {@code null} for none
	 */
	Reply answer(IncomingMessage message) {
		this.keyboard.remove();
		try {
			String html = handle(message);
			return (html != null) ? new Reply(html, this.keyboard.get()) : null;
		}
		finally {
			this.keyboard.remove();
		}
	}

	String handle(IncomingMessage message) {
		String text = message.text().strip();
		boolean isCommand = text.startsWith("/");
		if (!isCommand && !message.isPrivate()) {
			return null;
		}
		String command = "";
		String argument = "";
		if (isCommand) {
			int space = indexOfWhitespace(text);
			command = text.substring(1, (space < 0) ? text.length() : space);
			int at = command.indexOf('@');
			if (at >= 0) {
				if (!addressedToUs(command.substring(at + 1), message.botUsername())) {
					return null;
				}
				command = command.substring(0, at);
			}
			command = command.toLowerCase(Locale.ROOT);
			argument = (space < 0) ? "" : text.substring(space + 1).strip();
			if (!KNOWN.contains(command) && !message.isPrivate()) {
				return null;
			}
		}
		CommandThrottle.Verdict verdict = this.throttle.check(message.userId(), message.chatId(), isAdmin(message),
				message.isPrivate());
		if (verdict == CommandThrottle.Verdict.IGNORE) {
			return null;
		}
		Locale locale = this.text.reported(message.chatId(), message.languageCode());
		if (verdict == CommandThrottle.Verdict.SLOW_DOWN) {
			return this.text.get(locale, "bot.throttled");
		}
		if (!isCommand) {
			return this.text.get(locale, "bot.onlyCommands") + " " + shortHelp(locale);
		}
		this.chats.seen(message.chatId(), message.chatType(), message.chatTitle());
		if (CHANGING.contains(command) || (SHOW_OR_CHANGE.contains(command) && !argument.isEmpty())) {
			String refused = refuseChange(message, locale);
			if (refused != null) {
				return refused;
			}
		}
		return switch (command) {
			case "start" -> this.text.get(locale, "bot.start") + "\n\n" + help(message, locale);
			case "help" -> help(message, locale);
			case "subscribe" -> subscribe(message, argument, locale);
			case "list" -> list(message, argument, locale);
			case "recent" -> this.archive.recent(argument, isAdmin(message), locale);
			case "unsubscribe" -> unsubscribe(message, argument, locale);
			case "pause" -> pause(message, locale);
			case "resume" -> {
				this.chats.resume(message.chatId());
				yield this.text.get(locale, "bot.resumed");
			}
			case "language" -> language(message.chatId(), argument, locale);
			case "stats", "feeds", "reload", "testfeed", "testquery" -> adminCommand(message, command, argument, locale);
			case "timezone", "digest", "quiet", "mute" -> (this.delivery != null)
					? this.delivery.handle(message.chatId(), command, argument, locale)
					: this.text.get(locale, "bot.notAvailable");
			default -> this.text.get(locale, "bot.unknownCommand") + " " + shortHelp(locale);
		};
	}

	/**
	 * {@code /language}: shows the chat's language and the choices; {@code /language ru} sets it, {@code auto}
	 * (or {@code reset}) goes back to the language Telegram reports.
	 */
	private String language(long chatId, String argument, Locale locale) {
		if (argument.isEmpty()) {
			boolean chosen = this.text.chosen(chatId) != null;
			return this.text.get(locale, "bot.language.show", this.text.get(locale, "bot.language.name"),
					this.text.get(locale, chosen ? "bot.language.fromChoice" : "bot.language.fromTelegram"), choices());
		}
		String code = argument.strip();
		if (code.equalsIgnoreCase("auto") || code.equalsIgnoreCase("reset")) {
			this.text.choose(chatId, null);
			Locale now = this.text.locale(chatId);
			return this.text.get(now, "bot.language.auto", this.text.get(now, "bot.language.name"));
		}
		Locale wanted = policywatch.text.Languages.supported(code);
		if (wanted == null) {
			return this.text.get(locale, "bot.language.unknown", escape(policywatch.text.Texts.truncate(code, 32)),
					choices());
		}
		this.text.choose(chatId, wanted);
		return this.text.get(wanted, "bot.language.set", this.text.get(wanted, "bot.language.name"));
	}

	/**
	 * @return each language as {@code /language xx} and its own name
	 */
	private String choices() {
		List<String> choices = new ArrayList<>();
		for (Locale language : policywatch.text.Languages.SUPPORTED) {
			choices.add("<code>/language " + language.getLanguage() + "</code> "
					+ this.text.get(language, "bot.language.name"));
		}
		return String.join(", ", choices);
	}

	/**
	 * {@code /cmd@name}: whether {@code name} is this bot (user names compare ignoring case). Before the bot
	 * knows its name every mention is taken as its own.
	 */
	private static boolean addressedToUs(String mentioned, String botUsername) {
		return botUsername == null || mentioned.equalsIgnoreCase(botUsername);
	}

	/**
	 * In a group only its creator and administrators (and the bot's admins) may change what it receives.
	 * @return the refusal, or {@code null} when the sender may
	 */
	private String refuseChange(IncomingMessage message, Locale locale) {
		if (!message.isGroup() || isAdmin(message) || message.sentAsChat()) {
			return null;
		}
		return refuseChange(message.chatId(), message.userId(), locale);
	}

	/**
	 * The group rule for a member of a group or channel (commands and buttons alike).
	 * @return the refusal, or {@code null} when the user may change the chat's subscriptions
	 */
	String refuseChange(long chatId, long userId, Locale locale) {
		if (this.properties.isAdmin(userId)) {
			return null;
		}
		return switch (this.groupAdmins.role(chatId, userId)) {
			case ADMIN -> null;
			case MEMBER -> this.text.get(locale, "bot.group.adminsOnly");
			case UNKNOWN -> this.text.get(locale, "bot.group.unknown");
		};
	}

	private String pause(IncomingMessage message, Locale locale) {
		List<Subscription> managed = this.subscriptions.list(message.chatId())
			.stream()
			.filter(ChatCommands::setByAdmin)
			.toList();
		if (!managed.isEmpty()) {
			return this.text.get(locale, (managed.size() == 1) ? "bot.pause.managedOne" : "bot.pause.managedMany",
					ids(managed));
		}
		this.chats.pause(message.chatId());
		return this.text.get(locale, "bot.paused");
	}

	private static String ids(List<Subscription> subscriptions) {
		StringBuilder ids = new StringBuilder();
		for (Subscription subscription : subscriptions) {
			ids.append((ids.length() > 0) ? ", #" : "#").append(subscription.id());
			if (ids.length() > 200) {
				return ids.append(", …").toString();
			}
		}
		return ids.toString();
	}

	private static boolean setByAdmin(Subscription subscription) {
		return Subscriptions.ORIGIN_CONFIG.equals(subscription.origin());
	}

	private String help(IncomingMessage message, Locale locale) {
		String help = this.text.get(locale, "bot.help");
		return (isAdmin(message) && message.isPrivate()) ? help + "\n\n" + this.text.get(locale, "bot.help.admin") : help;
	}

	/**
	 * An admin command: refused, with no data, unless the sender is in policywatch.telegram.admin-ids; answered
	 * only in a private chat, so that nothing about the feeds reaches a group's members.
	 */
	private String adminCommand(IncomingMessage message, String command, String argument, Locale locale) {
		if (!isAdmin(message)) {
			return this.text.get(locale, "bot.admin.only", command);
		}
		if (!message.isPrivate()) {
			return this.text.get(locale, "bot.admin.privateOnly", command);
		}
		return switch (command) {
			case "stats" -> pre(this.admin.stats(locale));
			case "feeds" -> pre(this.admin.feeds(locale));
			case "reload" -> pre(this.admin.reload(message.userId(), locale));
			case "testfeed" -> escape(this.admin.testFeed(message.chatId(), argument, locale));
			case "testquery" -> this.archive.testQuery(argument, locale);
			default -> throw new IllegalArgumentException(command);
		};
	}

	private static String pre(String text) {
		return "<pre>" + escape(text) + "</pre>";
	}

	private String subscribe(IncomingMessage message, String query, Locale locale) {
		String problem = (this.archive != null) ? this.archive.problem(query, isAdmin(message), locale) : null;
		if (problem != null) {
			return this.text.get(locale, "bot.subscribe.rejected", escape(problem));
		}
		SubscribeResult result = this.subscriptions.subscribe(message.chatId(), message.userId(), query,
				isAdmin(message));
		if (result instanceof SubscribeResult.Created created) {
			if (this.delivery != null) {
				this.keyboard.set(this.delivery.subscribeButtons(message.chatId(), created.subscription().id()));
			}
			return this.text.get(locale, "bot.subscribe.created", created.subscription().id(),
					escape(created.subscription().query()), escape(created.understood()))
					+ ((this.archive != null)
							? Objects.requireNonNullElse(this.archive.preview(created.subscription().query(), locale), "")
							: "");
		}
		if (result instanceof SubscribeResult.Duplicate duplicate) {
			return this.text.get(locale, "bot.subscribe.duplicate", duplicate.existing().id(),
					escape(duplicate.existing().query()));
		}
		return this.text.get(locale, "bot.subscribe.rejected",
				escape(SubscribeReasons.translate(this.text, locale, ((SubscribeResult.Rejected) result).reason())));
	}

	/**
	 * {@code /list [page]}: the chat's subscriptions, in pages that each fit one Telegram message.
	 */
	private String list(IncomingMessage message, String argument, Locale locale) {
		List<Subscription> list = this.subscriptions.list(message.chatId());
		if (list.isEmpty()) {
			return this.text.get(locale, "bot.list.empty");
		}
		boolean paused = this.chats.find(message.chatId()).map((chat) -> chat.paused()).orElse(false);
		String pausedNote = paused ? "\n" + this.text.get(locale, "bot.list.paused") : "";
		java.util.Map<Long, policywatch.delivery.DeliveryPreferences.Mode> modes = (this.delivery != null)
				? this.delivery.modes(list) : java.util.Map.of();
		java.time.ZoneId zone = (this.delivery != null) ? this.delivery.zone(message.chatId()) : null;
		String byAdmin = this.text.get(locale, "bot.list.byAdmin");
		List<List<String>> pages = new ArrayList<>();
		List<String> page = new ArrayList<>();
		int visible = 0;
		// each page leaves room for the header, the note and the page footer
		int budget = MAX_REPLY_CHARS - 200;
		for (Subscription subscription : list) {
			String suffix = setByAdmin(subscription) ? byAdmin : "";
			if (this.delivery != null) {
				suffix += this.delivery.describe(message.chatId(), subscription,
						modes.getOrDefault(subscription.id(), policywatch.delivery.DeliveryPreferences.Mode.INSTANT), zone,
						locale);
			}
			String line = "#" + subscription.id() + " <code>" + escape(subscription.query()) + "</code>" + suffix;
			// what Telegram counts: the text once the markup is read
			int length = ("#" + subscription.id() + " " + subscription.query() + suffix).length();
			if (!page.isEmpty() && visible + length + 1 > budget) {
				pages.add(page);
				page = new ArrayList<>();
				visible = 0;
			}
			page.add(line);
			visible += length + 1;
		}
		pages.add(page);
		int number = pageNumber(argument, pages.size());
		StringBuilder reply = new StringBuilder((pages.size() > 1)
				? this.text.get(locale, "bot.list.titlePage", number, pages.size()) : this.text.get(locale, "bot.list.title"));
		reply.append('\n');
		pages.get(number - 1).forEach((line) -> reply.append(line).append('\n'));
		if (number < pages.size()) {
			reply.append('\n').append(this.text.get(locale, "bot.list.more", number + 1)).append('\n');
		}
		reply.append(pausedNote);
		return reply.toString().strip();
	}

	private static int pageNumber(String argument, int pages) {
		if (argument.isEmpty() || argument.length() > 6 || !argument.chars().allMatch(Character::isDigit)) {
			return 1;
		}
		return Math.max(1, Math.min(pages, Integer.parseInt(argument)));
	}

	private String unsubscribe(IncomingMessage message, String argument, Locale locale) {
		if (argument.isEmpty()) {
			return this.text.get(locale, "bot.unsubscribe.which");
		}
		Optional<Subscription> removed = this.subscriptions.unsubscribe(message.chatId(), argument);
		if (removed.isEmpty()) {
			return this.text.get(locale, "bot.noSubscription", escape(argument));
		}
		Subscription subscription = removed.get();
		if (setByAdmin(subscription)) {
			return this.text.get(locale, "bot.managed.remove", subscription.id());
		}
		return this.text.get(locale, "bot.unsubscribe.done", subscription.id(), escape(subscription.query()));
	}

	private boolean isAdmin(IncomingMessage message) {
		return this.properties.isAdmin(message.userId());
	}

	private String shortHelp(Locale locale) {
		return this.text.get(locale, "bot.shortHelp");
	}

	private static int indexOfWhitespace(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

}
