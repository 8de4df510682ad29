package policywatch.ingest.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient parsing of the date formats feeds really use: RFC 822/1123 and their variants (no day
 * name, two-digit years, named zones, missing seconds), ISO 8601 / W3C-DTF (partial dates,
 * fractions, offsets with or without colon, a space instead of {@code T}) and a few others
 * ({@code 2003/12/13 18:30}). A date without a zone is read as UTC.
 */
final class Dates {

	private static final Pattern ISO = Pattern.compile("(\\d{4})(?:-?(\\d{1,2})(?:-?(\\d{1,2})"
			+ "(?:[T ]+(\\d{1,2})(?::?(\\d{2})(?::?(\\d{2})(?:[.,](\\d+))?)?)?\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?)?)?)?");

	private static final Pattern SLASHED = Pattern.compile("(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})"
			+ "(?:[T ]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?)?");

	private static final Pattern RFC822 = Pattern.compile("(?:[A-Za-z]+\\.?,?\\s+)?(\\d{1,2})[\\s-]+([A-Za-z]{3,9})\\.?[\\s-]+(\\d{2,4})"
			+ "(?:[\\sT,]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?)?\\s*([A-Za-z]{1,5}|[+-]\\d{1,2}:?\\d{2})?");

	// "Tue Jun 10 04:00:00 GMT 2003" (asctime / Java Date.toString) and "June 10, 2003 04:00"
	private static final Pattern MONTH_FIRST = Pattern.compile("(?:[A-Za-z]+,?\\s+)?([A-Za-z]{3,9})\\.?\\s+(\\d{1,2}),?"
			+ "(?:\\s+(\\d{4}),?)?(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?\\s*([A-Za-z]{1,5}|[+-]\\d{2}:?\\d{2})?(?:\\s+(\\d{4}))?");

	private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
			Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
			Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11),
			Map.entry("dec", 12));

	private static final Map<String, Integer> ZONES = Map.ofEntries(Map.entry("UT", 0), Map.entry("UTC", 0),
			Map.entry("GMT", 0), Map.entry("Z", 0), Map.entry("EST", -5 * 60), Map.entry("EDT", -4 * 60),
			Map.entry("CST", -6 * 60), Map.entry("CDT", -5 * 60), Map.entry("MST", -7 * 60),
			Map.entry("MDT", -6 * 60), Map.entry("PST", -8 * 60), Map.entry("PDT", -7 * 60),
			Map.entry("BST", 60), Map.entry("CET", 60), Map.entry("CEST", 120), Map.entry("MET", 60),
			Map.entry("MEST", 120), Map.entry("EET", 120), Map.entry("EEST", 180), Map.entry("WET", 0),
			Map.entry("WEST", 60), Map.entry("IST", 330), Map.entry("JST", 540), Map.entry("KST", 540),
			Map.entry("HKT", 480), Map.entry("AEST", 600), Map.entry("AEDT", 660), Map.entry("NZST", 720),
			Map.entry("NZDT", 780), Map.entry("A", -60), Map.entry("M", -720), Map.entry("N", 60),
			Map.entry("Y", 720));

	private Dates() {
	}

	/**
	 * @param text a date as found in a feed
	 * @return the instant, or {@code null} when the text is not a date we can read
	 */
	static Instant parse(String text) {
		if (text == null) {
			return null;
		}
		String s = text.strip().replace('\u00a0', ' ');
		if (s.isEmpty() || s.length() > 100) {
			return null;
		}
		try {
			Matcher m = ISO.matcher(s);
			if (m.matches()) {
				return build(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7),
						m.group(8));
			}
			m = SLASHED.matcher(s);
			if (m.matches()) {
				return build(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), null, m.group(7));
			}
			m = RFC822.matcher(s);
			if (m.lookingAt()) {
				Integer month = month(m.group(2));
				if (month != null) {
					String year = m.group(3);
					if (year.length() == 2) {
						int y = Integer.parseInt(year);
						year = Integer.toString((y < 50) ? 2000 + y : 1900 + y);
					}
					else if (year.length() == 3) {
						return null;
					}
					return build(year, month.toString(), m.group(1), m.group(4), m.group(5), m.group(6), null,
							m.group(7));
				}
			}
			m = MONTH_FIRST.matcher(s);
			if (m.matches()) {
				Integer month = month(m.group(1));
				String year = (m.group(3) != null) ? m.group(3) : m.group(8);
				if (month != null && year != null) {
					return build(year, month.toString(), m.group(2), m.group(4), m.group(5), m.group(6), null,
							m.group(7));
				}
			}
		}
		catch (DateTimeException | NumberFormatException ex) {
			return null;
		}
		return null;
	}

	private static Integer month(String name) {
		return (name.length() < 3) ? null : MONTHS.get(name.substring(0, 3).toLowerCase(Locale.ROOT));
	}

	private static Instant build(String year, String month, String day, String hour, String minute, String second,
			String fraction, String zone) {
		int y = Integer.parseInt(year);
		int mo = (month != null) ? Integer.parseInt(month) : 1;
		int d = (day != null) ? Integer.parseInt(day) : 1;
		int h = (hour != null) ? Integer.parseInt(hour) : 0;
		int mi = (minute != null) ? Integer.parseInt(minute) : 0;
		int se = (second != null) ? Integer.parseInt(second) : 0;
		if (y < 1000 || y > 9999) {
			return null;
		}
		boolean endOfDay = h == 24 && mi == 0 && se == 0;
		if (se == 60) {
			se = 59; // leap second
		}
		LocalDateTime local = LocalDateTime.of(y, mo, d, endOfDay ? 0 : h, mi, se);
		if (endOfDay) {
			local = local.plusDays(1);
		}
		if (fraction != null) {
			String nanos = (fraction + "000000000").substring(0, 9);
			local = local.withNano(Integer.parseInt(nanos));
		}
		Integer offset = offsetMinutes(zone);
		if (offset == null) {
			offset = 0;
		}
		return local.toInstant(ZoneOffset.ofTotalSeconds(offset * 60));
	}

	private static Integer offsetMinutes(String zone) {
		if (zone == null || zone.isEmpty()) {
			return null;
		}
		char first = zone.charAt(0);
		if (first == '+' || first == '-') {
			String digits = zone.substring(1).replace(":", "");
			int hours;
			int minutes;
			if (digits.length() <= 2) {
				hours = Integer.parseInt(digits);
				minutes = 0;
			}
			else {
				hours = Integer.parseInt(digits.substring(0, digits.length() - 2));
				minutes = Integer.parseInt(digits.substring(digits.length() - 2));
			}
			if (hours > 18 || minutes > 59) {
				return null;
			}
			int total = hours * 60 + minutes;
			return (first == '-') ? -total : total;
		}
		return ZONES.get(zone.toUpperCase(Locale.ROOT));
	}

}
