package policywatch.source;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The source module's own thread: the config watcher's checks, one at a time. Not offered to
 * other modules (not a default candidate), like the other modules' schedulers.
 */
@Configuration(proxyBeanMethods = false)
class SourceConfiguration {

	static final String SCHEDULER = "sourceScheduler";

	@Bean(name = SCHEDULER, defaultCandidate = false)
	ThreadPoolTaskScheduler sourceScheduler(Clock clock) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("config-watcher-");
		scheduler.setDaemon(true);
		scheduler.setClock(clock);
		return scheduler;
	}

}
