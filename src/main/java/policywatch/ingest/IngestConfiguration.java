package policywatch.ingest;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.Scheduler;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import policywatch.ingest.extract.ArticleExtractor;
import policywatch.ingest.extract.ExtractProperties;
import policywatch.ingest.fetch.FetchProperties;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.fetch.HttpFetcher;
import policywatch.ingest.parse.FeedParser;

/**
 * The ingest stages as beans, their threads, and the feeds' Quartz jobs that drive them.
 * <p>
 * Threads: each feed is polled on a Quartz thread (as many as {@code policywatch.ingest.threads}
 * by default); {@value #POLL_EXECUTOR} runs one feed's poll per thread for
 * {@link FeedPoller#pollDueFeeds()} ({@code policywatch.ingest.threads}); {@value #PAGE_EXECUTOR} fetches and extracts article
 * pages for all feeds ({@code policywatch.fetch.max-connections} threads, at most
 * {@code max-connections-per-host} of them for one feed). Neither is a default candidate, so
 * they never stand in for the application's own task executor.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	static final String POLL_EXECUTOR = "feedPollExecutor";

	static final String PAGE_EXECUTOR = "articlePageExecutor";

	@Bean
	Fetcher fetcher(FetchProperties properties) {
		return new HttpFetcher(properties);
	}

	@Bean
	FeedParser feedParser(IngestProperties properties) {
		return new FeedParser(properties.parseBudget());
	}

	@Bean
	ArticleExtractor articleExtractor(ExtractProperties properties) {
		return new ArticleExtractor(properties);
	}

	/**
	 * One feed's poll per thread ({@link FeedPoller#pollDueFeeds()}), and the matching pass that
	 * follows a feed's Quartz poll with new entries. On shutdown the polls in flight are told to stop waiting for
	 * pages (see {@link FeedPoller#stop()}) and are waited for while they record what they have;
	 * they are never interrupted (an interrupt in the middle of a database write can break the
	 * H2 file).
	 */
	@Bean(name = POLL_EXECUTOR, defaultCandidate = false)
	ThreadPoolTaskExecutor feedPollExecutor(IngestProperties properties) {
		ThreadPoolTaskExecutor executor = executor("poll-", properties.threads());
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(10);
		return executor;
	}

	/**
	 * Article pages of all feeds. On shutdown the fetches in flight are interrupted rather than
	 * waited for: their entries are read again by the next start.
	 */
	@Bean(name = PAGE_EXECUTOR, defaultCandidate = false)
	ThreadPoolTaskExecutor articlePageExecutor(FetchProperties properties) {
		ThreadPoolTaskExecutor executor = executor("page-", properties.maxConnections());
		executor.setAcceptTasksAfterContextClose(true);
		executor.setWaitForTasksToCompleteOnShutdown(false);
		executor.setAwaitTerminationSeconds(2);
		return executor;
	}

	@Bean
	FeedPollWorker feedPollWorker(FeedStore feeds, EntryStore entries, Fetcher fetcher, FeedParser parser,
			ArticleExtractor extractor, @Qualifier(PAGE_EXECUTOR) ThreadPoolTaskExecutor pageExecutor,
			FetchProperties fetchProperties, IngestProperties properties, ApplicationEventPublisher events, Clock clock,
			MeterRegistry meters) {
		ArticlePages pages = new ArticlePages(fetcher, extractor, pageExecutor, fetchProperties.maxConnectionsPerHost(),
				properties.maxTextChars(), meters);
		return new FeedPollWorker(feeds, entries, fetcher, parser, pages, properties, events, clock, meters);
	}

	/**
	 * One Quartz job per feed; Quartz's thread pool
	 * ({@code spring.quartz.properties.org.quartz.threadPool.threadCount}, by default
	 * {@code policywatch.ingest.threads}) is how many feeds one node polls at once.
	 */
	@Bean
	FeedSchedule feedSchedule(Scheduler scheduler, IngestProperties properties, Clock clock) {
		return new FeedSchedule(scheduler, properties.jitter(), clock);
	}

	private static ThreadPoolTaskExecutor executor(String prefix, int threads) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(prefix);
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		executor.setDaemon(true);
		return executor;
	}

}
