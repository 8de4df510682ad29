package policywatch.query;

/**
 * Where a query term matched: a half-open range of characters in one field of the document, as given (before any
 * normalisation), so {@code document.text(field).substring(start, end)} is the matched text. A phrase is one range.
 *
 * @param field the field
 * @param start first character (inclusive)
 * @param end last character (exclusive)
 */
public record Hit(Field field, int start, int end) {
}
