package policywatch.ingest;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import policywatch.ingest.extract.ArticleExtractor;
import policywatch.ingest.fetch.FetchProperties;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.fetch.HttpFetcher;
import policywatch.ingest.parse.FeedParser;

/**
 * The ingest stages as beans, their threads, and the Quartz job that drives them.
 * <p>
 * Threads: {@value #POLL_EXECUTOR} runs one feed's poll per thread
 * ({@code policywatch.ingest.threads}); {@value #PAGE_EXECUTOR} fetches and extracts article
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
	ArticleExtractor articleExtractor() {
		return new ArticleExtractor();
	}

	@Bean(name = POLL_EXECUTOR, defaultCandidate = false)
	ThreadPoolTaskExecutor feedPollExecutor(IngestProperties properties) {
		return executor("poll-", properties.threads());
	}

	@Bean(name = PAGE_EXECUTOR, defaultCandidate = false)
	ThreadPoolTaskExecutor articlePageExecutor(FetchProperties properties) {
		return executor("page-", properties.maxConnections());
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

	@Bean
	JobDetail pollJobDetail() {
		return JobBuilder.newJob(PollJob.class).withIdentity("poll-feeds").storeDurably().build();
	}

	@Bean
	Trigger pollJobTrigger(JobDetail pollJobDetail, IngestProperties properties) {
		return TriggerBuilder.newTrigger()
			.forJob(pollJobDetail)
			.withIdentity("poll-feeds")
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(properties.tick().toMillis())
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

	private static ThreadPoolTaskExecutor executor(String prefix, int threads) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(prefix);
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		executor.setDaemon(true);
		// on shutdown, polls and page fetches in flight are interrupted; what they had not
		// recorded is read again by the next start
		executor.setWaitForTasksToCompleteOnShutdown(false);
		executor.setAwaitTerminationMillis(2_000);
		return executor;
	}

}
