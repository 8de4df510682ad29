package policywatch.cluster;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The sender lease and its own thread (not offered to other modules).
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

	static final String SCHEDULER = "clusterScheduler";

	@Bean(name = SCHEDULER, defaultCandidate = false)
	ThreadPoolTaskScheduler clusterScheduler(Clock clock) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("cluster-");
		scheduler.setDaemon(true);
		scheduler.setClock(clock);
		return scheduler;
	}

	@Bean
	DatabaseSenderLease senderLease(JdbcClient jdbc, ClusterProperties properties, Clock clock,
			@Qualifier(SCHEDULER) TaskScheduler scheduler) {
		return new DatabaseSenderLease(jdbc, properties, clock, scheduler);
	}

}
