-- Annual plans, unit targets and progress reporting (计划报送, 进度填报): a plan per project
-- and year with its monthly curve and quarterly goals, kept revisions of issued plans
-- (年中调整), the district's yearly target split to units (任务分解), reporting periods with
-- their lock, opening balances (开工累计 before the first report), reports per project and
-- period with every version kept, report photos, and in-app reminders.

-- Weekly reporting is chosen per project (default monthly).
ALTER TABLE projects ADD COLUMN weekly_reporting INTEGER NOT NULL DEFAULT 0 CHECK (weekly_reporting IN (0,1));

CREATE TABLE annual_plans (
  id                  INTEGER PRIMARY KEY,
  project_id          INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  year                INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  amount              INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),   -- 年度计划投资, fen
  curve               TEXT    NOT NULL DEFAULT '',   -- 12 cumulative fen amounts, comma separated; '' = linear
  q1_goal             TEXT,                          -- 形象进度目标 per quarter
  q2_goal             TEXT,
  q3_goal             TEXT,
  q4_goal             TEXT,
  planned_start       TEXT,                          -- within the year, YYYY-MM or YYYY-MM-DD
  planned_completion  TEXT,
  state               TEXT    NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','issued')),
  revision            INTEGER NOT NULL DEFAULT 0,    -- kept revisions (0 until issued)
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          TEXT    NOT NULL,
  updated_at          TEXT    NOT NULL,
  updated_by          INTEGER REFERENCES users(id),
  UNIQUE (project_id, year)
);
CREATE INDEX annual_plans_year ON annual_plans (year, project_id);

-- A plan as issued, and as each mid-year adjustment left it, with who, when and why.
CREATE TABLE annual_plan_revisions (
  id                  INTEGER PRIMARY KEY,
  plan_id             INTEGER NOT NULL REFERENCES annual_plans(id) ON DELETE CASCADE,
  revision            INTEGER NOT NULL,
  amount              INTEGER NOT NULL,
  curve               TEXT    NOT NULL,
  q1_goal             TEXT,
  q2_goal             TEXT,
  q3_goal             TEXT,
  q4_goal             TEXT,
  planned_start       TEXT,
  planned_completion  TEXT,
  reason              TEXT,
  user_id             INTEGER REFERENCES users(id),
  created_at          TEXT    NOT NULL,
  UNIQUE (plan_id, revision)
);

-- The district's yearly investment target, and its split to units.
CREATE TABLE district_targets (
  year        INTEGER PRIMARY KEY,
  amount      INTEGER NOT NULL CHECK (amount >= 0),
  updated_at  TEXT    NOT NULL,
  updated_by  INTEGER REFERENCES users(id)
);
CREATE TABLE unit_targets (
  year        INTEGER NOT NULL,
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  amount      INTEGER NOT NULL CHECK (amount >= 0),
  updated_at  TEXT    NOT NULL,
  updated_by  INTEGER REFERENCES users(id),
  PRIMARY KEY (year, unit_id)
);

-- A reporting period once it has been locked or given its own deadline; periods without a
-- row are open with the default deadline.
CREATE TABLE report_periods (
  period       TEXT    PRIMARY KEY,                -- 2026-03 or 2026-W09
  deadline_at  INTEGER,                            -- seconds since the epoch; NULL = the default rule
  locked       INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0,1)),
  updated_at   TEXT    NOT NULL,
  updated_by   INTEGER REFERENCES users(id)
);
CREATE TABLE report_period_events (
  id          INTEGER PRIMARY KEY,
  period      TEXT    NOT NULL,
  action      TEXT    NOT NULL CHECK (action IN ('lock','unlock','deadline')),
  reason      TEXT,
  user_id     INTEGER REFERENCES users(id),
  created_at  TEXT    NOT NULL
);
CREATE INDEX report_period_events_period ON report_period_events (period, id);

-- 开工累计 up to and including `through` (a month), set once per project.
CREATE TABLE project_openings (
  project_id  INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  through     TEXT    NOT NULL,
  amount      INTEGER NOT NULL CHECK (amount >= 0),
  updated_at  TEXT    NOT NULL,
  updated_by  INTEGER REFERENCES users(id)
);

-- 进度填报: one per project and period. Derived figures use accepted_amount, the amount
-- as last accepted, so a change after acceptance counts only once it is accepted again.
CREATE TABLE progress_reports (
  id                 INTEGER PRIMARY KEY,
  project_id         INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  period             TEXT    NOT NULL,
  counted_month      TEXT    NOT NULL,               -- the month the period counts towards
  state              TEXT    NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','submitted','accepted','returned')),
  amount             INTEGER NOT NULL DEFAULT 0,     -- 本期完成投资, fen; negative only as a correction
  correction         INTEGER NOT NULL DEFAULT 0 CHECK (correction IN (0,1)),
  correction_reason  TEXT,
  progress_text      TEXT,                           -- 形象进度
  physical_percent   INTEGER CHECK (physical_percent BETWEEN 0 AND 100),
  problems           TEXT,
  stats_amount       INTEGER,                        -- 入库口径, when it differs
  return_reason      TEXT,
  accepted_amount    INTEGER,
  revision           INTEGER NOT NULL DEFAULT 1,
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT    NOT NULL,
  updated_at         TEXT    NOT NULL,
  updated_by         INTEGER REFERENCES users(id),
  submitted_at       TEXT,
  submitted_by       INTEGER REFERENCES users(id),
  reviewed_at        TEXT,
  reviewed_by        INTEGER REFERENCES users(id),
  UNIQUE (project_id, period)
);
CREATE INDEX progress_reports_period ON progress_reports (period, state);
CREATE INDEX progress_reports_accepted ON progress_reports (project_id, counted_month);

-- Every version of a report: each save that changed it, and each submit, accept and return.
CREATE TABLE progress_report_revisions (
  id                 INTEGER PRIMARY KEY,
  report_id          INTEGER NOT NULL REFERENCES progress_reports(id) ON DELETE CASCADE,
  revision           INTEGER NOT NULL,
  action             TEXT    NOT NULL CHECK (action IN ('save','submit','accept','return')),
  state              TEXT    NOT NULL,
  amount             INTEGER NOT NULL,
  correction         INTEGER NOT NULL,
  correction_reason  TEXT,
  progress_text      TEXT,
  physical_percent   INTEGER,
  problems           TEXT,
  stats_amount       INTEGER,
  reason             TEXT,
  user_id            INTEGER REFERENCES users(id),
  created_at         TEXT    NOT NULL
);
CREATE INDEX progress_report_revisions_report ON progress_report_revisions (report_id, id);

-- Photos of a report, stored under the data directory by content hash, with a thumbnail.
CREATE TABLE progress_report_photos (
  id            INTEGER PRIMARY KEY,
  report_id     INTEGER NOT NULL REFERENCES progress_reports(id) ON DELETE CASCADE,
  sha256        TEXT    NOT NULL,
  thumb_sha256  TEXT,
  file_name     TEXT    NOT NULL,
  mime          TEXT    NOT NULL,
  size          INTEGER NOT NULL,
  created_at    TEXT    NOT NULL,
  created_by    INTEGER REFERENCES users(id)
);
CREATE INDEX progress_report_photos_report ON progress_report_photos (report_id);

-- In-app messages (催报 reminders and the like), newest first per user.
CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind        TEXT    NOT NULL,
  title       TEXT    NOT NULL,
  body        TEXT,
  link        TEXT,
  read_at     TEXT,
  created_at  TEXT    NOT NULL,
  created_by  INTEGER REFERENCES users(id)
);
CREATE INDEX notifications_user ON notifications (user_id, id);
