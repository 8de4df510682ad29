package policywatch.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.longpolling.util.LongPollingSingleThreadUpdateConsumer;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import org.springframework.context.SmartLifecycle;

import policywatch.subscription.Chats;

/**
 * The bot's inbound side: long polling for updates, answering commands, following membership
 * changes. Start-up never fails because Telegram is unreachable: registration is retried in the
 * background until it succeeds. Then the same thread checks every few minutes that the Bot API
 * answers ({@code getMe}), for the health check.
 */
final class TelegramBot implements SmartLifecycle, LongPollingSingleThreadUpdateConsumer {

	private static final Logger logger = LoggerFactory.getLogger(TelegramBot.class);

	private static final Duration MAX_RETRY = Duration.ofMinutes(5);

	/** How often the bot checks that the Bot API answers (getMe), for the health check. */
	static final Duration HEARTBEAT = Duration.ofMinutes(5);

	private final TelegramProperties properties;

	private final TelegramClient client;

	private final OkHttpClient http;

	private final ChatCommands commands;

	private final Chats chats;

	private final TelegramStatus status;

	private volatile TelegramBotsLongPollingApplication application;

	private volatile Thread starter;

	private volatile boolean running;

	private volatile String botName;

	private volatile String lastError;

	TelegramBot(TelegramProperties properties, TelegramClient client, OkHttpClient http, ChatCommands commands,
			Chats chats, TelegramStatus status) {
		this.properties = properties;
		this.client = client;
		this.http = http;
		this.commands = commands;
		this.chats = chats;
		this.status = status;
	}

	static TelegramUrl telegramUrl(URI apiUrl) {
		String scheme = (apiUrl.getScheme() != null) ? apiUrl.getScheme() : "https";
		int port = (apiUrl.getPort() > 0) ? apiUrl.getPort() : ("http".equals(scheme) ? 80 : 443);
		return TelegramUrl.builder().schema(scheme).host(apiUrl.getHost()).port(port).build();
	}

	@Override
	public void start() {
		this.running = true;
		Thread thread = new Thread(this::connect, "telegram-connect");
		thread.setDaemon(true);
		this.starter = thread;
		thread.start();
	}

	private void connect() {
		Duration wait = Duration.ofSeconds(1);
		boolean registered = false;
		boolean commandsSet = false;
		while (this.running && !(registered && commandsSet)) {
			try {
				if (!registered) {
					User me = this.client.execute(new GetMe());
					this.status.succeeded();
					this.lastError = null;
					this.botName = me.getUserName();
					TelegramBotsLongPollingApplication app = new TelegramBotsLongPollingApplication(
							com.fasterxml.jackson.databind.ObjectMapper::new, () -> this.http);
					app.registerBot(this.properties.token(), () -> telegramUrl(this.properties.apiUrl()),
							new DefaultGetUpdatesGenerator(List.of("message", "channel_post", "my_chat_member")), this);
					this.application = app;
					registered = true;
					logger.info("Telegram long polling started bot=@{} api={}", me.getUserName(),
							this.properties.apiUrl());
				}
				setCommands();
				commandsSet = true;
			}
			catch (Exception ex) {
				this.lastError = oneLine(ex);
				logger.warn("Unable to start Telegram bot api={} retryIn={}s reason={}", this.properties.apiUrl(),
						wait.toSeconds(), oneLine(ex));
				LockSupport.parkNanos(wait.toNanos());
				wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
			}
		}
		heartbeat();
	}

	/**
	 * Asks the Bot API who the bot is every few minutes, so that the health check knows whether
	 * Telegram answers even when nobody writes to the bot and no alert is due.
	 */
	private void heartbeat() {
		while (this.running) {
			LockSupport.parkNanos(HEARTBEAT.toNanos());
			if (!this.running || Thread.currentThread().isInterrupted()) {
				return;
			}
			try {
				this.client.execute(new GetMe());
				this.status.succeeded();
				this.lastError = null;
			}
			catch (Exception ex) {
				this.lastError = oneLine(ex);
				logger.warn("Telegram Bot API did not answer api={} reason={}", this.properties.apiUrl(), oneLine(ex));
			}
		}
	}

	private void setCommands() throws Exception {
		List<BotCommand> menu = new ArrayList<>();
		ChatCommands.MENU.forEach((command) -> menu.add(new BotCommand(command[0], command[1])));
		this.client.execute(SetMyCommands.builder().commands(menu).scope(new BotCommandScopeDefault()).build());
		List<BotCommand> adminMenu = new ArrayList<>(menu);
		ChatCommands.ADMIN_MENU.forEach((command) -> adminMenu.add(new BotCommand(command[0], command[1])));
		for (Long admin : this.properties.adminIds()) {
			this.client.execute(SetMyCommands.builder()
				.commands(adminMenu)
				.scope(BotCommandScopeChat.builder().chatId(admin).build())
				.build());
		}
	}

	@Override
	public void consume(Update update) {
		this.status.succeeded();
		try {
			if (update.hasMyChatMember()) {
				membershipChanged(update.getMyChatMember());
				return;
			}
			Message message = update.hasMessage() ? update.getMessage()
					: update.hasChannelPost() ? update.getChannelPost() : null;
			if (message == null || !message.hasText()) {
				return;
			}
			Chat chat = message.getChat();
			long userId = (message.getFrom() != null) ? message.getFrom().getId() : 0;
			String title = (chat.getTitle() != null) ? chat.getTitle()
					: (message.getFrom() != null) ? message.getFrom().getUserName() : null;
			boolean sentAsChat = message.getSenderChat() != null && chat.getId().equals(message.getSenderChat().getId());
			String reply = this.commands.handle(new IncomingMessage(chat.getId(), chat.getType(), title, userId,
					message.getText(), this.botName, sentAsChat));
			if (reply != null) {
				this.client.execute(SendMessage.builder().chatId(chat.getId()).text(reply).parseMode("HTML").build());
				this.status.succeeded();
			}
		}
		catch (Exception ex) {
			this.lastError = oneLine(ex);
			logger.warn("Unable to handle update update={} reason={}", update.getUpdateId(), oneLine(ex));
		}
	}

	private void membershipChanged(ChatMemberUpdated change) {
		String status = change.getNewChatMember().getStatus();
		long chatId = change.getChat().getId();
		if ("kicked".equals(status) || "left".equals(status)) {
			if (this.chats.deactivate(chatId)) {
				logger.info("Bot removed from chat, deactivated chat={} status={}", chatId, status);
			}
		}
		else {
			this.chats.seen(chatId, change.getChat().getType(), change.getChat().getTitle());
		}
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.starter;
		if (thread != null) {
			thread.interrupt();
		}
		TelegramBotsLongPollingApplication app = this.application;
		if (app != null) {
			try {
				app.close();
			}
			catch (Exception ex) {
				logger.debug("Unable to stop long polling cleanly", ex);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The bot's user name once the Bot API answered, else {@code null}.
	 */
	String botName() {
		return this.botName;
	}

	/**
	 * The last error talking to the Bot API (start-up, heartbeat or a reply), else {@code null}.
	 */
	String lastError() {
		return this.lastError;
	}

	/**
	 * Whether long polling is registered with the Bot API.
	 */
	boolean connected() {
		return this.application != null;
	}

	static String oneLine(Exception ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return message.replace('\n', ' ');
	}

}
