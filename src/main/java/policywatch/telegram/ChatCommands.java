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

	/** The commands shown in every chat's menu: name and description. */
	static final List<String[]> MENU = List.of(new String[] { "subscribe", "Watch for a keyword or phrase" },
			new String[] { "list", "Your subscriptions" },
			new String[] { "recent", "Newest archived articles matching a query" }, new String[] { "unsubscribe", "Stop a subscription" },
			new String[] { "digest", "Digest instead of instant alerts" },
			new String[] { "quiet", "Quiet hours" }, new String[] { "mute", "Mute a subscription for a while" },
			new String[] { "timezone", "This chat's time zone" },
			new String[] { "pause", "Pause all alerts" }, new String[] { "resume", "Resume alerts" },
			new String[] { "help", "How to use PolicyWatch" }, new String[] { "start", "Welcome" });

	/** The commands shown only to admins, in addition. */
	static final List<String[]> ADMIN_MENU = List.of(new String[] { "stats", "Feeds, subscribers and alerts (admin)" },
			new String[] { "feeds", "Health of each feed (admin)" },
			new String[] { "reload", "Reload feeds.yml and subscriptions.yml (admin)" },
			new String[] { "testfeed", "Test a feed URL and a query (admin)" },
			new String[] { "testquery", "What a query would have matched this week (admin)" });

	private static final String ADMIN_HELP = """


			Admin commands:
			/stats — feeds healthy and failing, subscribers, alerts sent, outbox backlog
			/feeds — each feed's last success, last error, failures and next poll
			/reload — apply edits to feeds.yml and subscriptions.yml now (they are also applied when saved)
			/testfeed <i>url</i> [<i>query</i>] — show a feed's latest entries and what the query would match
			/testquery <i>query</i> — how many archived articles of the last 7 days the query matches, and the newest""";

	private static final String HELP = """
			I watch policy news feeds and alert you when an article matches your keywords.

			/subscribe <i>query</i> — watch for a word or phrase, e.g. <code>/subscribe BRICS</code> or <code>/subscribe supply chain</code>
			/recent <i>query</i> — the ten newest archived articles that match, e.g. <code>/recent BRICS</code>
			/list — your subscriptions with their ids (<code>/list 2</code> for the next page of a long list)
			/unsubscribe <i>id</i> — stop one (the exact query text works too)
			/digest <i>id</i> daily 08:00 — one message a day instead of instant alerts (also <code>hourly</code>, <code>weekly mon 08:00</code>, <code>off</code>)
			/quiet 22:00-07:00 — hold alerts at night and send them as one digest when the quiet hours end (<code>/quiet off</code>)
			/mute <i>id</i> 24h — silence one subscription for a while (<code>8h</code>, <code>7d</code>, <code>off</code>)
			/timezone Europe/Berlin — this chat's time zone, for alert times and digests
			/pause, /resume — hold or restart all alerts for this chat
			/help — this text

			In a group, only its admins can subscribe, unsubscribe, pause, resume or change digests, quiet hours, mutes and the time zone (by command or by button); everyone can /list.

			Queries read the title and the whole article, ignoring case, on whole words: <code>BRICS</code> never matches “bricks”. Several words are a phrase that also matches plurals and hyphens (“supply chains”, “supply-chain”). You can combine: <code>"rare earth" export</code> (both), <code>tariffs OR duties</code>, <code>sanctions -russia</code>, <code>sanction*</code> (prefix), <code>"supply chain" NEAR/10 sanctions</code>, <code>title:BRICS</code>.""";

	/** Commands that change what a chat receives: in groups only its admins may send them. */
	private static final Set<String> CHANGING = Set.of("subscribe", "unsubscribe", "pause", "resume", "digest", "mute");

	/** Commands that show a setting when sent alone and change it with an argument. */
	private static final Set<String> SHOW_OR_CHANGE = Set.of("timezone", "quiet");

	private static final Set<String> KNOWN = Set.of("start", "help", "subscribe", "list", "unsubscribe", "pause",
			"resume", "stats", "feeds", "reload", "testfeed", "recent", "testquery", "timezone", "digest", "quiet",
			"mute");

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

	@Autowired
	ChatCommands(Subscriptions subscriptions, Chats chats, AdminConsole admin, TelegramProperties properties,
			GroupAdmins groupAdmins, CommandThrottle throttle, ArchiveReplies archive, DeliveryCommands delivery) {
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
		switch (this.throttle.check(message.userId(), message.chatId(), isAdmin(message), message.isPrivate())) {
			case IGNORE:
				return null;
			case SLOW_DOWN:
				return "Slow down, please: that is a lot of messages at once. I will answer again shortly.";
			default:
				break;
		}
		if (!isCommand) {
			return "I only understand commands. " + shortHelp();
		}
		this.chats.seen(message.chatId(), message.chatType(), message.chatTitle());
		if (CHANGING.contains(command) || (SHOW_OR_CHANGE.contains(command) && !argument.isEmpty())) {
			String refused = refuseChange(message);
			if (refused != null) {
				return refused;
			}
		}
		return switch (command) {
			case "start" -> "Welcome to <b>PolicyWatch</b>!\n\n" + help(message);
			case "help" -> help(message);
			case "subscribe" -> subscribe(message, argument);
			case "list" -> list(message, argument);
			case "recent" -> this.archive.recent(argument, isAdmin(message));
			case "unsubscribe" -> unsubscribe(message, argument);
			case "pause" -> pause(message);
			case "resume" -> {
				this.chats.resume(message.chatId());
				yield "Resumed: alerts for new articles will arrive again.";
			}
			case "stats", "feeds", "reload", "testfeed", "testquery" -> adminCommand(message, command, argument);
			case "timezone", "digest", "quiet", "mute" -> (this.delivery != null)
					? this.delivery.handle(message.chatId(), command, argument) : "Not available.";
			default -> "I don't know that command. " + shortHelp();
		};
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
	private String refuseChange(IncomingMessage message) {
		if (!message.isGroup() || isAdmin(message) || message.sentAsChat()) {
			return null;
		}
		return refuseChange(message.chatId(), message.userId());
	}

	/**
	 * The group rule for a member of a group or channel (commands and buttons alike).
	 * @return the refusal, or {@code null} when the user may change the chat's subscriptions
	 */
	String refuseChange(long chatId, long userId) {
		if (this.properties.isAdmin(userId)) {
			return null;
		}
		return switch (this.groupAdmins.role(chatId, userId)) {
			case ADMIN -> null;
			case MEMBER -> "Only this group's admins can change its subscriptions or pause its alerts.";
			case UNKNOWN -> "I could not check with Telegram whether you are an admin of this group. Please try again in a minute.";
		};
	}

	private String pause(IncomingMessage message) {
		List<Subscription> managed = this.subscriptions.list(message.chatId())
			.stream()
			.filter(ChatCommands::setByAdmin)
			.toList();
		if (!managed.isEmpty()) {
			return "Not paused: this chat receives " + ((managed.size() == 1) ? "a subscription" : "subscriptions")
					+ " that the bot's admin manages (" + ids(managed)
					+ "), which can't be paused from the chat. Ask the admin, or /unsubscribe your own ones.";
		}
		this.chats.pause(message.chatId());
		return "Paused: no alerts for this chat until you send /resume.";
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

	private String help(IncomingMessage message) {
		return (isAdmin(message) && message.isPrivate()) ? HELP + ADMIN_HELP : HELP;
	}

	/**
	 * An admin command: refused, with no data, unless the sender is in policywatch.telegram.admin-ids; answered
	 * only in a private chat, so that nothing about the feeds reaches a group's members.
	 */
	private String adminCommand(IncomingMessage message, String command, String argument) {
		if (!isAdmin(message)) {
			return "Sorry, /" + command + " is only for the bot's admins.";
		}
		if (!message.isPrivate()) {
			return "Admin commands answer only in a private chat with me, so that nothing reaches this chat's "
					+ "members: send /" + command + " to me directly.";
		}
		return switch (command) {
			case "stats" -> pre(this.admin.stats());
			case "feeds" -> pre(this.admin.feeds());
			case "reload" -> pre(this.admin.reload(message.userId()));
			case "testfeed" -> escape(this.admin.testFeed(message.chatId(), argument));
			case "testquery" -> this.archive.testQuery(argument);
			default -> throw new IllegalArgumentException(command);
		};
	}

	private static String pre(String text) {
		return "<pre>" + escape(text) + "</pre>";
	}

	private String subscribe(IncomingMessage message, String query) {
		SubscribeResult result = this.subscriptions.subscribe(message.chatId(), message.userId(), query,
				isAdmin(message));
		if (result instanceof SubscribeResult.Created created) {
			if (this.delivery != null) {
				this.keyboard.set(this.delivery.subscribeButtons(message.chatId(), created.subscription().id()));
			}
			return "Subscribed #" + created.subscription().id() + ": <code>" + escape(created.subscription().query())
					+ "</code>\nI read it as: <code>" + escape(created.understood()) + "</code>"
					+ ((this.archive != null)
							? Objects.requireNonNullElse(this.archive.preview(created.subscription().query()), "") : "");
		}
		if (result instanceof SubscribeResult.Duplicate duplicate) {
			return "You already have this subscription: #" + duplicate.existing().id() + " <code>"
					+ escape(duplicate.existing().query()) + "</code>";
		}
		return "Not subscribed: " + escape(((SubscribeResult.Rejected) result).reason());
	}

	/**
	 * {@code /list [page]}: the chat's subscriptions, in pages that each fit one Telegram message.
	 */
	private String list(IncomingMessage message, String argument) {
		List<Subscription> list = this.subscriptions.list(message.chatId());
		if (list.isEmpty()) {
			return "No subscriptions yet. Try <code>/subscribe BRICS</code>.";
		}
		boolean paused = this.chats.find(message.chatId()).map((chat) -> chat.paused()).orElse(false);
		String pausedNote = paused ? "\nAlerts are paused; /resume to get them again." : "";
		java.util.Map<Long, policywatch.delivery.DeliveryPreferences.Mode> modes = (this.delivery != null)
				? this.delivery.modes(list) : java.util.Map.of();
		java.time.ZoneId zone = (this.delivery != null) ? this.delivery.zone(message.chatId()) : null;
		List<List<String>> pages = new ArrayList<>();
		List<String> page = new ArrayList<>();
		int visible = 0;
		// each page leaves room for the header, the note and the page footer
		int budget = MAX_REPLY_CHARS - 200;
		for (Subscription subscription : list) {
			String suffix = setByAdmin(subscription) ? " (set by the admin)" : "";
			if (this.delivery != null) {
				suffix += this.delivery.describe(message.chatId(), subscription,
						modes.getOrDefault(subscription.id(), policywatch.delivery.DeliveryPreferences.Mode.INSTANT), zone);
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
		StringBuilder reply = new StringBuilder("Your subscriptions");
		if (pages.size() > 1) {
			reply.append(" (page ").append(number).append(" of ").append(pages.size()).append(")");
		}
		reply.append(":\n");
		pages.get(number - 1).forEach((line) -> reply.append(line).append('\n'));
		if (number < pages.size()) {
			reply.append("\nMore: /list ").append(number + 1).append('\n');
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

	private String unsubscribe(IncomingMessage message, String argument) {
		if (argument.isEmpty()) {
			return "Which one? Send <code>/unsubscribe 12</code> with an id from /list.";
		}
		Optional<Subscription> removed = this.subscriptions.unsubscribe(message.chatId(), argument);
		if (removed.isEmpty()) {
			return "This chat has no subscription " + escape(argument) + ". /list shows them.";
		}
		Subscription subscription = removed.get();
		if (setByAdmin(subscription)) {
			return "#" + subscription.id() + " is managed by the bot's admin and can't be removed from the chat.";
		}
		return "Unsubscribed #" + subscription.id() + ": <code>" + escape(subscription.query()) + "</code>";
	}

	private boolean isAdmin(IncomingMessage message) {
		return this.properties.isAdmin(message.userId());
	}

	private static String shortHelp() {
		return "Try /subscribe <i>keyword</i>, /list or /help.";
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
