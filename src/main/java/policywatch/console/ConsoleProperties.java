package policywatch.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web console at {@code /console}. Off unless a password is set: then every {@code /console}
 * address answers 404 and nothing else changes.
 *
 * @param password the admin's password (env {@code POLICYWATCH_CONSOLE_PASSWORD}); empty turns the
 * console off. Never logged.
 * @param user the admin's user name
 */
@ConfigurationProperties("policywatch.console")
public record ConsoleProperties(String password, @DefaultValue("admin") String user) {

	public ConsoleProperties {
		if (password != null && password.isBlank()) {
			password = null;
		}
		if (user == null || user.isBlank()) {
			user = "admin";
		}
	}

	/**
	 * @return whether the console is on
	 */
	public boolean enabled() {
		return this.password != null;
	}

	@Override
	public String toString() {
		return "ConsoleProperties[password=" + ((this.password != null) ? "(set)" : "(empty)") + ", user=" + this.user
				+ "]";
	}

}
