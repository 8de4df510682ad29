package policywatch.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Time values for {@code TIMESTAMP WITH TIME ZONE} columns, the same on H2 and PostgreSQL whatever
 * the JVM's time zone.
 */
public final class SqlTimestamps {

	private SqlTimestamps() {
	}

	public static OffsetDateTime ts(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
