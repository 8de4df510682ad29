package policywatch.dedupe;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * What the near-duplicate check keeps of a story: the MinHash values of its word shingles, how many
 * distinct shingles it has, the hashes of its numbers (a guard against two stories that share
 * wording but not facts), and what a rewrite of the story would repeat: the content words and facts
 * of its headline and lead, and a Bloom filter of all its content words.
 * <p>
 * Fingerprints stored before the lead and the content words were kept have neither (empty arrays):
 * they are compared by shingles and numbers alone, as they were when stored.
 *
 * @param minHash {@link Fingerprinter#HASHES} minimum hash values, one per hash function
 * @param shingles how many distinct word shingles the text has
 * @param numbers sorted distinct hashes of the number tokens, at most {@link Fingerprinter#MAX_NUMBERS}
 * @param lead sorted distinct hashes of the content words of the headline and lead, at most
 * {@link Fingerprinter#MAX_LEAD}; the lowest bit is set for a fact (a number, a name, an acronym)
 * @param vocabulary a Bloom filter of the content words of the whole text ({@link Fingerprinter#BLOOM_LONGS}
 * longs), or empty
 */
public record Fingerprint(int[] minHash, int shingles, int[] numbers, int[] lead, long[] vocabulary) {

	private static final int[] NONE = new int[0];

	private static final long[] NO_VOCABULARY = new long[0];

	/**
	 * A fingerprint without lead and content words (as stored by earlier versions).
	 */
	public Fingerprint(int[] minHash, int shingles, int[] numbers) {
		this(minHash, shingles, numbers, NONE, NO_VOCABULARY);
	}

	/**
	 * @return whether the lead and the content words are known (not a fingerprint stored by an earlier version)
	 */
	public boolean hasLead() {
		return this.lead.length > 0 && this.vocabulary.length == Fingerprinter.BLOOM_LONGS;
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
	 * @return the lead and the content words as text, for storage (at most 1,100 characters), or
	 * {@code null} when the fingerprint has none
	 */
	public String encodedLead() {
		if (!hasLead()) {
			return null;
		}
		ByteBuffer buffer = ByteBuffer.allocate(this.vocabulary.length * 8);
		for (long value : this.vocabulary) {
			buffer.putLong(value);
		}
		return encode(this.lead) + "." + Base64.getEncoder().withoutPadding().encodeToString(buffer.array());
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
	 * @param lead {@link #encodedLead()}, or {@code null} for a fingerprint stored without it
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
		int dot = lead.indexOf('.');
		if (dot < 0) {
			throw new IllegalArgumentException("Not a stored lead");
		}
		int[] leadValues = decodeInts(lead.substring(0, dot));
		byte[] bytes = Base64.getDecoder().decode(lead.substring(dot + 1));
		if (bytes.length != Fingerprinter.BLOOM_LONGS * 8 || leadValues.length > Fingerprinter.MAX_LEAD) {
			throw new IllegalArgumentException("Not a stored lead");
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		long[] vocabulary = new long[Fingerprinter.BLOOM_LONGS];
		for (int i = 0; i < vocabulary.length; i++) {
			vocabulary[i] = buffer.getLong();
		}
		return new Fingerprint(values, shingles, decodeInts(numbers), leadValues, vocabulary);
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
				&& Arrays.equals(this.lead, that.lead) && Arrays.equals(this.vocabulary, that.vocabulary);
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
