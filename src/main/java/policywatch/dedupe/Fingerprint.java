package policywatch.dedupe;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * What the near-duplicate check keeps of a story: the MinHash values of its word shingles, how many
 * distinct shingles it has, and the hashes of its numbers (a guard against two stories that share
 * wording but not facts).
 *
 * @param minHash {@link Fingerprinter#HASHES} minimum hash values, one per hash function
 * @param shingles how many distinct word shingles the text has
 * @param numbers sorted distinct hashes of the number tokens, at most {@link Fingerprinter#MAX_NUMBERS}
 */
public record Fingerprint(int[] minHash, int shingles, int[] numbers) {

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
	 * Reads a fingerprint back from its stored form.
	 * @throws IllegalArgumentException when the text is not a stored fingerprint
	 */
	public static Fingerprint decode(String minHash, int shingles, String numbers) {
		int[] values = decodeInts(minHash);
		if (values.length != Fingerprinter.HASHES) {
			throw new IllegalArgumentException("Expected " + Fingerprinter.HASHES + " MinHash values, got " + values.length);
		}
		return new Fingerprint(values, shingles, decodeInts(numbers));
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
			return new int[0];
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
				&& Arrays.equals(this.minHash, that.minHash) && Arrays.equals(this.numbers, that.numbers);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.minHash) * 31 + this.shingles;
	}

	@Override
	public String toString() {
		return "Fingerprint[shingles=" + this.shingles + ", numbers=" + this.numbers.length + "]";
	}

}
