-- Schema version 3: users are replicated; see the SQLite migration.
CREATE TABLE user_account (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    login VARCHAR(64) NOT NULL,
    display_name VARCHAR(200) NOT NULL,
    role VARCHAR(16) NOT NULL,
    password_hash VARCHAR(400) NOT NULL,
    active BOOLEAN NOT NULL,
    home_node VARCHAR(16) NOT NULL
);
CREATE INDEX ix_user_account_login ON user_account (login);
