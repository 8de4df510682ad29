package policywatch.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks the console's one admin: user name and password compared in constant time (as SHA-256
 * digests, so that neither the length nor the content leaks through timing), failed logins
 * throttled per remote address ({@link LoginThrottle}). Refuses everyone while the console is off.
 * Also the application's only {@link AuthenticationProvider}, so that Spring Boot never makes up a
 * default user with a generated password.
 */
final class ConsoleAuthentication implements AuthenticationProvider {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleAuthentication.class);

	private final ConsoleProperties properties;

	private final LoginThrottle throttle;

	private final Clock clock;

	ConsoleAuthentication(ConsoleProperties properties, LoginThrottle throttle, Clock clock) {
		this.properties = properties;
		this.throttle = throttle;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		if (!this.properties.enabled()) {
			throw new BadCredentialsException("The console is off");
		}
		String address = address(authentication);
		Instant locked = this.throttle.lockedUntil(address);
		if (locked != null) {
			logger.warn("Refused console login, too many failures address={} lockedUntil={}", address, locked);
			throw new LockedException("Too many failed logins from your address; try again in "
					+ minutes(Duration.between(this.clock.instant(), locked)) + ".");
		}
		String user = String.valueOf(authentication.getName());
		Object credentials = authentication.getCredentials();
		String password = (credentials != null) ? credentials.toString() : "";
		boolean userOk = same(user, this.properties.user());
		boolean passwordOk = same(password, this.properties.password());
		if (!(userOk & passwordOk)) {
			this.throttle.failed(address);
			logger.warn("Failed console login address={} user={}", address, printable(user));
			throw new BadCredentialsException("Wrong user name or password.");
		}
		this.throttle.succeeded(address);
		logger.info("Console login address={} user={}", address, printable(user));
		UsernamePasswordAuthenticationToken done = UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
		done.setDetails(authentication.getDetails());
		return done;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static String address(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			return details.getRemoteAddress();
		}
		return "unknown";
	}

	static boolean same(String given, String expected) {
		return MessageDigest.isEqual(sha256(given), sha256(expected));
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String minutes(Duration duration) {
		long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
		return minutes + ((minutes == 1) ? " minute" : " minutes");
	}

	/** A user name as typed, safe for one log line. */
	private static String printable(String user) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < user.length() && text.length() < 64; i++) {
			char c = user.charAt(i);
			text.append((c < 0x20 || c == 0x7f) ? '?' : c);
		}
		return text.toString();
	}

}
