-- Project library (项目库): dictionaries, projects and sub-projects, units, tags, funding,
-- stage events, field history, attachments, saved filters, and Chinese full-text search.

CREATE TABLE dictionary_items (
  id          INTEGER PRIMARY KEY,
  dict        TEXT    NOT NULL CHECK (dict IN ('category','industry','nature','tag','funding_source')),
  label       TEXT    NOT NULL,
  sort_order  INTEGER NOT NULL DEFAULT 0,
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  UNIQUE (dict, label)
);

CREATE TABLE projects (
  id                  INTEGER PRIMARY KEY,
  parent_id           INTEGER REFERENCES projects(id),
  code                TEXT UNIQUE,
  name                TEXT    NOT NULL,
  nature_id           INTEGER REFERENCES dictionary_items(id),
  category_id         INTEGER REFERENCES dictionary_items(id),
  industry_id         INTEGER REFERENCES dictionary_items(id),
  level               TEXT    NOT NULL DEFAULT 'district' CHECK (level IN ('province','city','district')),
  star                INTEGER NOT NULL DEFAULT 0 CHECK (star BETWEEN 0 AND 5),
  owner_unit_id       INTEGER REFERENCES units(id),
  lead_unit_id        INTEGER REFERENCES units(id),
  leader_user_id      INTEGER REFERENCES users(id),
  leader_name         TEXT,
  contact_name        TEXT,
  contact_phone       TEXT,
  address             TEXT,
  lng                 REAL,
  lat                 REAL,
  content             TEXT,
  total_investment    INTEGER NOT NULL DEFAULT 0 CHECK (total_investment >= 0),
  planned_start       TEXT,
  planned_completion  TEXT,
  actual_start        TEXT,
  actual_completion   TEXT,
  stage               TEXT    NOT NULL DEFAULT 'reserve'
                      CHECK (stage IN ('reserve','preparation','construction','completed','operating','effective','suspended','cancelled')),
  resume_stage        TEXT,
  registered          INTEGER NOT NULL DEFAULT 0 CHECK (registered IN (0,1)),
  registered_date     TEXT,
  stats_code          TEXT,
  remarks             TEXT,
  search_text         TEXT    NOT NULL DEFAULT '',
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          TEXT    NOT NULL,
  updated_at          TEXT    NOT NULL,
  created_by          INTEGER REFERENCES users(id),
  updated_by          INTEGER REFERENCES users(id)
);
CREATE INDEX projects_parent ON projects (parent_id);
CREATE INDEX projects_lead_unit ON projects (lead_unit_id);
CREATE INDEX projects_owner_unit ON projects (owner_unit_id);
CREATE INDEX projects_level ON projects (level, star);
CREATE INDEX projects_stage ON projects (stage);
CREATE INDEX projects_category ON projects (category_id);
CREATE INDEX projects_leader ON projects (leader_user_id);
CREATE INDEX projects_name_owner ON projects (name, owner_unit_id);

CREATE TABLE project_co_units (
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (project_id, unit_id)
);
CREATE INDEX project_co_units_unit ON project_co_units (unit_id);

CREATE TABLE project_tags (
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  item_id     INTEGER NOT NULL REFERENCES dictionary_items(id),
  PRIMARY KEY (project_id, item_id)
);
CREATE INDEX project_tags_item ON project_tags (item_id);

CREATE TABLE project_funding (
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  source_id   INTEGER NOT NULL REFERENCES dictionary_items(id),
  amount      INTEGER NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (project_id, source_id)
);
CREATE INDEX project_funding_source ON project_funding (source_id);

CREATE TABLE project_events (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  from_stage  TEXT,
  to_stage    TEXT    NOT NULL,
  event_date  TEXT    NOT NULL,
  reason      TEXT,
  user_id     INTEGER REFERENCES users(id),
  created_at  TEXT    NOT NULL
);
CREATE INDEX project_events_project ON project_events (project_id, event_date);

CREATE TABLE project_changes (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  field       TEXT    NOT NULL,
  old_value   TEXT,
  new_value   TEXT,
  source      TEXT    NOT NULL DEFAULT 'edit',
  user_id     INTEGER REFERENCES users(id),
  changed_at  TEXT    NOT NULL
);
CREATE INDEX project_changes_project ON project_changes (project_id, id);

CREATE TABLE attachments (
  id            INTEGER PRIMARY KEY,
  project_id    INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  file_name     TEXT    NOT NULL,
  content_type  TEXT    NOT NULL,
  size          INTEGER NOT NULL,
  sha256        TEXT    NOT NULL,
  uploaded_by   INTEGER REFERENCES users(id),
  uploaded_at   TEXT    NOT NULL
);
CREATE INDEX attachments_project ON attachments (project_id);

CREATE TABLE saved_filters (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  scope       TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  query       TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  UNIQUE (user_id, scope, name)
);

-- Chinese full-text search: trigram FTS5, rowid = projects.id, kept in step by the store.
CREATE VIRTUAL TABLE project_fts USING fts5(search_text, tokenize = 'trigram');

-- Default code tables (数据字典); administrators edit them in the UI.
INSERT INTO dictionary_items (dict, label, sort_order, enabled, created_at, updated_at) VALUES
  ('category', '产业', 10, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('category', '基础设施', 20, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('category', '社会民生', 30, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('category', '生态环保', 40, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('category', '城市更新', 50, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('category', '房地产', 60, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('category', '服务业', 70, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('category', '农业农村', 80, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00');
INSERT INTO dictionary_items (dict, label, sort_order, enabled, created_at, updated_at) VALUES
  ('industry', '先进制造业', 10, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '战略性新兴产业', 20, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '现代服务业', 30, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '交通运输', 40, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '市政公用', 50, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '水利', 60, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '能源', 70, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '教育', 80, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '卫生健康', 90, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '文化旅游', 100, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '商贸物流', 110, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '房地产开发', 120, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '农林牧渔', 130, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('industry', '信息技术', 140, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00');
INSERT INTO dictionary_items (dict, label, sort_order, enabled, created_at, updated_at) VALUES
  ('nature', '新建', 10, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('nature', '扩建', 20, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('nature', '改建', 30, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('nature', '技改', 40, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('nature', '迁建', 50, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00');
INSERT INTO dictionary_items (dict, label, sort_order, enabled, created_at, updated_at) VALUES
  ('tag', '三个一批', 10, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('tag', '982工程', 20, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('tag', '专项债', 30, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('tag', '灾后重建', 40, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('tag', '政府投资', 50, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('tag', 'PPP', 60, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('tag', '拿地即开工', 70, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('tag', '招商引资', 80, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00');
INSERT INTO dictionary_items (dict, label, sort_order, enabled, created_at, updated_at) VALUES
  ('funding_source', '中央预算内', 10, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('funding_source', '专项债', 20, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('funding_source', '地方财政', 30, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('funding_source', '银行贷款', 40, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('funding_source', '企业自筹', 50, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00'),
  ('funding_source', '其他', 60, 1, '2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00+08:00');
