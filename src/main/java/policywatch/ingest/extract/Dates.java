package policywatch.ingest.extract;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient parsing of the dates pages state in meta tags, JSON-LD and {@code <time>} elements.
 * Times without a zone are taken as UTC; dates without a time as midnight UTC.
 */
final class Dates {

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

	private static final Pattern WRITTEN_DATE = Pattern
		.compile("(?:\\d{1,2}\\.?\\s+\\p{L}{3,}\\.?\\s+\\d{4})|(?:\\p{L}{3,}\\.?\\s+\\d{1,2},\\s*\\d{4})");

	private static DateTimeFormatter formatter(String pattern, Locale locale) {
		return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(locale);
	}

	private static final Pattern EPOCH = Pattern.compile("\\d{10}|\\d{13}");

	private static final Pattern DATE_ONLY = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");

	private static final Pattern CJK_DATE = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");

	private static final Pattern DMY_DATE = Pattern.compile("\\b(\\d{1,2})\\.\\s?(\\d{1,2})\\.\\s?(\\d{4})\\b");

	private Dates() {
	}

	/**
	 * @param value a date as a page states it
	 * @return the instant, or {@code null} when the value is not a recognisable date
	 */
	static Instant parse(String value) {
		if (value == null) {
			return null;
		}
		String text = value.strip();
		if (text.isEmpty() || text.length() > 80) {
			return null;
		}
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
			String written = HtmlText.collapse(matcher.group().replace(".", ""));
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

}
