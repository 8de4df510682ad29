package policywatch.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import policywatch.ingest.PendingEntry;
import policywatch.query.Field;
import policywatch.query.Hit;
import policywatch.subscription.ChatMatch;
import policywatch.subscription.Subscription;
import policywatch.testing.BotApiHtmlValidator;
import policywatch.testing.TestMessages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts, digests, held summaries, "Also:" edits and buttons in the chat's language (issue 16): the
 * labels change, the article's title and summary do not, the HTML stays valid and every message
 * stays within Telegram's 4096 characters with the longer Russian labels.
 */
class AlertLanguagesTests {

	private static final Locale RU = Locale.forLanguageTag("ru");

	private static final Locale PT = Locale.forLanguageTag("pt");

	private static final String TITLE = "BRICS payments plan";

	private static final String BODY = "Trade ministers met in Geneva. The BRICS group agreed on a payments plan. Talks continue.";

	private final AlertTexts texts = new AlertTexts(TestMessages.create());

	private final AlertFormatter formatter = new AlertFormatter(new DeliveryProperties(25, 1, 20, Duration.ofHours(24),
			600, ZoneId.of("UTC"), Duration.ofMillis(500), 10, 8, Duration.ofDays(30)), this.texts);

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
		"en | Matched: <code>BRICS</code> (found: <i>BRICS</i>)",
		"ru | Совпадения: <code>BRICS</code> (найдено: <i>BRICS</i>)",
		"zh | 匹配：<code>BRICS</code>（命中：<i>BRICS</i>）",
		"pt | Correspondência: <code>BRICS</code> (encontrado: <i>BRICS</i>)",
		"de | Matched: <code>BRICS</code> (found: <i>BRICS</i>)",
		"pt-BR | Correspondência: <code>BRICS</code> (encontrado: <i>BRICS</i>)" })
	void anAlertsLabelsAreInTheChatsLanguageAndTheArticleIsNot(String language, String matched) {
		String html = alert(Locale.forLanguageTag(language));
		assertThat(html).startsWith("<b>" + TITLE + "</b>\nPolicy News · 2026-11-28 09:30 UTC\n")
			.contains("The <b>BRICS</b> group agreed on a payments plan.")
			.contains("\n" + matched + "\n<a href=\"https://news.example/a\">");
		assertThat(BotApiHtmlValidator.validate(html)).isEmpty();
	}

	@Test
	void anUntitledArticleIsSaidSoInTheChatsLanguage() {
		PendingEntry untitled = new PendingEntry(1, "news", "Policy News", " ", null, "", "Tariffs rise.",
				Instant.parse("2026-11-28T09:30:00Z"));
		ChatMatch match = new ChatMatch(7, List.of(new Subscription(3, 7, "tariffs", "CHAT")), List.of());
		assertThat(this.formatter.format(untitled, match, ZoneId.of("UTC"), RU)).startsWith("<b>(без заголовка)</b>");
		assertThat(this.formatter.format(untitled, match, ZoneId.of("UTC"), Locale.CHINESE)).startsWith("<b>（无标题）</b>");
	}

	@Test
	void aDigestIsInTheChatsLanguageWithItsDatesAndCountsButTheTitlesAreNot() {
		Instant from = Instant.parse("2026-11-30T07:00:00Z");
		Instant to = Instant.parse("2026-12-01T07:00:00Z");
		List<DigestStore.Item> items = List.of(
				new DigestStore.Item(1, 11, 12, "Tarifas sobem", "Agência", "https://agencia.example/1",
						Instant.parse("2026-11-30T15:00:00Z")),
				new DigestStore.Item(2, 10, 12, "BRICS leaders back payments", "Policy News", "https://news.example/2",
						Instant.parse("2026-11-30T09:00:00Z")),
				new DigestStore.Item(3, 12, 12, "UPDATE 1-BRICS payments", "Wire", "https://wire.example/3",
						Instant.parse("2026-11-30T16:00:00Z")));
		NearDuplicates.Story story = new NearDuplicates.Story(10,
				List.of(new StorySource(10, "news", "Policy News", "BRICS leaders back payments", "https://news.example/2"),
						new StorySource(12, "wire", "Wire", "UPDATE 1-BRICS payments", "https://wire.example/3")));
		Map<Long, NearDuplicates.Story> stories = Map.of(10L, story, 12L, story);
		ZoneId moscow = ZoneId.of("Europe/Moscow");

		String ru = digest(RU, from, to, moscow, items, stories);
		assertThat(ru).startsWith("<b>Ежедневная сводка</b> · пн, 30 нояб. 10:00 – вт, 1 дек. 10:00 (Europe/Moscow) · 2 статьи\n")
			.contains("Tarifas sobem", "BRICS leaders back payments", "30 нояб. 18:00")
			.contains("Также: <a href=\"https://wire.example/3\">Wire</a>")
			.doesNotContain("UPDATE 1-BRICS");
		String zh = digest(Locale.CHINESE, from, to, ZoneId.of("Asia/Shanghai"), items, stories);
		assertThat(zh).startsWith("<b>每日摘要</b> · 11月30日 周一 15:00 – 12月1日 周二 15:00 (Asia/Shanghai) · 2 篇文章\n")
			.contains("另见：<a href=\"https://wire.example/3\">Wire</a>");
		String pt = digest(PT, from, to, ZoneId.of("America/Sao_Paulo"), items, stories);
		assertThat(pt).startsWith("<b>Resumo diário</b> · seg., 30 nov. 04:00 – ter., 1 dez. 04:00 (America/Sao_Paulo) · 2 artigos\n")
			.contains("Também em: <a href=\"https://wire.example/3\">Wire</a>");
		String de = digest(Locale.GERMAN, from, to, ZoneId.of("Europe/Berlin"), items, stories);
		assertThat(de).startsWith("<b>Daily digest</b> · Mon 30 Nov 08:00 – Tue 1 Dec 08:00 (Europe/Berlin) · 2 articles\n")
			.contains("Also: <a href=\"https://wire.example/3\">Wire</a>");
		for (String html : List.of(ru, zh, pt, de)) {
			assertThat(BotApiHtmlValidator.validate(html)).as(html).isEmpty();
		}
	}

	@Test
	void russianCountsTakeTheirThreePluralForms() {
		assertThat(List.of(1, 2, 5, 11, 21, 22, 25, 112, 101).stream()
			.map((n) -> this.texts.count("alerts.digest.articles", n, RU))
			.toList()).containsExactly("1 статья", "2 статьи", "5 статей", "11 статей", "21 статья", "22 статьи",
					"25 статей", "112 статей", "101 статья");
		assertThat(this.texts.count("alerts.digest.articles", 1, PT)).isEqualTo("1 artigo");
		assertThat(this.texts.count("alerts.digest.articles", 3, PT)).isEqualTo("3 artigos");
		assertThat(this.texts.count("alerts.digest.articles", 1, Locale.CHINESE)).isEqualTo("1 篇文章");
	}

	@Test
	void aLongRussianDigestIsSplitInNumberedPartsWithinTelegramsLimit() {
		List<DigestStore.Item> items = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			items.add(new DigestStore.Item(i, 100 + i, 12, "A long headline about BRICS number " + i + " " + "x".repeat(200),
					"Источник новостей с длинным названием", "https://news.example/" + "y".repeat(300) + i,
					Instant.parse("2026-11-30T09:00:00Z").plusSeconds(60L * i)));
		}
		List<DigestMessages.Part> parts = DigestMessages.render(this.texts.get("alerts.digest.hourly", RU),
				Instant.parse("2026-11-30T08:00:00Z"), Instant.parse("2026-11-30T10:00:00Z"), ZoneId.of("Europe/Moscow"),
				items, Map.of(12L, "BRICS"), Map.of(), this.texts, RU);
		assertThat(parts.size()).isGreaterThan(2);
		for (int i = 0; i < parts.size(); i++) {
			String html = parts.get(i).html();
			assertThat(html.length()).isLessThanOrEqualTo(AlertFormatter.MAX_LENGTH);
			assertThat(html.substring(0, html.indexOf('\n')))
				.startsWith("<b>Ежечасная сводка</b>")
				.endsWith("· 60 статей (часть " + (i + 1) + " из " + parts.size() + ")");
			assertThat(BotApiHtmlValidator.validate(html)).isEmpty();
		}
		assertThat(parts.stream().mapToInt((part) -> part.items().size()).sum()).isEqualTo(60);
	}

	@Test
	void quietHoursAreReleasedUnderATitleInTheChatsLanguage() {
		assertThat(this.texts.get("alerts.digest.quiet.hours", RU, "22:00-07:00"))
			.isEqualTo("Отложено в тихие часы 22:00-07:00");
		assertThat(this.texts.get("alerts.digest.quiet.hours", Locale.CHINESE, "22:00-07:00"))
			.isEqualTo("免打扰时段（22:00-07:00）内暂存的提醒");
		assertThat(this.texts.get("alerts.digest.quiet", PT)).isEqualTo("Retido durante o horário de silêncio");
	}

	@Test
	void aFloodedChatsFoldedAlertsAreCountedInItsLanguageWithinTheLimit() {
		List<OutboxAlert> alerts = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			alerts.add(new OutboxAlert(i, 100 + i, 7, 0, Instant.EPOCH, "Headline " + i + " " + "z".repeat(150),
					"https://news.example/" + "q".repeat(100) + i, 300));
		}
		List<OutboxAlert> included = new ArrayList<>();
		String ru = AlertFormatter.digest(alerts, 300, included, this.texts, RU);
		assertThat(ru.length()).isLessThanOrEqualTo(AlertFormatter.MAX_LENGTH);
		assertThat(ru).startsWith("<b>" + this.texts.count("alerts.flood.articles", included.size(), RU)
				+ "</b> (ещё " + (300 - included.size()) + " — в следующих сообщениях)\n\n• <a href=");
		assertThat(ru).contains("новых статей по вашим запросам").contains("Headline 0 ");
		assertThat(BotApiHtmlValidator.validate(ru)).isEmpty();
		String zh = AlertFormatter.digest(alerts.subList(0, 2), 2, new ArrayList<>(), this.texts, Locale.CHINESE);
		assertThat(zh).startsWith("<b>2 篇新的匹配文章</b>\n\n");
	}

	@Test
	void aLongAlertInRussianLeavesRoomForItsSourcesAndTheEditStaysWithinTheLimit() {
		String title = "Пошлины ".repeat(1000);
		String body = ("A sentence about tariffs and trade that goes on for a while. ").repeat(400);
		List<Subscription> many = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			many.add(new Subscription(i, 7, "tariffs AND trade AND \"long phrase number " + i + "\"", "CHAT"));
		}
		PendingEntry entry = new PendingEntry(1, "news", "Policy News", title, "https://news.example/" + "x".repeat(3000),
				"", body, Instant.parse("2026-11-28T09:30:00Z"));
		String html = this.formatter.format(entry, new ChatMatch(7, many, List.of(new Hit(Field.BODY, 14, 21))),
				ZoneId.of("UTC"), RU);
		assertThat(html.length()).isLessThanOrEqualTo(AlertFormatter.MAX_LENGTH - AlertFormatter.ROOM_FOR_SOURCES);
		assertThat(BotApiHtmlValidator.validate(html)).isEmpty();

		List<StorySource> sources = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			sources.add(new StorySource(i + 2, "f" + i, "Лента новостей & Co ".repeat(5), "t",
					"https://wire.example/" + "p".repeat(270) + i));
		}
		String edited = NearDuplicates.withSources(html, sources, this.texts, RU);
		assertThat(edited).startsWith(html + "\n\nТакже: ");
		assertThat(edited.length()).isLessThanOrEqualTo(AlertFormatter.MAX_LENGTH);
		assertThat(BotApiHtmlValidator.validate(edited)).isEmpty();
		String shortEdit = NearDuplicates.withSources("<b>x</b>", sources.subList(0, 1), this.texts, Locale.CHINESE);
		assertThat(shortEdit).startsWith("<b>x</b>\n\n另见：<a href=\"https://wire.example/");
	}

	@Test
	void theButtonsAreLabelledInTheChatsLanguageAndKeepTheirData() {
		org.springframework.jdbc.core.simple.JdbcClient jdbc = org.springframework.jdbc.core.simple.JdbcClient
			.create(policywatch.TestDatabase.create());
		java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), java.time.ZoneOffset.UTC);
		DeliveryPreferences preferences = new DeliveryPreferences(jdbc, clock, new DeliveryProperties(25, 1, 20,
				Duration.ofHours(24), 600, ZoneId.of("UTC"), Duration.ofMillis(500), 10, 8, Duration.ofDays(30)));
		ButtonTokens tokens = new ButtonTokens(jdbc);
		List<Subscription> two = List.of(new Subscription(12, 7, "BRICS", "CHAT"), new Subscription(13, 7, "tariffs", "CHAT"));
		Map<Locale, List<String>> expected = Map.of(
				RU, List.of("Заглушить на 24 ч #12", "Отписаться #12", "Заглушено на 24 ч ✓ · Отменить #12",
						"Подписка отменена ✓ #13", "Сразу", "✓ Ежедневная сводка", "Еженедельная сводка"),
				Locale.CHINESE, List.of("静音 24 小时 #12", "退订 #12", "已静音 24 小时 ✓ · 撤销 #12", "已退订 ✓ #13", "即时",
						"✓ 每日摘要", "每周摘要"),
				PT, List.of("Silenciar 24 h #12", "Cancelar inscrição #12", "Silenciado 24 h ✓ · Desfazer #12",
						"Inscrição cancelada ✓ #13", "Imediato", "✓ Resumo diário", "Resumo semanal"),
				Locale.GERMAN, List.of("Mute 24 h #12", "Unsubscribe #12", "Muted 24 h ✓ · Undo #12", "Unsubscribed ✓ #13",
						"Instant", "✓ Daily digest", "Weekly digest"));
		for (Map.Entry<Locale, List<String>> language : expected.entrySet()) {
			Locale locale = language.getKey();
			List<String> labels = language.getValue();
			Keyboard buttons = Keyboard.decode(DeliveryTestAccess.alertButtons(jdbc, clock, preferences, 7, two, locale)
				.encode());
			assertThat(buttons.rows().get(0)).extracting(Keyboard.Button::label).containsExactly(labels.get(0), labels.get(1));
			Keyboard muted = ButtonActions.after(buttons, tokens, 7,
					tokens.verify(7, buttons.rows().get(0).get(0).data()), TestMessages.create(), locale);
			assertThat(muted.rows().get(0).get(0).label()).isEqualTo(labels.get(2));
			assertThat(tokens.verify(7, muted.rows().get(0).get(0).data()).action()).isEqualTo(ButtonActions.UNMUTE);
			Keyboard gone = ButtonActions.after(muted, tokens, 7, tokens.verify(7, muted.rows().get(1).get(1).data()),
					TestMessages.create(), locale);
			assertThat(gone.rows().get(1)).extracting(Keyboard.Button::label).containsExactly(labels.get(3));
			Keyboard modes = ButtonActions.modeButtons(tokens, 7, 12, ButtonActions.DAILY, TestMessages.create(), locale);
			assertThat(modes.rows().get(0)).extracting(Keyboard.Button::label)
				.containsExactly(labels.get(4), labels.get(5), labels.get(6));
			assertThat(ButtonActions.label(ButtonActions.WEEKLY, TestMessages.create(), locale)).isEqualTo(labels.get(6));
		}
		assertThat(ButtonActions.modeButtons(tokens, 7, 12, ButtonActions.INSTANT, TestMessages.create(), Locale.ENGLISH)
			.rows().get(0).get(0).label()).as("English").isEqualTo("✓ Instant");
	}

	@Test
	void everyLanguageHasEveryPluralFormAndAValidDatePattern() throws IOException {
		Properties english = bundle("messages/alerts.properties");
		for (String language : List.of("", "_zh", "_ru", "_pt")) {
			Properties bundle = bundle("messages/alerts" + language + ".properties");
			assertThat(bundle.stringPropertyNames()).as(language).isEqualTo(english.stringPropertyNames());
			for (String key : List.of("alerts.digest.articles", "alerts.flood.articles")) {
				for (String form : AlertTexts.PLURALS) {
					assertThat(bundle.getProperty(key + "." + form)).as(language + " " + key + "." + form).contains("{0}");
				}
			}
			for (String key : List.of("alerts.digest.dates", "alerts.digest.item.dates")) {
				assertThat(DateTimeFormatter.ofPattern(bundle.getProperty(key)).format(
						Instant.parse("2026-12-01T09:00:00Z").atZone(ZoneId.of("UTC")))).as(language + " " + key).contains("1");
			}
		}
	}

	private static Properties bundle(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = AlertLanguagesTests.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

	private String alert(Locale locale) {
		int at = BODY.indexOf("BRICS");
		return this.formatter.format(
				new PendingEntry(1, "news", "Policy News", TITLE, "https://news.example/a", "", BODY,
						Instant.parse("2026-11-28T09:30:00Z")),
				new ChatMatch(7, List.of(new Subscription(3, 7, "BRICS", "CHAT")), List.of(new Hit(Field.BODY, at, at + 5))),
				ZoneId.of("UTC"), locale);
	}

	private String digest(Locale locale, Instant from, Instant to, ZoneId zone, List<DigestStore.Item> items,
			Map<Long, NearDuplicates.Story> stories) {
		List<DigestMessages.Part> parts = DigestMessages.render(this.texts.get("alerts.digest.daily", locale), from, to,
				zone, items, Map.of(12L, "BRICS"), stories, this.texts, locale);
		assertThat(parts).hasSize(1);
		assertThat(parts.get(0).items()).as("every held copy is delivered").hasSize(3);
		return parts.get(0).html();
	}

}
