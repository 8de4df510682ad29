-- Issue 16: the language a chat is answered in. language is what the chat chose with /language
-- (NULL: not chosen); user_language the language_code Telegram last reported for the person who
-- wrote in it. Both are BCP 47 codes as given; policywatch.text.Languages maps them to a
-- supported locale (en, zh, ru, pt; anything else falls back to English).
ALTER TABLE chat_setting ADD COLUMN language VARCHAR(16);
ALTER TABLE chat_setting ADD COLUMN user_language VARCHAR(16);
