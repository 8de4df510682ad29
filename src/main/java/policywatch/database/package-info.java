/**
 * Small JDBC helpers shared by the modules that keep their own tables (ingest, subscription, delivery).
 * Plain JDBC, no Spring and no state.
 */
@ApplicationModule(displayName = "Database helpers", allowedDependencies = {})
package policywatch.database;

import org.springframework.modulith.ApplicationModule;
