package policywatch.subscription;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.query.MatchDocument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Subscriptions on a real database: limits, duplicates, removal, and the matcher kept in step.
 */
class SubscriptionsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

	private final DataSource dataSource = TestDatabase.create();

	private final JdbcClient jdbc = JdbcClient.create(this.dataSource);

	private final TransactionTemplate transactions = new TransactionTemplate(
			new DataSourceTransactionManager(this.dataSource));

	private final ChatRepository chatRepository = new ChatRepository(this.jdbc, this.clock);

	private final SubscriptionRepository repository = new SubscriptionRepository(this.jdbc, this.clock);

	private final Chats chats = new Chats(this.chatRepository);

	private Subscriptions subscriptions = new Subscriptions(this.repository, this.chatRepository,
			new SubscriptionProperties(30, 2));

	@Test
	void subscribeStoresAndMatchesImmediately() {
		this.chats.seen(7, "private", "a");
		SubscribeResult result = this.subscriptions.subscribe(7, 7, "BRICS", false);
		assertThat(result).isInstanceOf(SubscribeResult.Created.class);
		assertThat(this.subscriptions.match(new MatchDocument("BRICS summit", "")))
			.singleElement()
			.satisfies((match) -> assertThat(match.chatId()).isEqualTo(7));
		assertThat(this.subscriptions.match(new MatchDocument("Bricks factory", ""))).isEmpty();
	}

	@Test
	void limitsApplyToSubscribersButNotAdmins() {
		this.chats.seen(7, "private", "a");
		assertThat(this.subscriptions.subscribe(7, 7, "x".repeat(31), false))
			.isEqualTo(new SubscribeResult.Rejected("That query is 31 characters long; the limit is 30."));
		this.subscriptions.subscribe(7, 7, "one", false);
		this.subscriptions.subscribe(7, 7, "two", false);
		assertThat(this.subscriptions.subscribe(7, 7, "three", false)).isInstanceOf(SubscribeResult.Rejected.class);
		assertThat(this.subscriptions.subscribe(7, 7, "three", true)).isInstanceOf(SubscribeResult.Created.class);
		assertThat(this.subscriptions.list(7)).extracting(Subscription::query).containsExactly("one", "two", "three");
	}

	@Test
	void duplicateQueryIsNotStoredTwice() {
		this.chats.seen(7, "private", "a");
		this.subscriptions.subscribe(7, 7, "tariffs", false);
		assertThat(this.subscriptions.subscribe(7, 7, "  tariffs ", false)).isInstanceOf(SubscribeResult.Duplicate.class);
		assertThat(this.subscriptions.count()).isEqualTo(1);
	}

	@Test
	void emptyQueryIsRejected() {
		assertThat(this.subscriptions.subscribe(7, 7, "  ", false)).isInstanceOf(SubscribeResult.Rejected.class);
	}

	@Test
	void unsubscribeByIdOrTextOnlyInTheOwnChat() {
		this.chats.seen(7, "private", "a");
		this.chats.seen(8, "private", "b");
		long id = ((SubscribeResult.Created) this.subscriptions.subscribe(7, 7, "BRICS", false)).subscription().id();
		this.subscriptions.subscribe(7, 7, "supply chain", false);
		assertThat(this.subscriptions.unsubscribe(8, Long.toString(id))).isEmpty();
		assertThat(this.subscriptions.unsubscribe(7, Long.toString(id))).isPresent();
		assertThat(this.subscriptions.unsubscribe(7, "supply chain")).isPresent();
		assertThat(this.subscriptions.list(7)).isEmpty();
		assertThat(this.subscriptions.match(new MatchDocument("BRICS and supply chains", ""))).isEmpty();
	}

	@Test
	void subscriptionsAreLoadedAgainAtStart() {
		this.chats.seen(7, "private", "a");
		this.subscriptions.subscribe(7, 7, "export controls", false);
		this.subscriptions = new Subscriptions(this.repository, this.chatRepository, new SubscriptionProperties(30, 2));
		assertThat(this.subscriptions.match(new MatchDocument("", "New export controls on chips"))).hasSize(1);
	}

	@Test
	void migratedGroupKeepsItsSubscriptionsUnderTheNewId() {
		this.chats.seen(-5, "group", "Team");
		this.subscriptions.subscribe(-5, 7, "sanctions", false);
		this.subscriptions.moveChat(-5, -1005);
		assertThat(this.subscriptions.list(-5)).isEmpty();
		assertThat(this.subscriptions.list(-1005)).extracting(Subscription::query).containsExactly("sanctions");
		assertThat(this.subscriptions.match(new MatchDocument("New sanctions", "")))
			.extracting(ChatMatch::chatId)
			.containsExactly(-1005L);
		assertThat(this.chats.find(-5)).get().extracting(Chat::active).isEqualTo(false);
		assertThat(this.chats.find(-1005)).get().extracting(Chat::active).isEqualTo(true);
	}

	@Test
	void adminDefinedSubscriptionsAreReplacedAndCanBeLimitedToFeeds() {
		this.chats.seen(-100, "supergroup", "Trade team");
		this.subscriptions.subscribe(-100, 7, "tariffs", false);
		this.subscriptions.replaceConfigured(List.of(new ConfiguredSubscription(-100, "BRICS", List.of("wto-news")),
				new ConfiguredSubscription(-200, "sanctions", List.of())));
		assertThat(this.subscriptions.match(new MatchDocument("BRICS tariffs", ""), "wto-news"))
			.singleElement()
			.satisfies((match) -> assertThat(match.subscriptions()).extracting(Subscription::query)
				.containsExactly("tariffs", "BRICS"));
		assertThat(this.subscriptions.match(new MatchDocument("BRICS", ""), "other-feed")).isEmpty();
		assertThat(this.subscriptions.unsubscribe(-100, "BRICS")).get()
			.extracting(Subscription::origin)
			.isEqualTo(Subscriptions.ORIGIN_CONFIG);
		assertThat(this.subscriptions.list(-100)).hasSize(2);

		this.subscriptions.replaceConfigured(List.of(new ConfiguredSubscription(-200, "sanctions", List.of())));
		assertThat(this.subscriptions.list(-100)).extracting(Subscription::query).containsExactly("tariffs");
		assertThat(this.subscriptions.list(-200)).extracting(Subscription::query).containsExactly("sanctions");
		assertThat(this.subscriptions.match(new MatchDocument("New sanctions", ""), "any")).hasSize(1);
	}

	@Test
	void aReplacementTheDatabaseRefusesLeavesNoGhostInTheMatcher() {
		this.chats.seen(-100, "supergroup", "Trade team");
		this.transactions.executeWithoutResult((status) -> this.subscriptions
			.replaceConfigured(List.of(new ConfiguredSubscription(-100, "BRICS", List.of()))));
		String tooLongForTheColumn = "supply chain ".repeat(93).strip();

		assertThatException().isThrownBy(() -> this.transactions.executeWithoutResult((status) -> this.subscriptions
			.replaceConfigured(List.of(new ConfiguredSubscription(-100, "sanctions", List.of()),
					new ConfiguredSubscription(-100, tooLongForTheColumn, List.of())))));

		assertThat(this.subscriptions.list(-100)).extracting(Subscription::query).containsExactly("BRICS");
		assertThat(this.subscriptions.match(new MatchDocument("New sanctions on supply chain", ""))).isEmpty();
		assertThat(this.subscriptions.match(new MatchDocument("BRICS summit", ""))).singleElement()
			.satisfies((match) -> assertThat(match.subscriptions()).extracting(Subscription::query)
				.containsExactly("BRICS"));
	}

	@Test
	void everyoneIsHeldToWhatTheDatabaseHolds() {
		this.chats.seen(42, "private", "admin");
		assertThat(this.subscriptions.subscribe(42, 42, "supply chain ".repeat(93).strip(), true))
			.isEqualTo(new SubscribeResult.Rejected(
					"The query is 1208 characters long; the most a subscription can hold is 1000."));
		assertThat(this.subscriptions.count()).isZero();
	}

	@Test
	void oneUserHasAtMostSoManySubscriptionsAcrossAllChats() {
		this.subscriptions = new Subscriptions(this.repository, this.chatRepository, new SubscriptionProperties(30, 2, 3));
		this.chats.seen(7, "private", "a");
		this.chats.seen(-5, "group", "Team");
		this.chats.seen(-6, "group", "Other team");
		this.subscriptions.subscribe(7, 7, "one", false);
		this.subscriptions.subscribe(-5, 7, "two", false);
		this.subscriptions.subscribe(-6, 7, "three", false);
		assertThat(this.subscriptions.subscribe(-6, 7, "four", false)).isEqualTo(new SubscribeResult.Rejected(
				"You already have 3 subscriptions across your chats, the most one person may have. "
						+ "Remove one with /unsubscribe first."));
		assertThat(this.subscriptions.subscribe(-6, 8, "four", false)).isInstanceOf(SubscribeResult.Created.class);
		this.subscriptions.unsubscribe(7, "one");
		assertThat(this.subscriptions.subscribe(-5, 7, "five", false)).isInstanceOf(SubscribeResult.Created.class);
	}

	@Test
	void prefixTermsAreLimitedPerQueryAndPerChatForEveryone() {
		this.subscriptions = new Subscriptions(this.repository, this.chatRepository,
				new SubscriptionProperties(200, 50, 100));
		this.chats.seen(7, "private", "a");
		assertThat(this.subscriptions.subscribe(7, 7, "the -aaa* -aab* -aac* -aad* -aae* -aaf*", true))
			.isEqualTo(new SubscribeResult.Rejected("The query has 6 prefix terms (word*); one query may have at most 5."));
		for (int i = 0; i < 4; i++) {
			assertThat(this.subscriptions.subscribe(7, 7, "the -aa" + (char) ('a' + i) + "* -abb* -abc* -abd* -abe*", false))
				.isInstanceOf(SubscribeResult.Created.class);
		}
		assertThat(this.subscriptions.subscribe(7, 7, "sanction*", false)).isEqualTo(new SubscribeResult.Rejected(
				"The chat's subscriptions would have 21 prefix terms (word*) together; a chat may have at most 20 "
						+ "(write whole words, or remove a subscription with a prefix first)."));
		assertThat(this.subscriptions.subscribe(7, 7, "sanctions", false)).isInstanceOf(SubscribeResult.Created.class);
	}

	@Test
	void chatStateFollowsPauseBlockAndStart() {
		this.chats.seen(7, "private", "a");
		this.chats.pause(7);
		assertThat(this.chats.find(7).orElseThrow().deliverable()).isFalse();
		this.chats.resume(7);
		assertThat(this.chats.deactivate(7)).isTrue();
		assertThat(this.chats.deactivate(7)).isFalse();
		this.chats.seen(7, "private", "a");
		assertThat(this.chats.find(7).orElseThrow().deliverable()).isTrue();
		assertThat(this.chats.findAll(List.of(7L, 99L))).containsOnlyKeys(7L);
	}

}
