-- Registered users. name_key is the name folded for comparison (NFKC, lower case), so look-alike spellings of
-- one name cannot be registered twice.
CREATE TABLE accounts (
    name_key      VARCHAR(128)             NOT NULL PRIMARY KEY,
    name          VARCHAR(128)             NOT NULL,
    password_hash VARCHAR(255)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
