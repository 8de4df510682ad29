package policywatch.dedupe;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * What the near-duplicate check keeps of a story: the MinHash values of its word shingles, how many
 * distinct shingles it has, the hashes of its numbers (a guard against two stories that share
 * wording but not facts), and what a rewrite of the story would repeat: the content words and facts
 * of its headline and lead.
 * <p>
 * Fingerprints stored before the lead was kept have none (an empty array): they are compared by
 * shingles and numbers alone, as they were when stored.
 *
 * @param minHash {@link Fingerprinter#HASHES} minimum hash values, one per hash function
 * @param shingles how many distinct word shingles the text has
 * @param numbers sorted distinct hashes of the number tokens, at most {@link Fingerprinter#MAX_NUMBERS}
 * @param lead sorted distinct hashes of the content words of the headline and lead, at most
 * {@link Fingerprinter#MAX_LEAD}; the lowest bit is set for a fact (a number, a name, an acronym); empty
 * when not known
 */
public record Fingerprint(int[] minHash, int shingles, int[] numbers, int[] lead) {

	private static final int[] NONE = new int[0];

	/**
	 * A fingerprint without a lead (as stored by earlier versions).
	 */
	public Fingerprint(int[] minHash, int shingles, int[] numbers) {
		this(minHash, shingles, numbers, NONE);
	}

	/**
	 * @return whether the lead is known (not a fingerprint stored by an earlier version, nor a text
	 * without content words)
	 */
	public boolean hasLead() {
		return this.lead.length > 0;
	}

	/**
	 * @return the MinHash values as text (Base64 of big-endian ints), for storage
	 */
	public String encodedMinHash() {
		return encode(this.minHash);
	}

	/**
	 * @return the number hashes as text, for storage
	 */
	public String encodedNumbers() {
		return encode(this.numbers);
	}

	/**
	 * @return the lead as text, for storage (at most 344 characters), or {@code null} when the
	 * fingerprint has none
	 */
	public String encodedLead() {
		return hasLead() ? encode(this.lead) : null;
	}

	/**
	 * Reads a fingerprint back from its stored form.
	 * @throws IllegalArgumentException when the text is not a stored fingerprint
	 */
	public static Fingerprint decode(String minHash, int shingles, String numbers) {
		return decode(minHash, shingles, numbers, null);
	}

	/**
	 * Reads a fingerprint back from its stored form.
	 * @param lead {@link #encodedLead()}, or {@code null} for a fingerprint stored without a lead
	 * @throws IllegalArgumentException when the text is not a stored fingerprint
	 */
	public static Fingerprint decode(String minHash, int shingles, String numbers, String lead) {
		int[] values = decodeInts(minHash);
		if (values.length != Fingerprinter.HASHES) {
			throw new IllegalArgumentException("Expected " + Fingerprinter.HASHES + " MinHash values, got " + values.length);
		}
		if (lead == null || lead.isEmpty()) {
			return new Fingerprint(values, shingles, decodeInts(numbers));
		}
		int[] leadValues = decodeInts(lead);
		if (leadValues.length > Fingerprinter.MAX_LEAD) {
			throw new IllegalArgumentException("Expected at most " + Fingerprinter.MAX_LEAD + " lead words, got "
					+ leadValues.length);
		}
		return new Fingerprint(values, shingles, decodeInts(numbers), leadValues);
	}

	private static String encode(int[] values) {
		ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
		for (int value : values) {
			buffer.putInt(value);
		}
		return Base64.getEncoder().withoutPadding().encodeToString(buffer.array());
	}

	private static int[] decodeInts(String text) {
		if (text == null || text.isEmpty()) {
			return NONE;
		}
		ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(text));
		int[] values = new int[buffer.remaining() / 4];
		for (int i = 0; i < values.length; i++) {
			values[i] = buffer.getInt();
		}
		return values;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Fingerprint that && this.shingles == that.shingles
				&& Arrays.equals(this.minHash, that.minHash) && Arrays.equals(this.numbers, that.numbers)
				&& Arrays.equals(this.lead, that.lead);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.minHash) * 31 + this.shingles;
	}

	@Override
	public String toString() {
		return "Fingerprint[shingles=" + this.shingles + ", numbers=" + this.numbers.length + ", lead=" + this.lead.length
				+ "]";
	}

}
