-- The project list's default order (省重点, 市重点, 区重点) and its totals, served by indexes.
ALTER TABLE projects ADD COLUMN level_rank INTEGER
  GENERATED ALWAYS AS (CASE level WHEN 'province' THEN 1 WHEN 'city' THEN 2 ELSE 3 END) STORED;
CREATE INDEX projects_list_order ON projects (parent_id, level_rank, id);
CREATE INDEX projects_list_totals ON projects (parent_id, total_investment);
