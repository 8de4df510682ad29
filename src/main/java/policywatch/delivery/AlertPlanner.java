package policywatch.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import policywatch.archive.RecentArchive;
import policywatch.ingest.EntryStore;
import policywatch.ingest.FeedsPolled;
import policywatch.ingest.PendingEntry;
import policywatch.subscription.Chat;
import policywatch.subscription.ChatMatch;
import policywatch.subscription.Chats;
import policywatch.subscription.Subscription;
import policywatch.subscription.Subscriptions;
import policywatch.query.MatchDocument;

/**
 * Matches new entries against every subscription and writes one outbox row per chat, in the
 * same transaction that marks the entry matched: an entry is planned exactly once, even across
 * crashes.
 */
@Service
class AlertPlanner {

	private static final Logger logger = LoggerFactory.getLogger(AlertPlanner.class);

	private static final int BATCH = 100;

	private final EntryStore entries;

	private final Subscriptions subscriptions;

	private final Chats chats;

	private final Outbox outbox;

	private final AlertFormatter formatter;

	private final OutboxSender sender;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final NearDuplicates nearDuplicates;

	private final RecentArchive archive;

	private final AlertRouter router;

	/**
	 * Entries being planned now. Passes run concurrently (no global lock): each skips the entries another is
	 * planning, and marking an entry matched in the database keeps it planned exactly once.
	 */
	private final Set<Long> planning = ConcurrentHashMap.newKeySet();

	AlertPlanner(EntryStore entries, Subscriptions subscriptions, Chats chats, Outbox outbox, AlertFormatter formatter,
			OutboxSender sender, TransactionTemplate transactions, MeterRegistry meters, NearDuplicates nearDuplicates,
			RecentArchive archive, AlertRouter router) {
		this.meters = meters;
		this.nearDuplicates = nearDuplicates;
		this.archive = archive;
		this.router = router;
		this.entries = entries;
		this.subscriptions = subscriptions;
		this.chats = chats;
		this.outbox = outbox;
		this.formatter = formatter;
		this.sender = sender;
		this.transactions = transactions;
	}

	@EventListener
	void onFeedsPolled(FeedsPolled event) {
		planPending();
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		planPending();
	}

	/**
	 * Plans alerts for every entry waiting to be matched.
	 * @return how many alerts were written
	 */
	int planPending() {
		int planned = 0;
		long after = 0;
		while (true) {
			List<PendingEntry> batch = this.entries.pending(after, BATCH);
			if (batch.isEmpty()) {
				break;
			}
			for (PendingEntry entry : batch) {
				after = entry.id();
				if (!this.planning.add(entry.id())) {
					continue;
				}
				try {
					Integer count = this.transactions.execute((status) -> plan(entry));
					planned += (count != null) ? count : 0;
				}
				catch (RuntimeException ex) {
					logger.error("Unable to plan alerts entry={} feed={} reason={}", entry.id(), entry.feedId(),
							ex.toString(), ex);
				}
				finally {
					this.planning.remove(entry.id());
				}
			}
		}
		if (planned > 0) {
			this.sender.wakeUp();
		}
		return planned;
	}

	private int plan(PendingEntry entry) {
		if (!this.entries.markMatched(entry.id())) {
			return 0;
		}
		this.archive.add(entry);
		List<ChatMatch> matches = this.subscriptions.match(new MatchDocument(entry.title(), entry.body()), entry.feedId());
		// A near-duplicate of a story a chat was already alerted about edits that alert instead.
		matches = this.nearDuplicates.fold(entry, matches);
		Map<Long, Chat> chats = this.chats.findAll(matches.stream().map(ChatMatch::chatId).toList());
		this.meters.counter("policywatch.matches").increment(matches.size());
		// Chats that matched through the same queries and words get the same message: render it
		// once (a story can fan out to thousands of chats).
		Map<List<Object>, String> rendered = new HashMap<>();
		int planned = 0;
		AlertRouter.Batch routing = this.router.prepare(matches);
		for (ChatMatch routed : matches) {
			Chat chat = chats.get(routed.chatId());
			if (chat == null || !chat.deliverable()) {
				continue;
			}
			// digests, quiet hours and mutes (AlertRouter): what is left is an instant alert
			List<Subscription> instant = routing.route(entry, routed);
			if (instant.isEmpty()) {
				continue;
			}
			ChatMatch match = (instant.size() == routed.subscriptions().size()) ? routed
					: new ChatMatch(routed.chatId(), instant, routed.hits());
			String ids = match.subscriptions()
				.stream()
				.map((subscription) -> Long.toString(subscription.id()))
				.collect(Collectors.joining(","));
			java.time.ZoneId zone = routing.zone(match.chatId());
			java.util.Locale locale = routing.locale(match.chatId());
			List<Object> renderKey = List.of(match.subscriptions().stream().map(Subscription::query).toList(),
					match.hits(), zone, locale);
			String message = rendered.computeIfAbsent(renderKey,
					(key) -> this.formatter.format(entry, match, zone, locale));
			if (this.outbox.add(entry.id(), match.chatId(), ids, message,
					this.router.alertButtons(match.chatId(), match.subscriptions(), locale), false)) {
				planned++;
				logger.info("Planned alert entry={} feed={} chat={} subscriptions={}", entry.id(), entry.feedId(),
						match.chatId(), match.subscriptions().stream().map(Subscription::query).toList());
			}
		}
		return planned;
	}

}
