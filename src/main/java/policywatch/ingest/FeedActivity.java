package policywatch.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static policywatch.database.SqlTimestamps.instant;
import static policywatch.database.SqlTimestamps.ts;

/**
 * How many new entries the feeds brought, for admins. Entries recorded by a feed's first poll
 * (never alerted) do not count as new.
 */
@Repository
public class FeedActivity {

	private final JdbcClient jdbc;

	FeedActivity(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param firstDay the first day counted
	 * @param days how many days, {@code firstDay} included
	 * @param zone the time zone the days are in
	 * @return per feed id, the new entries of each day ({@code days} counts, oldest first); feeds
	 * without any are left out
	 */
	public Map<String, int[]> newEntriesPerDay(LocalDate firstDay, int days, ZoneId zone) {
		Instant from = firstDay.atStartOfDay(zone).toInstant();
		Instant to = firstDay.plusDays(days).atStartOfDay(zone).toInstant();
		Map<String, int[]> counts = new HashMap<>();
		this.jdbc.sql("""
				SELECT feed_id, first_seen_at FROM entry
				WHERE first_seen_at >= ? AND first_seen_at < ? AND state <> 'SEEN'""")
			.params(ts(from), ts(to))
			.query((rs) -> {
				Instant seen = instant(rs, "first_seen_at");
				int day = (int) (seen.atZone(zone).toLocalDate().toEpochDay() - firstDay.toEpochDay());
				if (day >= 0 && day < days) {
					counts.computeIfAbsent(rs.getString("feed_id"), (id) -> new int[days])[day]++;
				}
			});
		return counts;
	}

	/**
	 * @return when each feed last brought a new entry; feeds that never did are left out
	 */
	public Map<String, Instant> lastNewEntry() {
		Map<String, Instant> last = new HashMap<>();
		this.jdbc.sql("SELECT feed_id, MAX(first_seen_at) AS last_seen FROM entry WHERE state <> 'SEEN' GROUP BY feed_id")
			.query((rs) -> {
				Instant seen = instant(rs, "last_seen");
				if (seen != null) {
					last.put(rs.getString("feed_id"), seen);
				}
			});
		return last;
	}

}
