-- Accounts: a password set by the administrator (a new account's, or one reset) must be
-- changed by its user at the next sign-in before anything else is allowed.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0,1));
