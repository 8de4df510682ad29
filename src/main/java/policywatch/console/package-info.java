/**
 * The web console at {@code /console}: feeds and their health, delivery over the last week, a query
 * lab over the recent archive and the configuration in effect, for the admins, behind a form login.
 * Off unless {@code policywatch.console.password} is set (see {@code docs/console.md}). Reads and
 * acts only through the other modules' public types; Spring Security and Thymeleaf are used here only.
 */
@ApplicationModule(displayName = "Web console")
package policywatch.console;

import org.springframework.modulith.ApplicationModule;
