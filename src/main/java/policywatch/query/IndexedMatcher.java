package policywatch.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The production matcher: an inverted index of subscription anchors (see {@link AnchorChooser}). A document is tokenised
 * once; the subscriptions whose anchor it contains are the candidates, and only those are evaluated exactly.
 * Subscriptions that are one plain word (the most common kind) need no evaluation: they are listed under their word
 * and match, with the same hits, wherever the word occurs. Adding and removing a subscription touch only its own
 * entries. Thread-safe: matching runs under a read lock, changes under a write lock.
 */
final class IndexedMatcher implements SubscriptionMatcher {

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final Vocabulary vocabulary = new Vocabulary();

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

	/** The word has exactly one plain one-word subscription, in {@link #singlePlain}. */
	private static final int SINGLE_PLAIN = 16;

	/** Per word id with {@link #SINGLE_PLAIN}: its subscription, read without following a list (most words). */
	private long[] singlePlain = new long[1024];

	/** Per word id, which of the lists above are non-empty: one dense array for the hot loops. */
	private byte[] flags = new byte[1024];

	/** 2^20 bits (128 KB, mostly in cache): about one look-up in 30 is wasted at 30,000 pair anchors. */
	private static final int BLOOM_BITS = 20;

	/** Bit {@code key >>> (64 - BLOOM_BITS)} is set when some pair anchor has that key prefix. */
	private final long[] pairBloom = new long[(1 << BLOOM_BITS) / 64];

	/** Pair anchors per bit; a count that reaches {@link Character#MAX_VALUE} stays there (its bit stays set). */
	private final char[] pairBloomCounts = new char[1 << BLOOM_BITS];

	private long[] ids = new long[64];

	private CompiledQuery[] queries = new CompiledQuery[64];

	private AnchorChooser.Anchor[][] anchors = new AnchorChooser.Anchor[64][];

	private final IntList freeSlots = new IntList();

	private int slotCount;

	/** Slots anchored on each word, by vocabulary id. */
	private IntList[] byWord = new IntList[1024];

	private final LongObjectMap<IntList> byPair = new LongObjectMap<>();

	/** Slots anchored on each prefix, by {@link AnchorChooser#prefixHash}. */
	private final LongObjectMap<IntList> byPrefix = new LongObjectMap<>();

	private static final int PREFIX_BLOOM_BITS = 16;

	/** Bit {@code key >>> (64 - PREFIX_BLOOM_BITS)} is set when some prefix anchor has that key: most forms of a
	 * document are ruled out without a look-up in {@link #byPrefix}. */
	private final long[] prefixBloom = new long[(1 << PREFIX_BLOOM_BITS) / 64];

	private final int[] prefixBloomCounts = new int[1 << PREFIX_BLOOM_BITS];

	/** How many prefix anchors have each key length. */
	private final int[] prefixLengths = new int[AnchorChooser.MAX_PREFIX_KEY + 1];

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
			CompiledQuery compiled = CompiledQuery.compile(query.root(), this.vocabulary);
			List<AnchorChooser.Anchor> list = AnchorChooser.of(query.root(), this.vocabulary);
			int slot = this.freeSlots.isEmpty() ? this.slotCount++ : takeFreeSlot();
			ensureSlotCapacity(slot);
			this.ids[slot] = subscriptionId;
			this.queries[slot] = compiled;
			this.anchors[slot] = list.toArray(AnchorChooser.Anchor[]::new);
			for (AnchorChooser.Anchor anchor : this.anchors[slot]) {
				postings(anchor, true).add(slot);
				if (anchor.kind() == AnchorChooser.Kind.PREFIX) {
					this.prefixLengths[anchor.prefix().length()]++;
					countPrefix(anchor, 1);
				}
				else if (anchor.kind() == AnchorChooser.Kind.PAIR) {
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

	private void countPair(AnchorChooser.Anchor anchor, int delta) {
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
		int count = this.pairBloomCounts[bit];
		if (count != Character.MAX_VALUE) {
			this.pairBloomCounts[bit] = (char) (count + delta);
		}
		if (this.pairBloomCounts[bit] > 0) {
			this.pairBloom[bit >>> 6] |= 1L << bit;
		}
		else {
			this.pairBloom[bit >>> 6] &= ~(1L << bit);
		}
	}

	private void countPrefix(AnchorChooser.Anchor anchor, int delta) {
		int bit = (int) (anchor.key() >>> (64 - PREFIX_BLOOM_BITS));
		this.prefixBloomCounts[bit] += delta;
		if (this.prefixBloomCounts[bit] > 0) {
			this.prefixBloom[bit >>> 6] |= 1L << bit;
		}
		else {
			this.prefixBloom[bit >>> 6] &= ~(1L << bit);
		}
	}

	private void updateFlags(int word) {
		if (word >= this.flags.length) {
			this.flags = Arrays.copyOf(this.flags, Math.max(word + 1, this.flags.length * 2));
		}
		int value = 0;
		if (word < this.byPlainWord.length && this.byPlainWord[word] != null && !this.byPlainWord[word].isEmpty()) {
			value |= PLAIN;
			if (this.byPlainWord[word].size() == 1) {
				if (word >= this.singlePlain.length) {
					this.singlePlain = Arrays.copyOf(this.singlePlain, this.flags.length);
				}
				this.singlePlain[word] = this.byPlainWord[word].get(0);
				value |= SINGLE_PLAIN;
			}
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
		for (AnchorChooser.Anchor anchor : this.anchors[slot]) {
			IntList postings = postings(anchor, false);
			postings.removeValue(slot);
			if (anchor.kind() == AnchorChooser.Kind.WORD) {
				updateFlags((int) anchor.key());
			}
			else if (anchor.kind() == AnchorChooser.Kind.PREFIX) {
				this.prefixLengths[anchor.prefix().length()]--;
				countPrefix(anchor, -1);
				if (postings.isEmpty()) {
					this.byPrefix.remove(anchor.key());
				}
			}
			else if (anchor.kind() == AnchorChooser.Kind.PAIR) {
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

	private IntList postings(AnchorChooser.Anchor anchor, boolean create) {
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
			default: {
				LongObjectMap<IntList> map = (anchor.kind() == AnchorChooser.Kind.PAIR) ? this.byPair : this.byPrefix;
				IntList postings = map.get(anchor.key());
				if (postings == null && create) {
					postings = new IntList(2);
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
			DocumentView view = new DocumentView(document, this.vocabulary);
			IntList candidates = candidates(view);
			List<QueryMatch> result = new ArrayList<>(candidates.size() + plainWordMatchCount(view));
			MatchedRanges hits = new MatchedRanges();
			plainWordMatches(view, result);
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
	 * Adds the matches of plain one-word subscriptions: every word of the document that has some. The hits (the
	 * word's places, title first, at most {@link MatchedRanges#MAX_RANGES}) are built once per word, shared by its
	 * subscriptions.
	 */
	private void plainWordMatches(DocumentView view, List<QueryMatch> result) {
		DocumentView.FieldView title = view.field(Field.TITLE);
		DocumentView.FieldView body = view.field(Field.BODY);
		// words of the body (with their title hits too), then words only in the title
		for (int bodyGroup = 0; bodyGroup < body.distinctIds.length; bodyGroup++) {
			int word = body.distinctIds[bodyGroup];
			if (hasPlainWord(word)) {
				addPlainWordMatches(word, wordHits(title, title.group(word), body, bodyGroup), result);
			}
		}
		for (int titleGroup = 0; titleGroup < title.distinctIds.length; titleGroup++) {
			int word = title.distinctIds[titleGroup];
			if (hasPlainWord(word) && body.group(word) < 0) {
				addPlainWordMatches(word, wordHits(title, titleGroup, body, -1), result);
			}
		}
	}

	/**
	 * @return how many plain one-word subscriptions the document matches (sizes the result list)
	 */
	private int plainWordMatchCount(DocumentView view) {
		int count = 0;
		long touched = 0;
		for (Field field : Field.values()) {
			for (int word : view.field(field).distinctIds) {
				if (hasPlainWord(word)) {
					if (flagged(word, SINGLE_PLAIN)) {
						// read here, in a loop of independent reads (overlapping their cache misses), for the
						// loop that builds the matches
						touched += this.singlePlain[word];
						count++;
					}
					else {
						count += this.byPlainWord[word].size();
					}
				}
			}
		}
		view.touched += touched;
		return count;
	}

	private boolean hasPlainWord(int word) {
		return flagged(word, PLAIN);
	}

	private void addPlainWordMatches(int word, List<Hit> hits, List<QueryMatch> result) {
		if (flagged(word, SINGLE_PLAIN)) {
			result.add(new QueryMatch(this.singlePlain[word], hits));
			return;
		}
		LongList subscriptions = this.byPlainWord[word];
		for (int i = 0; i < subscriptions.size(); i++) {
			result.add(new QueryMatch(subscriptions.get(i), hits));
		}
	}

	/**
	 * @return the places of one word, title then body, each in text order (what {@link MatchedRanges} gives for
	 * them: single tokens never overlap)
	 */
	private static List<Hit> wordHits(DocumentView.FieldView title, int titleGroup, DocumentView.FieldView body,
			int bodyGroup) {
		int titleCount = (titleGroup >= 0) ? title.groupStart[titleGroup + 1] - title.groupStart[titleGroup] : 0;
		int bodyCount = (bodyGroup >= 0) ? body.groupStart[bodyGroup + 1] - body.groupStart[bodyGroup] : 0;
		titleCount = Math.min(titleCount, MatchedRanges.MAX_RANGES);
		bodyCount = Math.min(bodyCount, MatchedRanges.MAX_RANGES - titleCount);
		if (titleCount + bodyCount == 1) {
			// the usual case: a rare word, once
			int p = (titleCount == 1) ? title.positions[title.groupStart[titleGroup]]
					: body.positions[body.groupStart[bodyGroup]];
			DocumentView.FieldView field = (titleCount == 1) ? title : body;
			return List.of(new Hit(field.field, field.tokens.start(p), field.tokens.end(p)));
		}
		Hit[] hits = new Hit[titleCount + bodyCount];
		for (int i = 0; i < titleCount; i++) {
			int p = title.positions[title.groupStart[titleGroup] + i];
			hits[i] = new Hit(Field.TITLE, title.tokens.start(p), title.tokens.end(p));
		}
		for (int i = 0; i < bodyCount; i++) {
			int p = body.positions[body.groupStart[bodyGroup] + i];
			hits[titleCount + i] = new Hit(Field.BODY, body.tokens.start(p), body.tokens.end(p));
		}
		return switch (hits.length) {
			case 1 -> List.of(hits[0]);
			case 2 -> List.of(hits[0], hits[1]);
			default -> Collections.unmodifiableList(Arrays.asList(hits));
		};
	}

	/**
	 * @return the slots of the subscriptions whose anchors the document contains, each once, in the order found
	 */
	IntList candidates(DocumentView view) {
		IntList candidates = new IntList(256);
		for (Field field : Field.values()) {
			collectCandidates(view.field(field), candidates);
		}
		if (candidates.size() < 2) {
			return candidates;
		}
		// duplicates dropped with one bit per slot (no sorting: the matches are sorted by subscription at the end)
		long[] seen = new long[(this.slotCount + 63) >>> 6];
		int unique = 0;
		for (int i = 0; i < candidates.size(); i++) {
			int slot = candidates.get(i);
			long bit = 1L << slot;
			if ((seen[slot >>> 6] & bit) == 0) {
				seen[slot >>> 6] |= bit;
				candidates.set(unique++, slot);
			}
		}
		candidates.truncate(unique);
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

	private void collectCandidates(DocumentView.FieldView view, IntList candidates) {
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
					long key = AnchorChooser.pair(first, second);
					int bit = (int) (key >>> (64 - BLOOM_BITS));
					if ((this.pairBloom[bit >>> 6] & (1L << bit)) == 0) {
						continue;
					}
					IntList postings = this.byPair.get(key);
					if (postings != null) {
						candidates.addAll(postings);
					}
				}
			}
		}
		if (!this.byPrefix.isEmpty()) {
			// each distinct form once (candidates are deduplicated anyway)
			TextTokens tokens = view.tokens;
			int longestKey = 0;
			for (int length = QueryParser.MIN_PREFIX; length <= AnchorChooser.MAX_PREFIX_KEY; length++) {
				longestKey = (this.prefixLengths[length] > 0) ? length : longestKey;
			}
			for (int d = 0; d < tokens.distinctCount(); d++) {
				if (tokens.cjk(tokens.distinctFirst(d))) {
					continue;
				}
				String form = tokens.distinctForm(d);
				int longest = Math.min(form.length(), longestKey);
				long hash = AnchorChooser.PREFIX_SEED;
				for (int length = 1; length <= longest; length++) {
					hash = AnchorChooser.prefixStep(hash, form.charAt(length - 1));
					if (length >= QueryParser.MIN_PREFIX && this.prefixLengths[length] > 0) {
						long key = AnchorChooser.prefixHashKey(hash);
						int bit = (int) (key >>> (64 - PREFIX_BLOOM_BITS));
						if ((this.prefixBloom[bit >>> 6] & (1L << bit)) == 0) {
							continue;
						}
						IntList postings = this.byPrefix.get(key);
						if (postings != null) {
							candidates.addAll(postings);
						}
					}
				}
			}
		}
	}

}
