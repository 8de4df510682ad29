/**
 * Running several nodes on one database: the sender lease that lets one node at a time talk to
 * Telegram (send alerts, replies and notices, long-poll for updates).
 */
package policywatch.cluster;
