package policywatch.telegram;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import policywatch.admin.AdminConsole;
import policywatch.subscription.Chats;
import policywatch.subscription.SubscribeResult;
import policywatch.subscription.Subscription;
import policywatch.subscription.Subscriptions;

import static policywatch.delivery.TelegramHtmlEscaper.escape;

/**
 * The bot's commands. Takes a message, returns the reply as Telegram HTML (or {@code null} for
 * no reply). Admin commands are checked here, on the server, by user id.
 */
@Component
class ChatCommands {

	/** The commands shown in every chat's menu: name and description. */
	static final List<String[]> MENU = List.of(new String[] { "subscribe", "Watch for a keyword or phrase" },
			new String[] { "list", "Your subscriptions" }, new String[] { "unsubscribe", "Stop a subscription" },
			new String[] { "pause", "Pause all alerts" }, new String[] { "resume", "Resume alerts" },
			new String[] { "help", "How to use PolicyWatch" }, new String[] { "start", "Welcome" });

	/** The commands shown only to admins, in addition. */
	static final List<String[]> ADMIN_MENU = List.of(new String[] { "stats", "Feeds, subscribers and alerts (admin)" },
			new String[] { "feeds", "Health of each feed (admin)" },
			new String[] { "reload", "Reload feeds.yml and subscriptions.yml (admin)" },
			new String[] { "testfeed", "Test a feed URL and a query (admin)" });

	private static final String ADMIN_HELP = """


			Admin commands:
			/stats — feeds healthy and failing, subscribers, alerts sent, outbox backlog
			/feeds — each feed's last success, last error, failures and next poll
			/reload — apply edits to feeds.yml and subscriptions.yml now (they are also applied when saved)
			/testfeed <i>url</i> [<i>query</i>] — show a feed's latest entries and what the query would match""";

	private static final String HELP = """
			I watch policy news feeds and alert you when an article matches your keywords.

			/subscribe <i>query</i> — watch for a word or phrase, e.g. <code>/subscribe BRICS</code> or <code>/subscribe supply chain</code>
			/list — your subscriptions with their ids
			/unsubscribe <i>id</i> — stop one (the exact query text works too)
			/pause, /resume — hold or restart all alerts for this chat
			/help — this text

			Queries read the title and the whole article, ignoring case, on whole words: <code>BRICS</code> never matches “bricks”. Several words are a phrase that also matches plurals and hyphens (“supply chains”, “supply-chain”). You can combine: <code>"rare earth" export</code> (both), <code>tariffs OR duties</code>, <code>sanctions -russia</code>, <code>sanction*</code> (prefix), <code>"supply chain" NEAR/10 sanctions</code>, <code>title:BRICS</code>.""";

	private final Subscriptions subscriptions;

	private final Chats chats;

	private final AdminConsole admin;

	private final TelegramProperties properties;

	ChatCommands(Subscriptions subscriptions, Chats chats, AdminConsole admin, TelegramProperties properties) {
		this.subscriptions = subscriptions;
		this.chats = chats;
		this.admin = admin;
		this.properties = properties;
	}

	String handle(IncomingMessage message) {
		String text = message.text().strip();
		if (!text.startsWith("/")) {
			return message.isPrivate() ? "I only understand commands. " + shortHelp() : null;
		}
		int space = indexOfWhitespace(text);
		String command = text.substring(1, (space < 0) ? text.length() : space);
		int at = command.indexOf('@');
		if (at >= 0) {
			command = command.substring(0, at);
		}
		command = command.toLowerCase(Locale.ROOT);
		String argument = (space < 0) ? "" : text.substring(space + 1).strip();
		this.chats.seen(message.chatId(), message.chatType(), message.chatTitle());
		return switch (command) {
			case "start" -> "Welcome to <b>PolicyWatch</b>!\n\n" + help(message);
			case "help" -> help(message);
			case "subscribe" -> subscribe(message, argument);
			case "list" -> list(message);
			case "unsubscribe" -> unsubscribe(message, argument);
			case "pause" -> {
				this.chats.pause(message.chatId());
				yield "Paused: no alerts for this chat until you send /resume.";
			}
			case "resume" -> {
				this.chats.resume(message.chatId());
				yield "Resumed: alerts for new articles will arrive again.";
			}
			case "stats", "feeds", "reload", "testfeed" -> adminCommand(message, command, argument);
			default -> message.isPrivate() ? "I don't know that command. " + shortHelp() : null;
		};
	}

	private String help(IncomingMessage message) {
		return isAdmin(message) ? HELP + ADMIN_HELP : HELP;
	}

	/**
	 * An admin command: refused, with no data, unless the sender is in policywatch.telegram.admin-ids.
	 */
	private String adminCommand(IncomingMessage message, String command, String argument) {
		if (!isAdmin(message)) {
			return "Sorry, /" + command + " is only for the bot's admins.";
		}
		return switch (command) {
			case "stats" -> pre(this.admin.stats());
			case "feeds" -> pre(this.admin.feeds());
			case "reload" -> pre(this.admin.reload(message.userId()));
			case "testfeed" -> escape(this.admin.testFeed(message.chatId(), argument));
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
			return "Subscribed #" + created.subscription().id() + ": <code>" + escape(created.subscription().query())
					+ "</code>\nI read it as: <code>" + escape(created.understood()) + "</code>";
		}
		if (result instanceof SubscribeResult.Duplicate duplicate) {
			return "You already have this subscription: #" + duplicate.existing().id() + " <code>"
					+ escape(duplicate.existing().query()) + "</code>";
		}
		return "Not subscribed: " + escape(((SubscribeResult.Rejected) result).reason());
	}

	private String list(IncomingMessage message) {
		List<Subscription> list = this.subscriptions.list(message.chatId());
		if (list.isEmpty()) {
			return "No subscriptions yet. Try <code>/subscribe BRICS</code>.";
		}
		StringBuilder reply = new StringBuilder("Your subscriptions:\n");
		for (Subscription subscription : list) {
			reply.append("#").append(subscription.id()).append(" <code>").append(escape(subscription.query()))
				.append("</code>");
			if (Subscriptions.ORIGIN_CONFIG.equals(subscription.origin())) {
				reply.append(" (set by the admin)");
			}
			reply.append('\n');
		}
		boolean paused = this.chats.find(message.chatId()).map((chat) -> chat.paused()).orElse(false);
		if (paused) {
			reply.append("\nAlerts are paused; /resume to get them again.");
		}
		return reply.toString().strip();
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
		if (Subscriptions.ORIGIN_CONFIG.equals(subscription.origin())) {
			return "#" + subscription.id() + " was set by the admin and can't be removed here.";
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
