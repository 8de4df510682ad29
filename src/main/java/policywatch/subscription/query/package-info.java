/**
 * The query language: parser, compiled queries and the matchers. Used by several modules; exposed to them
 * as the named interface {@code query} until it becomes the top-level module {@code policywatch.query}
 * (then this file goes away: a module's base package is its interface).
 */
@NamedInterface("query")
package policywatch.subscription.query;

import org.springframework.modulith.NamedInterface;
