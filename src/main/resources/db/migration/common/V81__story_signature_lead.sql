-- Near-duplicates: the content words and facts of a story's headline and lead (Base64 of sorted int hashes),
-- which tell a short rewrite of a story from a different story quoting the same background paragraph.
-- Rows stored before have none (NULL): they are compared by shingles and numbers, as when they were stored.
ALTER TABLE story_signature ADD COLUMN lead_words VARCHAR(400);
