package policywatch.telegram;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import policywatch.delivery.DeliveryPreferences;
import policywatch.delivery.DeliveryPreferences.ChatSettings;
import policywatch.delivery.DeliveryPreferences.Mode;
import policywatch.subscription.DigestSchedule;
import policywatch.subscription.QuietHours;
import policywatch.subscription.Subscription;
import policywatch.subscription.Subscriptions;

import static policywatch.delivery.TelegramHtmlEscaper.escape;

/**
 * {@code /timezone}, {@code /digest}, {@code /quiet} and {@code /mute}: when a chat's alerts
 * arrive. Also describes a subscription's mode for {@code /list} and applies button presses.
 */
@Component
class DeliveryCommands {

	/** The longest mute. */
	private static final Duration MAX_MUTE = Duration.ofDays(30);

	private final Subscriptions subscriptions;

	private final DeliveryPreferences preferences;

	private final Clock clock;

	private final policywatch.delivery.ButtonTokens tokens;

	private final BotText text;

	DeliveryCommands(Subscriptions subscriptions, DeliveryPreferences preferences, Clock clock,
			policywatch.delivery.ButtonTokens tokens, BotText text) {
		this.text = text;
		this.tokens = tokens;
		this.subscriptions = subscriptions;
		this.preferences = preferences;
		this.clock = clock;
	}

	String handle(long chatId, String command, String argument, Locale locale) {
		return switch (command) {
			case "timezone" -> timeZone(chatId, argument, locale);
			case "digest" -> digest(chatId, argument, locale);
			case "quiet" -> quiet(chatId, argument, locale);
			case "mute" -> mute(chatId, argument, locale);
			default -> throw new IllegalArgumentException(command);
		};
	}

	private String timeZone(long chatId, String argument, Locale locale) {
		ChatSettings settings = this.preferences.settings(chatId);
		if (argument.isEmpty()) {
			return this.text.get(locale, settings.ownZone() ? "bot.timezone.show" : "bot.timezone.showDefault",
					escape(settings.zone().getId()));
		}
		if (argument.equalsIgnoreCase("default") || argument.equalsIgnoreCase("off")) {
			this.preferences.setTimeZone(chatId, null);
			return this.text.get(locale, "bot.timezone.reset", escape(this.preferences.defaultZone().getId()));
		}
		Optional<ZoneId> zone = zone(argument);
		if (zone.isEmpty()) {
			List<String> close = suggestions(argument);
			String hint = close.isEmpty() ? this.text.get(locale, "bot.timezone.useIana")
					: this.text.get(locale, "bot.timezone.didYouMean",
							String.join(", ", close.stream().map((name) -> "<code>" + name + "</code>").toList()));
			return this.text.get(locale, "bot.timezone.unknown", escape(shorten(argument))) + " " + hint;
		}
		this.preferences.setTimeZone(chatId, zone.get());
		return this.text.get(locale, "bot.timezone.set", escape(zone.get().getId()),
				when(locale).format(this.clock.instant().atZone(zone.get())));
	}

	/**
	 * @return how dates and times are written in this language ({@code bot.format.when})
	 */
	private DateTimeFormatter when(Locale locale) {
		return DateTimeFormatter.ofPattern(this.text.get(locale, "bot.format.when"), locale);
	}

	static Optional<ZoneId> zone(String name) {
		if (name.length() > 64) {
			return Optional.empty();
		}
		for (String id : ZoneId.getAvailableZoneIds()) {
			if (id.equalsIgnoreCase(name)) {
				return Optional.of(ZoneId.of(id));
			}
		}
		if (name.equalsIgnoreCase("UTC")) {
			return Optional.of(ZoneId.of("UTC"));
		}
		try {
			// offsets such as +02:00
			if (name.startsWith("+") || name.startsWith("-")) {
				return Optional.of(ZoneId.of(name));
			}
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	/**
	 * @return up to three zone names close to what was typed: same city, or a few typos away
	 */
	static List<String> suggestions(String typed) {
		String wanted = shorten(typed).toLowerCase(Locale.ROOT).replace(' ', '_');
		Set<String> found = new TreeSet<>();
		List<String[]> scored = new ArrayList<>();
		for (String id : ZoneId.getAvailableZoneIds()) {
			if (!id.contains("/") || id.startsWith("Etc/") || id.startsWith("SystemV/")) {
				continue;
			}
			String lower = id.toLowerCase(Locale.ROOT);
			String city = lower.substring(lower.lastIndexOf('/') + 1);
			if (city.equals(wanted)) {
				found.add(id);
				continue;
			}
			int distance = Math.min(distance(lower, wanted), distance(city, wanted));
			if (distance <= Math.max(1, wanted.length() / 4)) {
				scored.add(new String[] { id, Integer.toString(distance) });
			}
		}
		scored.sort(Comparator.comparingInt((String[] pair) -> Integer.parseInt(pair[1])).thenComparing((pair) -> pair[0]));
		List<String> result = new ArrayList<>(found);
		for (String[] pair : scored) {
			if (result.size() >= 3) {
				break;
			}
			result.add(pair[0]);
		}
		return result.subList(0, Math.min(3, result.size()));
	}

	private static int distance(String a, String b) {
		return (Math.abs(a.length() - b.length()) > 4) ? Integer.MAX_VALUE : policywatch.text.Texts.editDistance(a, b);
	}

	private String digest(long chatId, String argument, Locale locale) {
		String[] parts = splitId(argument);
		if (parts == null) {
			return this.text.get(locale, "bot.digest.usage");
		}
		Subscription subscription = find(chatId, parts[0]);
		if (subscription == null) {
			return this.text.get(locale, "bot.noSubscription", escape(shorten(parts[0])));
		}
		if (Subscriptions.ORIGIN_CONFIG.equals(subscription.origin())) {
			return this.text.get(locale, "bot.managed.schedule", subscription.id());
		}
		return setDigest(chatId, subscription, parts[1], locale);
	}

	/**
	 * Applies {@code off} or a schedule to a subscription.
	 */
	String setDigest(long chatId, Subscription subscription, String schedule, Locale locale) {
		if (schedule.equalsIgnoreCase("off") || schedule.equalsIgnoreCase("instant")) {
			this.preferences.setDigest(subscription.id(), chatId, null);
			return this.text.get(locale, "bot.digest.off", subscription.id());
		}
		DigestSchedule digest;
		try {
			digest = DigestSchedule.parse(schedule);
		}
		catch (IllegalArgumentException ex) {
			return this.text.get(locale, "bot.notChanged", escape(ScheduleErrors.translate(this.text, locale, ex.getMessage())));
		}
		Instant next = this.preferences.setDigest(subscription.id(), chatId, digest);
		ZoneId zone = zoneOf(chatId, subscription.id());
		return this.text.get(locale, "bot.digest.set", subscription.id(), escape(digest.toString()), escape(zone.getId()),
				when(locale).format(next.atZone(zone)));
	}

	private ZoneId zoneOf(long chatId, long subscriptionId) {
		Mode mode = this.preferences.mode(subscriptionId);
		return (mode.zone() != null) ? mode.zone() : this.preferences.settings(chatId).zone();
	}

	private String quiet(long chatId, String argument, Locale locale) {
		ChatSettings settings = this.preferences.settings(chatId);
		if (argument.isEmpty()) {
			if (settings.quiet() == null) {
				return this.text.get(locale, "bot.quiet.none");
			}
			return this.text.get(locale, "bot.quiet.show", settings.quiet().toString(), escape(settings.zone().getId()));
		}
		if (argument.equalsIgnoreCase("off")) {
			this.preferences.setQuiet(chatId, null);
			return this.text.get(locale, "bot.quiet.off");
		}
		QuietHours quiet;
		try {
			quiet = QuietHours.parse(argument);
		}
		catch (IllegalArgumentException ex) {
			return this.text.get(locale, "bot.notChanged", escape(ScheduleErrors.translate(this.text, locale, ex.getMessage())));
		}
		this.preferences.setQuiet(chatId, quiet);
		return this.text.get(locale, "bot.quiet.set", quiet.toString(), escape(settings.zone().getId()));
	}

	private String mute(long chatId, String argument, Locale locale) {
		String[] parts = splitId(argument);
		if (parts == null) {
			return this.text.get(locale, "bot.mute.usage");
		}
		Subscription subscription = find(chatId, parts[0]);
		if (subscription == null) {
			return this.text.get(locale, "bot.noSubscription", escape(shorten(parts[0])));
		}
		if (parts[1].equalsIgnoreCase("off")) {
			this.preferences.mute(subscription.id(), null);
			return this.text.get(locale, "bot.mute.off", subscription.id());
		}
		Duration duration = duration(parts[1]);
		if (duration == null) {
			return this.text.get(locale, "bot.mute.badDuration");
		}
		return mute(chatId, subscription, duration, locale);
	}

	String mute(long chatId, Subscription subscription, Duration duration, Locale locale) {
		Instant until = this.clock.instant().plus(duration);
		this.preferences.mute(subscription.id(), until);
		return this.text.get(locale, "bot.mute.set", subscription.id(),
				when(locale).format(until.atZone(this.preferences.settings(chatId).zone())));
	}

	/**
	 * @return {@code 24h}, {@code 90m} or {@code 7d} as a duration, or {@code null}
	 */
	static Duration duration(String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		if (value.length() < 2 || value.length() > 5) {
			return null;
		}
		String digits = value.substring(0, value.length() - 1);
		if (!digits.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return null;
		}
		long amount = Long.parseLong(digits);
		Duration duration = switch (value.charAt(value.length() - 1)) {
			case 'm' -> Duration.ofMinutes(amount);
			case 'h' -> Duration.ofHours(amount);
			case 'd' -> Duration.ofDays(amount);
			default -> null;
		};
		return (duration == null || duration.isZero() || duration.compareTo(MAX_MUTE) > 0) ? null : duration;
	}

	/**
	 * @return the mode of a subscription as /list shows it, e.g. {@code  · daily 08:00 · muted until Tue 2 Dec 10:00}
	 */
	String describe(long chatId, Subscription subscription, Mode mode, ZoneId chatZone, Locale locale) {
		StringBuilder text = new StringBuilder();
		text.append(" · ").append((mode.digest() != null) ? this.text.get(locale, "bot.list.digest", mode.digest().toString())
				: this.text.get(locale, "bot.list.instant"));
		if (mode.zone() != null) {
			text.append(" (").append(mode.zone().getId()).append(')');
		}
		if (mode.mutedAt(this.clock.instant())) {
			text.append(" · ").append(this.text.get(locale, "bot.list.mutedUntil",
					when(locale).format(mode.mutedUntil().atZone(chatZone))));
		}
		return text.toString();
	}

	/**
	 * @return the keyboard under a /subscribe confirmation: Instant · Daily digest · Weekly digest
	 */
	policywatch.delivery.Keyboard subscribeButtons(long chatId, long subscriptionId) {
		return policywatch.delivery.ButtonActions.modeButtons(this.tokens, chatId, subscriptionId,
				policywatch.delivery.ButtonActions.INSTANT, this.text.messages(), this.text.locale(chatId));
	}

	java.util.Map<Long, Mode> modes(List<Subscription> subscriptions) {
		return this.preferences.modes(subscriptions.stream().map(Subscription::id).toList());
	}

	ZoneId zone(long chatId) {
		return this.preferences.settings(chatId).zone();
	}

	Subscription find(long chatId, String id) {
		String name = id.startsWith("#") ? id.substring(1) : id;
		if (name.isEmpty() || name.length() > 18 || !name.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return null;
		}
		long wanted = Long.parseLong(name);
		return this.subscriptions.list(chatId).stream().filter((s) -> s.id() == wanted).findFirst().orElse(null);
	}

	private static String[] splitId(String argument) {
		String text = argument.strip();
		int space = -1;
		for (int i = 0; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				space = i;
				break;
			}
		}
		if (space < 0) {
			return null;
		}
		return new String[] { text.substring(0, space), text.substring(space + 1).strip() };
	}

	private static String shorten(String text) {
		return policywatch.text.Texts.truncate(text, 64);
	}

}
