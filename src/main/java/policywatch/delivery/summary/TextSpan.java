package policywatch.delivery.summary;

/**
 * A half-open range of characters.
 */
public record TextSpan(int start, int end) {
}
