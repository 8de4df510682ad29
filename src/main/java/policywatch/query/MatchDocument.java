package policywatch.query;

/**
 * The text one entry is matched on.
 *
 * @param title the entry title
 * @param body feed description and article text, separated by a blank line
 */
public record MatchDocument(String title, String body) {

	public String text(Field field) {
		return (field == Field.TITLE) ? this.title : this.body;
	}

}
