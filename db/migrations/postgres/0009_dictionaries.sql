-- Two more dictionaries for supervision (Step 5): 督办类别 (supervision_category) and 会议类型
-- (meeting_type); their items are in 0010.
ALTER TABLE dictionary_items DROP CONSTRAINT dictionary_items_dict_check;
ALTER TABLE dictionary_items ADD CONSTRAINT dictionary_items_dict_check
  CHECK (dict IN ('category','industry','nature','tag','funding_source','supervision_category','meeting_type'));

