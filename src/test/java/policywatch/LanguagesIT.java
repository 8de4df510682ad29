package policywatch;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import policywatch.testing.FakeTelegramApi.MyCommandsCall;
import policywatch.testing.FakeTelegramApi.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bot's languages against the running application and the fake Bot API: command menus and descriptions per
 * language at start-up, replies in the sender's Telegram language, {@code /language} overriding it.
 */
class LanguagesIT {

	private static final long ADMIN = 42;

	private static final long OLGA = 3001;

	private static final long JOAO = 3002;

	private static final long HANS = 3003;

	@TempDir
	Path dir;

	private AppHarness harness;

	@AfterEach
	void tearDown() {
		if (this.harness != null) {
			this.harness.close();
		}
	}

	@Test
	void menusDescriptionsAndRepliesInEachLanguage() throws Exception {
		AppHarness h = this.harness = new AppHarness(this.dir, "--policywatch.telegram.admin-ids=" + ADMIN);
		h.start();

		// menus: English as the default, then zh, ru and pt; for everyone and for the admin's chat
		await().atMost(AppHarness.WAIT).until(() -> h.telegram.requests("setMyShortDescription").size() >= 4);
		List<MyCommandsCall> menus = h.telegram.myCommandsCalls();
		assertThat(menus).extracting(MyCommandsCall::languageCode).containsOnly(null, "zh", "ru", "pt");
		assertThat(menus).filteredOn((call) -> call.scopeJson().contains("default")).hasSize(4);
		assertThat(menus).filteredOn((call) -> call.scopeJson().contains("42")).hasSize(4)
			.allSatisfy((call) -> assertThat(call.commands()).containsKeys("stats", "language"));
		assertThat(menu(menus, null).get("subscribe")).isEqualTo("Watch for a keyword or phrase");
		assertThat(menu(menus, "ru").get("subscribe")).isEqualTo("Следить за словом или фразой");
		assertThat(menu(menus, "zh").get("language")).isEqualTo("机器人的语言");
		assertThat(menu(menus, "pt").get("list")).isEqualTo("Suas assinaturas");
		assertThat(h.telegram.requests("setMyDescription")).extracting((call) -> language(call))
			.containsExactlyInAnyOrder(null, "zh", "ru", "pt");
		assertThat(h.telegram.requests("setMyDescription"))
			.anySatisfy((call) -> assertThat(call.path("description").asText()).startsWith("PolicyWatch следит"));
		assertThat(h.telegram.requests("setMyShortDescription"))
			.anySatisfy((call) -> assertThat(call.path("short_description").asText()).startsWith("Alertas quando"));

		// replies follow each user's Telegram language; German falls back to English
		assertThat(say(OLGA, "/help", "ru")).startsWith("Я слежу за лентами");
		assertThat(say(JOAO, "/subscribe \"supply chain", "pt-br"))
			.isEqualTo("Assinatura não criada: Aspas abertas no caractere 1: feche com \"");
		assertThat(say(HANS, "/list", "de")).startsWith("No subscriptions yet");

		// /language overrides it, stored for the chat
		assertThat(say(OLGA, "/language zh", "ru")).isEqualTo("好的：今后我在这里用<b>中文</b>回复。");
		assertThat(say(OLGA, "/subscribe BRICS", "ru")).startsWith("已订阅 #");
		assertThat(say(OLGA, "/language auto", "ru")).contains("<b>Русский</b>");
	}

	private static java.util.Map<String, String> menu(List<MyCommandsCall> calls, String language) {
		return calls.stream()
			.filter((call) -> call.scopeJson().contains("default") && java.util.Objects.equals(call.languageCode(), language))
			.findFirst()
			.orElseThrow()
			.commands();
	}

	private static String language(JsonNode call) {
		return call.hasNonNull("language_code") ? call.get("language_code").asText() : null;
	}

	private String say(long user, String text, String languageCode) {
		int before = replies(user).size();
		this.harness.telegram.sendText(user, user, text, languageCode);
		await().atMost(AppHarness.WAIT).until(() -> replies(user).size() > before);
		return replies(user).get(before);
	}

	private List<String> replies(long chat) {
		return this.harness.telegram.sentMessages()
			.stream()
			.filter((message) -> message.chatId() == chat)
			.map(SentMessage::text)
			.toList();
	}

}
