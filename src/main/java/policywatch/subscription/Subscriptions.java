package policywatch.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import policywatch.query.Hit;
import policywatch.query.MatchDocument;
import policywatch.query.Matchers;
import policywatch.query.Query;
import policywatch.query.QueryMatch;
import policywatch.query.QueryParseException;
import policywatch.query.SubscriptionMatcher;

/**
 * Subscribers' subscriptions and the index they are matched with. The index is loaded from the
 * database at start-up and updated in place on every change, once the change is committed: a
 * transaction that rolls back leaves the index as it was. Changes made by other nodes of a
 * cluster are applied by {@link #refresh}.
 */
@Service
public class Subscriptions {

	private static final Logger logger = LoggerFactory.getLogger(Subscriptions.class);

	/** Subscriptions made in a chat. */
	public static final String ORIGIN_CHAT = "CHAT";

	/** Subscriptions defined by an admin in config files. */
	public static final String ORIGIN_CONFIG = "CONFIG";

	private static final int REFRESH_PAGE = 500;

	private static final long SETTLE_SECONDS = 60;

	private static final Duration KEEP_CHANGES = Duration.ofHours(1);

	private final SubscriptionRepository repository;

	private final ChatRepository chats;

	private final SubscriptionProperties properties;

	private final SubscriptionMatcher matcher = Matchers.create();

	private final Map<Long, Subscription> byId = new ConcurrentHashMap<>();

	/** Held while the matcher changes, by this node's commits and by {@link #refresh}. */
	private final Object changes = new Object();

	/** Every change up to this number is applied (see {@link #refresh}). */
	private long appliedUpTo;

	/** Changes after {@link #appliedUpTo} that are applied, with when they were first read. */
	private final NavigableMap<Long, Instant> appliedAfter = new TreeMap<>();

	private Instant lastPrune = Instant.EPOCH;

	Subscriptions(SubscriptionRepository repository, ChatRepository chats, SubscriptionProperties properties) {
		this.repository = repository;
		this.chats = chats;
		this.properties = properties;
		// read before the subscriptions: a change made meanwhile is applied again, which is harmless
		this.appliedUpTo = repository.lastChange();
		for (Subscription subscription : repository.findAll()) {
			indexStored(subscription);
		}
		logger.info("Loaded subscriptions count={}", this.byId.size());
	}

	/**
	 * Applies the subscription changes made by any node (this one included) since the last call:
	 * every node of a cluster calls it every {@code policywatch.subscription.refresh-every}, so its
	 * matcher follows subscriptions made through the others. Changes are numbered in the database;
	 * a number can be read after a larger one (its transaction committed later), so the numbers read
	 * in the last {@value #SETTLE_SECONDS} seconds are remembered and the gaps below them are read
	 * again until then. Applying a change twice is harmless: the subscription is read as stored.
	 * @param now the time now
	 * @return how many changes were applied
	 */
	public int refresh(Instant now) {
		synchronized (this.changes) {
			List<SubscriptionRepository.SubscriptionChange> fresh = new ArrayList<>();
			long after = this.appliedUpTo;
			List<SubscriptionRepository.SubscriptionChange> page;
			do {
				page = this.repository.changesAfter(after, REFRESH_PAGE);
				for (SubscriptionRepository.SubscriptionChange change : page) {
					after = change.seq();
					if (this.appliedAfter.putIfAbsent(change.seq(), now) == null) {
						fresh.add(change);
					}
				}
			}
			while (page.size() == REFRESH_PAGE);
			List<Long> ids = fresh.stream().map(SubscriptionRepository.SubscriptionChange::subscriptionId).distinct().toList();
			for (int i = 0; i < ids.size(); i += REFRESH_PAGE) {
				List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + REFRESH_PAGE));
				Map<Long, Subscription> stored = new HashMap<>();
				this.repository.findAllById(chunk).forEach((subscription) -> stored.put(subscription.id(), subscription));
				for (Long id : chunk) {
					apply(id, stored.get(id));
				}
			}
			Instant settled = now.minusSeconds(SETTLE_SECONDS);
			while (!this.appliedAfter.isEmpty() && this.appliedAfter.firstEntry().getValue().isBefore(settled)) {
				this.appliedUpTo = Math.max(this.appliedUpTo, this.appliedAfter.pollFirstEntry().getKey());
			}
			if (this.lastPrune.isBefore(now.minus(KEEP_CHANGES))) {
				this.lastPrune = now;
				this.repository.deleteChangesBefore(now.minus(KEEP_CHANGES));
			}
			return fresh.size();
		}
	}

	/**
	 * Makes the matcher agree with a subscription as stored (held under {@link #changes}).
	 * @param stored the subscription, or {@code null} when it was deleted
	 */
	private void apply(long id, Subscription stored) {
		Subscription current = this.byId.get(id);
		if (stored != null && stored.equals(current)) {
			return;
		}
		if (current != null) {
			this.byId.remove(id);
			this.matcher.remove(id);
		}
		if (stored != null) {
			indexStored(stored);
		}
	}

	/**
	 * Validates and stores a subscription for a chat.
	 * @param chatId the chat
	 * @param userId who asked
	 * @param text the query text
	 * @param admin whether the limits are waived
	 * @return the outcome
	 */
	@Transactional
	public SubscribeResult subscribe(long chatId, long userId, String text, boolean admin) {
		String queryText = (text != null) ? text.strip() : "";
		if (queryText.isEmpty()) {
			return new SubscribeResult.Rejected("Tell me what to watch for, e.g. /subscribe BRICS");
		}
		String tooLong = SubscriptionLimits.lengthProblem(queryText);
		if (tooLong != null) {
			return new SubscribeResult.Rejected(capitalize(tooLong) + ".");
		}
		if (!admin && queryText.length() > this.properties.maxQueryLength()) {
			return new SubscribeResult.Rejected("That query is " + queryText.length() + " characters long; the limit is "
					+ this.properties.maxQueryLength() + ".");
		}
		Query query;
		try {
			query = Query.parse(queryText);
		}
		catch (QueryParseException ex) {
			return new SubscribeResult.Rejected(ex.getMessage());
		}
		Optional<Subscription> existing = this.repository.findByChatAndQuery(chatId, queryText);
		if (existing.isPresent()) {
			return new SubscribeResult.Duplicate(existing.get());
		}
		if (!admin && this.repository.countByChat(chatId) >= this.properties.maxPerChat()) {
			return new SubscribeResult.Rejected("This chat already has " + this.properties.maxPerChat()
					+ " subscriptions, the most allowed. Remove one with /unsubscribe first.");
		}
		if (!admin && userId != 0 && this.repository.countByCreator(userId) >= this.properties.maxPerUser()) {
			return new SubscribeResult.Rejected("You already have " + this.properties.maxPerUser()
					+ " subscriptions across your chats, the most one person may have. Remove one with /unsubscribe first.");
		}
		String prefixes = SubscriptionLimits.prefixProblem(query, chatPrefixes(chatId));
		if (prefixes != null) {
			return new SubscribeResult.Rejected(capitalize(prefixes) + ".");
		}
		Subscription subscription = this.repository.insert(chatId, queryText, ORIGIN_CHAT, userId);
		index(subscription, query);
		return new SubscribeResult.Created(subscription, query.normalized());
	}

	/**
	 * Removes a chat's subscription, named by its id or by its exact query text.
	 * @return the removed subscription, or empty when the chat has none by that name
	 */
	@Transactional
	public Optional<Subscription> unsubscribe(long chatId, String idOrQuery) {
		String name = (idOrQuery != null) ? idOrQuery.strip() : "";
		Optional<Subscription> found = Optional.empty();
		if (name.matches("#?\\d{1,18}")) {
			Subscription byId = this.byId.get(Long.parseLong(name.replace("#", "")));
			if (byId != null && byId.chatId() == chatId) {
				found = Optional.of(byId);
			}
		}
		if (found.isEmpty()) {
			found = this.repository.findByChatAndQuery(chatId, name);
		}
		found.filter((subscription) -> ORIGIN_CHAT.equals(subscription.origin())).ifPresent(this::forget);
		return found;
	}

	public List<Subscription> list(long chatId) {
		return this.repository.findByChat(chatId);
	}

	/**
	 * Matches a document against every subscription.
	 * @return the matching chats, each with its matching subscriptions and hits
	 */
	public List<ChatMatch> match(MatchDocument document) {
		return match(document, null);
	}

	/**
	 * Matches an entry of a feed against every subscription that covers that feed.
	 * @param document the entry's text
	 * @param feedId the entry's feed, or {@code null} to ignore feed restrictions
	 * @return the matching chats, each with its matching subscriptions and hits
	 */
	public List<ChatMatch> match(MatchDocument document, String feedId) {
		Map<Long, List<Subscription>> subscriptionsByChat = new LinkedHashMap<>();
		Map<Long, List<Hit>> hitsByChat = new LinkedHashMap<>();
		for (QueryMatch match : this.matcher.match(document)) {
			Subscription subscription = this.byId.get(match.subscriptionId());
			if (subscription == null || (feedId != null && !subscription.covers(feedId))) {
				continue;
			}
			subscriptionsByChat.computeIfAbsent(subscription.chatId(), (id) -> new ArrayList<>()).add(subscription);
			hitsByChat.computeIfAbsent(subscription.chatId(), (id) -> new ArrayList<>()).addAll(match.hits());
		}
		List<ChatMatch> result = new ArrayList<>();
		subscriptionsByChat.forEach((chatId, subscriptions) -> result
			.add(new ChatMatch(chatId, List.copyOf(subscriptions), List.copyOf(hitsByChat.get(chatId)))));
		return result;
	}

	/**
	 * Makes the admin-defined subscriptions exactly these: new ones are added, removed ones
	 * deleted, changed feed restrictions applied. Subscriptions made in chats are untouched.
	 * Every query must already have been validated with {@link Query#parse}.
	 * @param configured the subscriptions from the admin's file
	 */
	@Transactional
	public void replaceConfigured(List<ConfiguredSubscription> configured) {
		// another node applying the same file waits here, then sees what this one wrote
		this.repository.lockConfigured();
		configured = followMigrations(configured);
		Map<String, ConfiguredSubscription> wanted = new LinkedHashMap<>();
		Map<String, Query> parsed = new HashMap<>();
		for (ConfiguredSubscription subscription : configured) {
			String query = subscription.query().strip();
			try {
				parsed.put(query, Query.parse(query));
			}
			catch (QueryParseException ex) {
				throw new IllegalArgumentException("Invalid query '" + query + "': " + ex.getMessage(), ex);
			}
			wanted.put(key(subscription.chatId(), query), subscription);
		}
		for (Subscription existing : this.repository.findByOrigin(ORIGIN_CONFIG)) {
			ConfiguredSubscription same = wanted.get(key(existing.chatId(), existing.query()));
			if (same != null && List.copyOf(same.feeds()).equals(existing.feeds())) {
				wanted.remove(key(existing.chatId(), existing.query()));
				continue;
			}
			forget(existing);
		}
		for (ConfiguredSubscription subscription : wanted.values()) {
			this.chats.ensure(subscription.chatId(), (subscription.chatId() < 0) ? "supergroup" : "private");
			this.repository.findByChatAndQuery(subscription.chatId(), subscription.query().strip())
				.ifPresent(this::forget);
			Subscription stored = this.repository.insert(subscription.chatId(), subscription.query().strip(),
					ORIGIN_CONFIG, null, subscription.feeds());
			index(stored, parsed.get(stored.query()));
		}
		for (ConfiguredSubscription subscription : configured) {
			this.repository.findByChatAndQuery(subscription.chatId(), subscription.query().strip())
				.ifPresent((stored) -> this.repository.setConfiguredMode(stored.id(), subscription.digest(),
						subscription.timeZone()));
		}
	}

	/**
	 * Moves a chat's subscriptions to its new id (a group that became a supergroup).
	 */
	@Transactional
	public void moveChat(long oldChatId, long newChatId) {
		this.chats.ensure(newChatId, "supergroup");
		for (Subscription subscription : this.repository.findByChat(oldChatId)) {
			forget(subscription);
			if (this.repository.findByChatAndQuery(newChatId, subscription.query()).isEmpty()) {
				indexStored(this.repository.insert(newChatId, subscription.query(), subscription.origin(), null,
						subscription.feeds()));
			}
		}
		this.chats.setActive(oldChatId, false);
		this.chats.setMigratedTo(oldChatId, newChatId);
	}

	/**
	 * Subscriptions the file names by a group's old id belong to the supergroup it became.
	 */
	private List<ConfiguredSubscription> followMigrations(List<ConfiguredSubscription> configured) {
		Map<Long, Long> migrations = this.chats.migrations();
		return configured.stream()
			.map((subscription) -> migrations.containsKey(subscription.chatId())
					? new ConfiguredSubscription(migrations.get(subscription.chatId()), subscription.query(),
							subscription.feeds(), subscription.digest(), subscription.timeZone())
					: subscription)
			.toList();
	}

	public long count() {
		return this.repository.count();
	}

	public long countSubscribedChats() {
		return this.repository.countChats();
	}

	/**
	 * Adds a subscription to the matcher once the transaction that stored it commits (at once without one), so
	 * that a rollback never leaves the matcher out of step with the database.
	 */
	private void index(Subscription subscription, Query query) {
		afterCommit(() -> {
			synchronized (this.changes) {
				if (this.byId.put(subscription.id(), subscription) != null) {
					this.matcher.remove(subscription.id());
				}
				this.matcher.add(subscription.id(), query);
			}
		});
	}

	private static void afterCommit(Runnable change) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					change.run();
				}

			});
		}
		else {
			change.run();
		}
	}

	private int chatPrefixes(long chatId) {
		return SubscriptionLimits.prefixCount(this.repository.findByChat(chatId).stream().map(Subscription::query).toList());
	}

	private static String capitalize(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/**
	 * Adds a stored subscription to the matcher, logging a query that no longer parses.
	 * @return what is wrong with its query, or {@code null} when it was indexed
	 */
	private String indexStored(Subscription subscription) {
		try {
			index(subscription, Query.parse(subscription.query()));
			return null;
		}
		catch (QueryParseException ex) {
			logger.warn("Unable to load subscription subscription={} chat={} reason={}", subscription.id(),
					subscription.chatId(), ex.getMessage());
			return ex.getMessage();
		}
	}

	/**
	 * Deletes a subscription and takes it out of the matcher.
	 */
	private void forget(Subscription subscription) {
		this.repository.delete(subscription.id());
		afterCommit(() -> {
			synchronized (this.changes) {
				if (this.byId.remove(subscription.id()) != null) {
					this.matcher.remove(subscription.id());
				}
			}
		});
	}

	private static String key(long chatId, String query) {
		return chatId + "\u0000" + query;
	}

}
