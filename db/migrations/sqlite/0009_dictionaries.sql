-- Two more dictionaries for supervision (Step 5): 督办类别 (supervision_category) and 会议类型
-- (meeting_type); their items are in 0010. SQLite cannot alter a CHECK constraint; widening
-- one changes no stored row, so the table's definition is rewritten in place, the procedure of
-- the SQLite manual ("ALTER TABLE", section 7); the migration runner then bumps the schema
-- version so that every connection reads the new definition.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''tag'',''funding_source'')', '''tag'',''funding_source'',''supervision_category'',''meeting_type'')')
 WHERE type = 'table' AND name = 'dictionary_items';
PRAGMA writable_schema = OFF;

