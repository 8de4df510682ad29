package policywatch.telegram;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import policywatch.cluster.SenderLease;
import policywatch.delivery.MessageTransport;
import policywatch.delivery.TelegramPacer;
import policywatch.subscription.Chats;

/**
 * Wires the bot when a token is set; otherwise alerts are logged and the rest runs as usual.
 */
@Configuration(proxyBeanMethods = false)
class TelegramConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TelegramConfiguration.class);

	static final String TELEGRAM_SCHEDULER = "telegramScheduler";

	@Bean
	TelegramStatus telegramStatus(Clock clock) {
		return new TelegramStatus(clock);
	}

	/**
	 * The one Bot API client for everything the bot sends (alerts, replies, commands menu).
	 */
	@Bean
	@Conditional(TokenPresent.class)
	OkHttpTelegramClient telegramClient(TelegramProperties properties) {
		OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
			.readTimeout(Duration.ofSeconds(30))
			.writeTimeout(Duration.ofSeconds(30))
			.callTimeout(Duration.ofSeconds(60))
			.build();
		return new OkHttpTelegramClient(new ObjectMapper(), http, properties.token(),
				TelegramBot.telegramUrl(properties.apiUrl()));
	}

	/**
	 * The Bot API's sendMessage, unpaced: the delivery module's {@link TelegramPacer} wraps it.
	 */
	@Bean
	MessageTransport messageTransport(ObjectProvider<OkHttpTelegramClient> client, TelegramStatus status) {
		OkHttpTelegramClient telegram = client.getIfAvailable();
		if (telegram == null) {
			logger.warn("Telegram bot is off: policywatch.telegram.token (env POLICYWATCH_TELEGRAM_TOKEN) is empty; "
					+ "feeds are polled and matched, and each alert is logged instead of sent");
			return new LoggingAlertSender();
		}
		return new TelegramAlertSender(telegram, status);
	}

	/**
	 * The bot's own threads for connecting (with retries), the heartbeat and long polling; not
	 * offered to other modules.
	 */
	@Bean(name = TELEGRAM_SCHEDULER, defaultCandidate = false)
	@Conditional(TokenPresent.class)
	ThreadPoolTaskScheduler telegramScheduler(Clock clock) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setThreadNamePrefix("telegram-connect-");
		scheduler.setDaemon(true);
		scheduler.setClock(clock);
		return scheduler;
	}

	@Bean
	@Conditional(TokenPresent.class)
	TelegramBot telegramBot(TelegramProperties properties, OkHttpTelegramClient client, ChatCommands commands,
			Chats chats, TelegramStatus status, TelegramPacer pacer,
			@Qualifier(TELEGRAM_SCHEDULER) TaskScheduler scheduler, SenderLease lease, WebhookProperties webhook,
			JdbcClient jdbc, Clock clock) {
		return new TelegramBot(properties, client, commands, chats, status, pacer, scheduler, lease, webhook,
				new UpdateLog(jdbc, clock));
	}

	/**
	 * Matches when a bot token is set.
	 */
	static final class TokenPresent implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String token = context.getEnvironment().getProperty("policywatch.telegram.token");
			return token != null && !token.isBlank();
		}

	}

	/**
	 * Matches when a webhook URL is set.
	 */
	static final class WebhookUrlPresent implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String url = context.getEnvironment().getProperty("policywatch.telegram.webhook.url");
			return url != null && !url.isBlank();
		}

	}

}
