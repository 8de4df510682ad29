package policywatch.text;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguagesTests {

	@Test
	void telegramCodesMapToTheSupportedLanguages() {
		assertThat(Languages.supported("pt-br")).isEqualTo(Locale.forLanguageTag("pt"));
		assertThat(Languages.supported("PT_PT")).isEqualTo(Locale.forLanguageTag("pt"));
		assertThat(Languages.supported("ru")).isEqualTo(Locale.forLanguageTag("ru"));
		assertThat(Languages.supported("zh-hans")).isEqualTo(Locale.CHINESE);
		assertThat(Languages.supported("zh-CN")).isEqualTo(Locale.CHINESE);
		assertThat(Languages.supported(" en-GB ")).isEqualTo(Locale.ENGLISH);
	}

	@Test
	void unsupportedOrTraditionalChineseIsNotALanguageTheBotSpeaks() {
		assertThat(Languages.supported("de")).isNull();
		assertThat(Languages.supported("zh-hant")).isNull();
		assertThat(Languages.supported("zh-TW")).isNull();
		assertThat(Languages.supported("")).isNull();
		assertThat(Languages.supported(null)).isNull();
		assertThat(Languages.supported("x".repeat(1000))).isNull();
	}

	@Test
	void theChosenLanguageWinsThenTheReportedOneThenEnglish() {
		assertThat(Languages.resolve("ru", "pt-br")).isEqualTo(Locale.forLanguageTag("ru"));
		assertThat(Languages.resolve(null, "pt-br")).isEqualTo(Locale.forLanguageTag("pt"));
		assertThat(Languages.resolve("xx", "de")).isEqualTo(Locale.ENGLISH);
		assertThat(Languages.resolve(null, null)).isEqualTo(Locale.ENGLISH);
	}

}
