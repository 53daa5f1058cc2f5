-- Unit rankings (排名通报): the bureau's settings (metric, weights, escalation ladder, award
-- names), the inspection scores staff enter per quarter (督查评分), and the escalation
-- records (末位约谈) written when a month is locked.

CREATE TABLE ranking_settings (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  metric             TEXT    NOT NULL CHECK (metric IN ('completion','growth','composite')),
  weight_completion  INTEGER NOT NULL,
  weight_growth      INTEGER NOT NULL,
  ladder             TEXT    NOT NULL,   -- the steps, one per line
  top_award          TEXT    NOT NULL,
  top_n              INTEGER NOT NULL,
  bottom_award       TEXT    NOT NULL,
  bottom_n           INTEGER NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1,
  updated_at         TEXT    NOT NULL,
  updated_by         BIGINT REFERENCES users(id)
);

CREATE TABLE inspection_scores (
  year        INTEGER NOT NULL,
  quarter     INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  unit_id     BIGINT NOT NULL REFERENCES units(id),
  score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10000),   -- hundredths of a point
  updated_at  TEXT    NOT NULL,
  updated_by  BIGINT REFERENCES users(id),
  PRIMARY KEY (year, quarter, unit_id)
);

CREATE TABLE escalations (
  period       TEXT    NOT NULL,   -- YYYY-MM
  unit_id      BIGINT NOT NULL REFERENCES units(id),
  run_length   INTEGER NOT NULL,
  action       TEXT    NOT NULL,
  rank         INTEGER NOT NULL,
  value        BIGINT  NOT NULL,   -- the metric, hundredths of a percent
  metric       TEXT    NOT NULL,
  created_at   TEXT    NOT NULL,
  PRIMARY KEY (period, unit_id)
);
