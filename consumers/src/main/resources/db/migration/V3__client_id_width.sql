-- client_id is up to 64 characters, and a character outside the Basic Multilingual Plane takes two UTF-16 units,
-- which some databases count: room for 64 of any.
ALTER TABLE chat_messages ALTER COLUMN client_id SET DATA TYPE VARCHAR(256);
