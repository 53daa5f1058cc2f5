-- Units (单位), users and login sessions.

CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES units(id),
  name        TEXT    NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('street','township','zone','department','owner','superior')),
  code        TEXT,
  sort_order  INTEGER NOT NULL DEFAULT 0,
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
);
CREATE UNIQUE INDEX units_sibling_name ON units (COALESCE(parent_id, 0), name);
CREATE INDEX units_parent ON units (parent_id);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL UNIQUE,
  display_name  TEXT    NOT NULL,
  role          TEXT    NOT NULL CHECK (role IN ('admin','staff','unit','leader','expert')),
  unit_id       INTEGER REFERENCES units(id),
  phone         TEXT,
  password_hash TEXT    NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  CHECK (role <> 'unit' OR unit_id IS NOT NULL)
);
CREATE INDEX users_unit ON users (unit_id);

CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  token_hash    TEXT    NOT NULL UNIQUE,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token    TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  revoked_at    INTEGER,
  ip            TEXT,
  user_agent    TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
