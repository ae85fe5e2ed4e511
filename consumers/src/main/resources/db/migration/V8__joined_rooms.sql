-- The rooms each signed-in user joined, so that every browser of theirs opens the same ones (docs/protocol.md,
-- GET /api/me/rooms). name_key is the account's key, as in accounts; the gateway keeps at most 100 per account.
CREATE TABLE joined_rooms (
    name_key  VARCHAR(128)             NOT NULL,
    room      VARCHAR(64)              NOT NULL,
    joined_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (name_key, room)
);
