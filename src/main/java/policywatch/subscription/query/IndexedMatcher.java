package policywatch.subscription.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The production matcher: an inverted index of subscription anchors (see {@link Anchors}). A document is tokenised
 * once; the subscriptions whose anchor it contains are the candidates, and only those are evaluated exactly.
 * Adding and removing a subscription touch only its own anchors. Thread-safe: matching runs under a read lock,
 * changes under a write lock.
 */
final class IndexedMatcher implements SubscriptionMatcher {

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final Vocabulary vocabulary = new Vocabulary();

	private final Map<Long, Integer> slots = new HashMap<>();

	private long[] ids = new long[64];

	private CompiledQuery[] queries = new CompiledQuery[64];

	private Anchors.Anchor[][] anchors = new Anchors.Anchor[64][];

	private final IntList freeSlots = new IntList();

	private int slotCount;

	/** Slots anchored on each word, by vocabulary id. */
	private IntList[] byWord = new IntList[1024];

	private final Map<Long, IntList> byPair = new HashMap<>();

	private final Map<String, IntList> byPrefix = new HashMap<>();

	/** How many prefix anchors have each key length. */
	private final int[] prefixLengths = new int[Anchors.MAX_PREFIX_KEY + 1];

	@Override
	public void add(long subscriptionId, Query query) {
		this.lock.writeLock().lock();
		try {
			removeLocked(subscriptionId);
			CompiledQuery compiled = CompiledQuery.compile(query.root(), this.vocabulary);
			List<Anchors.Anchor> list = Anchors.of(query.root(), this.vocabulary);
			int slot = this.freeSlots.isEmpty() ? this.slotCount++ : takeFreeSlot();
			ensureSlotCapacity(slot);
			this.ids[slot] = subscriptionId;
			this.queries[slot] = compiled;
			this.anchors[slot] = list.toArray(Anchors.Anchor[]::new);
			for (Anchors.Anchor anchor : this.anchors[slot]) {
				postings(anchor, true).add(slot);
				if (anchor.kind() == Anchors.Kind.PREFIX) {
					this.prefixLengths[anchor.prefix().length()]++;
				}
			}
			this.slots.put(subscriptionId, slot);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public void remove(long subscriptionId) {
		this.lock.writeLock().lock();
		try {
			removeLocked(subscriptionId);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	private void removeLocked(long subscriptionId) {
		Integer slot = this.slots.remove(subscriptionId);
		if (slot == null) {
			return;
		}
		for (Anchors.Anchor anchor : this.anchors[slot]) {
			IntList postings = postings(anchor, false);
			postings.removeValue(slot);
			if (anchor.kind() == Anchors.Kind.PREFIX) {
				this.prefixLengths[anchor.prefix().length()]--;
				if (postings.isEmpty()) {
					this.byPrefix.remove(anchor.prefix());
				}
			}
			else if (anchor.kind() == Anchors.Kind.PAIR && postings.isEmpty()) {
				this.byPair.remove(anchor.key());
			}
		}
		this.queries[slot] = null;
		this.anchors[slot] = null;
		this.freeSlots.add(slot);
	}

	private int takeFreeSlot() {
		int slot = this.freeSlots.get(this.freeSlots.size() - 1);
		this.freeSlots.truncate(this.freeSlots.size() - 1);
		return slot;
	}

	private void ensureSlotCapacity(int slot) {
		if (slot >= this.ids.length) {
			int capacity = Math.max(slot + 1, this.ids.length * 2);
			this.ids = Arrays.copyOf(this.ids, capacity);
			this.queries = Arrays.copyOf(this.queries, capacity);
			this.anchors = Arrays.copyOf(this.anchors, capacity);
		}
	}

	private IntList postings(Anchors.Anchor anchor, boolean create) {
		switch (anchor.kind()) {
			case WORD: {
				int id = (int) anchor.key();
				if (id >= this.byWord.length) {
					this.byWord = Arrays.copyOf(this.byWord, Math.max(id + 1, this.byWord.length * 2));
				}
				if (this.byWord[id] == null && create) {
					this.byWord[id] = new IntList(2);
				}
				return this.byWord[id];
			}
			case PAIR:
				return create ? this.byPair.computeIfAbsent(anchor.key(), (key) -> new IntList(2))
						: this.byPair.get(anchor.key());
			default:
				return create ? this.byPrefix.computeIfAbsent(anchor.prefix(), (key) -> new IntList(2))
						: this.byPrefix.get(anchor.prefix());
		}
	}

	@Override
	public int size() {
		this.lock.readLock().lock();
		try {
			return this.slots.size();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public List<QueryMatch> match(MatchDocument document) {
		this.lock.readLock().lock();
		try {
			DocumentView view = new DocumentView(document, this.vocabulary);
			IntList candidates = new IntList(256);
			for (Field field : Field.values()) {
				collectCandidates(view.field(field), candidates);
			}
			candidates.sortUnique();
			List<QueryMatch> result = new ArrayList<>();
			Hits hits = new Hits();
			for (int i = 0; i < candidates.size(); i++) {
				int slot = candidates.get(i);
				hits.clear();
				if (this.queries[slot].matches(view, hits)) {
					result.add(new QueryMatch(this.ids[slot], hits.toList()));
				}
			}
			result.sort(Comparator.comparingLong(QueryMatch::subscriptionId));
			return result;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	private void collectCandidates(DocumentView.FieldView view, IntList candidates) {
		for (int id : view.distinctIds) {
			if (id < this.byWord.length && this.byWord[id] != null) {
				candidates.addAll(this.byWord[id]);
			}
		}
		if (!this.byPair.isEmpty()) {
			int[] tokenIds = view.ids;
			for (int p = 0; p + 1 < tokenIds.length; p++) {
				if (tokenIds[p] >= 0 && tokenIds[p + 1] >= 0) {
					IntList postings = this.byPair.get(Anchors.pair(tokenIds[p], tokenIds[p + 1]));
					if (postings != null) {
						candidates.addAll(postings);
					}
				}
			}
		}
		if (!this.byPrefix.isEmpty()) {
			for (String form : view.forms().keySet()) {
				int longest = Math.min(form.length(), Anchors.MAX_PREFIX_KEY);
				for (int length = QueryParser.MIN_PREFIX; length <= longest; length++) {
					if (this.prefixLengths[length] > 0) {
						IntList postings = this.byPrefix.get(form.substring(0, length));
						if (postings != null) {
							candidates.addAll(postings);
						}
					}
				}
			}
		}
	}

}
