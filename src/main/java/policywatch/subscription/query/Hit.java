package policywatch.subscription.query;

/**
 * Where a query term matched: a half-open range of characters in one field of the document.
 *
 * @param field the field
 * @param start first character (inclusive)
 * @param end last character (exclusive)
 */
public record Hit(Field field, int start, int end) {
}
