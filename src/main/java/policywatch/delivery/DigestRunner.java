package policywatch.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import policywatch.delivery.DeliveryPreferences.ChatSettings;
import policywatch.subscription.Chat;
import policywatch.subscription.Chats;
import policywatch.subscription.DigestSchedule;
import policywatch.subscription.Subscription;
import policywatch.subscription.Subscriptions;
import policywatch.text.Languages;

import static policywatch.database.SqlTimestamps.instant;
import static policywatch.database.SqlTimestamps.ts;

/**
 * Builds the digests that are due and queues them in the outbox, every half minute and once at
 * start-up (a digest due while the application was down goes out once, then the schedule moves
 * to its next time). Quiet hours that ended release what they held, as one digest. Building a
 * digest, queueing it and dropping its items is one transaction, so a crash loses nothing.
 */
@Service
class DigestRunner {

	private static final Logger logger = LoggerFactory.getLogger(DigestRunner.class);

	static final Duration EVERY = Duration.ofSeconds(30);

	/** Chats built in one transaction. */
	private static final int CHUNK = 500;

	private final JdbcClient jdbc;

	private final DigestStore store;

	private final DeliveryPreferences preferences;

	private final Outbox outbox;

	private final Subscriptions subscriptions;

	private final Chats chats;

	private final OutboxSender sender;

	private final TransactionTemplate transactions;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final NearDuplicates nearDuplicates;

	private final AlertTexts texts;

	private volatile ScheduledFuture<?> task;

	/** One run at a time on a node (several nodes are kept apart by claiming each schedule). */
	private final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();

	DigestRunner(JdbcClient jdbc, DigestStore store, DeliveryPreferences preferences, Outbox outbox,
			Subscriptions subscriptions, Chats chats, OutboxSender sender, TransactionTemplate transactions,
			@Qualifier(DeliveryConfiguration.SCHEDULER) TaskScheduler scheduler, Clock clock,
			NearDuplicates nearDuplicates, AlertTexts texts) {
		this.nearDuplicates = nearDuplicates;
		this.texts = texts;
		this.jdbc = jdbc;
		this.store = store;
		this.preferences = preferences;
		this.outbox = outbox;
		this.subscriptions = subscriptions;
		this.chats = chats;
		this.sender = sender;
		this.transactions = transactions;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		try {
			this.task = this.scheduler.scheduleWithFixedDelay(this::runSafely, this.clock.instant(), EVERY);
		}
		catch (TaskRejectedException ex) {
			logger.debug("Not scheduling digests while shutting down");
		}
	}

	@EventListener(ContextClosedEvent.class)
	void onStop() {
		ScheduledFuture<?> current = this.task;
		if (current != null) {
			current.cancel(false);
		}
	}

	private void runSafely() {
		try {
			runDue();
		}
		catch (RuntimeException ex) {
			logger.error("Unable to build digests reason={}", ex.toString(), ex);
		}
	}

	/**
	 * Builds and queues every digest that is due now.
	 * @return how many messages were queued
	 */
	int runDue() {
		if (!this.running.tryLock()) {
			return 0;
		}
		try {
			return runDueLocked();
		}
		finally {
			this.running.unlock();
		}
	}

	private int runDueLocked() {
		Instant now = this.clock.instant();
		int orphans = this.store.deleteOrphans();
		if (orphans > 0) {
			logger.info("Dropped held items of removed subscriptions count={}", orphans);
		}
		scheduleNew(now);
		int queued = 0;
		Map<Long, List<Due>> byChat = new LinkedHashMap<>();
		for (Due due : dueSchedules(now)) {
			byChat.computeIfAbsent(due.chatId(), (id) -> new ArrayList<>()).add(due);
		}
		Map<Long, ChatSettings> settings = this.preferences.settings(byChat.keySet());
		Map<Long, Chat> chats = this.chats.findAll(byChat.keySet());
		Map<Long, Locale> locales = this.preferences.locales(byChat.keySet());
		List<Long> chatIds = new ArrayList<>(byChat.keySet());
		// Chats are built in chunks, one transaction each: a crash loses nothing, and ten
		// thousand chats due at 08:00 cost a few hundred statements, not one transaction each.
		for (int i = 0; i < chatIds.size(); i += CHUNK) {
			List<Long> chunk = chatIds.subList(i, Math.min(chatIds.size(), i + CHUNK));
			try {
				Integer count = this.transactions
					.execute((status) -> buildChunk(chunk, byChat, settings, chats, locales, now));
				queued += (count != null) ? count : 0;
			}
			catch (RuntimeException ex) {
				logger.error("Unable to build digests chats={} first={} reason={}", chunk.size(), chunk.get(0),
						ex.toString(), ex);
			}
		}
		List<Long> holding = this.store.chatsHoldingQuietItems();
		Map<Long, Locale> quietLocales = holding.isEmpty() ? Map.of() : this.preferences.locales(holding);
		for (long chatId : holding) {
			ChatSettings chatSettings = this.preferences.settings(chatId);
			Locale locale = quietLocales.getOrDefault(chatId, Languages.ENGLISH);
			if (chatSettings.quietAt(now)) {
				continue;
			}
			try {
				Integer count = this.transactions.execute((status) -> {
					int built = buildQuiet(chatId, chatSettings, locale, now);
					if (built < 0) {
						status.setRollbackOnly();
						return 0;
					}
					return built;
				});
				queued += (count != null) ? count : 0;
			}
			catch (RuntimeException ex) {
				logger.error("Unable to release quiet hours chat={} reason={}", chatId, ex.toString(), ex);
			}
		}
		if (queued > 0) {
			this.sender.wakeUp();
		}
		return queued;
	}

	/**
	 * A digest schedule that came from the admin's file has no next time yet: it gets one.
	 */
	private void scheduleNew(Instant now) {
		List<Due> fresh = this.jdbc.sql("""
				SELECT m.subscription_id, s.chat_id, m.digest, m.time_zone, m.next_digest_at
				FROM subscription_mode m JOIN subscription s ON s.id = m.subscription_id
				WHERE m.digest IS NOT NULL AND m.next_digest_at IS NULL""").query(this::due).list();
		for (Due due : fresh) {
			if (due.schedule() != null) {
				ZoneId zone = (due.zone() != null) ? due.zone() : this.preferences.settings(due.chatId()).zone();
				this.preferences.setNext(due.subscriptionId(), due.schedule().next(now, zone));
			}
		}
	}

	private List<Due> dueSchedules(Instant now) {
		return this.jdbc.sql("""
				SELECT m.subscription_id, s.chat_id, m.digest, m.time_zone, m.next_digest_at
				FROM subscription_mode m JOIN subscription s ON s.id = m.subscription_id
				WHERE m.digest IS NOT NULL AND m.next_digest_at <= ?
				ORDER BY s.chat_id, m.subscription_id""").param(ts(now)).query(this::due).list();
	}

	private Due due(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		DigestSchedule schedule;
		try {
			schedule = DigestSchedule.parse(rs.getString("digest"));
		}
		catch (IllegalArgumentException ex) {
			schedule = null;
		}
		String zone = rs.getString("time_zone");
		ZoneId zoneId = null;
		if (zone != null) {
			try {
				zoneId = ZoneId.of(zone);
			}
			catch (java.time.DateTimeException ex) {
				zoneId = null;
			}
		}
		return new Due(rs.getLong("subscription_id"), rs.getLong("chat_id"), schedule, zoneId,
				instant(rs, "next_digest_at"));
	}

	private int buildChunk(List<Long> chunk, Map<Long, List<Due>> byChat, Map<Long, ChatSettings> settings,
			Map<Long, Chat> chats, Map<Long, Locale> locales, Instant now) {
		List<Due> claimable = new ArrayList<>();
		List<Instant> nexts = new ArrayList<>();
		for (long chatId : chunk) {
			ChatSettings chatSettings = this.preferences.settingsOrDefault(settings, chatId);
			if (chatSettings.quietAt(now)) {
				continue;
			}
			for (Due due : byChat.get(chatId)) {
				if (due.schedule() != null) {
					claimable.add(due);
					nexts.add(due.schedule().next(now, (due.zone() != null) ? due.zone() : chatSettings.zone()));
				}
			}
		}
		boolean[] claimed = this.preferences.claimDigests(claimable.stream().map(Due::subscriptionId).toList(),
				claimable.stream().map(Due::nextAt).toList(), nexts);
		Map<Long, List<Due>> claimedByChat = new LinkedHashMap<>();
		List<Long> subscriptionIds = new ArrayList<>();
		for (int i = 0; i < claimable.size(); i++) {
			Due due = claimable.get(i);
			Chat chat = chats.get(due.chatId());
			if (claimed[i] && chat != null && chat.deliverable()) {
				claimedByChat.computeIfAbsent(due.chatId(), (id) -> new ArrayList<>()).add(due);
				subscriptionIds.add(due.subscriptionId());
			}
		}
		if (subscriptionIds.isEmpty()) {
			return 0;
		}
		Map<Long, List<DigestStore.Item>> itemsByChat = this.store.itemsOf(subscriptionIds);
		Map<Long, String> labels = labels(subscriptionIds);
		Map<Long, NearDuplicates.Story> stories = this.nearDuplicates.stories(itemsByChat.values().stream()
			.flatMap(List::stream)
			.map(DigestStore.Item::entryId)
			.toList());
		int queued = 0;
		List<Long> done = new ArrayList<>();
		for (Map.Entry<Long, List<Due>> chat : claimedByChat.entrySet()) {
			List<DigestStore.Item> items = itemsByChat.getOrDefault(chat.getKey(), List.of());
			if (items.isEmpty()) {
				continue;
			}
			ChatSettings chatSettings = this.preferences.settingsOrDefault(settings, chat.getKey());
			Due first = chat.getValue().get(0);
			ZoneId zone = (first.zone() != null) ? first.zone() : chatSettings.zone();
			Instant from = items.get(items.size() - 1).published();
			for (Due due : chat.getValue()) {
				Instant start = due.schedule().periodStart(due.nextAt(), zone);
				from = start.isBefore(from) ? start : from;
			}
			Locale locale = locales.getOrDefault(chat.getKey(), Languages.ENGLISH);
			String title = this.texts.get(switch (first.schedule().period()) {
				case HOURLY -> "alerts.digest.hourly";
				case DAILY -> "alerts.digest.daily";
				case WEEKLY -> "alerts.digest.weekly";
			}, locale);
			for (DigestMessages.Part part : DigestMessages.render(title, from, now, zone, items, labels,
					stories, this.texts, locale)) {
				queued += add(chat.getKey(), part) ? 1 : 0;
			}
			items.forEach((item) -> done.add(item.id()));
		}
		this.store.delete(done);
		logger.info("Queued digests chats={} messages={} items={}", claimedByChat.size(), queued, done.size());
		return queued;
	}

	/**
	 * @return messages queued, or -1 when another node released the items first
	 */
	private int buildQuiet(long chatId, ChatSettings settings, Locale locale, Instant now) {
		List<DigestStore.Item> items = this.store.items(chatId, true, null);
		if (items.isEmpty()) {
			return 0;
		}
		if (this.store.delete(items.stream().map(DigestStore.Item::id).toList()) != items.size()) {
			return -1;
		}
		Instant from = items.get(items.size() - 1).published();
		String title = (settings.quiet() != null)
				? this.texts.get("alerts.digest.quiet.hours", locale, settings.quiet().toString())
				: this.texts.get("alerts.digest.quiet", locale);
		int queued = 0;
		Map<Long, NearDuplicates.Story> stories = this.nearDuplicates
			.stories(items.stream().map(DigestStore.Item::entryId).toList());
		for (DigestMessages.Part part : DigestMessages.render(title, from, now, settings.zone(), items, labels(chatId),
				stories, this.texts, locale)) {
			queued += add(chatId, part) ? 1 : 0;
		}
		logger.info("Released quiet hours chat={} items={} messages={}", chatId, items.size(), queued);
		return queued;
	}

	private boolean add(long chatId, DigestMessages.Part part) {
		String ids = part.items().stream().map((item) -> Long.toString(item.subscriptionId())).distinct()
			.reduce((a, b) -> a + "," + b).orElse("");
		return this.outbox.add(part.newestEntryId(), chatId, policywatch.text.Texts.truncate(ids, 1000), part.html(),
				null, true);
	}

	private Map<Long, String> labels(List<Long> subscriptionIds) {
		Map<Long, String> labels = new HashMap<>();
		for (int i = 0; i < subscriptionIds.size(); i += 1000) {
			this.jdbc.sql("SELECT id, query FROM subscription WHERE id IN (:ids)")
				.param("ids", subscriptionIds.subList(i, Math.min(subscriptionIds.size(), i + 1000)))
				.query((rs) -> {
					labels.put(rs.getLong("id"), rs.getString("query"));
				});
		}
		return labels;
	}

	private Map<Long, String> labels(long chatId) {
		Map<Long, String> labels = new HashMap<>();
		for (Subscription subscription : this.subscriptions.list(chatId)) {
			labels.put(subscription.id(), subscription.query());
		}
		return labels;
	}

	private record Due(long subscriptionId, long chatId, DigestSchedule schedule, ZoneId zone, Instant nextAt) {
	}

}
