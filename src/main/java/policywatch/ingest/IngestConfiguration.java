package policywatch.ingest;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import policywatch.ingest.extract.ArticleExtractor;
import policywatch.ingest.extract.ExtractProperties;
import policywatch.ingest.fetch.FetchProperties;
import policywatch.ingest.fetch.Fetcher;
import policywatch.ingest.fetch.HttpFetcher;
import policywatch.ingest.parse.FeedParser;

/**
 * The ingest stages as beans, and the Quartz job that drives them.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	@Bean
	Fetcher fetcher(FetchProperties properties) {
		return new HttpFetcher(properties);
	}

	@Bean
	FeedParser feedParser() {
		return new FeedParser();
	}

	@Bean
	ArticleExtractor articleExtractor(ExtractProperties properties) {
		return new ArticleExtractor(properties);
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

}
