package policywatch.console;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Spring Security for {@code /console} only. Everything else (the Telegram webhook, the actuator
 * endpoints) passes through a chain that does nothing: no login, no CSRF, no session, no extra
 * headers, exactly as before the console existed.
 * <p>
 * With the console on: form login at {@code /console} (posting to {@code /console/login}), CSRF
 * tokens on every form, logout by POST, the session cookie {@code HttpOnly} and {@code SameSite}
 * (see {@code application.properties}), a strict content security policy. With it off every
 * {@code /console} address answers 404 and no session is made.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleSecurity {

	static final String LOGIN_PAGE = "/console";

	/** Scripts, styles and images only from the application; no inline script; no framing. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	@Bean
	ConsoleAuthentication consoleAuthentication(ConsoleProperties properties, Clock clock) {
		return new ConsoleAuthentication(properties, new LoginThrottle(clock), clock);
	}

	@Bean
	@Order(1)
	SecurityFilterChain consoleChain(HttpSecurity http, ConsoleProperties properties) throws Exception {
		http.securityMatcher("/console", "/console/**");
		if (!properties.enabled()) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().denyAll())
				.exceptionHandling((exceptions) -> exceptions
					.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.NOT_FOUND)))
				.csrf((csrf) -> csrf.disable())
				.requestCache((cache) -> cache.disable())
				.sessionManagement((sessions) -> sessions.disable())
				.securityContext((context) -> context.disable())
				.logout((logout) -> logout.disable())
				.headers((headers) -> headers.disable())
				.build();
		}
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(LOGIN_PAGE, "/console/console.css", "/console/*.js", "/console/webjars/**")
				.permitAll()
				.anyRequest()
				.hasRole("ADMIN"))
			.formLogin((form) -> form.loginPage(LOGIN_PAGE)
				.loginProcessingUrl("/console/login")
				.defaultSuccessUrl("/console/feeds", true)
				.failureUrl(LOGIN_PAGE + "?error"))
			.logout((logout) -> logout.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
			.build();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		return http.csrf((csrf) -> csrf.disable())
			.headers((headers) -> headers.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((sessions) -> sessions.disable())
			.securityContext((context) -> context.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.servletApi((servletApi) -> servletApi.disable())
			.logout((logout) -> logout.disable())
			.exceptionHandling((exceptions) -> exceptions.disable())
			.build();
	}

}
