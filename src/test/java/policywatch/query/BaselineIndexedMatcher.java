package policywatch.query;

// Frozen copy of the production IndexedMatcher as of commit b6d9186, kept in test scope only so that MatcherBenchmark can
// measure today's matcher side by side with the current one. Do not change it; do not use it outside benchmarks.

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The production matcher: an inverted index of subscription anchors (see {@link BaselineAnchorChooser}). A document is tokenised
 * once; the subscriptions whose anchor it contains are the candidates, and only those are evaluated exactly.
 * Subscriptions that are one plain word (the most common kind) need no evaluation: they are listed under their word
 * and match, with the same hits, wherever the word occurs. Adding and removing a subscription touch only its own
 * entries. Thread-safe: matching runs under a read lock, changes under a write lock.
 */
final class BaselineIndexedMatcher implements SubscriptionMatcher {

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final BaselineVocabulary vocabulary = new BaselineVocabulary();

	private final Map<Long, Integer> slots = new HashMap<>();

	/** Plain one-word subscriptions: subscription id to word id. */
	private final Map<Long, Integer> words = new HashMap<>();

	/** Plain one-word subscriptions by word id. */
	private LongList[] byPlainWord = new LongList[1024];

	/** Per word id: how many pair anchors start with it (first) and end with it (second); filters pair look-ups. */
	private int[] pairFirst = new int[1024];

	private int[] pairSecond = new int[1024];

	private static final int PLAIN = 1;

	private static final int ANCHOR = 2;

	private static final int PAIR_FIRST = 4;

	private static final int PAIR_SECOND = 8;

	/** Per word id, which of the lists above are non-empty: one dense array for the hot loops. */
	private byte[] flags = new byte[1024];

	private static final int BLOOM_BITS = 18;

	/** Bit {@code key >>> (64 - BLOOM_BITS)} is set when some pair anchor has that key prefix. */
	private final long[] pairBloom = new long[(1 << BLOOM_BITS) / 64];

	private final int[] pairBloomCounts = new int[1 << BLOOM_BITS];

	private long[] ids = new long[64];

	private BaselineCompiledQuery[] queries = new BaselineCompiledQuery[64];

	private BaselineAnchorChooser.Anchor[][] anchors = new BaselineAnchorChooser.Anchor[64][];

	private final BaselineIntList freeSlots = new BaselineIntList();

	private int slotCount;

	/** Slots anchored on each word, by vocabulary id. */
	private BaselineIntList[] byWord = new BaselineIntList[1024];

	private final BaselineLongObjectMap<BaselineIntList> byPair = new BaselineLongObjectMap<>();

	/** Slots anchored on each prefix, by {@link BaselineAnchorChooser#prefixHash}. */
	private final BaselineLongObjectMap<BaselineIntList> byPrefix = new BaselineLongObjectMap<>();

	/** How many prefix anchors have each key length. */
	private final int[] prefixLengths = new int[BaselineAnchorChooser.MAX_PREFIX_KEY + 1];

	@Override
	public void add(long subscriptionId, Query query) {
		this.lock.writeLock().lock();
		try {
			removeLocked(subscriptionId);
			if (query.root() instanceof QueryNode.Phrase phrase && phrase.words().size() == 1
					&& !phrase.words().get(0).prefix() && !phrase.words().get(0).acronym()) {
				int word = this.vocabulary.intern(phrase.words().get(0).key());
				if (word >= this.byPlainWord.length) {
					this.byPlainWord = Arrays.copyOf(this.byPlainWord, Math.max(word + 1, this.byPlainWord.length * 2));
				}
				if (this.byPlainWord[word] == null) {
					this.byPlainWord[word] = new LongList();
				}
				this.byPlainWord[word].add(subscriptionId);
				this.words.put(subscriptionId, word);
				updateFlags(word);
				return;
			}
			BaselineCompiledQuery compiled = BaselineCompiledQuery.compile(query.root(), this.vocabulary);
			List<BaselineAnchorChooser.Anchor> list = BaselineAnchorChooser.of(query.root(), this.vocabulary);
			int slot = this.freeSlots.isEmpty() ? this.slotCount++ : takeFreeSlot();
			ensureSlotCapacity(slot);
			this.ids[slot] = subscriptionId;
			this.queries[slot] = compiled;
			this.anchors[slot] = list.toArray(BaselineAnchorChooser.Anchor[]::new);
			for (BaselineAnchorChooser.Anchor anchor : this.anchors[slot]) {
				postings(anchor, true).add(slot);
				if (anchor.kind() == BaselineAnchorChooser.Kind.PREFIX) {
					this.prefixLengths[anchor.prefix().length()]++;
				}
				else if (anchor.kind() == BaselineAnchorChooser.Kind.PAIR) {
					countPair(anchor, 1);
				}
				else {
					updateFlags((int) anchor.key());
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

	private void countPair(BaselineAnchorChooser.Anchor anchor, int delta) {
		int first = anchor.first();
		int second = anchor.second();
		int needed = Math.max(first, second) + 1;
		if (needed > this.pairFirst.length) {
			this.pairFirst = Arrays.copyOf(this.pairFirst, Math.max(needed, this.pairFirst.length * 2));
			this.pairSecond = Arrays.copyOf(this.pairSecond, this.pairFirst.length);
		}
		this.pairFirst[first] += delta;
		this.pairSecond[second] += delta;
		updateFlags(first);
		updateFlags(second);
		int bit = (int) (anchor.key() >>> (64 - BLOOM_BITS));
		this.pairBloomCounts[bit] += delta;
		if (this.pairBloomCounts[bit] > 0) {
			this.pairBloom[bit >>> 6] |= 1L << bit;
		}
		else {
			this.pairBloom[bit >>> 6] &= ~(1L << bit);
		}
	}

	private void updateFlags(int word) {
		if (word >= this.flags.length) {
			this.flags = Arrays.copyOf(this.flags, Math.max(word + 1, this.flags.length * 2));
		}
		int value = 0;
		if (word < this.byPlainWord.length && this.byPlainWord[word] != null && !this.byPlainWord[word].isEmpty()) {
			value |= PLAIN;
		}
		if (word < this.byWord.length && this.byWord[word] != null && !this.byWord[word].isEmpty()) {
			value |= ANCHOR;
		}
		if (word < this.pairFirst.length && this.pairFirst[word] > 0) {
			value |= PAIR_FIRST;
		}
		if (word < this.pairSecond.length && this.pairSecond[word] > 0) {
			value |= PAIR_SECOND;
		}
		this.flags[word] = (byte) value;
	}

	private boolean flagged(int word, int flag) {
		return word >= 0 && word < this.flags.length && (this.flags[word] & flag) != 0;
	}

	private void removeLocked(long subscriptionId) {
		Integer word = this.words.remove(subscriptionId);
		if (word != null) {
			this.byPlainWord[word].removeValue(subscriptionId);
			updateFlags(word);
			return;
		}
		Integer slot = this.slots.remove(subscriptionId);
		if (slot == null) {
			return;
		}
		for (BaselineAnchorChooser.Anchor anchor : this.anchors[slot]) {
			BaselineIntList postings = postings(anchor, false);
			postings.removeValue(slot);
			if (anchor.kind() == BaselineAnchorChooser.Kind.WORD) {
				updateFlags((int) anchor.key());
			}
			else if (anchor.kind() == BaselineAnchorChooser.Kind.PREFIX) {
				this.prefixLengths[anchor.prefix().length()]--;
				if (postings.isEmpty()) {
					this.byPrefix.remove(anchor.key());
				}
			}
			else if (anchor.kind() == BaselineAnchorChooser.Kind.PAIR) {
				countPair(anchor, -1);
				if (postings.isEmpty()) {
					this.byPair.remove(anchor.key());
				}
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

	private BaselineIntList postings(BaselineAnchorChooser.Anchor anchor, boolean create) {
		switch (anchor.kind()) {
			case WORD: {
				int id = (int) anchor.key();
				if (id >= this.byWord.length) {
					this.byWord = Arrays.copyOf(this.byWord, Math.max(id + 1, this.byWord.length * 2));
				}
				if (this.byWord[id] == null && create) {
					this.byWord[id] = new BaselineIntList(2);
				}
				return this.byWord[id];
			}
			default: {
				BaselineLongObjectMap<BaselineIntList> map = (anchor.kind() == BaselineAnchorChooser.Kind.PAIR) ? this.byPair : this.byPrefix;
				BaselineIntList postings = map.get(anchor.key());
				if (postings == null && create) {
					postings = new BaselineIntList(2);
					map.put(anchor.key(), postings);
				}
				return postings;
			}
		}
	}

	@Override
	public int size() {
		this.lock.readLock().lock();
		try {
			return this.slots.size() + this.words.size();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Sorts matches by subscription id, on primitive keys when the ids allow it.
	 */
	static List<QueryMatch> sortById(List<QueryMatch> matches) {
		int count = matches.size();
		long[] keys = new long[count];
		for (int i = 0; i < count; i++) {
			long id = matches.get(i).subscriptionId();
			if (id < 0 || id >= (1L << 42)) {
				matches.sort(Comparator.comparingLong(QueryMatch::subscriptionId));
				return matches;
			}
			keys[i] = (id << 21) | i;
		}
		if (count >= (1 << 21)) {
			matches.sort(Comparator.comparingLong(QueryMatch::subscriptionId));
			return matches;
		}
		Arrays.sort(keys);
		List<QueryMatch> sorted = new ArrayList<>(count);
		for (long key : keys) {
			sorted.add(matches.get((int) (key & ((1 << 21) - 1))));
		}
		return sorted;
	}

	@Override
	public List<QueryMatch> match(MatchDocument document) {
		this.lock.readLock().lock();
		try {
			BaselineDocumentView view = new BaselineDocumentView(document, this.vocabulary);
			BaselineIntList candidates = candidates(view);
			List<QueryMatch> result = new ArrayList<>(candidates.size() + 64);
			BaselineMatchedRanges hits = new BaselineMatchedRanges();
			plainWordMatches(view, hits, result);
			for (int i = 0; i < candidates.size(); i++) {
				int slot = candidates.get(i);
				hits.clear();
				if (this.queries[slot].matches(view, hits)) {
					result.add(new QueryMatch(this.ids[slot], hits.toList()));
				}
			}
			return sortById(result);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Adds the matches of plain one-word subscriptions: every word of the document that has some.
	 */
	private void plainWordMatches(BaselineDocumentView view, BaselineMatchedRanges hits, List<QueryMatch> result) {
		BaselineDocumentView.FieldView title = view.field(Field.TITLE);
		BaselineDocumentView.FieldView body = view.field(Field.BODY);
		// words of the body (with their title hits too), then words only in the title
		for (int bodyGroup = 0; bodyGroup < body.distinctIds.length; bodyGroup++) {
			int word = body.distinctIds[bodyGroup];
			if (hasPlainWord(word)) {
				hits.clear();
				addWordHits(title, title.group(word), hits);
				addWordHits(body, bodyGroup, hits);
				addPlainWordMatches(word, hits.toList(), result);
			}
		}
		for (int titleGroup = 0; titleGroup < title.distinctIds.length; titleGroup++) {
			int word = title.distinctIds[titleGroup];
			if (hasPlainWord(word) && body.group(word) < 0) {
				hits.clear();
				addWordHits(title, titleGroup, hits);
				addPlainWordMatches(word, hits.toList(), result);
			}
		}
	}

	private boolean hasPlainWord(int word) {
		return flagged(word, PLAIN);
	}

	private void addPlainWordMatches(int word, List<Hit> hits, List<QueryMatch> result) {
		LongList subscriptions = this.byPlainWord[word];
		for (int i = 0; i < subscriptions.size(); i++) {
			result.add(new QueryMatch(subscriptions.get(i), hits));
		}
	}

	private static void addWordHits(BaselineDocumentView.FieldView field, int group, BaselineMatchedRanges hits) {
		if (group >= 0) {
			for (int i = field.groupStart[group]; i < field.groupStart[group + 1]; i++) {
				int p = field.positions[i];
				hits.add(field.field, field.tokens.start(p), field.tokens.end(p));
			}
		}
	}

	/**
	 * @return the slots of the subscriptions whose anchors the document contains, ascending
	 */
	BaselineIntList candidates(BaselineDocumentView view) {
		BaselineIntList candidates = new BaselineIntList(256);
		for (Field field : Field.values()) {
			collectCandidates(view.field(field), candidates);
		}
		candidates.sortUnique();
		return candidates;
	}

	/**
	 * A growable list of subscription ids.
	 */
	private static final class LongList {

		private long[] values = new long[2];

		private int size;

		void add(long value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		void removeValue(long value) {
			for (int i = 0; i < this.size; i++) {
				if (this.values[i] == value) {
					this.values[i] = this.values[--this.size];
					return;
				}
			}
		}

		long get(int index) {
			return this.values[index];
		}

		int size() {
			return this.size;
		}

		boolean isEmpty() {
			return this.size == 0;
		}

	}

	private void collectCandidates(BaselineDocumentView.FieldView view, BaselineIntList candidates) {
		for (int id : view.distinctIds) {
			if (flagged(id, ANCHOR)) {
				candidates.addAll(this.byWord[id]);
			}
		}
		if (!this.byPair.isEmpty()) {
			int[] tokenIds = view.ids;
			for (int p = 0; p + 1 < tokenIds.length; p++) {
				int first = tokenIds[p];
				int second = tokenIds[p + 1];
				if (flagged(first, PAIR_FIRST) && flagged(second, PAIR_SECOND)) {
					long key = BaselineAnchorChooser.pair(first, second);
					int bit = (int) (key >>> (64 - BLOOM_BITS));
					if ((this.pairBloom[bit >>> 6] & (1L << bit)) == 0) {
						continue;
					}
					BaselineIntList postings = this.byPair.get(key);
					if (postings != null) {
						candidates.addAll(postings);
					}
				}
			}
		}
		if (!this.byPrefix.isEmpty()) {
			BaselineTextTokens tokens = view.tokens;
			for (int p = 0; p < tokens.size(); p++) {
				if (tokens.cjk(p)) {
					continue;
				}
				String form = tokens.form(p);
				int longest = Math.min(form.length(), BaselineAnchorChooser.MAX_PREFIX_KEY);
				long hash = BaselineAnchorChooser.PREFIX_SEED;
				for (int length = 1; length <= longest; length++) {
					hash = BaselineAnchorChooser.prefixStep(hash, form.charAt(length - 1));
					if (length >= QueryParser.MIN_PREFIX && this.prefixLengths[length] > 0) {
						BaselineIntList postings = this.byPrefix.get(BaselineAnchorChooser.prefixHashKey(hash));
						if (postings != null) {
							candidates.addAll(postings);
						}
					}
				}
			}
		}
	}

}
