package policywatch.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.database.SqlTimestamps;
import policywatch.ingest.PendingEntry;
import policywatch.subscription.Chat;
import policywatch.subscription.ChatMatch;
import policywatch.subscription.Chats;
import policywatch.subscription.DigestSchedule;
import policywatch.subscription.QuietHours;
import policywatch.subscription.Subscription;
import policywatch.subscription.Subscriptions;
import policywatch.testing.TestMessages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Routing (instant, digest, quiet hours, mute) and building digests on an injected clock and H2:
 * schedules in the chat's time zone, DST, quiet hours across midnight, weekly digests, digests
 * missed while the application was down, splitting, and the outbox rows that survive a crash.
 */
class DigestRunnerTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final long ALICE = 7;

	private static final long BOB = 8;

	/** Tuesday 1 December 2026, 10:00 in Berlin. */
	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));

	private final javax.sql.DataSource dataSource = TestDatabase.create();

	private final JdbcClient jdbc = JdbcClient.create(this.dataSource);

	private final DeliveryProperties properties = new DeliveryProperties(25, 1, 20, Duration.ofHours(24), 600,
			ZoneId.of("UTC"), Duration.ofMillis(500), 10, 8, Duration.ofDays(30));

	private final DeliveryPreferences preferences = new DeliveryPreferences(this.jdbc, this.clock, this.properties);

	private final DigestStore store = new DigestStore(this.jdbc, this.clock);

	private final Outbox outbox = new Outbox(this.jdbc, this.clock);

	private final Subscriptions subscriptions = mock(Subscriptions.class);

	private final Chats chats = mock(Chats.class);

	private final AlertTexts texts = new AlertTexts(TestMessages.create());

	private final NearDuplicates nearDuplicates = new NearDuplicates(this.jdbc, this.outbox,
			new DedupeProperties(true, Duration.ofHours(48)), this.clock, this.preferences, this.texts);

	private final AlertRouter router = new AlertRouter(this.preferences, this.store, new ButtonTokens(this.jdbc),
			this.clock, this.texts);

	private final DigestRunner runner = new DigestRunner(this.jdbc, this.store, this.preferences, this.outbox,
			this.subscriptions, this.chats, mock(OutboxSender.class),
			new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)), mock(TaskScheduler.class),
			this.clock, this.nearDuplicates, this.texts);

	private final Subscription brics;

	private final Subscription tariffs;

	private final Subscription bobs;

	private long entries;

	DigestRunnerTests() {
		given(this.chats.findAll(any())).willAnswer((call) -> {
			Map<Long, Chat> found = new java.util.HashMap<>();
			for (Object id : (java.util.Collection<?>) call.getArgument(0)) {
				found.put((Long) id, new Chat((Long) id, "private", null, true, false));
			}
			return found;
		});
		this.brics = subscription(12, ALICE, "BRICS");
		this.tariffs = subscription(13, ALICE, "tariffs");
		this.bobs = subscription(20, BOB, "sanctions");
		given(this.subscriptions.list(ALICE)).willReturn(List.of(this.brics, this.tariffs));
		given(this.subscriptions.list(BOB)).willReturn(List.of(this.bobs));
		this.preferences.setTimeZone(ALICE, BERLIN);
	}

	private Subscription subscription(long id, long chatId, String query) {
		this.jdbc.sql("INSERT INTO chat (id, type, active, paused, created_at, updated_at) VALUES (?, 'private', TRUE, FALSE, ?, ?) ON CONFLICT DO NOTHING")
			.params(chatId, SqlTimestamps.ts(this.clock.instant()), SqlTimestamps.ts(this.clock.instant()))
			.update();
		this.jdbc.sql("INSERT INTO subscription (id, chat_id, query, origin, created_at) VALUES (?, ?, ?, 'CHAT', ?)")
			.params(id, chatId, query, SqlTimestamps.ts(this.clock.instant()))
			.update();
		return new Subscription(id, chatId, query, "CHAT");
	}

	private PendingEntry entry(String title) {
		long id = ++this.entries;
		this.jdbc.sql("INSERT INTO entry (id, feed_id, entry_key, title, first_seen_at, last_seen_at, state) VALUES (?, 'wto', ?, ?, ?, ?, 'MATCHED')")
			.params(id, "key-" + id, title, SqlTimestamps.ts(this.clock.instant()), SqlTimestamps.ts(this.clock.instant()))
			.update();
		return new PendingEntry(id, "wto", "WTO News", title, "https://wto.example/news/" + id, "", "", this.clock.instant());
	}

	/**
	 * What the planner does for one entry: route each chat's match, write the instant alerts.
	 * @return the chats that got an instant alert
	 */
	private List<Long> plan(PendingEntry entry, ChatMatch... matches) {
		AlertRouter.Batch batch = this.router.prepare(List.of(matches));
		List<Long> instant = new ArrayList<>();
		for (ChatMatch match : matches) {
			List<Subscription> subscriptions = batch.route(entry, match);
			if (!subscriptions.isEmpty()) {
				this.outbox.add(entry.id(), match.chatId(), "x", entry.title(),
						this.router.alertButtons(match.chatId(), subscriptions), false);
				instant.add(match.chatId());
			}
		}
		return instant;
	}

	private static ChatMatch match(long chatId, Subscription... subscriptions) {
		return new ChatMatch(chatId, List.of(subscriptions), List.of());
	}

	private List<String> digests(long chatId) {
		return this.jdbc.sql("SELECT message FROM alert WHERE chat_id = ? AND digest = TRUE AND state = 'PENDING' ORDER BY id")
			.param(chatId)
			.query(String.class)
			.list();
	}

	private void at(String instant) {
		Instant target = Instant.parse(instant);
		this.clock.advance(Duration.between(this.clock.instant(), target));
	}

	@Test
	void dailyDigestGroupsBySubscriptionNewestFirstAndShowsAnEntryOnce() {
		this.preferences.setDigest(12, ALICE, DigestSchedule.parse("daily 08:00"));
		this.preferences.setDigest(13, ALICE, DigestSchedule.parse("daily 08:00"));
		PendingEntry both = entry("BRICS summit discusses tariffs");
		assertThat(plan(both, match(ALICE, this.brics, this.tariffs))).isEmpty();
		this.clock.advance(Duration.ofHours(2));
		PendingEntry later = entry("New tariffs on steel");
		assertThat(plan(later, match(ALICE, this.tariffs))).isEmpty();
		this.clock.advance(Duration.ofHours(1));
		PendingEntry latest = entry("BRICS bank opens office");
		plan(latest, match(ALICE, this.brics));
		at("2026-12-02T06:59:00Z");
		assertThat(this.runner.runDue()).as("07:59 in Berlin: not yet").isZero();
		at("2026-12-02T07:00:00Z");
		assertThat(this.runner.runDue()).isEqualTo(1);
		List<String> sent = digests(ALICE);
		assertThat(sent).hasSize(1);
		String digest = sent.get(0);
		assertThat(digest).startsWith(
				"<b>Daily digest</b> · Tue 1 Dec 08:00 – Wed 2 Dec 08:00 (Europe/Berlin) · 3 articles\n\n<b>#12</b> <code>BRICS</code>\n• <a href=\"https://wto.example/news/3\">BRICS bank opens office</a>\n   WTO News · 1 Dec 13:00 · wto.example\n");
		assertThat(digest.indexOf("BRICS bank opens")).as("newest first").isLessThan(digest.indexOf("BRICS summit"));
		assertThat(digest.indexOf("#13")).isGreaterThan(digest.indexOf("BRICS summit"));
		assertThat(digest.split("BRICS summit", -1)).as("an entry that matched twice appears once").hasSize(2);
		assertThat(digest.length()).isLessThanOrEqualTo(4096);
		assertThat(this.store.count()).isZero();
		assertThat(this.runner.runDue()).as("not sent twice").isZero();
		assertThat(this.preferences.mode(12).nextDigestAt()).isEqualTo(Instant.parse("2026-12-03T07:00:00Z"));
	}

	@Test
	void anEmptyDigestIsNotSentButTheScheduleMovesOn() {
		this.preferences.setDigest(12, ALICE, DigestSchedule.parse("hourly"));
		at("2026-12-01T10:00:00Z");
		assertThat(this.runner.runDue()).isZero();
		assertThat(digests(ALICE)).isEmpty();
		assertThat(this.preferences.mode(12).nextDigestAt()).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
	}

	@Test
	void aDigestMissedWhileDownIsSentOnceNotOncePerPeriod() {
		this.preferences.setDigest(12, ALICE, DigestSchedule.parse("daily 08:00"));
		plan(entry("BRICS expands"), match(ALICE, this.brics));
		// down from Tuesday until Friday noon
		at("2026-12-04T11:00:00Z");
		assertThat(this.runner.runDue()).isEqualTo(1);
		assertThat(this.runner.runDue()).isZero();
		assertThat(digests(ALICE)).hasSize(1);
		assertThat(digests(ALICE).get(0)).contains("BRICS expands", "· 1 article");
		assertThat(this.preferences.mode(12).nextDigestAt()).as("the next one, not a backlog")
			.isEqualTo(Instant.parse("2026-12-05T07:00:00Z"));
	}

	@Test
	void weeklyDigestWaitsForItsDay() {
		this.preferences.setDigest(12, ALICE, DigestSchedule.parse("weekly mon 08:00"));
		plan(entry("BRICS weekly"), match(ALICE, this.brics));
		at("2026-12-06T07:00:00Z");
		assertThat(this.runner.runDue()).as("Sunday").isZero();
		at("2026-12-07T07:00:00Z");
		assertThat(this.runner.runDue()).isEqualTo(1);
		assertThat(digests(ALICE).get(0)).startsWith("<b>Weekly digest</b> · Mon 30 Nov 08:00 – Mon 7 Dec 08:00");
	}

	@Test
	void aDailyDigestKeepsItsLocalTimeOverTheOctoberDstChange() {
		at("2026-10-24T05:00:00Z");
		this.preferences.setDigest(12, ALICE, DigestSchedule.parse("daily 08:00"));
		assertThat(this.preferences.mode(12).nextDigestAt()).as("08:00 CEST").isEqualTo(Instant.parse("2026-10-24T06:00:00Z"));
		at("2026-10-24T06:00:00Z");
		this.runner.runDue();
		assertThat(this.preferences.mode(12).nextDigestAt()).as("08:00 CET on Sunday")
			.isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
	}

	@Test
	void quietHoursAcrossMidnightHoldAlertsAndDeliverThemAsOneDigestWhenTheyEnd() {
		this.preferences.setQuiet(ALICE, QuietHours.parse("22:00-07:00"));
		at("2026-12-01T20:59:00Z");
		assertThat(plan(entry("Before quiet"), match(ALICE, this.brics))).containsExactly(ALICE);
		at("2026-12-01T22:30:00Z");
		assertThat(plan(entry("Night one"), match(ALICE, this.brics), match(BOB, this.bobs)))
			.as("Bob has no quiet hours").containsExactly(BOB);
		at("2026-12-02T03:00:00Z");
		assertThat(plan(entry("Night two"), match(ALICE, this.tariffs))).isEmpty();
		assertThat(this.runner.runDue()).isZero();
		at("2026-12-02T05:59:00Z");
		assertThat(this.runner.runDue()).as("06:59 in Berlin").isZero();
		at("2026-12-02T06:00:00Z");
		assertThat(this.runner.runDue()).isEqualTo(1);
		String digest = digests(ALICE).get(0);
		assertThat(digest).startsWith("<b>Held during quiet hours 22:00-07:00</b>").contains("Night one", "Night two",
				"· 2 articles");
		assertThat(plan(entry("Morning"), match(ALICE, this.brics))).containsExactly(ALICE);
	}

	@Test
	void aMutedSubscriptionDropsItsMatchesUntilTheMuteEnds() {
		this.preferences.mute(12, this.clock.instant().plus(Duration.ofHours(24)));
		assertThat(plan(entry("Muted BRICS"), match(ALICE, this.brics))).isEmpty();
		assertThat(plan(entry("Both"), match(ALICE, this.brics, this.tariffs))).as("tariffs is not muted")
			.containsExactly(ALICE);
		assertThat(this.store.count()).as("dropped, not saved up").isZero();
		this.clock.advance(Duration.ofHours(25));
		assertThat(plan(entry("BRICS again"), match(ALICE, this.brics))).containsExactly(ALICE);
		assertThat(this.runner.runDue()).isZero();
	}

	@Test
	void aBuiltDigestIsAnOutboxRowThatSurvivesARestartAndIsNeverFolded() {
		this.preferences.setDigest(12, ALICE, DigestSchedule.parse("hourly"));
		plan(entry("BRICS one"), match(ALICE, this.brics));
		for (int i = 0; i < 15; i++) {
			plan(entry("Tariffs " + i), match(ALICE, this.tariffs));
		}
		at("2026-12-01T10:00:00Z");
		assertThat(this.runner.runDue()).isEqualTo(1);
		// a restart: a new outbox over the same database finds the digest, marked as one
		Outbox restarted = new Outbox(this.jdbc, this.clock);
		List<OutboxAlert> due = restarted.due(40, 100);
		assertThat(due).hasSize(16);
		OutboxAlert digest = due.stream().filter(OutboxAlert::digest).findFirst().orElseThrow();
		assertThat(restarted.pendingMessage(digest.id(), ALICE)).contains("BRICS one");
		assertThat(due.stream().filter((alert) -> !alert.digest()).allMatch((alert) -> alert.buttons() != null)).isTrue();
		assertThat(this.store.count()).isZero();
	}

	@Test
	void aLongDigestIsSplitBetweenItemsAndEachItemIsSentOnce() {
		this.preferences.setDigest(12, ALICE, DigestSchedule.parse("hourly"));
		for (int i = 0; i < 60; i++) {
			plan(entry("A long headline about BRICS and its many summits number " + i + " ".repeat(1) + "x".repeat(80)),
					match(ALICE, this.brics));
		}
		at("2026-12-01T10:00:00Z");
		int messages = this.runner.runDue();
		assertThat(messages).isGreaterThan(1);
		List<String> parts = digests(ALICE);
		assertThat(parts).hasSize(messages);
		for (int i = 0; i < parts.size(); i++) {
			assertThat(parts.get(i).length()).isLessThanOrEqualTo(4096);
			assertThat(parts.get(i)).contains("(part " + (i + 1) + " of " + messages + ")");
		}
		String all = String.join("\n", parts);
		for (int i = 0; i < 60; i++) {
			assertThat(all.split("number " + i + " ", -1)).as("item " + i).hasSize(2);
		}
	}

	private static final String LEAD = "Leaders of the BRICS nations on Wednesday endorsed a plan to build a cross-border "
			+ "payment system that would let members settle trade in local currencies, a step aimed at reducing reliance "
			+ "on the U.S. dollar and Western financial infrastructure.";

	private static final String REWRITTEN_LEAD = "A new payments network to settle trade among BRICS countries in their own "
			+ "currencies won the backing of the bloc's leaders in Kazan on Wednesday, as members look for ways to trade "
			+ "without routing money through the dollar.";

	private static final String BODY = "The declaration adopted at the summit asks finance ministers and central bank "
			+ "governors to report within a year on a BRICS Clear settlement platform and on a reinsurance company to be "
			+ "owned by member states. Officials said the system would connect existing national messaging networks "
			+ "rather than replace them. Russian officials, whose banks are cut off from the SWIFT messaging system by "
			+ "sanctions, have pushed hardest for the plan.";

	private static final String OTHER_STORY = "The BRICS group on Wednesday invited 13 countries, including Turkey, "
			+ "Indonesia and Nigeria, to become partner nations, a new tier below full membership created to manage the "
			+ "flood of applications to the bloc. Partner countries will be able to attend parts of summits and take part "
			+ "in some working groups but will not sign declarations.";

	private PendingEntry copy(String feedId, String feedName, String title, String body) {
		this.jdbc.sql("INSERT INTO feed (id, name, url, interval_seconds, full_text, enabled, next_poll_at, created_at) VALUES (?, ?, ?, 60, FALSE, TRUE, ?, ?) ON CONFLICT DO NOTHING")
			.params(feedId, feedName, "https://" + feedId + ".example/rss", SqlTimestamps.ts(this.clock.instant()),
					SqlTimestamps.ts(this.clock.instant()))
			.update();
		long id = ++this.entries;
		this.jdbc.sql("INSERT INTO entry (id, feed_id, entry_key, title, first_seen_at, last_seen_at, state) VALUES (?, ?, ?, ?, ?, ?, 'MATCHED')")
			.params(id, feedId, "key-" + id, title, SqlTimestamps.ts(this.clock.instant()), SqlTimestamps.ts(this.clock.instant()))
			.update();
		return new PendingEntry(id, feedId, feedName, title, "https://" + feedId + ".example/" + id, "", body,
				this.clock.instant());
	}

	/** What the planner does: fold near-duplicates, then route what is left. */
	private List<Long> planFolded(PendingEntry entry, ChatMatch... matches) {
		List<ChatMatch> remaining = this.nearDuplicates.fold(entry, List.of(matches));
		return plan(entry, remaining.toArray(ChatMatch[]::new));
	}

	@Test
	void aStoryFromTwoFeedsAppearsOnceInADigestWithAllItsSources() {
		this.preferences.setDigest(12, ALICE, DigestSchedule.parse("weekly mon 08:00"));
		this.preferences.setDigest(13, ALICE, DigestSchedule.parse("weekly mon 08:00"));
		PendingEntry original = copy("news", "Policy News", "BRICS leaders back cross-border payment system", LEAD + " " + BODY);
		assertThat(planFolded(original, match(ALICE, this.brics))).isEmpty();
		this.clock.advance(Duration.ofHours(3));
		PendingEntry wire = copy("wire", "Wire <Service>", "UPDATE 1-BRICS summit endorses plan for payments network",
				REWRITTEN_LEAD + " " + BODY);
		assertThat(planFolded(wire, match(ALICE, this.brics, this.tariffs))).as("held, not alerted").isEmpty();
		PendingEntry other = copy("wire", "Wire <Service>", "BRICS names 13 new partner countries", OTHER_STORY);
		planFolded(other, match(ALICE, this.brics));
		assertThat(this.store.count()).as("each copy is held").isEqualTo(3);
		// days later, past twice the near-duplicate window: the held story keeps its sources
		at("2026-12-06T09:00:00Z");
		planFolded(copy("news", "Policy News", "Unrelated", "Tariffs on steel rise again in the autumn."));
		at("2026-12-07T07:00:00Z");
		assertThat(this.runner.runDue()).isEqualTo(1);

		String digest = digests(ALICE).get(0);
		assertThat(digest).contains("· 2 articles\n");
		assertThat(digest.split("BRICS leaders back cross-border", -1)).as("the story once, under its first copy")
			.hasSize(2);
		assertThat(digest).doesNotContain("UPDATE 1-BRICS")
			.contains("BRICS leaders back cross-border payment system</a>\n   Policy News · 1 Dec 10:00 · news.example\n"
					+ "   Also: <a href=\"https://wire.example/2\">Wire &lt;Service&gt;</a>")
			.contains("BRICS names 13 new partner countries</a>\n   Wire &lt;Service&gt; · 1 Dec 13:00 · wire.example");
		assertThat(digest.indexOf("Also:")).as("the other story lists no sources")
			.isEqualTo(digest.lastIndexOf("Also:"));
		assertThat(policywatch.testing.BotApiHtmlValidator.validate(digest)).isEmpty();
		assertThat(this.store.count()).as("both copies were delivered").isZero();
	}

	@Test
	void aCopyArrivingDuringQuietHoursJoinsItsStoryInTheReleasedDigest() {
		this.preferences.setQuiet(ALICE, QuietHours.parse("22:00-07:00"));
		at("2026-12-01T22:30:00Z");
		PendingEntry original = copy("news", "Policy News", "BRICS leaders back cross-border payment system", LEAD + " " + BODY);
		assertThat(planFolded(original, match(ALICE, this.brics), match(BOB, this.bobs))).containsExactly(BOB);
		at("2026-12-02T01:00:00Z");
		PendingEntry wire = copy("wire", "Wire Service", "UPDATE 1-BRICS summit endorses plan for payments network",
				REWRITTEN_LEAD + " " + BODY);
		assertThat(planFolded(wire, match(ALICE, this.brics), match(BOB, this.bobs)))
			.as("Bob had his alert: it is edited; Alice's original is held").isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM alert WHERE chat_id = ? AND kind = 'EDIT'").param(BOB)
			.query(Long.class).single()).isEqualTo(1);
		at("2026-12-02T06:00:00Z");
		assertThat(this.runner.runDue()).isEqualTo(1);
		String digest = digests(ALICE).get(0);
		assertThat(digest).startsWith("<b>Held during quiet hours 22:00-07:00</b>").contains("· 1 article\n")
			.contains("Also: <a href=\"https://wire.example/2\">Wire Service</a>")
			.doesNotContain("UPDATE 1-BRICS");
	}

	@Test
	void digestsAndHeldSummariesAreInTheChatsLanguage() {
		this.preferences.reportedLanguage(ALICE, "ru-RU");
		this.preferences.setLanguage(BOB, java.util.Locale.CHINESE);
		this.preferences.setDigest(12, ALICE, DigestSchedule.parse("daily 08:00"));
		this.preferences.setQuiet(BOB, QuietHours.parse("22:00-07:00"));
		plan(entry("BRICS expands"), match(ALICE, this.brics));
		at("2026-12-01T22:30:00Z");
		assertThat(plan(entry("Sanctions at night"), match(BOB, this.bobs))).isEmpty();
		at("2026-12-02T07:00:00Z");
		assertThat(this.runner.runDue()).isEqualTo(2);
		assertThat(digests(ALICE).get(0)).startsWith(
				"<b>Ежедневная сводка</b> · вт, 1 дек. 08:00 – ср, 2 дек. 08:00 (Europe/Berlin) · 1 статья\n\n<b>#12</b> <code>BRICS</code>\n")
			.contains("BRICS expands</a>\n   WTO News · 1 дек. 10:00 · wto.example");
		assertThat(digests(BOB).get(0)).startsWith("<b>免打扰时段（22:00-07:00）内暂存的提醒</b> · 12月1日 周二 22:30 – 12月2日 周三 07:00 (UTC) · 1 篇文章")
			.contains("Sanctions at night");
	}

	@Test
	void aPlanningPassReadsTheLanguagesOfAllItsChatsInOneBatch() {
		DeliveryPreferences spied = org.mockito.Mockito.spy(this.preferences);
		AlertRouter router = new AlertRouter(spied, this.store, new ButtonTokens(this.jdbc), this.clock, this.texts);
		this.preferences.setLanguage(BOB, java.util.Locale.forLanguageTag("pt"));
		List<ChatMatch> matches = new ArrayList<>();
		for (long chat = 100; chat < 1100; chat++) {
			matches.add(match(chat, new Subscription(chat, chat, "BRICS", "CHAT")));
		}
		matches.add(match(BOB, this.bobs));
		AlertRouter.Batch batch = router.prepare(matches);
		assertThat(batch.locale(BOB)).isEqualTo(java.util.Locale.forLanguageTag("pt"));
		assertThat(batch.locale(100)).as("no settings: English").isEqualTo(java.util.Locale.ENGLISH);
		org.mockito.Mockito.verify(spied, org.mockito.Mockito.times(1)).locales(any());
		org.mockito.Mockito.verify(spied, org.mockito.Mockito.never()).locale(org.mockito.ArgumentMatchers.anyLong());
		assertThat(router.alertButtons(BOB, List.of(this.bobs), batch.locale(BOB)).rows().get(0))
			.extracting(Keyboard.Button::label)
			.containsExactly("Silenciar 24 h", "Cancelar inscrição");
	}

	@Test
	void theEditThatAddsACopysSourceIsInTheChatsLanguage() {
		this.preferences.setLanguage(BOB, java.util.Locale.forLanguageTag("pt"));
		PendingEntry original = copy("news", "Policy News", "BRICS leaders back cross-border payment system", LEAD + " " + BODY);
		assertThat(planFolded(original, match(ALICE, this.brics), match(BOB, this.bobs))).containsExactly(ALICE, BOB);
		PendingEntry wire = copy("wire", "Wire Service", "UPDATE 1-BRICS summit endorses plan for payments network",
				REWRITTEN_LEAD + " " + BODY);
		assertThat(planFolded(wire, match(ALICE, this.brics), match(BOB, this.bobs))).isEmpty();
		Map<Long, String> edits = new java.util.HashMap<>();
		this.jdbc.sql("SELECT chat_id, message FROM alert WHERE kind = 'EDIT'")
			.query((rs) -> {
				edits.put(rs.getLong("chat_id"), rs.getString("message"));
			});
		assertThat(edits.get(BOB)).isEqualTo(original.title()
				+ "\n\nTambém em: <a href=\"https://wire.example/2\">Wire Service</a>");
		assertThat(edits.get(ALICE)).isEqualTo(original.title()
				+ "\n\nAlso: <a href=\"https://wire.example/2\">Wire Service</a>");
	}

}
