/**
 * The recent archive: every new entry's text, title, feed and link for {@code policywatch.archive.retention}, a
 * Lucene index of its words as the subscription matcher reads them (rebuilt from the database when missing, damaged
 * or of an older format), and a search that translates the query language into an exact Lucene query, so that the
 * index counts the subscribe preview by itself, and confirms the articles it shows with the subscription matcher, so
 * that {@code /recent} and the preview agree exactly with what a subscription alerts.
 */
@ApplicationModule(displayName = "Recent archive")
package policywatch.archive;

import org.springframework.modulith.ApplicationModule;
