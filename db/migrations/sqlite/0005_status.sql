-- Red/yellow/green (红黄绿): the rule table the colours are computed from, admin-editable
-- (an empty table is filled with the defaults of DESIGN.md §2 on first read), and the colour
-- of each project frozen for a period when the period is locked.

CREATE TABLE status_rules (
  id               INTEGER PRIMARY KEY,
  name             TEXT    NOT NULL,
  metric           TEXT    NOT NULL
                   CHECK (metric IN ('investment','start','stats','completion','report_missing','supervision_overdue')),
  comparator       TEXT    NOT NULL CHECK (comparator IN ('points','ratio','count')),
  yellow           INTEGER NOT NULL,   -- hundredths of a point / percent, or a count
  red              INTEGER NOT NULL,
  consecutive      INTEGER NOT NULL DEFAULT 1 CHECK (consecutive BETWEEN 1 AND 12),
  enabled          INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
  levels           TEXT    NOT NULL DEFAULT '',   -- comma separated; '' = every level
  category_ids     TEXT    NOT NULL DEFAULT '',   -- comma separated; '' = every category
  min_annual_plan  INTEGER,                       -- fen; NULL = any plan
  sort_order       INTEGER NOT NULL DEFAULT 0,
  version          INTEGER NOT NULL DEFAULT 1,
  updated_at       TEXT    NOT NULL,
  updated_by       INTEGER REFERENCES users(id)
);

-- A project's colour for a locked month, as it read when the month was first locked: later
-- corrections show in the next month, not here.
CREATE TABLE project_statuses (
  project_id    INTEGER  NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  period        TEXT    NOT NULL,   -- a month, YYYY-MM
  colour        TEXT    NOT NULL CHECK (colour IN ('green','yellow','red')),
  annual_plan   BIGINT  NOT NULL DEFAULT 0,   -- fen
  year_to_date  BIGINT  NOT NULL DEFAULT 0,   -- fen
  computed_at   TEXT    NOT NULL,
  PRIMARY KEY (project_id, period)
);
CREATE INDEX project_statuses_period ON project_statuses (period, colour);

-- The reasons of a frozen colour, in rule order (only rules that gave yellow or red).
CREATE TABLE project_status_reasons (
  project_id    INTEGER  NOT NULL,
  period        TEXT    NOT NULL,
  seq           INTEGER NOT NULL,
  rule_id       INTEGER,
  metric        TEXT    NOT NULL,
  colour        TEXT    NOT NULL CHECK (colour IN ('yellow','red')),
  reason        TEXT    NOT NULL,
  PRIMARY KEY (project_id, period, seq),
  FOREIGN KEY (project_id, period) REFERENCES project_statuses (project_id, period) ON DELETE CASCADE
);
