-- Schema version 3: users are replicated (Schema.USER_ACCOUNT). home_node is the node a user works
-- at, or '*' for every node. The local users of app_user are moved in through the write path when
-- the node opens (access.Users.adoptLocal), so that they are captured like any other change.
CREATE TABLE user_account (
    id TEXT NOT NULL PRIMARY KEY,
    login TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL,
    home_node TEXT NOT NULL
);
CREATE INDEX ix_user_account_login ON user_account (login);
