package policywatch.ingest.extract;

import java.time.Instant;

/**
 * What the extractor found on a page. Fields the page does not state are {@code null}.
 *
 * @param title the article title
 * @param text the main text, paragraphs separated by blank lines; empty when nothing was found
 * @param published publication time
 * @param author author name(s)
 * @param canonicalUrl the canonical URL
 * @param language the page language (BCP 47 tag as stated by the page)
 */
public record Article(String title, String text, Instant published, String author, String canonicalUrl,
		String language) {
}
