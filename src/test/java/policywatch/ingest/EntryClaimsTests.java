package policywatch.ingest;

import javax.sql.DataSource;

import policywatch.TestDatabase;

/**
 * Claiming entries on H2 (the single-node default), which supports {@code SKIP LOCKED} too.
 */
class EntryClaimsTests extends EntryClaimsContract {

	private final DataSource dataSource = TestDatabase.create();

	@Override
	DataSource dataSource() {
		return this.dataSource;
	}

}
