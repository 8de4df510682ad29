package policywatch.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import policywatch.subscription.DigestSchedule;
import policywatch.subscription.QuietHours;
import policywatch.text.Languages;

import static policywatch.database.SqlTimestamps.instant;
import static policywatch.database.SqlTimestamps.ts;

/**
 * What each chat and subscription chose about when alerts arrive: the chat's time zone and quiet
 * hours, a subscription's digest schedule and mute. Read from the database on every planning
 * pass (in batches), so that every node sees every change at once.
 */
@Service
public class DeliveryPreferences {

	private static final int IN_LIST = 1000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ZoneId defaultZone;

	DeliveryPreferences(JdbcClient jdbc, Clock clock, DeliveryProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.defaultZone = properties.timeZone();
	}

	/**
	 * A chat's settings.
	 *
	 * @param zone its time zone ({@code policywatch.delivery.time-zone} unless it chose one)
	 * @param ownZone whether it chose one
	 * @param quiet its quiet hours, or {@code null}
	 */
	public record ChatSettings(ZoneId zone, boolean ownZone, QuietHours quiet) {

		/**
		 * @return whether the chat's quiet hours are on at that moment
		 */
		public boolean quietAt(Instant moment) {
			return this.quiet != null && this.quiet.contains(moment, this.zone);
		}

	}

	/**
	 * A subscription's mode.
	 *
	 * @param digest its digest schedule, or {@code null} for instant alerts
	 * @param zone its own time zone (admin subscriptions), or {@code null} for the chat's
	 * @param nextDigestAt when its next digest is due, or {@code null}
	 * @param mutedUntil until when it is muted, or {@code null}
	 */
	public record Mode(DigestSchedule digest, ZoneId zone, Instant nextDigestAt, Instant mutedUntil) {

		/** Instant alerts, not muted. */
		public static final Mode INSTANT = new Mode(null, null, null, null);

		public boolean mutedAt(Instant moment) {
			return this.mutedUntil != null && this.mutedUntil.isAfter(moment);
		}

	}

	public ZoneId defaultZone() {
		return this.defaultZone;
	}

	public ChatSettings settings(long chatId) {
		return settings(List.of(chatId)).getOrDefault(chatId, new ChatSettings(this.defaultZone, false, null));
	}

	/**
	 * @return the settings of those chats that have any (others use the defaults)
	 */
	public Map<Long, ChatSettings> settings(Collection<Long> chatIds) {
		Map<Long, ChatSettings> found = new HashMap<>();
		List<Long> ids = new ArrayList<>(chatIds);
		for (int i = 0; i < ids.size(); i += IN_LIST) {
			this.jdbc.sql("SELECT * FROM chat_setting WHERE chat_id IN (:ids)")
				.param("ids", ids.subList(i, Math.min(ids.size(), i + IN_LIST)))
				.query((rs) -> {
					found.put(rs.getLong("chat_id"), chatSettings(rs));
				});
		}
		return found;
	}

	ChatSettings settingsOrDefault(Map<Long, ChatSettings> settings, long chatId) {
		ChatSettings found = settings.get(chatId);
		return (found != null) ? found : new ChatSettings(this.defaultZone, false, null);
	}

	private ChatSettings chatSettings(ResultSet rs) throws SQLException {
		ZoneId zone = zone(rs.getString("time_zone"));
		int start = rs.getInt("quiet_start");
		boolean quiet = !rs.wasNull();
		int end = rs.getInt("quiet_end");
		quiet = quiet && !rs.wasNull();
		QuietHours hours = quiet ? new QuietHours(LocalTime.ofSecondOfDay(start * 60L), LocalTime.ofSecondOfDay(end * 60L))
				: null;
		return new ChatSettings((zone != null) ? zone : this.defaultZone, zone != null, hours);
	}

	private static ZoneId zone(String name) {
		if (name == null) {
			return null;
		}
		try {
			return ZoneId.of(name);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static DigestSchedule schedule(String text) {
		if (text == null) {
			return null;
		}
		try {
			return DigestSchedule.parse(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	public Mode mode(long subscriptionId) {
		return modes(List.of(subscriptionId)).getOrDefault(subscriptionId, Mode.INSTANT);
	}

	/**
	 * @return the modes of those subscriptions that have one (others are instant and not muted)
	 */
	public Map<Long, Mode> modes(Collection<Long> subscriptionIds) {
		Map<Long, Mode> found = new HashMap<>();
		List<Long> ids = new ArrayList<>(subscriptionIds);
		for (int i = 0; i < ids.size(); i += IN_LIST) {
			this.jdbc.sql("SELECT * FROM subscription_mode WHERE subscription_id IN (:ids)")
				.param("ids", ids.subList(i, Math.min(ids.size(), i + IN_LIST)))
				.query((rs) -> {
					found.put(rs.getLong("subscription_id"), new Mode(schedule(rs.getString("digest")),
							zone(rs.getString("time_zone")), instant(rs, "next_digest_at"), instant(rs, "muted_until")));
				});
		}
		return found;
	}

	/**
	 * Sets a chat's time zone ({@code null} for the default) and moves its digests to it.
	 */
	@Transactional
	public void setTimeZone(long chatId, ZoneId zone) {
		upsertChat(chatId, "time_zone", (zone != null) ? zone.getId() : null);
		ChatSettings settings = settings(chatId);
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				SELECT m.subscription_id, m.digest FROM subscription_mode m JOIN subscription s ON s.id = m.subscription_id
				WHERE s.chat_id = ? AND m.digest IS NOT NULL AND m.time_zone IS NULL""")
			.param(chatId)
			.query((rs) -> {
				DigestSchedule schedule = schedule(rs.getString("digest"));
				if (schedule != null) {
					setNext(rs.getLong("subscription_id"), schedule.next(now, settings.zone()));
				}
			});
	}

	/**
	 * Sets a chat's quiet hours, {@code null} for none.
	 */
	public void setQuiet(long chatId, QuietHours quiet) {
		Integer start = (quiet != null) ? quiet.start().toSecondOfDay() / 60 : null;
		Integer end = (quiet != null) ? quiet.end().toSecondOfDay() / 60 : null;
		int updated = this.jdbc.sql("UPDATE chat_setting SET quiet_start = ?, quiet_end = ? WHERE chat_id = ?")
			.params(start, end, chatId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO chat_setting (chat_id, quiet_start, quiet_end) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
				.params(chatId, start, end)
				.update();
		}
	}

	/**
	 * Sets the language a chat chose with {@code /language}; {@code null} goes back to the
	 * language Telegram reports for its users.
	 */
	public void setLanguage(long chatId, Locale language) {
		upsertChat(chatId, "language", (language != null) ? language.getLanguage() : null);
	}

	/**
	 * Records the {@code language_code} Telegram reported for the person who wrote in a chat
	 * (written only when it changed, so that every command does not write a row).
	 * @return the locale the chat is answered in from now on (one read for both)
	 */
	public Locale reportedLanguage(long chatId, String languageCode) {
		String[] stored = this.jdbc.sql("SELECT language, user_language FROM chat_setting WHERE chat_id = ?")
			.param(chatId)
			.query((rs, row) -> new String[] { rs.getString("language"), rs.getString("user_language") })
			.optional()
			.orElse(new String[2]);
		String reported = stored[1];
		boolean usable = languageCode != null && !languageCode.isBlank() && languageCode.length() <= 16;
		if (usable && !languageCode.equals(reported)) {
			upsertChat(chatId, "user_language", languageCode);
			reported = languageCode;
		}
		return Languages.resolve(stored[0], reported);
	}

	/**
	 * @return the language a chat chose with {@code /language}, or {@code null} when it chose none
	 */
	public Locale chosenLanguage(long chatId) {
		return this.jdbc.sql("SELECT language FROM chat_setting WHERE chat_id = ?")
			.param(chatId)
			.query(String.class)
			.optional()
			.map(Languages::supported)
			.orElse(null);
	}

	/**
	 * @return the locale a chat is answered in (see {@link Languages#resolve})
	 */
	public Locale locale(long chatId) {
		return locales(List.of(chatId)).getOrDefault(chatId, Languages.ENGLISH);
	}

	/**
	 * @return the locale each chat is answered in; chats without settings are missing (English)
	 */
	public Map<Long, Locale> locales(Collection<Long> chatIds) {
		Map<Long, Locale> found = new HashMap<>();
		List<Long> ids = new ArrayList<>(chatIds);
		for (int i = 0; i < ids.size(); i += IN_LIST) {
			this.jdbc.sql("SELECT chat_id, language, user_language FROM chat_setting WHERE chat_id IN (:ids)")
				.param("ids", ids.subList(i, Math.min(ids.size(), i + IN_LIST)))
				.query((rs) -> {
					found.put(rs.getLong("chat_id"), Languages.resolve(rs.getString("language"), rs.getString("user_language")));
				});
		}
		return found;
	}

	private void upsertChat(long chatId, String column, String value) {
		int updated = this.jdbc.sql("UPDATE chat_setting SET " + column + " = ? WHERE chat_id = ?")
			.params(value, chatId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO chat_setting (chat_id, " + column + ") VALUES (?, ?) ON CONFLICT DO NOTHING")
				.params(chatId, value)
				.update();
		}
	}

	/**
	 * Sets a subscription's digest schedule ({@code null}: instant alerts again).
	 * @return when its next digest is due, or {@code null}
	 */
	@Transactional
	public Instant setDigest(long subscriptionId, long chatId, DigestSchedule digest) {
		Mode mode = mode(subscriptionId);
		ZoneId zone = (mode.zone() != null) ? mode.zone() : settings(chatId).zone();
		Instant next = (digest != null) ? digest.next(this.clock.instant(), zone) : null;
		upsertMode(subscriptionId, "digest", (digest != null) ? digest.toString() : null);
		setNext(subscriptionId, next);
		return next;
	}

	/**
	 * Mutes a subscription until a moment ({@code null} to unmute).
	 */
	public void mute(long subscriptionId, Instant until) {
		int updated = this.jdbc.sql("UPDATE subscription_mode SET muted_until = ? WHERE subscription_id = ?")
			.params((until != null) ? ts(until) : null, subscriptionId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO subscription_mode (subscription_id, muted_until) VALUES (?, ?) ON CONFLICT DO NOTHING")
				.params(subscriptionId, (until != null) ? ts(until) : null)
				.update();
		}
	}

	private void upsertMode(long subscriptionId, String column, String value) {
		int updated = this.jdbc.sql("UPDATE subscription_mode SET " + column + " = ? WHERE subscription_id = ?")
			.params(value, subscriptionId)
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("INSERT INTO subscription_mode (subscription_id, " + column + ") VALUES (?, ?) ON CONFLICT DO NOTHING")
				.params(subscriptionId, value)
				.update();
		}
	}

	void setNext(long subscriptionId, Instant next) {
		this.jdbc.sql("UPDATE subscription_mode SET next_digest_at = ? WHERE subscription_id = ?")
			.params((next != null) ? ts(next) : null, subscriptionId)
			.update();
	}

	/**
	 * Moves a digest on, unless another node did first.
	 * @return whether this caller moved it (and so owns the digest that was due)
	 */
	boolean claimDigest(long subscriptionId, Instant due, Instant next) {
		return this.jdbc.sql("UPDATE subscription_mode SET next_digest_at = ? WHERE subscription_id = ? AND next_digest_at = ?")
			.params(ts(next), subscriptionId, ts(due))
			.update() > 0;
	}

	/**
	 * {@link #claimDigest} for many subscriptions in one batch.
	 * @return for each, whether this caller moved it
	 */
	boolean[] claimDigests(List<Long> subscriptionIds, List<Instant> due, List<Instant> next) {
		boolean[] claimed = new boolean[subscriptionIds.size()];
		if (subscriptionIds.isEmpty()) {
			return claimed;
		}
		for (int i = 0; i < subscriptionIds.size(); i++) {
			claimed[i] = claimDigest(subscriptionIds.get(i), due.get(i), next.get(i));
		}
		return claimed;
	}

}
