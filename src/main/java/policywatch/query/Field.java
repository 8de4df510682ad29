package policywatch.query;

/**
 * The parts of a document a query can look at.
 */
public enum Field {

	TITLE, BODY

}
