/**
 * Small text helpers shared by every module (whitespace, one-line messages, ellipsis). A
 * module of its own with no Spring in it, so that ingest, delivery, admin and the others can
 * use it without depending on each other.
 */
package policywatch.text;
