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

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

	/** The longest mute. */
	private static final Duration MAX_MUTE = Duration.ofDays(30);

	private final Subscriptions subscriptions;

	private final DeliveryPreferences preferences;

	private final Clock clock;

	private final policywatch.delivery.ButtonTokens tokens;

	DeliveryCommands(Subscriptions subscriptions, DeliveryPreferences preferences, Clock clock,
			policywatch.delivery.ButtonTokens tokens) {
		this.tokens = tokens;
		this.subscriptions = subscriptions;
		this.preferences = preferences;
		this.clock = clock;
	}

	String handle(long chatId, String command, String argument) {
		return switch (command) {
			case "timezone" -> timeZone(chatId, argument);
			case "digest" -> digest(chatId, argument);
			case "quiet" -> quiet(chatId, argument);
			case "mute" -> mute(chatId, argument);
			default -> throw new IllegalArgumentException(command);
		};
	}

	private String timeZone(long chatId, String argument) {
		ChatSettings settings = this.preferences.settings(chatId);
		if (argument.isEmpty()) {
			return "This chat's time zone: <b>" + escape(settings.zone().getId()) + "</b>"
					+ (settings.ownZone() ? "" : " (the default)")
					+ ".\nChange it with e.g. <code>/timezone Europe/Berlin</code>.";
		}
		if (argument.equalsIgnoreCase("default") || argument.equalsIgnoreCase("off")) {
			this.preferences.setTimeZone(chatId, null);
			return "Time zone back to the default: <b>" + escape(this.preferences.defaultZone().getId()) + "</b>.";
		}
		Optional<ZoneId> zone = zone(argument);
		if (zone.isEmpty()) {
			List<String> close = suggestions(argument);
			String hint = close.isEmpty() ? " Use an IANA name like <code>Europe/Berlin</code> or <code>America/New_York</code>."
					: " Did you mean " + String.join(", ", close.stream().map((name) -> "<code>" + name + "</code>").toList()) + "?";
			return "Unknown time zone <code>" + escape(shorten(argument)) + "</code>." + hint;
		}
		this.preferences.setTimeZone(chatId, zone.get());
		return "Time zone set: <b>" + escape(zone.get().getId()) + "</b> (now "
				+ WHEN.format(this.clock.instant().atZone(zone.get())) + "). Alert times and digests use it.";
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

	private String digest(long chatId, String argument) {
		String[] parts = splitId(argument);
		if (parts == null) {
			return "Send <code>/digest 12 daily 08:00</code>, <code>/digest 12 hourly</code>, "
					+ "<code>/digest 12 weekly mon 08:00</code> or <code>/digest 12 off</code>, with an id from /list.";
		}
		Subscription subscription = find(chatId, parts[0]);
		if (subscription == null) {
			return "This chat has no subscription " + escape(shorten(parts[0])) + ". /list shows them.";
		}
		if (Subscriptions.ORIGIN_CONFIG.equals(subscription.origin())) {
			return "#" + subscription.id() + " is managed by the bot's admin; its schedule is set in the admin's file.";
		}
		return setDigest(chatId, subscription, parts[1]);
	}

	/**
	 * Applies {@code off} or a schedule to a subscription.
	 */
	String setDigest(long chatId, Subscription subscription, String schedule) {
		if (schedule.equalsIgnoreCase("off") || schedule.equalsIgnoreCase("instant")) {
			this.preferences.setDigest(subscription.id(), chatId, null);
			return "#" + subscription.id() + " sends instant alerts again.";
		}
		DigestSchedule digest;
		try {
			digest = DigestSchedule.parse(schedule);
		}
		catch (IllegalArgumentException ex) {
			return "Not changed: " + escape(ex.getMessage()) + ".";
		}
		Instant next = this.preferences.setDigest(subscription.id(), chatId, digest);
		ZoneId zone = zoneOf(chatId, subscription.id());
		return "#" + subscription.id() + " now arrives as a digest, " + escape(digest.toString()) + " ("
				+ escape(zone.getId()) + "). Next: " + WHEN.format(next.atZone(zone)) + ".";
	}

	private ZoneId zoneOf(long chatId, long subscriptionId) {
		Mode mode = this.preferences.mode(subscriptionId);
		return (mode.zone() != null) ? mode.zone() : this.preferences.settings(chatId).zone();
	}

	private String quiet(long chatId, String argument) {
		ChatSettings settings = this.preferences.settings(chatId);
		if (argument.isEmpty()) {
			if (settings.quiet() == null) {
				return "No quiet hours. Set them with e.g. <code>/quiet 22:00-07:00</code>.";
			}
			return "Quiet hours: <b>" + settings.quiet() + "</b> (" + escape(settings.zone().getId())
					+ "). Alerts that arrive meanwhile come as one digest when they end. <code>/quiet off</code> ends them.";
		}
		if (argument.equalsIgnoreCase("off")) {
			this.preferences.setQuiet(chatId, null);
			return "Quiet hours off: alerts arrive at any time.";
		}
		QuietHours quiet;
		try {
			quiet = QuietHours.parse(argument);
		}
		catch (IllegalArgumentException ex) {
			return "Not changed: " + escape(ex.getMessage()) + ".";
		}
		this.preferences.setQuiet(chatId, quiet);
		return "Quiet hours set: <b>" + quiet + "</b> (" + escape(settings.zone().getId())
				+ "). Alerts that arrive meanwhile come as one digest when they end.";
	}

	private String mute(long chatId, String argument) {
		String[] parts = splitId(argument);
		if (parts == null) {
			return "Send <code>/mute 12 24h</code> (or <code>8h</code>, <code>7d</code>, <code>off</code>) with an id from /list.";
		}
		Subscription subscription = find(chatId, parts[0]);
		if (subscription == null) {
			return "This chat has no subscription " + escape(shorten(parts[0])) + ". /list shows them.";
		}
		if (parts[1].equalsIgnoreCase("off")) {
			this.preferences.mute(subscription.id(), null);
			return "#" + subscription.id() + " is no longer muted.";
		}
		Duration duration = duration(parts[1]);
		if (duration == null) {
			return "Not muted: say for how long, e.g. <code>24h</code>, <code>8h</code> or <code>7d</code> (at most 30d).";
		}
		return mute(chatId, subscription, duration);
	}

	String mute(long chatId, Subscription subscription, Duration duration) {
		Instant until = this.clock.instant().plus(duration);
		this.preferences.mute(subscription.id(), until);
		return "#" + subscription.id() + " muted until " + WHEN.format(until.atZone(this.preferences.settings(chatId).zone()))
				+ ". What matches meanwhile is dropped.";
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
	String describe(long chatId, Subscription subscription, Mode mode, ZoneId chatZone) {
		StringBuilder text = new StringBuilder();
		text.append(" · ").append((mode.digest() != null) ? "digest " + mode.digest() : "instant");
		if (mode.zone() != null) {
			text.append(" (").append(mode.zone().getId()).append(')');
		}
		if (mode.mutedAt(this.clock.instant())) {
			text.append(" · muted until ").append(WHEN.format(mode.mutedUntil().atZone(chatZone)));
		}
		return text.toString();
	}

	/**
	 * @return the keyboard under a /subscribe confirmation: Instant · Daily digest · Weekly digest
	 */
	policywatch.delivery.Keyboard subscribeButtons(long chatId, long subscriptionId) {
		return policywatch.delivery.ButtonActions.modeButtons(this.tokens, chatId, subscriptionId,
				policywatch.delivery.ButtonActions.INSTANT);
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
