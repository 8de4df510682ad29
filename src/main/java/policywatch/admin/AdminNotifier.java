package policywatch.admin;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.stereotype.Component;

import policywatch.delivery.AlertSender;
import policywatch.delivery.ChatMigrated;
import policywatch.delivery.SendResult;
import policywatch.ingest.FeedParked;
import policywatch.source.ConfigProblem;
import policywatch.source.ConfigRejected;
import policywatch.source.ConfigReloaded;
import policywatch.source.ReloadTrigger;
import policywatch.source.SettingsChanged;

/**
 * Tells the admins (every id in {@code policywatch.telegram.admin-ids}, in their private chats)
 * what they need to act on: a config edit that was rejected or applied by the file watcher, a
 * changed {@code settings.yml}, a feed parked after too many failures, a group with subscriptions
 * from the file that became a supergroup. Messages are sent in order on the notifier's own
 * thread, through the delivery pacer (within Telegram's limits), so that polling and reloading
 * never wait for Telegram.
 */
@Component
class AdminNotifier {

	private static final Logger logger = LoggerFactory.getLogger(AdminNotifier.class);

	private final AlertSender sender;

	private final List<Long> admins;

	private final TaskExecutor executor;

	AdminNotifier(AlertSender sender, @Qualifier(AdminNotifierConfiguration.EXECUTOR) TaskExecutor executor,
			@Value("${policywatch.telegram.admin-ids:}") List<Long> admins) {
		this.sender = sender;
		this.executor = executor;
		this.admins = List.copyOf(admins);
	}

	@EventListener
	void configRejected(ConfigRejected event) {
		if (event.trigger() != ReloadTrigger.WATCH) {
			return;
		}
		notifyAdmins("config-rejected", "⚠️ <b>Config change rejected</b>; the previous configuration stays active.\n\n"
				+ problems(event.problems())
				+ "\nFix the file: it is reloaded when saved (or send /reload).");
	}

	@EventListener
	void configReloaded(ConfigReloaded event) {
		if (event.trigger() != ReloadTrigger.WATCH) {
			return;
		}
		notifyAdmins("config-reloaded", "✅ <b>Config reloaded</b>: " + ReplyFitter.escape(event.changes().describe()));
	}

	@EventListener
	void settingsChanged(SettingsChanged event) {
		String file = ReplyFitter.escape(event.file().toString());
		if (event.deleted()) {
			notifyAdmins("settings-deleted", "ℹ️ <code>" + file
					+ "</code> was deleted. The running settings stay as they are; without the file the packaged "
					+ "defaults apply at the next restart.");
		}
		else if (event.problems().isEmpty()) {
			notifyAdmins("settings-changed", "ℹ️ <code>" + file
					+ "</code> changed and is valid. Settings apply at the next restart.");
		}
		else {
			notifyAdmins("settings-invalid", "⚠️ <b>settings.yml has problems</b>. The running settings are not "
					+ "affected, but a restart would fail until they are fixed:\n\n" + problems(event.problems()));
		}
	}

	@EventListener
	void feedParked(FeedParked event) {
		notifyAdmins("feed-parked", "⛔ <b>Feed parked</b>: <code>" + ReplyFitter.escape(event.feedId()) + "</code> failed "
				+ event.failures() + " times in a row and is no longer polled.\n" + ReplyFitter.escape(event.url())
				+ "\nLast error: " + ReplyFitter.escape(ReplyFitter.oneLine(event.lastError(), 300))
				+ "\n\nFix or remove it in feeds.yml; saving the file (or /reload) tries it again.");
	}

	@EventListener
	void chatMigrated(ChatMigrated event) {
		notifyAdmins("chat-migrated", "ℹ️ <b>Group upgraded</b>: chat <code>" + event.oldChatId()
				+ "</code> became the supergroup <code>" + event.newChatId() + "</code>. Its "
				+ event.configuredSubscriptions() + " subscription(s) from subscriptions.yml now follow the new id. "
				+ "Replace <code>" + event.oldChatId() + "</code> with <code>" + event.newChatId()
				+ "</code> in subscriptions.yml.");
	}

	private static String problems(List<ConfigProblem> problems) {
		List<String> lines = problems.stream().map((problem) -> ReplyFitter.oneLine(problem.toString(), 300)).toList();
		return "<pre>" + ReplyFitter.escape(ReplyFitter.fit("", lines, "", 3000)) + "</pre>\n";
	}

	/**
	 * Sends a message (Telegram HTML, already escaped) to every admin, in the background.
	 * @param kind a stable key for the log
	 * @param html the message
	 */
	void notifyAdmins(String kind, String html) {
		if (this.admins.isEmpty()) {
			logger.warn("No admin to notify, set policywatch.telegram.admin-ids kind={}", kind);
			return;
		}
		try {
			this.executor.execute(() -> send(kind, html));
		}
		catch (TaskRejectedException ex) {
			logger.warn("Unable to queue admin notice (shutting down or too many queued) kind={}", kind);
		}
	}

	private void send(String kind, String html) {
		for (long admin : this.admins) {
			try {
				SendResult result = this.sender.sendHtml(admin, html);
				if (result instanceof SendResult.Sent || result instanceof SendResult.Logged
						|| result instanceof SendResult.Relayed) {
					logger.info("Notified admin admin={} kind={}", admin, kind);
				}
				else {
					logger.warn("Unable to notify admin admin={} kind={} result={}", admin, kind, result);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Unable to notify admin admin={} kind={} reason={}", admin, kind, ex.toString());
			}
		}
	}

}
