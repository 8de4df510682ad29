package policywatch.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The archive, its index in {@code <policywatch.data-dir>/archive-index}, and its own thread for opening,
 * committing and pruning.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArchiveProperties.class)
class ArchiveConfiguration {

	static final String SCHEDULER = "archiveScheduler";

	@Bean
	RecentArchive recentArchive(ArchiveStore store, ArchiveProperties properties, Clock clock,
			@Value("${policywatch.data-dir:data}") Path dataDir) throws IOException {
		return new RecentArchive(store, dataDir.toAbsolutePath().normalize().resolve("archive-index"), properties,
				clock);
	}

	@Bean(name = SCHEDULER, defaultCandidate = false)
	ThreadPoolTaskScheduler archiveScheduler(Clock clock) {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("archive-");
		scheduler.setDaemon(true);
		scheduler.setClock(clock);
		return scheduler;
	}

}
