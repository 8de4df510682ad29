package policywatch.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The admin notices' own thread: one, so that notices arrive in the order things happened.
 */
@Configuration(proxyBeanMethods = false)
class AdminNotifierConfiguration {

	static final String EXECUTOR = "adminNotifierExecutor";

	@Bean(name = EXECUTOR, defaultCandidate = false)
	ThreadPoolTaskExecutor adminNotifierExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setQueueCapacity(1000);
		executor.setThreadNamePrefix("admin-notifier-");
		executor.setDaemon(true);
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(5);
		return executor;
	}

}
