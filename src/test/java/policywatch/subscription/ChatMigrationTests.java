package policywatch.subscription;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.query.MatchDocument;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group that became a supergroup keeps its subscriptions, those from
 * {@code config/subscriptions.yml} included, though the file still names the old id.
 */
class ChatMigrationTests {

	private static final long GROUP = -500;

	private static final long SUPERGROUP = -1000000000500L;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

	private final JdbcClient jdbc = TestDatabase.jdbc();

	private final ChatRepository chatRepository = new ChatRepository(this.jdbc, this.clock);

	private final Subscriptions subscriptions = new Subscriptions(new SubscriptionRepository(this.jdbc, this.clock),
			this.chatRepository, new SubscriptionProperties(30, 2));

	@Test
	void configuredSubscriptionsFollowTheSupergroupAcrossReloads() {
		List<ConfiguredSubscription> file = List.of(new ConfiguredSubscription(GROUP, "steel", List.of()));
		this.subscriptions.replaceConfigured(file);
		this.subscriptions.moveChat(GROUP, SUPERGROUP);

		// The admin has not edited the file yet: a reload must neither bring back the old group
		// nor drop the supergroup's subscription.
		this.subscriptions.replaceConfigured(file);
		this.subscriptions.replaceConfigured(file);

		assertThat(this.subscriptions.list(GROUP)).isEmpty();
		assertThat(this.subscriptions.list(SUPERGROUP)).singleElement()
			.satisfies((subscription) -> assertThat(subscription.origin()).isEqualTo(Subscriptions.ORIGIN_CONFIG));
		assertThat(this.subscriptions.match(new MatchDocument("Steel output falls", "")))
			.extracting(ChatMatch::chatId)
			.containsExactly(SUPERGROUP);
	}

	@Test
	void theFileNamingTheNewIdChangesNothing() {
		this.subscriptions.replaceConfigured(List.of(new ConfiguredSubscription(GROUP, "steel", List.of())));
		this.subscriptions.moveChat(GROUP, SUPERGROUP);
		this.subscriptions.replaceConfigured(List.of(new ConfiguredSubscription(SUPERGROUP, "steel", List.of())));
		assertThat(this.subscriptions.list(SUPERGROUP)).hasSize(1);
		assertThat(this.subscriptions.match(new MatchDocument("Steel output falls", ""))).hasSize(1);
	}

	@Test
	void aChatSubscriptionMovesToo() {
		this.chatRepository.ensure(GROUP, "group");
		this.subscriptions.subscribe(GROUP, 7, "tariffs", false);
		this.subscriptions.moveChat(GROUP, SUPERGROUP);
		assertThat(this.subscriptions.list(SUPERGROUP)).extracting(Subscription::query).containsExactly("tariffs");
		assertThat(this.chatRepository.migrations()).containsEntry(GROUP, SUPERGROUP);
	}

}
