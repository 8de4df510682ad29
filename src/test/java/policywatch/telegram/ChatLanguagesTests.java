package policywatch.telegram;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import policywatch.MutableClock;
import policywatch.TestDatabase;
import policywatch.admin.AdminConsole;
import policywatch.archive.ArchiveProperties;
import policywatch.archive.RecentArchive;
import policywatch.delivery.DeliveryPreferences;
import policywatch.delivery.DeliveryProperties;
import policywatch.subscription.Chats;
import policywatch.subscription.SubscribeResult;
import policywatch.subscription.SubscriptionProperties;
import policywatch.subscription.Subscriptions;
import policywatch.testing.BotApiHtmlValidator;
import policywatch.testing.TestMessages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The chat's language: Telegram's {@code language_code} of whoever writes, overridden by {@code /language};
 * replies, help, errors (query errors with their position) and refusals in it; English for anything else.
 */
class ChatLanguagesTests {

	private static final long ALICE = 7;

	private static final long GROUP = -100;

	private static final long GROUP_ADMIN = 502;

	private static final long MEMBER = 503;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final JdbcClient jdbc = TestDatabase.jdbc();

	private final Subscriptions subscriptions = mock(Subscriptions.class);

	private final DeliveryPreferences preferences = policywatch.delivery.DeliveryTestAccess.preferences(this.jdbc, this.clock,
			new DeliveryProperties(25, 1, 20, Duration.ofHours(24), 600, ZoneId.of("UTC"), Duration.ofMillis(500), 10, 8,
					Duration.ofDays(30)));

	private final ChatCommandProperties limits = new ChatCommandProperties(50, 80, Duration.ofMinutes(1),
			Duration.ofSeconds(60));

	private final BotText text = new BotText(TestMessages.create(), this.preferences);

	private final ArchiveReplies archive = new ArchiveReplies(mock(RecentArchive.class),
			new ArchiveProperties(Duration.ofDays(14), Duration.ofHours(1), 2000, 3000, Duration.ofMillis(200)),
			new SubscriptionProperties(200, 50, 100, Duration.ofMillis(500)),
			new DeliveryProperties(25, 1, 20, Duration.ofHours(24), 600, ZoneId.of("UTC"), Duration.ofMillis(500), 10, 8,
					Duration.ofDays(30)),
			this.text);

	private final DeliveryCommands delivery = new DeliveryCommands(this.subscriptions, this.preferences, this.clock,
			policywatch.delivery.DeliveryTestAccess.tokens(this.jdbc), this.text);

	private final ChatCommands commands = new ChatCommands(this.subscriptions, mock(Chats.class), mock(AdminConsole.class),
			new TelegramProperties("token", URI.create("https://api.telegram.org"), List.of(42L)),
			new GroupAdmins((chatId, userId) -> (userId == GROUP_ADMIN) ? "administrator" : "member", this.clock,
					this.limits.groupAdminsCache()),
			new CommandThrottle(this.clock, this.limits), this.archive,
			this.delivery, this.text);

	ChatLanguagesTests() {
		given(this.subscriptions.list(anyLong())).willReturn(List.of());
	}

	private String say(long chatId, long userId, String text, String languageCode) {
		String reply = this.commands.handle(new IncomingMessage(chatId, (chatId > 0) ? "private" : "supergroup", null,
				userId, text, null, false, languageCode));
		assertThat(BotApiHtmlValidator.validate(reply)).as(reply).isEmpty();
		return reply;
	}

	@Test
	void aRussianUserGetsRussianRepliesAndHelp() {
		assertThat(say(ALICE, ALICE, "/help", "ru")).startsWith("Я слежу за лентами")
			.contains("/subscribe <i>запрос</i>", "<code>tariffs OR duties</code>", "NEAR/10");
		assertThat(say(ALICE, ALICE, "/list", "ru")).isEqualTo("Подписок пока нет. Попробуйте <code>/subscribe BRICS</code>.");
		assertThat(say(ALICE, ALICE, "/timezone", "ru")).startsWith("Часовой пояс этого чата: <b>UTC</b> (по умолчанию)");
		assertThat(say(ALICE, ALICE, "/frobnicate", "ru")).isEqualTo(
				"Я не знаю такой команды. Попробуйте /subscribe <i>слово</i>, /list или /help.");
	}

	@Test
	void theSubscribeButtonsAreInTheChatsLanguage() {
		say(ALICE, ALICE, "/help", "ru");
		assertThat(this.delivery.subscribeButtons(ALICE, 5).rows().get(0))
			.extracting(policywatch.delivery.Keyboard.Button::label)
			.containsExactly("✓ Сразу", "Ежедневная сводка", "Еженедельная сводка");
		assertThat(this.delivery.subscribeButtons(ALICE + 1, 5).rows().get(0))
			.extracting(policywatch.delivery.Keyboard.Button::label)
			.containsExactly("✓ Instant", "Daily digest", "Weekly digest");
	}

	@Test
	void portugueseInAnyRegionGetsPortuguese() {
		long chat = 1000;
		for (String code : new String[] { "pt-br", "pt-BR", "pt", "pt_PT" }) {
			assertThat(say(++chat, chat, "/start", code)).as(code).startsWith("Boas-vindas ao <b>PolicyWatch</b>!")
				.contains("Eu acompanho fontes de notícias");
		}
	}

	@Test
	void languagesTheBotDoesNotSpeakGetEnglish() {
		long chat = 2000;
		for (String code : new String[] { "de", "zh-hant", "xx-invalid", "" }) {
			assertThat(say(++chat, chat, "/help", code)).as(code).startsWith("I watch policy news feeds");
		}
		assertThat(say(chat, chat, "/help", "ru")).as("then Russian").startsWith("Я слежу");
		assertThat(say(chat, chat, "/help", "de")).as("then German again: English").startsWith("I watch");
	}

	@Test
	void withoutALanguageCodeTheLastReportedOneStays() {
		say(ALICE, ALICE, "/help", "zh-hans");
		assertThat(say(ALICE, ALICE, "/help", null)).startsWith("我监测政策新闻源");
	}

	@Test
	void languageOverridesTelegramsUntilAuto() {
		assertThat(say(ALICE, ALICE, "/language", "ru")).startsWith("Язык этого чата: <b>Русский</b> (по настройкам Telegram).")
			.contains("<code>/language en</code> English", "<code>/language zh</code> 中文",
					"<code>/language pt</code> Português");
		assertThat(say(ALICE, ALICE, "/language zh", "ru")).isEqualTo("好的：今后我在这里用<b>中文</b>回复。");
		assertThat(say(ALICE, ALICE, "/help", "ru")).startsWith("我监测政策新闻源");
		assertThat(say(ALICE, ALICE, "/language", "ru")).contains("<b>中文</b>（通过 /language 选择）");
		assertThat(this.preferences.chosenLanguage(ALICE)).isEqualTo(Locale.CHINESE);
		assertThat(say(ALICE, ALICE, "/language AUTO", "ru")).startsWith("Готово: я снова следую языку")
			.contains("<b>Русский</b>");
		assertThat(this.preferences.chosenLanguage(ALICE)).isNull();
		assertThat(say(ALICE, ALICE, "/language en", "ru")).startsWith("Done: I answer in <b>English</b>");
		assertThat(say(ALICE, ALICE, "/help", "ru")).startsWith("I watch policy news feeds");
		assertThat(say(ALICE, ALICE, "/language reset", "ru")).contains("<b>Русский</b>");
	}

	@Test
	void anUnknownLanguageIsAClearErrorListingTheChoices() {
		assertThat(say(ALICE, ALICE, "/language klingon<b>", "pt")).isEqualTo(
				"Não falo <code>klingon&lt;b&gt;</code>. Escolha um destes: <code>/language en</code> English, "
						+ "<code>/language zh</code> 中文, <code>/language ru</code> Русский, "
						+ "<code>/language pt</code> Português ou <code>auto</code>.");
		assertThat(this.preferences.chosenLanguage(ALICE)).isNull();
	}

	@Test
	void inAGroupOnlyItsAdminsChooseTheLanguageAndEveryoneMayAsk() {
		assertThat(say(GROUP, MEMBER, "/language en", "ru"))
			.isEqualTo("Менять подписки этой группы и ставить её уведомления на паузу могут только администраторы группы.");
		assertThat(this.preferences.chosenLanguage(GROUP)).isNull();
		assertThat(say(GROUP, MEMBER, "/language", "ru")).startsWith("Язык этого чата");
		assertThat(say(GROUP, GROUP_ADMIN, "/language pt", "ru")).startsWith("Pronto");
		assertThat(say(GROUP, MEMBER, "/help", "ru")).as("the group's choice beats the member's Telegram language")
			.startsWith("Eu acompanho");
	}

	@Test
	void aBadQueryIsExplainedInTheChatsLanguageWithItsPosition() {
		assertThat(say(ALICE, ALICE, "/subscribe sanctions AND \"supply chain", "ru")).isEqualTo(
				"Подписка не создана: Незакрытая кавычка в позиции 15: добавьте закрывающую \"");
		assertThat(say(ALICE, ALICE, "/recent tariffs OR", "zh"))
			.isEqualTo("未搜索：第 9 个字符处的 OR 后面需要一个词或短语");
		assertThat(say(ALICE, ALICE, "/subscribe sa*", "pt")).isEqualTo(
				"Assinatura não criada: O prefixo \"sa*\" no caractere 1 é curto demais: ponha pelo menos 3 letras antes do *");
		assertThat(say(ALICE, ALICE, "/subscribe", "pt")).isEqualTo(
				"Assinatura não criada: Diga o que acompanhar, por exemplo /subscribe BRICS");
		assertThat(say(ALICE, ALICE, "/subscribe sanctions AND \"supply chain", "en")).isEqualTo(
				"Not subscribed: Unclosed quote at character 15: add the closing \"");
	}

	@Test
	void limitsOnlyTheSubscriptionModuleKnowsAreTranslatedToo() {
		given(this.subscriptions.subscribe(anyLong(), anyLong(), anyString(), anyBoolean())).willReturn(
				new SubscribeResult.Rejected("This chat already has 50 subscriptions, the most allowed. Remove one with /unsubscribe first."));
		assertThat(say(ALICE, ALICE, "/subscribe BRICS", "ru"))
			.isEqualTo("Подписка не создана: В этом чате уже 50 подписок \u2014 это максимум. Сначала удалите одну через /unsubscribe.");
		given(this.subscriptions.subscribe(anyLong(), anyLong(), anyString(), anyBoolean())).willReturn(
				new SubscribeResult.Rejected("Something new"));
		assertThat(say(ALICE, ALICE, "/subscribe BRICS", "ru")).isEqualTo("Подписка не создана: Something new");
	}

	@Test
	void scheduleErrorsAreTranslated() {
		assertThat(say(ALICE, ALICE, "/quiet 22:00", "ru")).isEqualTo("Не изменено: ожидается промежуток вида 22:00-07:00.");
		assertThat(say(ALICE, ALICE, "/quiet 25:00-07:00", "zh")).isEqualTo("未更改：\u201c25:00\u201d不是有效的时刻（00:00 至 23:59）。");
		assertThat(say(ALICE, ALICE, "/quiet 8:00-08:00", "pt"))
			.isEqualTo("Nada mudou: o horário de silêncio começa e termina na mesma hora.");
		assertThat(say(ALICE, ALICE, "/quiet <b>-07:00", "en")).isEqualTo("Not changed: '&lt;b&gt;' is not a time like 08:00.");
	}

	@Test
	void datesAreWrittenTheChatsWay() {
		say(ALICE, ALICE, "/help", "pt");
		assertThat(say(ALICE, ALICE, "/timezone America/Sao_Paulo", "pt"))
			.isEqualTo("Fuso horário definido: <b>America/Sao_Paulo</b> (agora ter., 1 dez. 07:00). "
					+ "Os horários dos alertas e dos resumos seguem este fuso.");
	}

	@Test
	void slowDownIsSaidInTheChatsLanguage() {
		String answer = null;
		for (int i = 0; i < 60 && answer == null; i++) {
			String reply = say(ALICE, ALICE, "/list", "ru");
			if (!reply.startsWith("Подписок")) {
				answer = reply;
			}
		}
		assertThat(answer).isEqualTo("Помедленнее, пожалуйста: слишком много сообщений сразу. Я скоро снова отвечу.");
	}

}
