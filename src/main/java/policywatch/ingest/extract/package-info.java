/**
 * Article extraction from HTML pages and the {@code extract} command line: exposed to the other modules
 * as the named interface {@code extract}.
 */
@NamedInterface("extract")
package policywatch.ingest.extract;

import org.springframework.modulith.NamedInterface;
