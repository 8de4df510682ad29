package policywatch.delivery;

import java.util.List;

/**
 * One message to a chat carrying one alert, or several in a digest.
 *
 * @param chatId the chat
 * @param alerts the alerts it carries, oldest first
 * @param message the Telegram HTML to send
 */
record Delivery(long chatId, List<OutboxAlert> alerts, String message) {

	OutboxAlert first() {
		return this.alerts.get(0);
	}

	List<Long> ids() {
		return this.alerts.stream().map(OutboxAlert::id).toList();
	}

}
