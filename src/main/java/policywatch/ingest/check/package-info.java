/**
 * The feed checker behind the {@code check} command line and the admin's {@code /testfeed}: exposed to
 * the other modules as the named interface {@code check}.
 */
@NamedInterface("check")
package policywatch.ingest.check;

import org.springframework.modulith.NamedInterface;
