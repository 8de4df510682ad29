package policywatch.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.longpolling.util.LongPollingSingleThreadUpdateConsumer;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
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
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.scheduling.TaskScheduler;

import policywatch.delivery.SendResult;
import policywatch.delivery.TelegramPacer;
import policywatch.subscription.Chats;

/**
 * The bot's inbound side: long polling for updates, answering commands, following membership
 * changes. Replies go out through the delivery module's {@link TelegramPacer}, ahead of queued
 * alerts. Start-up never fails because Telegram is unreachable: registration is retried on the
 * bot's scheduler (a {@link RetryTemplate} with a growing delay, at most 5 minutes) until it
 * succeeds. Then the scheduler checks every few minutes that the Bot API answers
 * ({@code getMe}), for the health check.
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

	private final TelegramPacer pacer;

	private final TaskScheduler scheduler;

	private final RetryTemplate retry;

	private volatile TelegramBotsLongPollingApplication application;

	private volatile ScheduledFuture<?> connecting;

	private volatile ScheduledFuture<?> heartbeat;

	private volatile boolean running;

	private volatile String botName;

	private volatile String lastError;

	/** Inline button presses (set by Spring after construction, so that the bot's constructor stays as it is). */
	private volatile ButtonPresses buttons;

	@org.springframework.beans.factory.annotation.Autowired
	void setButtonPresses(ButtonPresses buttons) {
		this.buttons = buttons;
	}

	TelegramBot(TelegramProperties properties, TelegramClient client, OkHttpClient http, ChatCommands commands,
			Chats chats, TelegramStatus status, TelegramPacer pacer, TaskScheduler scheduler) {
		this.pacer = pacer;
		this.scheduler = scheduler;
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(Long.MAX_VALUE)
			.delay(Duration.ofSeconds(1))
			.multiplier(2)
			.maxDelay(MAX_RETRY)
			.predicate((ex) -> this.running)
			.build());
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
		this.connecting = this.scheduler.schedule(this::connect, this.scheduler.getClock().instant());
	}

	private void connect() {
		try {
			this.retry.execute(() -> {
				connectOnce();
				return null;
			});
		}
		catch (RetryException ex) {
			if (this.running) {
				logger.warn("Gave up starting the Telegram bot api={} reason={}", this.properties.apiUrl(),
						oneLine(ex));
			}
			return;
		}
		if (this.running) {
			this.heartbeat = this.scheduler.scheduleWithFixedDelay(this::heartbeat,
					this.scheduler.getClock().instant().plus(HEARTBEAT), HEARTBEAT);
		}
	}

	/**
	 * Registers long polling (once) and the command menus; a failure is retried by the caller.
	 */
	private void connectOnce() throws Exception {
		try {
			if (this.application == null) {
				User me = this.client.execute(new GetMe());
				this.status.succeeded();
				this.lastError = null;
				this.botName = me.getUserName();
				TelegramBotsLongPollingApplication app = new TelegramBotsLongPollingApplication(
						com.fasterxml.jackson.databind.ObjectMapper::new, () -> this.http);
				app.registerBot(this.properties.token(), () -> telegramUrl(this.properties.apiUrl()),
						new DefaultGetUpdatesGenerator(List.of("message", "channel_post", "my_chat_member", "callback_query")), this);
				this.application = app;
				logger.info("Telegram long polling started bot=@{} api={}", me.getUserName(), this.properties.apiUrl());
			}
			setCommands();
		}
		catch (Exception ex) {
			this.lastError = oneLine(ex);
			logger.warn("Unable to start Telegram bot api={} reason={}", this.properties.apiUrl(), oneLine(ex));
			throw ex;
		}
	}

	/**
	 * Asks the Bot API who the bot is every few minutes, so that the health check knows whether
	 * Telegram answers even when nobody writes to the bot and no alert is due.
	 */
	private void heartbeat() {
		if (!this.running) {
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
			if (update.hasCallbackQuery() && this.buttons != null) {
				this.buttons.handle(update.getCallbackQuery());
				return;
			}
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
			ChatCommands.Reply reply = this.commands.answer(new IncomingMessage(chat.getId(), chat.getType(), title, userId,
					message.getText(), this.botName, sentAsChat));
			if (reply != null) {
				send(chat.getId(), reply.html(), reply.keyboard());
			}
		}
		catch (Exception ex) {
			this.lastError = oneLine(ex);
			logger.warn("Unable to handle update update={} reason={}", update.getUpdateId(), oneLine(ex));
		}
	}

	/**
	 * Sends a reply (Telegram HTML) through the pacer, ahead of queued alerts.
	 */
	private void send(long chatId, String html, policywatch.delivery.Keyboard keyboard) {
		SendResult result = (keyboard != null) ? this.pacer.reply(chatId, html, keyboard) : this.pacer.reply(chatId, html);
		if (!(result instanceof SendResult.Sent)) {
			this.lastError = result.toString();
			logger.warn("Unable to reply chat={} result={}", chatId, result);
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
		for (ScheduledFuture<?> task : new ScheduledFuture<?>[] { this.connecting, this.heartbeat }) {
			if (task != null) {
				task.cancel(true);
			}
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
