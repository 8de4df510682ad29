package policywatch.admin;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The executor {@code /testfeed} runs on: at most {@value #CONCURRENT} tests at a time and
 * {@value #WAITING} waiting, so a burst of commands cannot start unbounded fetches. Not a default
 * candidate: it is injected only by name, and Spring Boot's own application executor stays.
 */
@Configuration(proxyBeanMethods = false)
class FeedTesterConfiguration {

	static final String EXECUTOR = "feedTesterExecutor";

	static final int CONCURRENT = 2;

	static final int WAITING = 4;

	@Bean(name = EXECUTOR, defaultCandidate = false)
	ThreadPoolTaskExecutor feedTesterExecutor(ThreadPoolTaskExecutorBuilder builder) {
		return executor(builder);
	}

	/** The executor as configured here, for the bean and for tests. */
	static ThreadPoolTaskExecutor executor(ThreadPoolTaskExecutorBuilder builder) {
		return builder.corePoolSize(CONCURRENT)
			.maxPoolSize(CONCURRENT)
			.queueCapacity(WAITING)
			.allowCoreThreadTimeOut(true)
			.threadNamePrefix("feed-tester-")
			.build();
	}

}
