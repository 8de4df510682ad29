package policywatch.testing;

import java.nio.charset.StandardCharsets;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The application's message bundles as Spring Boot configures them (see
 * {@code spring.messages.*} in application.properties), for unit tests that build a class by hand.
 */
public final class TestMessages {

	private TestMessages() {
	}

	/**
	 * @return a message source over {@code messages/bot} and {@code messages/alerts}, UTF-8,
	 * falling back to English (never to the machine's locale)
	 */
	public static MessageSource create() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames("messages/bot", "messages/alerts");
		source.setDefaultEncoding(StandardCharsets.UTF_8.name());
		source.setFallbackToSystemLocale(false);
		source.setUseCodeAsDefaultMessage(false);
		return source;
	}

}
