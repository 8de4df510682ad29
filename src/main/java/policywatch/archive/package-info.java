/**
 * The recent archive: every new entry's text, title, feed and link for {@code policywatch.archive.retention}, a
 * Lucene index over it that is rebuilt from the database when missing or damaged, and a search that narrows with
 * the index and confirms every candidate with the subscription matcher, so that {@code /recent} and the subscribe
 * preview agree exactly with what a subscription alerts.
 */
@ApplicationModule(displayName = "Recent archive")
package policywatch.archive;

import org.springframework.modulith.ApplicationModule;
