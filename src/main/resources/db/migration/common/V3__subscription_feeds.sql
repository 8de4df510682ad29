-- Admin-defined subscriptions may be limited to some feeds: comma-separated feed ids, NULL for all.
ALTER TABLE subscription ADD COLUMN feeds VARCHAR(2000);
-- Feeds that failed too often are parked until the configuration is reloaded.
ALTER TABLE feed ADD COLUMN parked BOOLEAN DEFAULT FALSE NOT NULL;
