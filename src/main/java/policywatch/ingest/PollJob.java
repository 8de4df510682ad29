package policywatch.ingest;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;

import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The Quartz job: starts polling the feeds that are due, and returns without waiting for them
 * (see {@link FeedPoller}). One instance runs at a time, cluster-wide.
 */
@DisallowConcurrentExecution
class PollJob extends QuartzJobBean {

	private final FeedPoller poller;

	PollJob(FeedPoller poller) {
		this.poller = poller;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		this.poller.pollDueFeeds();
	}

}
