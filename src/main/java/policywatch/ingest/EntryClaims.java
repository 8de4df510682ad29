package policywatch.ingest;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Claims a new entry for matching, safely when several nodes match at once (a cluster on one
 * PostgreSQL). The claim is a row lock taken with {@code SELECT ... FOR UPDATE SKIP LOCKED} in the
 * caller's transaction (PostgreSQL and H2 2.x both support it): an entry another node is matching
 * is skipped at once rather than waited for, and the entry is marked matched in the same
 * transaction that writes its alerts. A node that dies mid-claim holds the lock only as long as its
 * transaction: the database rolls it back when the connection drops, and the entry is claimed
 * again by the next pass of any node. An entry already marked matched is never claimed again, so
 * nothing is matched twice.
 */
final class EntryClaims {

	private final JdbcClient jdbc;

	EntryClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks a new entry and marks it matched; call in the transaction that writes its alerts.
	 * @return false when the entry is matched already or another transaction holds it
	 */
	boolean claim(long entryId) {
		boolean locked = !this.jdbc.sql("SELECT id FROM entry WHERE id = ? AND state = 'NEW' FOR UPDATE SKIP LOCKED")
			.param(entryId)
			.query(Long.class)
			.list()
			.isEmpty();
		return locked && this.jdbc
			.sql("UPDATE entry SET state = 'MATCHED', description = NULL, body = NULL WHERE id = ? AND state = 'NEW'")
			.param(entryId)
			.update() > 0;
	}

}
