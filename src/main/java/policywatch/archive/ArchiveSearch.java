package policywatch.archive;

import java.util.List;

/**
 * What a search of the archive found.
 *
 * @param newest the newest matching articles, newest first, at most the number asked for
 * @param count how many archived articles in the searched period match (only when counted, else the size of
 * {@code newest})
 * @param atLeast whether {@code count} is a lower bound: there were more candidates than one search confirms
 * ({@code policywatch.archive.max-candidates})
 * @param scanned whether the query has no required word, so only the newest {@code policywatch.archive.scan-limit}
 * articles were checked
 */
public record ArchiveSearch(List<ArchivedArticle> newest, int count, boolean atLeast, boolean scanned) {

	public ArchiveSearch {
		newest = List.copyOf(newest);
	}

}
