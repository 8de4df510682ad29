package policywatch.ingest;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;

import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The Quartz job of one feed (its key names the feed, see {@link FeedSchedule}): polls the feed on
 * the Quartz thread and then makes its trigger follow the outcome (backoff, parking). Never runs
 * twice at once for the same feed, cluster-wide.
 */
@DisallowConcurrentExecution
class PollJob extends QuartzJobBean {

	private final FeedPoller poller;

	private final FeedSchedule schedule;

	PollJob(FeedPoller poller, FeedSchedule schedule) {
		this.poller = poller;
		this.schedule = schedule;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		JobKey key = context.getJobDetail().getKey();
		if (!FeedSchedule.GROUP.equals(key.getGroup())) {
			// the single job of earlier versions, deleted by the next sync
			return;
		}
		this.poller.pollFeed(key.getName());
		if (!this.poller.stopping()) {
			this.schedule.afterPoll(key.getName(), this.poller.active(key.getName()));
		}
	}

}
