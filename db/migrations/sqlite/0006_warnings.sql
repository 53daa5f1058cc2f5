-- The warning centre (预警中心): a warning per project and rule metric while it is yellow or
-- red in the month being reported, opened when first seen and closed when it turns green;
-- staff acknowledge it with a note. At most one open warning per project and metric.

CREATE TABLE warnings (
  id               INTEGER PRIMARY KEY,
  project_id       INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  metric           TEXT    NOT NULL,
  rule_id          INTEGER,
  colour           TEXT    NOT NULL CHECK (colour IN ('yellow','red')),
  reason           TEXT    NOT NULL,
  since_period     TEXT    NOT NULL,   -- the month it was first seen in
  last_period      TEXT    NOT NULL,   -- the month it was last seen in
  opened_at        TEXT    NOT NULL,
  red_at           TEXT,               -- when it (first) turned red
  closed_at        TEXT,
  acknowledged_at  TEXT,
  acknowledged_by  INTEGER REFERENCES users(id),
  ack_note         TEXT
);
CREATE UNIQUE INDEX warnings_open ON warnings (project_id, metric) WHERE closed_at IS NULL;
CREATE INDEX warnings_state ON warnings (closed_at, colour);
