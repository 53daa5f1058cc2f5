-- Supervision (督办): items with their circulation sheet (流转单) numbered YYYY-NNN, the units
-- and projects they concern, every action journaled, extension requests, attachments; meetings
-- whose decisions become items; task ledgers (工作任务台账) whose tasks follow the same
-- lifecycle; the working-day calendar; daily reminder digests; and outgoing messages
-- (企业微信/钉钉 group robots, e-mail) with their delivery log.

INSERT INTO dictionary_items (dict, label, sort_order, enabled, created_at, updated_at) VALUES
  ('supervision_category', '用地', 10, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('supervision_category', '规划', 20, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('supervision_category', '资金', 30, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('supervision_category', '手续', 40, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('supervision_category', '拆迁', 50, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('supervision_category', '配套', 60, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('supervision_category', '其他', 70, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('meeting_type', '推进会', 10, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('meeting_type', '周例会', 20, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('meeting_type', '联席会议', 30, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('meeting_type', '现场办公', 40, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00');

-- E-mail for reminder digests, when SMTP is configured.
ALTER TABLE users ADD COLUMN email TEXT;

-- Days that differ from the week: public holidays on weekdays and adjusted working days (调休上班)
-- on weekends. Every other Monday–Friday is a working day.
CREATE TABLE work_calendar (
  day         TEXT    PRIMARY KEY,                 -- YYYY-MM-DD
  kind        TEXT    NOT NULL CHECK (kind IN ('holiday','workday')),
  name        TEXT    NOT NULL DEFAULT '',         -- 国庆节, 国庆节调休上班
  updated_at  TEXT    NOT NULL,
  updated_by  INTEGER REFERENCES users(id)
);

-- 推进会, 周例会, 联席会议, 现场办公: the meeting and its decisions (议定事项).
CREATE TABLE meetings (
  id          INTEGER PRIMARY KEY,
  title       TEXT    NOT NULL,
  kind        TEXT    NOT NULL,                    -- a meeting_type label
  held_on     TEXT    NOT NULL,
  location    TEXT,
  host        TEXT,                                -- 主持人
  attendees   TEXT,                                -- 参会人员, as written
  minutes     TEXT,                                -- 会议纪要
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT    NOT NULL,
  created_by  INTEGER REFERENCES users(id),
  updated_at  TEXT    NOT NULL,
  updated_by  INTEGER REFERENCES users(id)
);
CREATE INDEX meetings_held ON meetings (held_on, id);
CREATE TABLE meeting_decisions (
  id            INTEGER PRIMARY KEY,
  meeting_id    INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,
  content       TEXT    NOT NULL,
  lead_unit_id  INTEGER REFERENCES units(id),
  deadline      TEXT,
  UNIQUE (meeting_id, seq)
);

-- 工作任务台账: a list of tasks that are not projects (营商环境 99项要点任务).
CREATE TABLE task_ledgers (
  id              INTEGER PRIMARY KEY,
  name            TEXT    NOT NULL,
  year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  issuing_office  TEXT    NOT NULL,
  description     TEXT,
  created_at      TEXT    NOT NULL,
  created_by      INTEGER REFERENCES users(id),
  updated_at      TEXT    NOT NULL
);

-- The last number given per year: numbers are taken in the creating transaction.
CREATE TABLE supervision_counters (
  year  INTEGER PRIMARY KEY,
  last  INTEGER NOT NULL
);

-- A supervision item (督办事项) or a ledger task; both follow one lifecycle.
CREATE TABLE supervision_items (
  id                   INTEGER PRIMARY KEY,
  kind                 TEXT    NOT NULL CHECK (kind IN ('item','task')),
  number               TEXT    UNIQUE,           -- YYYY-NNN (items); NULL for tasks
  task_ledger_id       INTEGER REFERENCES task_ledgers(id) ON DELETE CASCADE,
  task_seq             INTEGER,                  -- 序号 in its ledger
  area                 TEXT,                     -- 方面, for tasks
  title                TEXT    NOT NULL,
  description          TEXT,
  category             TEXT    NOT NULL,         -- a supervision_category label
  source               TEXT    NOT NULL CHECK (source IN ('report','meeting','inspection','instruction','other')),
  issuing_office       TEXT    NOT NULL,
  lead_unit_id         INTEGER NOT NULL REFERENCES units(id),
  issued_on            TEXT    NOT NULL,
  deadline             TEXT    NOT NULL,
  original_deadline    TEXT    NOT NULL,
  working_days         INTEGER,                  -- the deadline was N working days from issued_on
  priority             TEXT    NOT NULL CHECK (priority IN ('normal','urgent','critical')),
  status               TEXT    NOT NULL CHECK (status IN ('pending_receipt','in_progress','awaiting_verification','returned','done','cancelled')),
  report_id            INTEGER REFERENCES progress_reports(id) ON DELETE SET NULL,
  meeting_decision_id  INTEGER REFERENCES meeting_decisions(id) ON DELETE SET NULL,
  signed_on            TEXT,
  reported_done_on     TEXT,                     -- the last 报办结
  closed_on            TEXT,
  closed_on_time       INTEGER CHECK (closed_on_time IN (0,1)),
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           TEXT    NOT NULL,
  created_by           INTEGER REFERENCES users(id),
  updated_at           TEXT    NOT NULL,
  UNIQUE (task_ledger_id, task_seq),
  CHECK ((kind = 'item') = (number IS NOT NULL)),
  CHECK ((kind = 'task') = (task_ledger_id IS NOT NULL))
);
CREATE INDEX supervision_items_lead ON supervision_items (lead_unit_id, kind, id);
CREATE INDEX supervision_items_status ON supervision_items (status, deadline);
CREATE INDEX supervision_items_kind ON supervision_items (kind, id);
CREATE INDEX supervision_items_report ON supervision_items (report_id);
CREATE INDEX supervision_items_decision ON supervision_items (meeting_decision_id);

CREATE TABLE supervision_co_units (
  item_id  INTEGER NOT NULL REFERENCES supervision_items(id) ON DELETE CASCADE,
  unit_id  INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (item_id, unit_id)
);
CREATE INDEX supervision_co_units_unit ON supervision_co_units (unit_id, item_id);

CREATE TABLE supervision_projects (
  item_id     INTEGER NOT NULL REFERENCES supervision_items(id) ON DELETE CASCADE,
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  PRIMARY KEY (item_id, project_id)
);
CREATE INDEX supervision_projects_project ON supervision_projects (project_id, item_id);

-- The journal: every action on an item, in order.
CREATE TABLE supervision_actions (
  id               INTEGER PRIMARY KEY,
  item_id          INTEGER NOT NULL REFERENCES supervision_items(id) ON DELETE CASCADE,
  action           TEXT    NOT NULL,
  from_status      TEXT,
  to_status        TEXT    NOT NULL,
  note             TEXT,
  deadline_before  TEXT,
  deadline_after   TEXT,
  user_id          INTEGER REFERENCES users(id),
  unit_id          INTEGER REFERENCES units(id),  -- the unit the user acted for
  created_at       TEXT    NOT NULL
);
CREATE INDEX supervision_actions_item ON supervision_actions (item_id, id);

CREATE TABLE supervision_extensions (
  id                  INTEGER PRIMARY KEY,
  item_id             INTEGER NOT NULL REFERENCES supervision_items(id) ON DELETE CASCADE,
  requested_deadline  TEXT    NOT NULL,
  reason              TEXT    NOT NULL,
  state               TEXT    NOT NULL CHECK (state IN ('pending','granted','refused')),
  requested_by        INTEGER REFERENCES users(id),
  requested_at        TEXT    NOT NULL,
  decided_by          INTEGER REFERENCES users(id),
  decided_at          TEXT,
  decision_note       TEXT
);
CREATE UNIQUE INDEX supervision_extensions_pending ON supervision_extensions (item_id) WHERE state = 'pending';

-- Files of an item: uploaded first, then posted with an action (action_id set).
CREATE TABLE supervision_attachments (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES supervision_items(id) ON DELETE CASCADE,
  action_id   INTEGER REFERENCES supervision_actions(id) ON DELETE SET NULL,
  sha256      TEXT    NOT NULL,
  file_name   TEXT    NOT NULL,
  mime        TEXT    NOT NULL,
  size        INTEGER NOT NULL,
  created_at  TEXT    NOT NULL,
  created_by  INTEGER REFERENCES users(id)
);
CREATE INDEX supervision_attachments_item ON supervision_attachments (item_id, id);

-- Reminder settings: the hour of the daily run (+08:00) and "due soon" in working days.
CREATE TABLE supervision_settings (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  reminder_hour  INTEGER NOT NULL CHECK (reminder_hour BETWEEN 0 AND 23),
  due_soon_days  INTEGER NOT NULL CHECK (due_soon_days BETWEEN 0 AND 30),
  version        INTEGER NOT NULL DEFAULT 1,
  updated_at     TEXT    NOT NULL,
  updated_by     INTEGER REFERENCES users(id)
);
INSERT INTO supervision_settings (id, reminder_hour, due_soon_days, updated_at) VALUES (1, 9, 3, '2026-01-01T00:00:00+08:00');

-- One daily run per day, and at most one digest per user per day.
CREATE TABLE reminder_runs (
  day          TEXT    PRIMARY KEY,
  started_at   TEXT    NOT NULL,
  open_items   INTEGER NOT NULL,
  digests      INTEGER NOT NULL
);
CREATE TABLE reminder_digests (
  day              TEXT    NOT NULL,
  user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  notification_id  INTEGER REFERENCES notifications(id) ON DELETE SET NULL,
  overdue          INTEGER NOT NULL,
  due_today        INTEGER NOT NULL,
  due_soon         INTEGER NOT NULL,
  PRIMARY KEY (day, user_id)
);

-- Outgoing messages: a group robot (企业微信 or 钉钉 format) and SMTP, both off by default.
CREATE TABLE delivery_settings (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  webhook_enabled  INTEGER NOT NULL DEFAULT 0 CHECK (webhook_enabled IN (0,1)),
  webhook_url      TEXT,
  webhook_format   TEXT    NOT NULL DEFAULT 'wecom' CHECK (webhook_format IN ('wecom','dingtalk')),
  webhook_secret   TEXT,                          -- 钉钉 加签 secret, optional
  smtp_enabled     INTEGER NOT NULL DEFAULT 0 CHECK (smtp_enabled IN (0,1)),
  smtp_host        TEXT,
  smtp_port        INTEGER,
  smtp_security    TEXT    NOT NULL DEFAULT 'starttls' CHECK (smtp_security IN ('none','starttls','tls')),
  smtp_username    TEXT,
  smtp_password    TEXT,
  smtp_from        TEXT,
  version          INTEGER NOT NULL DEFAULT 1,
  updated_at       TEXT    NOT NULL,
  updated_by       INTEGER REFERENCES users(id)
);
INSERT INTO delivery_settings (id, updated_at) VALUES (1, '2026-01-01T00:00:00+08:00');

-- What was queued and sent, with each attempt's outcome; the sender retries with backoff.
CREATE TABLE deliveries (
  id               INTEGER PRIMARY KEY,
  channel          TEXT    NOT NULL CHECK (channel IN ('webhook','email')),
  source           TEXT    NOT NULL,              -- supervision.issued, reminder.digest, test
  target           TEXT    NOT NULL,              -- the URL or the address
  subject          TEXT    NOT NULL,
  payload          TEXT    NOT NULL,              -- the JSON body, or the mail text
  state            TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,              -- seconds since the epoch
  last_error       TEXT,
  created_at       TEXT    NOT NULL,
  sent_at          TEXT
);
CREATE INDEX deliveries_pending ON deliveries (state, next_attempt_at);
