package policywatch.delivery;

/**
 * One feed's copy of a story.
 *
 * @param entryId the entry
 * @param feedId the feed's id
 * @param feedName the feed's name (its id when the feed is gone)
 * @param title the copy's title
 * @param link the copy's link, or {@code null}
 */
public record StorySource(long entryId, String feedId, String feedName, String title, String link) {
}
