package policywatch.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import policywatch.delivery.DeliveryPreferences.ChatSettings;
import policywatch.delivery.DeliveryPreferences.Mode;
import policywatch.ingest.PendingEntry;
import policywatch.subscription.ChatMatch;
import policywatch.subscription.Subscription;
import policywatch.text.Languages;

/**
 * Decides what happens to an entry that matched a chat: its muted subscriptions drop out; if what
 * is left all sends digests, the entry is held for the digest; if the chat is in its quiet hours,
 * it is held until they end; otherwise it is an instant alert with buttons for the subscriptions
 * that matched. Called by the planner inside its transaction.
 */
@Component
class AlertRouter {

	private static final Logger logger = LoggerFactory.getLogger(AlertRouter.class);

	/** The most subscriptions that get buttons under one alert. */
	private static final int MAX_BUTTON_ROWS = 3;

	private final DeliveryPreferences preferences;

	private final DigestStore digests;

	private final ButtonTokens tokens;

	private final Clock clock;

	private final AlertTexts texts;

	AlertRouter(DeliveryPreferences preferences, DigestStore digests, ButtonTokens tokens, Clock clock,
			AlertTexts texts) {
		this.texts = texts;
		this.preferences = preferences;
		this.digests = digests;
		this.tokens = tokens;
		this.clock = clock;
	}

	/**
	 * What the chats and subscriptions of one entry's matches chose, and the chats' languages, read
	 * in three batched queries however many chats matched.
	 */
	Batch prepare(List<ChatMatch> matches) {
		Set<Long> chats = new LinkedHashSet<>();
		Set<Long> subscriptions = new LinkedHashSet<>();
		for (ChatMatch match : matches) {
			chats.add(match.chatId());
			match.subscriptions().forEach((subscription) -> subscriptions.add(subscription.id()));
		}
		return new Batch(this.preferences.settings(chats), this.preferences.modes(subscriptions),
				this.preferences.locales(chats), this.clock.instant());
	}

	final class Batch {

		private final Map<Long, ChatSettings> settings;

		private final Map<Long, Mode> modes;

		private final Map<Long, Locale> locales;

		private final Instant now;

		Batch(Map<Long, ChatSettings> settings, Map<Long, Mode> modes, Map<Long, Locale> locales, Instant now) {
			this.locales = locales;
			this.settings = settings;
			this.modes = modes;
			this.now = now;
		}

		/**
		 * @return the chat's time zone, for the alert's published time
		 */
		java.time.ZoneId zone(long chatId) {
			ChatSettings chat = this.settings.get(chatId);
			return (chat != null) ? chat.zone() : AlertRouter.this.preferences.defaultZone();
		}

		/**
		 * @return the chat's language, for the alert's labels and buttons
		 */
		Locale locale(long chatId) {
			return this.locales.getOrDefault(chatId, Languages.ENGLISH);
		}

		/**
		 * Holds or drops the match, or says which subscriptions an instant alert is for.
		 * @return the subscriptions for an instant alert; empty when held or dropped
		 */
		List<Subscription> route(PendingEntry entry, ChatMatch match) {
			List<Subscription> live = new ArrayList<>();
			List<Subscription> instant = new ArrayList<>();
			for (Subscription subscription : match.subscriptions()) {
				Mode mode = this.modes.getOrDefault(subscription.id(), Mode.INSTANT);
				if (mode.mutedAt(this.now)) {
					continue;
				}
				live.add(subscription);
				if (mode.digest() == null) {
					instant.add(subscription);
				}
			}
			if (live.isEmpty()) {
				logger.debug("Dropped match of muted subscriptions entry={} chat={}", entry.id(), match.chatId());
				return List.of();
			}
			if (instant.isEmpty()) {
				AlertRouter.this.digests.hold(match.chatId(), entry, live.get(0).id(), false);
				logger.info("Held for digest entry={} chat={} subscription={}", entry.id(), match.chatId(),
						live.get(0).id());
				return List.of();
			}
			ChatSettings chat = this.settings.get(match.chatId());
			if (chat != null && chat.quietAt(this.now)) {
				AlertRouter.this.digests.hold(match.chatId(), entry, instant.get(0).id(), true);
				logger.info("Held for quiet hours entry={} chat={}", entry.id(), match.chatId());
				return List.of();
			}
			return instant;
		}

	}

	/**
	 * The buttons under an alert: "Mute 24 h" and "Unsubscribe" for each subscription that matched
	 * (at most three), in English.
	 */
	Keyboard alertButtons(long chatId, List<Subscription> subscriptions) {
		return alertButtons(chatId, subscriptions, Languages.ENGLISH);
	}

	/**
	 * The buttons under an alert, labelled in the chat's language.
	 */
	Keyboard alertButtons(long chatId, List<Subscription> subscriptions, Locale locale) {
		String mute = this.texts.get("alerts.button.mute", locale);
		String unsubscribe = this.texts.get("alerts.button.unsubscribe", locale);
		List<List<Keyboard.Button>> rows = new ArrayList<>();
		boolean several = subscriptions.size() > 1;
		for (Subscription subscription : subscriptions.subList(0, Math.min(MAX_BUTTON_ROWS, subscriptions.size()))) {
			String suffix = several ? " #" + subscription.id() : "";
			rows.add(List.of(
					new Keyboard.Button(mute + suffix, this.tokens.data(ButtonActions.MUTE, chatId, subscription.id())),
					new Keyboard.Button(unsubscribe + suffix,
							this.tokens.data(ButtonActions.UNSUBSCRIBE, chatId, subscription.id()))));
		}
		return new Keyboard(rows);
	}

}
