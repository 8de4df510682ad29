package policywatch.ingest.decode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import policywatch.text.Texts;

/**
 * The one lenient date parser for feeds and pages. It reads the formats feeds really use:
 * RFC 822/1123 and their variants (no day name, two-digit years, named zones, missing seconds),
 * ISO 8601 / W3C-DTF (partial dates, compact forms, fractions, offsets with or without colon, a
 * space instead of {@code T}), {@code 2003/12/13 18:30}, {@code June 10, 2003 04:00} and
 * {@code Tue Jun 10 04:00:00 GMT 2003}; and what pages state in meta tags, JSON-LD and
 * {@code <time>} elements: Unix times in seconds or milliseconds, written dates in English and
 * German ({@code Updated Jun. 4, 2024}, {@code 14. Juni 2024}), {@code 2024年6月14日} and
 * {@code 14.06.2024}. A date without a zone is read as UTC, a date without a time as midnight
 * UTC.
 * <p>
 * Texts longer than 100 characters are no date. Every pattern is free of nested or adjacent
 * quantifiers over the same characters (possessive where a run is followed by something else),
 * so matching is linear in the text.
 */
public final class Dates {

	private static final int MAX_LENGTH = 100;

	private static final Pattern ISO = Pattern.compile("(\\d{4})(?:(-?)(\\d{1,2})(?:-?(\\d{1,2})"
			+ "(?:[T ]++(\\d{1,2})(?::?(\\d{2})(?::?(\\d{2})(?:[.,](\\d++))?)?)?\\s*+(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?)?)?)?");

	private static final Pattern SLASHED = Pattern.compile("(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})"
			+ "(?:[T ]++(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*+(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?)?");

	private static final Pattern RFC822 = Pattern.compile("(?:[A-Za-z]++\\.?,?\\s++)?(\\d{1,2})[\\s-]++([A-Za-z]{3,9}+)\\.?[\\s-]++(\\d{2,4})"
			+ "(?:[\\sT,]++(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d++)?)?)?\\s*+([A-Za-z]{1,5}|[+-]\\d{1,2}:?\\d{2})?");

	// "Tue Jun 10 04:00:00 GMT 2003" (asctime / Java Date.toString) and "June 10, 2003 04:00"
	private static final Pattern MONTH_FIRST = Pattern.compile("(?:[A-Za-z]++,?\\s++)?([A-Za-z]{3,9})\\.?\\s++(\\d{1,2}),?"
			+ "(?:\\s++(\\d{4}),?)?(?:\\s++(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?\\s*([A-Za-z]{1,5}|[+-]\\d{2}:?\\d{2})?(?:\\s++(\\d{4}))?");

	private static final Pattern EPOCH = Pattern.compile("\\d{10}|\\d{13}");

	private static final Pattern DATE_ONLY = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");

	private static final Pattern CJK_DATE = Pattern
		.compile("(\\d{4})\\s*+年\\s*+(\\d{1,2})\\s*+月\\s*+(\\d{1,2})\\s*+日");

	private static final Pattern DMY_DATE = Pattern.compile("\\b(\\d{1,2})\\.\\s?(\\d{1,2})\\.\\s?(\\d{4})\\b");

	// a word starts only where no letter precedes, so a long run of letters is tried once, not at each letter
	private static final Pattern WRITTEN_DATE = Pattern.compile("(?:\\d{1,2}\\.?\\s++(?<!\\p{L})\\p{L}{3,}+\\.?\\s++\\d{4})"
			+ "|(?:(?<!\\p{L})\\p{L}{3,}+\\.?\\s++\\d{1,2},\\s*+\\d{4})");

	/** ISO 8601 with any of the offsets pages write ({@code +02:00}, {@code +0200}, {@code +02}, {@code Z}). */
	private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE)
		.optionalStart()
		.appendLiteral('T')
		.optionalEnd()
		.optionalStart()
		.appendLiteral(' ')
		.optionalEnd()
		.appendValue(ChronoField.HOUR_OF_DAY, 2)
		.appendLiteral(':')
		.appendValue(ChronoField.MINUTE_OF_HOUR, 2)
		.optionalStart()
		.appendLiteral(':')
		.appendValue(ChronoField.SECOND_OF_MINUTE, 2)
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
		.optionalEnd()
		.optionalEnd()
		.optionalStart()
		.appendLiteral(' ')
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH:MM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HHMM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH", "Z")
		.optionalEnd()
		.toFormatter(Locale.ROOT);

	private static final List<DateTimeFormatter> ZONED = List.of(DateTimeFormatter.RFC_1123_DATE_TIME,
			DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss zzz", Locale.ENGLISH),
			DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz yyyy", Locale.ENGLISH));

	private static final List<DateTimeFormatter> WRITTEN = List.of(formatter("MMMM d, uuuu", Locale.ENGLISH),
			formatter("MMM d, uuuu", Locale.ENGLISH), formatter("d MMMM uuuu", Locale.ENGLISH),
			formatter("d MMM uuuu", Locale.ENGLISH), formatter("d MMMM uuuu", Locale.GERMAN),
			formatter("d MMM uuuu", Locale.GERMAN));

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
	 * @param text a date as a feed or a page states it, may be {@code null}
	 * @return the instant, or {@code null} when the text is not a date we can read
	 */
	public static Instant parse(String text) {
		if (text == null) {
			return null;
		}
		String s = text.strip().replace('\u00a0', ' ');
		if (s.isEmpty() || s.length() > MAX_LENGTH) {
			return null;
		}
		Instant feed;
		try {
			feed = feedForms(s);
		}
		catch (DateTimeException | NumberFormatException ex) {
			feed = null; // e.g. 31 June: perhaps a page form reads it
		}
		if (feed != null) {
			return feed;
		}
		try {
			return pageForms(s);
		}
		catch (DateTimeException | NumberFormatException ex) {
			return null;
		}
	}

	/** The forms of RFC 822, ISO 8601 and their relatives, matched as a whole (RFC 822: its start). */
	private static Instant feedForms(String s) {
		Matcher m = ISO.matcher(s);
		if (m.matches() && !looseCompact(m)) {
			return build(m.group(1), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7), m.group(8),
					m.group(9));
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
				return build(year, month.toString(), m.group(1), m.group(4), m.group(5), m.group(6), null, m.group(7));
			}
		}
		m = MONTH_FIRST.matcher(s);
		if (m.matches()) {
			Integer month = month(m.group(1));
			String year = (m.group(3) != null) ? m.group(3) : m.group(8);
			if (month != null && year != null) {
				return build(year, month.toString(), m.group(2), m.group(4), m.group(5), m.group(6), null, m.group(7));
			}
		}
		return null;
	}

	/**
	 * Whether an ISO match is a run of digits that is no compact date: without a hyphen the month
	 * and the day have two digits ({@code 200312}, {@code 20031213}; not {@code 12345}).
	 */
	private static boolean looseCompact(Matcher m) {
		if (m.group(3) == null || !m.group(2).isEmpty()) {
			return false;
		}
		return m.group(3).length() != 2 || (m.group(4) != null && m.group(4).length() != 2);
	}

	/** The forms pages use: Unix times, ISO with offsets, written and local dates found in the text. */
	private static Instant pageForms(String text) {
		if (EPOCH.matcher(text).matches()) {
			long number = Long.parseLong(text);
			return (text.length() == 13) ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
		}
		try {
			var parsed = OFFSET.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
			if (parsed instanceof OffsetDateTime offset) {
				return offset.toInstant();
			}
			return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			// try the next form
		}
		for (DateTimeFormatter formatter : ZONED) {
			try {
				return ZonedDateTime.parse(text, formatter).toInstant();
			}
			catch (DateTimeParseException ex) {
				// try the next form
			}
		}
		Matcher matcher = DATE_ONLY.matcher(text);
		if (matcher.lookingAt()) {
			return date(matcher.group(1), matcher.group(2), matcher.group(3));
		}
		matcher = CJK_DATE.matcher(text);
		if (matcher.find()) {
			return date(matcher.group(1), matcher.group(2), matcher.group(3));
		}
		matcher = WRITTEN_DATE.matcher(text);
		if (matcher.find()) {
			String written = Texts.collapseWhitespace(matcher.group().replace(".", ""));
			for (DateTimeFormatter formatter : WRITTEN) {
				try {
					return LocalDate.parse(written, formatter).atStartOfDay().toInstant(ZoneOffset.UTC);
				}
				catch (DateTimeParseException ex) {
					// try the next form
				}
			}
		}
		matcher = DMY_DATE.matcher(text);
		if (matcher.find()) {
			return date(matcher.group(3), matcher.group(2), matcher.group(1));
		}
		return null;
	}

	private static DateTimeFormatter formatter(String pattern, Locale locale) {
		return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(locale);
	}

	private static Instant date(String year, String month, String day) {
		try {
			return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day))
				.atStartOfDay()
				.toInstant(ZoneOffset.UTC);
		}
		catch (RuntimeException ex) {
			return null;
		}
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
