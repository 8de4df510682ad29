package policywatch.source;

import java.nio.file.Path;

/**
 * One problem in an admin-edited file.
 *
 * @param file the file
 * @param line 1-based line, or 0 when unknown
 * @param field the field path such as {@code feeds[2].interval}, or empty
 * @param reason what is wrong
 */
public record ConfigProblem(Path file, int line, String field, String reason) {

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder().append(this.file);
		if (this.line > 0) {
			text.append(':').append(this.line);
		}
		text.append(": ");
		if (!this.field.isEmpty()) {
			text.append(this.field).append(": ");
		}
		return text.append(this.reason).toString();
	}

}
