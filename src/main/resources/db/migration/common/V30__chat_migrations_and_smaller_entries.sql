-- A group that became a supergroup remembers its new id, so that subscriptions that
-- config/subscriptions.yml still names by the old id follow the new one.
ALTER TABLE chat ADD COLUMN migrated_to BIGINT;

-- Entries keep only their identity once matched (or recorded by a feed's first poll): the
-- article text is no longer needed, alerts carry their own rendered summary.
UPDATE entry SET description = NULL, body = NULL WHERE state <> 'NEW' AND (description IS NOT NULL OR body IS NOT NULL);
