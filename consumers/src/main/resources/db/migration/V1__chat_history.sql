-- Rooms that have messages, with the last seq given out: the row is locked while seqs are taken, so a room's
-- messages commit in seq order.
CREATE TABLE chat_rooms (
    name          VARCHAR(64)              NOT NULL PRIMARY KEY,
    last_seq      BIGINT                   NOT NULL,
    last_activity TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE chat_messages (
    room      VARCHAR(64)              NOT NULL,
    seq       BIGINT                   NOT NULL,
    user_name VARCHAR(128)             NOT NULL,
    body      VARCHAR(16384)           NOT NULL,
    sent_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    client_id VARCHAR(64),
    PRIMARY KEY (room, seq)
);

-- A client's retry of the same message (same user, room and client id) finds the original.
CREATE UNIQUE INDEX chat_messages_client_id ON chat_messages (room, user_name, client_id);

CREATE INDEX chat_rooms_last_activity ON chat_rooms (last_activity);
