package policywatch.telegram;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import policywatch.delivery.ButtonActions;
import policywatch.delivery.ButtonTokens;
import policywatch.delivery.DeliveryPreferences;
import policywatch.delivery.Keyboard;
import policywatch.subscription.Subscription;
import policywatch.subscription.Subscriptions;

/**
 * Inline button presses ({@code callback_query}): every press is answered with
 * {@code answerCallbackQuery}, so the client stops spinning. A press whose token does not verify
 * for the chat it came from (forged, copied from another chat, or for a subscription that is gone)
 * gets "expired" and nothing else. In groups and channels only their admins and the bot's admins
 * may press; others get a short refusal. Otherwise the change is applied and the keyboard edited
 * to show it.
 */
@Component
class ButtonPresses {

	private static final Logger logger = LoggerFactory.getLogger(ButtonPresses.class);

	private final ObjectProvider<TelegramClient> client;

	private final ButtonTokens tokens;

	private final DeliveryCommands delivery;

	private final DeliveryPreferences preferences;

	private final Subscriptions subscriptions;

	private final TelegramProperties properties;

	private final GroupAdmins groupAdmins;

	/** Presses count against the same per-user and per-chat limits as commands. */
	private final CommandThrottle throttle;

	private final Clock clock;

	private final BotText text;

	ButtonPresses(ObjectProvider<TelegramClient> client, ButtonTokens tokens, DeliveryCommands delivery,
			DeliveryPreferences preferences, Subscriptions subscriptions, TelegramProperties properties,
			GroupAdmins groupAdmins, CommandThrottle throttle, Clock clock, BotText text) {
		this.text = text;
		this.client = client;
		this.throttle = throttle;
		this.tokens = tokens;
		this.delivery = delivery;
		this.preferences = preferences;
		this.subscriptions = subscriptions;
		this.properties = properties;
		this.groupAdmins = groupAdmins;
		this.clock = clock;
	}

	void handle(CallbackQuery query) {
		MaybeInaccessibleMessage message = query.getMessage();
		long chatId = (message != null && message.getChatId() != null) ? message.getChatId() : 0;
		Locale locale = policywatch.text.Languages.ENGLISH;
		String answer = this.text.get(locale, "bot.button.expired");
		boolean alert = false;
		Keyboard edited = null;
		try {
			ButtonTokens.Press press = (chatId != 0) ? this.tokens.verify(chatId, query.getData()) : null;
			Subscription subscription = (press != null)
					? this.delivery.find(chatId, Long.toString(press.subscriptionId())) : null;
			long userId = (query.getFrom() != null) ? query.getFrom().getId() : 0;
			if (press != null && this.throttle.check(userId, chatId, this.properties.isAdmin(userId),
					chatId == userId) != CommandThrottle.Verdict.ANSWER) {
				// answered (so the client stops spinning), but not applied
				answer = this.text.get(this.text.locale(chatId), "bot.button.throttled");
				return;
			}
			if (chatId != 0) {
				locale = this.text.reported(chatId, (query.getFrom() != null) ? query.getFrom().getLanguageCode() : null);
				answer = this.text.get(locale, "bot.button.expired");
			}
			if (subscription == null) {
				logger.info("Expired button pressed chat={} user={}", chatId, userId);
				return;
			}
			String refused = refuse(chatId, userId, locale);
			if (refused != null) {
				answer = refused;
				alert = true;
				return;
			}
			if (Subscriptions.ORIGIN_CONFIG.equals(subscription.origin()) && changesManaged(press.action())) {
				answer = this.text.get(locale,
						(press.action() == ButtonActions.UNSUBSCRIBE) ? "bot.managed.remove" : "bot.managed.schedule",
						subscription.id());
				alert = true;
				return;
			}
			answer = apply(chatId, subscription, press, locale);
			Keyboard current = (message instanceof Message sent && sent.getReplyMarkup() != null)
					? fromMarkup(sent.getReplyMarkup()) : new Keyboard(List.of());
			edited = ButtonActions.after(current, this.tokens, chatId, press, this.text.messages(), locale);
			logger.info("Button pressed chat={} user={} subscription={} action={}", chatId, userId, subscription.id(),
					press.action());
		}
		catch (RuntimeException ex) {
			logger.warn("Unable to apply button chat={} reason={}", chatId, TelegramBot.oneLine(ex));
			answer = this.text.get(locale, "bot.button.failed");
		}
		finally {
			answer(query.getId(), answer, alert);
		}
		if (edited != null) {
			edit(chatId, message.getMessageId(), edited);
		}
	}

	/**
	 * In a group or channel only its admins (and the bot's admins) may press.
	 */
	private String refuse(long chatId, long userId, Locale locale) {
		if (chatId > 0 || this.properties.isAdmin(userId)) {
			return null;
		}
		return switch (this.groupAdmins.role(chatId, userId)) {
			case ADMIN -> null;
			case MEMBER -> this.text.get(locale, "bot.button.adminsOnly");
			case UNKNOWN -> this.text.get(locale, "bot.button.unknown");
		};
	}

	/**
	 * @return whether the action changes what only the bot's admin may change for a subscription of the admin's file
	 */
	private static boolean changesManaged(int action) {
		return action == ButtonActions.UNSUBSCRIBE || action == ButtonActions.INSTANT || action == ButtonActions.DAILY
				|| action == ButtonActions.WEEKLY;
	}

	private String apply(long chatId, Subscription subscription, ButtonTokens.Press press, Locale locale) {
		long id = subscription.id();
		switch (press.action()) {
			case ButtonActions.MUTE:
				this.preferences.mute(id, this.clock.instant().plus(Duration.ofHours(24)));
				return this.text.get(locale, "bot.button.muted", id);
			case ButtonActions.UNMUTE:
				this.preferences.mute(id, null);
				return this.text.get(locale, "bot.mute.off", id);
			case ButtonActions.UNSUBSCRIBE:
				this.subscriptions.unsubscribe(chatId, Long.toString(id));
				return this.text.get(locale, "bot.button.unsubscribed", id);
			case ButtonActions.INSTANT:
			case ButtonActions.DAILY:
			case ButtonActions.WEEKLY:
				String schedule = (press.action() == ButtonActions.INSTANT) ? "off"
						: (press.action() == ButtonActions.DAILY) ? ButtonActions.DAILY_SCHEDULE : ButtonActions.WEEKLY_SCHEDULE;
				this.delivery.setDigest(chatId, subscription, schedule, locale);
				return (press.action() == ButtonActions.INSTANT) ? this.text.get(locale, "bot.button.instant", id)
						: this.text.get(locale, "bot.button.digest", id, schedule);
			default:
				return this.text.get(locale, "bot.button.done");
		}
	}

	private void answer(String queryId, String text, boolean alert) {
		TelegramClient telegram = this.client.getIfAvailable();
		if (telegram == null || queryId == null) {
			return;
		}
		try {
			telegram.execute(AnswerCallbackQuery.builder().callbackQueryId(queryId).text(text).showAlert(alert).build());
		}
		catch (Exception ex) {
			logger.warn("Unable to answer button press reason={}", TelegramBot.oneLine(ex));
		}
	}

	private void edit(long chatId, Integer messageId, Keyboard keyboard) {
		TelegramClient telegram = this.client.getIfAvailable();
		if (telegram == null || messageId == null) {
			return;
		}
		try {
			telegram.execute(EditMessageReplyMarkup.builder()
				.chatId(chatId)
				.messageId(messageId)
				.replyMarkup(toMarkup(keyboard))
				.build());
		}
		catch (Exception ex) {
			logger.warn("Unable to edit buttons chat={} message={} reason={}", chatId, messageId, TelegramBot.oneLine(ex));
		}
	}

	static InlineKeyboardMarkup toMarkup(Keyboard keyboard) {
		List<InlineKeyboardRow> rows = new ArrayList<>();
		for (List<Keyboard.Button> row : keyboard.rows()) {
			InlineKeyboardRow buttons = new InlineKeyboardRow();
			for (Keyboard.Button button : row) {
				buttons.add(InlineKeyboardButton.builder().text(button.label()).callbackData(button.data()).build());
			}
			rows.add(buttons);
		}
		return new InlineKeyboardMarkup(rows);
	}

	static Keyboard fromMarkup(InlineKeyboardMarkup markup) {
		List<List<Keyboard.Button>> rows = new ArrayList<>();
		if (markup.getKeyboard() != null) {
			for (InlineKeyboardRow row : markup.getKeyboard()) {
				List<Keyboard.Button> buttons = new ArrayList<>();
				for (InlineKeyboardButton button : row) {
					if (button.getCallbackData() != null) {
						buttons.add(new Keyboard.Button(button.getText(), button.getCallbackData()));
					}
				}
				rows.add(buttons);
			}
		}
		return new Keyboard(rows);
	}

}
