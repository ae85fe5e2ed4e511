-- Edits and deletions (issue 15): each is a row of its own in chat_messages, with the room's next seq (taken under
-- the same room lock as appends, so seqs stay gap-free), kind 'edit' or 'delete' and the seq it amends in
-- target_seq; its body is the new text (empty for a deletion). That row is the trace: the message's own row keeps
-- its original body, and only its current state changes with it, in the same transaction: current_body (NULL while
-- never edited), edited_at and deleted, so that reading history needs no look at the events.
-- Plain messages get kind 'message' by default, so the append path (parley_append, EmbeddedBatchWrite) is unchanged.
ALTER TABLE chat_messages ADD COLUMN kind VARCHAR(8) DEFAULT 'message' NOT NULL;
ALTER TABLE chat_messages ADD COLUMN target_seq BIGINT;
ALTER TABLE chat_messages ADD COLUMN current_body VARCHAR(16384);
ALTER TABLE chat_messages ADD COLUMN edited_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE chat_messages ADD COLUMN deleted BOOLEAN DEFAULT FALSE NOT NULL;

-- Whose message it is: a signed-in author's account must have existed when the message was sent; found by name.
CREATE INDEX accounts_name ON accounts (name);
