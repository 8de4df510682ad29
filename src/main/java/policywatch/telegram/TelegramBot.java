package policywatch.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.util.LongPollingSingleThreadUpdateConsumer;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.description.SetMyDescription;
import org.telegram.telegrambots.meta.api.methods.description.SetMyShortDescription;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
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

import policywatch.cluster.SenderLease;
import policywatch.delivery.SendResult;
import policywatch.delivery.TelegramPacer;
import policywatch.subscription.Chats;
import policywatch.text.Languages;

/**
 * The bot's inbound side: receiving updates, answering commands, following membership changes.
 * Replies go out through the delivery module's {@link TelegramPacer}, ahead of queued alerts.
 * Start-up never fails because Telegram is unreachable: registration is retried on the bot's
 * scheduler (a {@link RetryTemplate} with a growing delay, at most 5 minutes) until it succeeds.
 * Then the scheduler checks every few minutes that the Bot API answers ({@code getMe}), for the
 * health check.
 * <p>
 * Updates arrive one of two ways:
 * <ul>
 * <li>long polling (the default), on the node holding the {@link SenderLease} only: a
 * {@code getUpdates} call starts only while the lease has more than the call's timeout to run, so
 * it ends before another node could take the lease and poll: never two pollers, never a 409;</li>
 * <li>webhook mode ({@link WebhookProperties}): registration calls {@code setWebhook} with the
 * secret, and {@link TelegramWebhook} hands the calls to {@link #receive} on whichever node gets
 * them.</li>
 * </ul>
 * Either way, an update is handled once ({@link UpdateLog}).
 */
final class TelegramBot implements SmartLifecycle, LongPollingSingleThreadUpdateConsumer {

	private static final Logger logger = LoggerFactory.getLogger(TelegramBot.class);

	private static final Duration MAX_RETRY = Duration.ofMinutes(5);

	/** How often the bot checks that the Bot API answers (getMe), for the health check. */
	static final Duration HEARTBEAT = Duration.ofMinutes(5);

	/** The long poll's timeout: Telegram answers at once when there are updates, else after this. */
	static final int POLL_TIMEOUT_SECONDS = 4;

	/** A long poll starts only while the lease has this much left: it ends before the lease could pass. */
	static final Duration POLL_NEEDS_LEASE = Duration.ofSeconds(POLL_TIMEOUT_SECONDS + 1);

	private static final Duration POLL_DELAY = Duration.ofMillis(100);

	/** Update kinds the bot asks for. */
	static final List<String> ALLOWED_UPDATES = List.of("message", "channel_post", "my_chat_member", "callback_query");

	private final TelegramProperties properties;

	private final TelegramClient client;

	private final ChatCommands commands;

	private final Chats chats;

	private final TelegramStatus status;

	private final TelegramPacer pacer;

	private final TaskScheduler scheduler;

	private final RetryTemplate retry;

	private final SenderLease lease;

	private final WebhookProperties webhook;

	private final UpdateLog updates;

	/** Held during each long poll: one at a time. */
	private final ReentrantLock polling = new ReentrantLock();

	private volatile boolean registered;

	private volatile boolean polls;

	private volatile ScheduledFuture<?> poller;

	private volatile ScheduledFuture<?> connecting;

	private volatile ScheduledFuture<?> pruning;

	// Only the poll task
	private int offset;

	private int pollFailures;

	private long pollPausedUntil;

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

	/** The menus' and descriptions' texts in each language (set by Spring after construction, like the buttons). */
	private volatile BotText text;

	@org.springframework.beans.factory.annotation.Autowired
	void setBotText(BotText text) {
		this.text = text;
	}

	TelegramBot(TelegramProperties properties, TelegramClient client, ChatCommands commands, Chats chats,
			TelegramStatus status, TelegramPacer pacer, TaskScheduler scheduler, SenderLease lease,
			WebhookProperties webhook, UpdateLog updates) {
		this.lease = lease;
		this.webhook = webhook;
		this.updates = updates;
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
			this.pruning = this.scheduler.scheduleWithFixedDelay(this::prune,
					this.scheduler.getClock().instant().plus(Duration.ofMinutes(1)), Duration.ofHours(1));
			if (!this.webhook.enabled()) {
				this.poller = this.scheduler.scheduleWithFixedDelay(this::poll, POLL_DELAY);
			}
		}
	}

	/**
	 * Registers the bot (once): who it is, how it receives updates (webhook, or none so that long
	 * polling may run) and the command menus; a failure is retried by the caller.
	 */
	private void connectOnce() throws Exception {
		try {
			if (!this.registered) {
				User me = this.client.execute(new GetMe());
				this.status.succeeded();
				this.lastError = null;
				this.botName = me.getUserName();
				if (this.webhook.enabled()) {
					this.client.execute(SetWebhook.builder()
						.url(this.webhook.url().toString())
						.secretToken(this.webhook.secret())
						.allowedUpdates(ALLOWED_UPDATES)
						.build());
					logger.info("Telegram webhook set bot=@{} url={} path={}", me.getUserName(), this.webhook.url(),
							this.webhook.path());
				}
				else {
					// Back from webhook mode: Telegram refuses getUpdates while a webhook is set.
					this.client.execute(new DeleteWebhook());
					logger.info("Telegram long polling on the sending node bot=@{} api={} node={}", me.getUserName(),
							this.properties.apiUrl(), this.lease.nodeId());
				}
				this.registered = true;
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

	/**
	 * One long poll, on the node holding the lease, when the lease has long enough to run.
	 */
	private void poll() {
		if (!this.running || !this.registered) {
			return;
		}
		if (this.lease.remaining().compareTo(POLL_NEEDS_LEASE) < 0) {
			if (this.polls) {
				this.polls = false;
				logger.info("Telegram long polling stopped, this node does not hold the sender lease node={}",
						this.lease.nodeId());
			}
			return;
		}
		long now = System.nanoTime();
		if (this.pollFailures > 0 && now - this.pollPausedUntil < 0) {
			return;
		}
		if (!this.polling.tryLock()) {
			return;
		}
		try {
			if (!this.running) {
				return;
			}
			if (!this.polls) {
				this.polls = true;
				logger.info("Telegram long polling started bot=@{} node={}", this.botName, this.lease.nodeId());
			}
			List<Update> received = this.client.execute(GetUpdates.builder()
				.offset(this.offset)
				.timeout(POLL_TIMEOUT_SECONDS)
				.limit(100)
				.allowedUpdates(ALLOWED_UPDATES)
				.build());
			this.status.succeeded();
			this.pollFailures = 0;
			for (Update update : received) {
				this.offset = Math.max(this.offset, update.getUpdateId() + 1);
				receive(update);
			}
		}
		catch (Exception ex) {
			this.pollFailures++;
			long pause = Math.min(60, 1L << Math.min(6, this.pollFailures - 1));
			this.pollPausedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(pause);
			this.lastError = oneLine(ex);
			logger.warn("Unable to get updates api={} retryIn={}s reason={}", this.properties.apiUrl(), pause,
					oneLine(ex));
		}
		finally {
			this.polling.unlock();
		}
	}

	/**
	 * Handles an update unless it was handled before (on this node or another).
	 */
	void receive(Update update) {
		try {
			if (!this.updates.firstTime(update.getUpdateId())) {
				logger.debug("Ignoring an update handled before update={}", update.getUpdateId());
				return;
			}
		}
		catch (RuntimeException ex) {
			this.lastError = oneLine(ex);
			logger.warn("Unable to record update update={} reason={}", update.getUpdateId(), oneLine(ex));
			return;
		}
		consume(update);
	}

	private void prune() {
		try {
			int pruned = this.updates.prune();
			if (pruned > 0) {
				logger.debug("Forgot handled update ids count={}", pruned);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to forget handled update ids reason={}", ex.toString());
		}
	}

	/**
	 * The command menus (everyone's, and the admins' in their private chats) and the bot's descriptions, in
	 * English for every language without its own ({@code language_code} unset) and in each other supported
	 * language. The English menus are part of registration (a failure is retried with it); the other languages
	 * and the descriptions are best effort: a failure is logged and the bot runs on.
	 */
	private void setCommands() throws Exception {
		BotText text = this.text;
		if (text == null) {
			return;
		}
		this.client.execute(menu(text, Languages.ENGLISH, null, false));
		for (Long admin : this.properties.adminIds()) {
			this.client.execute(menu(text, Languages.ENGLISH, admin, true));
		}
		for (Locale language : Languages.SUPPORTED) {
			if (!language.equals(Languages.ENGLISH)) {
				bestEffort(menu(text, language, null, false), language);
				for (Long admin : this.properties.adminIds()) {
					bestEffort(menu(text, language, admin, true), language);
				}
			}
			String code = language.equals(Languages.ENGLISH) ? null : language.getLanguage();
			bestEffort(SetMyDescription.builder().description(text.get(language, "bot.description")).languageCode(code)
				.build(), language);
			bestEffort(SetMyShortDescription.builder()
				.shortDescription(text.get(language, "bot.shortDescription"))
				.languageCode(code)
				.build(), language);
		}
	}

	/**
	 * @param admin the admin whose private chat gets the menu with the admin commands, or {@code null} for everyone's
	 * @return {@code setMyCommands} for one language ({@code language_code} unset for English, the default)
	 */
	static SetMyCommands menu(BotText text, Locale language, Long admin, boolean withAdminCommands) {
		List<BotCommand> menu = new ArrayList<>();
		ChatCommands.MENU.forEach((command) -> menu.add(new BotCommand(command, text.get(language, "bot.menu." + command))));
		if (withAdminCommands) {
			ChatCommands.ADMIN_MENU
				.forEach((command) -> menu.add(new BotCommand(command, text.get(language, "bot.menu." + command))));
		}
		return SetMyCommands.builder()
			.commands(menu)
			.scope((admin != null) ? BotCommandScopeChat.builder().chatId(admin).build() : new BotCommandScopeDefault())
			.languageCode(language.equals(Languages.ENGLISH) ? null : language.getLanguage())
			.build();
	}

	private void bestEffort(BotApiMethod<?> method, Locale language) {
		try {
			this.client.execute(method);
		}
		catch (Exception ex) {
			logger.warn("Unable to set the bot's menu or description method={} language={} reason={}", method.getMethod(),
					language.getLanguage(), oneLine(ex));
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
			String languageCode = (message.getFrom() != null) ? message.getFrom().getLanguageCode() : null;
			ChatCommands.Reply reply = this.commands.answer(new IncomingMessage(chat.getId(), chat.getType(), title, userId,
					message.getText(), this.botName, sentAsChat, languageCode));
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
		if (!(result instanceof SendResult.Sent || result instanceof SendResult.Relayed)) {
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
		for (ScheduledFuture<?> task : new ScheduledFuture<?>[] { this.connecting, this.heartbeat, this.pruning }) {
			if (task != null) {
				task.cancel(true);
			}
		}
		ScheduledFuture<?> poll = this.poller;
		if (poll != null) {
			poll.cancel(false);
		}
		// A long poll in progress ends within its timeout, before the lease this node releases may
		// pass to another node (policywatch.cluster.lease-handover is longer).
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
	 * Whether the bot is registered with the Bot API (webhook set, or ready to long-poll).
	 */
	boolean connected() {
		return this.registered;
	}

	/**
	 * Whether this node is long polling now.
	 */
	boolean polling() {
		return this.polls;
	}

	static String oneLine(Exception ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return message.replace('\n', ' ');
	}

}
