-- The audit trail (操作日志): every write, sign-in, sign-out, failed sign-in and download, with
-- who, when, from where and what changed (the changed fields, old and new). Append-only: the
-- triggers refuse every UPDATE, and every DELETE of a row still inside the retention period
-- (audit_settings.retention_days, 0 = kept forever; the server sets it from its configuration).

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY,
  at           TEXT    NOT NULL,             -- ISO 8601, +08:00
  at_unix      INTEGER NOT NULL,
  user_id      INTEGER,                      -- none for a failed or anonymous request
  username     TEXT    NOT NULL DEFAULT '',  -- as typed, for a failed sign-in
  role         TEXT    NOT NULL DEFAULT '',
  address      TEXT    NOT NULL DEFAULT '',  -- the client's (behind a trusted proxy, the forwarded one)
  action       TEXT    NOT NULL,             -- projects.update, session.login_failed, …
  method       TEXT    NOT NULL,
  path         TEXT    NOT NULL,
  resource     TEXT    NOT NULL DEFAULT '',  -- projects, reports, users, …
  resource_id  TEXT,
  status       INTEGER NOT NULL,             -- the HTTP status answered
  summary      TEXT    NOT NULL DEFAULT '',  -- the error's message when refused
  old_values   TEXT,                         -- JSON: the fields changed, as they were
  new_values   TEXT                          -- JSON: the fields changed, as they are
);
CREATE INDEX audit_log_at ON audit_log (at_unix);
CREATE INDEX audit_log_user ON audit_log (user_id, at_unix);
CREATE INDEX audit_log_resource ON audit_log (resource, resource_id);

CREATE TABLE audit_settings (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  retention_days  INTEGER NOT NULL DEFAULT 0 CHECK (retention_days >= 0)
);
INSERT INTO audit_settings (id, retention_days) VALUES (1, 0);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: 操作日志不能修改');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN (SELECT retention_days FROM audit_settings WHERE id = 1) = 0
  OR OLD.at_unix >= CAST(strftime('%s', 'now') AS INTEGER) - 86400 * (SELECT retention_days FROM audit_settings WHERE id = 1)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: 操作日志不能删除(超过保留期限的才会清理)');
END;
