-- Ledgers and briefings (台账, 专报/通报) and information release (信息发布): the figures of a
-- locked month as they read when it was first locked (every ledger and briefing of that month
-- is made from them, so it reads the same after later corrections), the briefing templates,
-- the briefings and notices with their numbers, and who they went to with the read receipts.

CREATE TABLE period_snapshots (
  period      TEXT    PRIMARY KEY,   -- a month, YYYY-MM
  content     TEXT    NOT NULL,      -- JSON: the ledger rows, areas and overdue items
  taken_at    TEXT    NOT NULL,
  taken_by    INTEGER REFERENCES users(id)
);

CREATE TABLE briefing_templates (
  id            INTEGER PRIMARY KEY,
  kind          TEXT    NOT NULL CHECK (kind IN ('special','bulletin')),   -- 专报, 通报
  name          TEXT    NOT NULL UNIQUE,
  series        TEXT    NOT NULL,    -- 重点项目推进专报: the masthead, numbered by year
  title         TEXT    NOT NULL,    -- with placeholders
  body          TEXT    NOT NULL,    -- lines with placeholders, sections, tables and charts
  distribution  TEXT    NOT NULL DEFAULT '',
  version       INTEGER NOT NULL DEFAULT 1,
  updated_at    TEXT    NOT NULL,
  updated_by    INTEGER REFERENCES users(id)
);

CREATE TABLE briefings (
  id            INTEGER PRIMARY KEY,
  kind          TEXT    NOT NULL CHECK (kind IN ('special','bulletin','notice')),
  series        TEXT    NOT NULL,
  year          INTEGER NOT NULL,
  issue_no      INTEGER NOT NULL,
  doc_number    TEXT,
  title         TEXT    NOT NULL,
  period        TEXT,                -- the month reported on; NULL for a notice
  template_id   INTEGER REFERENCES briefing_templates(id),
  document      TEXT    NOT NULL,    -- JSON: the document as generated and edited
  snapshot_locked INTEGER NOT NULL DEFAULT 0 CHECK (snapshot_locked IN (0,1)),
  state         TEXT    NOT NULL CHECK (state IN ('draft','published')),
  issued_on     TEXT    NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT    NOT NULL,
  created_by    INTEGER REFERENCES users(id),
  published_at  TEXT,
  published_by  INTEGER REFERENCES users(id),
  UNIQUE (series, year, issue_no)
);
CREATE INDEX briefings_state ON briefings (state, id);

CREATE TABLE briefing_recipients (
  briefing_id  INTEGER NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  read_at      TEXT,
  read_by      INTEGER REFERENCES users(id),
  PRIMARY KEY (briefing_id, unit_id)
);
CREATE INDEX briefing_recipients_unit ON briefing_recipients (unit_id, briefing_id);
