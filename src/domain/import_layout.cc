#include "domain/import_layout.h"

#include <algorithm>
#include <map>

#include "base/text.h"
#include "domain/project_rules.h"

namespace tuijin::domain {
namespace {

bool Contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// Replaces full-width punctuation that ledgers use interchangeably with ASCII.
std::string Halfwidth(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> kMap[] = {
      {"（", "("}, {"）", ")"}, {"：", ":"}, {"　", ""}, {"，", ","}, {"【", "("}, {"】", ")"}, {"〔", "("}, {"〕", ")"}};
  std::string out(s);
  for (const auto& [from, to] : kMap) {
    for (size_t pos = 0; (pos = out.find(from, pos)) != std::string::npos;) {
      out.replace(pos, from.size(), to);
      pos += to.size();
    }
  }
  return out;
}

std::optional<MoneyUnit> UnitIn(std::string_view s) {
  if (Contains(s, "亿元")) return MoneyUnit::kYiYuan;
  if (Contains(s, "万元")) return MoneyUnit::kWanYuan;
  if (Contains(s, "元")) return MoneyUnit::kYuan;
  return std::nullopt;
}

// The fixed fields, with the funding block (seeded sources and their synonyms) in place.
const std::vector<ImportField>& FixedFields() {
  using K = FieldKind;
  static const std::vector<ImportField> kFields = {
      {"code", "项目代码", K::kText, false, {"项目代码", "项目编码", "统一项目代码", "项目统一代码", "代码", "备案代码"}, "code"},
      {"name", "项目名称", K::kText, true, {"项目名称", "名称", "项目", "工程名称"}, "name"},
      {"level", "项目级别", K::kText, false, {"项目级别", "级别", "重点级别"}, "level"},
      {"star", "攻坚星级", K::kInt, false, {"攻坚星级", "星级"}, "star"},
      {"nature", "建设性质", K::kText, false, {"建设性质", "性质"}, "nature_id"},
      {"category", "项目类别", K::kText, false, {"项目类别", "类别", "项目类型", "项目分类"}, "category_id"},
      {"industry", "所属行业", K::kText, false, {"所属行业", "行业", "行业分类", "国民经济行业"}, "industry_id"},
      {"tags", "标签", K::kList, false, {"标签", "项目标签"}, "tag_ids"},
      {"owner", "建设单位", K::kText, false, {"建设单位", "业主单位", "项目单位", "实施单位", "项目业主"}, "owner_unit_id"},
      {"lead", "责任单位", K::kText, false, {"责任单位", "牵头单位", "主管单位", "属地单位", "责任主体"}, "lead_unit_id"},
      {"co_units", "配合单位", K::kList, false, {"配合单位", "协办单位"}, "co_unit_ids"},
      {"leader", "分包领导", K::kText, false, {"分包领导", "联系领导", "分包县级领导", "包联领导", "分包区领导"},
       "leader_user_id"},
      {"contact_name", "联系人", K::kText, false, {"联系人", "项目联系人"}, "contact_name"},
      {"contact_phone", "联系电话", K::kText, false, {"联系电话", "电话", "联系方式", "手机"}, "contact_phone"},
      {"address", "建设地点", K::kText, false, {"建设地点", "项目地址", "地址", "建设地址", "项目地点"}, "address"},
      {"lng", "经度", K::kNumber, false, {"经度"}, "lng"},
      {"lat", "纬度", K::kNumber, false, {"纬度"}, "lat"},
      // WGS-84/CGCS2000 (the default) or GCJ-02 for coordinates copied from a Chinese map app.
      {"datum", "坐标系", K::kText, false, {"坐标系", "坐标系统", "坐标类型"}, "datum"},
      {"content", "建设内容及规模", K::kText, false,
       {"建设内容及规模", "建设规模及内容", "主要建设内容", "建设内容", "建设规模", "主要建设内容及规模"}, "content"},
      {"total_investment", "总投资", K::kMoney, true, {"总投资", "计划总投资", "项目总投资", "估算总投资", "投资总额"},
       "total_investment"},
      {"funding:中央预算内", "资金来源/中央预算内", K::kMoney, false, {"中央预算内", "中央预算内投资", "中央资金"}, "funding"},
      {"funding:专项债", "资金来源/专项债", K::kMoney, false, {"专项债", "专项债券", "地方政府专项债券"}, "funding"},
      {"funding:地方财政", "资金来源/地方财政", K::kMoney, false, {"地方财政", "财政资金", "地方财政资金", "财政"}, "funding"},
      {"funding:银行贷款", "资金来源/银行贷款", K::kMoney, false, {"银行贷款", "贷款"}, "funding"},
      {"funding:企业自筹", "资金来源/企业自筹", K::kMoney, false, {"企业自筹", "自筹资金", "自筹"}, "funding"},
      {"funding:其他", "资金来源/其他", K::kMoney, false, {"其他", "其他资金"}, "funding"},
      {"planned_start", "计划开工", K::kDate, false, {"计划开工", "计划开工时间", "开工时间", "计划开工日期"}, "planned_start"},
      {"planned_completion", "计划竣工", K::kDate, false,
       {"计划竣工", "计划竣工时间", "竣工时间", "计划完工时间", "计划完工", "计划竣工日期"}, "planned_completion"},
      {"stage", "项目阶段", K::kText, false, {"项目阶段", "阶段", "建设阶段", "项目状态", "建设状态"}, "stage"},
      {"actual_start", "实际开工", K::kDate, false, {"实际开工", "实际开工时间", "实际开工日期"}, "actual_start"},
      {"actual_completion", "实际竣工", K::kDate, false, {"实际竣工", "实际竣工时间", "实际竣工日期"}, "actual_completion"},
      {"registered", "是否入库", K::kBool, false, {"是否入库", "入库情况", "入库", "是否纳统"}, "registered"},
      {"registered_date", "入库时间", K::kDate, false, {"入库时间", "入库日期"}, "registered_date"},
      {"stats_code", "统计代码", K::kText, false, {"统计代码", "入库代码", "统计编码"}, "stats_code"},
      {"remarks", "备注", K::kText, false, {"备注"}, "remarks"},
  };
  return kFields;
}

const ImportField* MatchField(const std::vector<ImportField>& fields, const std::string& normalized) {
  for (const auto& f : fields) {
    for (const auto& s : f.synonyms) {
      if (normalized == s) return &f;
    }
  }
  return nullptr;
}

// Cells of rows [first, last] with merged ranges filled in: a header merged across columns
// or rows repeats its text in every cell it covers.
std::map<std::pair<int, int>, std::string> FilledCells(const std::vector<GridRow>& rows,
                                                       const std::vector<GridMerge>& merges, int first, int last) {
  std::map<std::pair<int, int>, std::string> cells;
  for (const auto& r : rows) {
    if (r.index < first || r.index > last) continue;
    for (size_t c = 0; c < r.cells.size(); ++c) {
      if (!r.cells[c].text.empty()) cells[{r.index, static_cast<int>(c)}] = r.cells[c].text;
    }
  }
  for (const auto& m : merges) {
    auto it = cells.find({m.first_row, m.first_col});
    if (it == cells.end()) continue;
    const std::string text = it->second;
    for (int r = std::max(m.first_row, first); r <= std::min(m.last_row, last); ++r) {
      for (int c = m.first_col; c <= m.last_col; ++c) cells[{r, c}] = text;
    }
  }
  return cells;
}

}  // namespace

const std::vector<std::string>& DefaultFundingSources() {
  static const std::vector<std::string> kSources = [] {
    std::vector<std::string> out;
    for (const auto& f : FixedFields()) {
      if (f.api_field == "funding") out.push_back(f.key.substr(std::string_view("funding:").size()));
    }
    return out;
  }();
  return kSources;
}

std::vector<ImportField> ProjectImportFields(const std::vector<std::string>& funding_sources) {
  std::vector<ImportField> out;
  bool funding_done = false;
  for (const auto& f : FixedFields()) {
    if (f.api_field != "funding") {
      out.push_back(f);
      continue;
    }
    if (funding_done) continue;
    funding_done = true;
    for (const std::string& source : funding_sources) {
      if (const ImportField* known = FindImportField(FixedFields(), "funding:" + source)) {
        out.push_back(*known);
      } else {
        out.push_back({"funding:" + source, "资金来源/" + source, FieldKind::kMoney, false,
                       {NormalizeHeader(source)}, "funding"});
      }
    }
  }
  return out;
}

const ImportField* FindImportField(const std::vector<ImportField>& fields, std::string_view key) {
  for (const auto& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::string NormalizeHeader(std::string_view text, std::optional<MoneyUnit>* unit) {
  std::string s = Halfwidth(text);
  std::string out;
  int depth = 0;
  std::string bracket;
  for (char c : s) {
    if (c == '(') {
      ++depth;
      continue;
    }
    if (c == ')') {
      depth = std::max(0, depth - 1);
      continue;
    }
    if (depth > 0) {
      bracket += c;
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '*') continue;
    out += c;
  }
  if (unit) *unit = UnitIn(bracket);
  // "总投资万元" written without brackets.
  for (std::string_view suffix : {"亿元", "万元"}) {
    if (out.size() > suffix.size() && out.ends_with(suffix) &&
        MatchField(FixedFields(), out.substr(0, out.size() - suffix.size()))) {
      if (unit) *unit = UnitIn(suffix);
      out.resize(out.size() - suffix.size());
    }
  }
  return out;
}

SheetLayout DetectLayout(const std::vector<GridRow>& rows, const std::vector<GridMerge>& merges,
                         const std::vector<ImportField>& fields) {
  auto known = [&](const GridCell& c) { return MatchField(fields, NormalizeHeader(c.text)) ? 1 : 0; };
  SheetLayout layout;
  // The header is the early row with the most known field names (at least two).
  int best_row = 0, best_score = 1;
  for (const auto& r : rows) {
    if (r.index > 20) break;
    int score = 0;
    for (const auto& c : r.cells) score += known(c);
    if (score > best_score) {
      best_score = score;
      best_row = r.index;
    }
  }
  if (!best_row) return layout;
  // A second header row: the row below names fields under a header merged across columns
  // (资金来源 → 中央预算内, 专项债 …) or the header cells are merged down into it.
  int last = best_row;
  bool merged_down = false;
  for (const auto& m : merges) {
    if (m.first_row == best_row && m.last_row > best_row) merged_down = true;
  }
  for (const auto& r : rows) {
    if (r.index != best_row + 1) continue;
    int score = 0;
    for (const auto& c : r.cells) score += known(c);
    if (score > 0 || merged_down) last = best_row + 1;
  }
  layout.found = true;
  layout.header_first = best_row;
  layout.header_last = last;

  // A "单位:万元" line above the header sets the default unit.
  MoneyUnit sheet_unit = MoneyUnit::kWanYuan;
  for (const auto& r : rows) {
    if (r.index >= best_row) break;
    for (const auto& c : r.cells) {
      const std::string t = Halfwidth(c.text);
      if (Contains(t, "单位") && UnitIn(t)) sheet_unit = *UnitIn(t);
    }
  }
  const auto cells = FilledCells(rows, merges, best_row, last);
  int columns = 0;
  for (const auto& [pos, text] : cells) columns = std::max(columns, pos.second + 1);
  std::vector<std::string> used;
  for (int c = 0; c < columns; ++c) {
    ColumnInfo col;
    col.unit = sheet_unit;
    std::string top, bottom;
    if (auto it = cells.find({best_row, c}); it != cells.end()) top = it->second;
    if (last > best_row) {
      if (auto it = cells.find({last, c}); it != cells.end()) bottom = it->second;
    }
    std::optional<MoneyUnit> top_unit, bottom_unit;
    const std::string top_n = NormalizeHeader(top, &top_unit);
    const std::string bottom_n = NormalizeHeader(bottom, &bottom_unit);
    if (top_unit) col.unit = *top_unit;
    if (bottom_unit) col.unit = *bottom_unit;
    col.header = bottom.empty() || bottom == top ? top : top + "/" + bottom;
    // The lower header is the more specific one (资金来源/专项债 → 专项债).
    const ImportField* f = nullptr;
    if (!bottom_n.empty()) f = MatchField(fields, bottom_n);
    if (!f) f = MatchField(fields, top_n);
    // A field maps to one column only: the first.
    if (f && std::find(used.begin(), used.end(), f->key) == used.end()) {
      col.field = f->key;
      used.push_back(f->key);
    }
    layout.columns.push_back(std::move(col));
  }
  return layout;
}

RowKind ClassifyRow(const GridRow& row, const SheetLayout& layout, std::optional<std::string>* level) {
  int filled = 0;
  for (const auto& c : row.cells) {
    if (c.text.find_first_not_of(" \t\r\n") != std::string::npos) ++filled;
  }
  if (filled == 0) return RowKind::kBlank;
  // Totals rows carry the word in their first filled cells, not inside a project name.
  for (size_t i = 0; i < row.cells.size() && i < 3; ++i) {
    const std::string first = NormalizeHeader(row.cells[i].text);
    for (std::string_view word : {"合计", "小计", "总计"}) {
      if (first.starts_with(word)) return RowKind::kTotal;
    }
  }
  // A group heading ("一、省重点项目(17个)") has text in one or two cells, no amount where
  // amounts go, and either nothing in the name column or the words of a heading. A project
  // row that only lacks its 总投资 stays data, so that the missing amount is reported.
  bool has_amount = false, has_name = false;
  for (size_t i = 0; i < row.cells.size() && i < layout.columns.size(); ++i) {
    const bool filled_cell = !TrimSpace(row.cells[i].text).empty();
    if (layout.columns[i].field == "total_investment" && filled_cell) has_amount = true;
    if (layout.columns[i].field == "name" && filled_cell) has_name = true;
  }
  if (filled <= 2 && !has_amount) {
    std::string joined;
    for (const auto& c : row.cells) joined += c.text;
    const std::string norm = NormalizeHeader(joined);
    std::optional<std::string> heading_level = LevelFromText(norm);
    static constexpr std::string_view kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    bool numbered = false;
    for (std::string_view n : kNumerals) numbered = numbered || norm.starts_with(std::string(n) + "、");
    if (!has_name || numbered || heading_level) {
      if (level) *level = heading_level;
      return RowKind::kGroup;
    }
  }
  return RowKind::kData;
}

std::optional<std::string> StageFromText(std::string_view raw) {
  const std::string t = NormalizeHeader(raw);
  static const std::pair<std::string_view, std::string_view> kWords[] = {
      {"停缓建", "suspended"}, {"停建", "suspended"}, {"缓建", "suspended"}, {"取消", "cancelled"},
      {"达效", "effective"},   {"投产", "operating"}, {"竣工", "completed"}, {"完工", "completed"},
      {"新开工", "construction"}, {"续建", "construction"}, {"在建", "construction"}, {"开工", "construction"},
      {"前期", "preparation"}, {"谋划", "reserve"}, {"储备", "reserve"}};
  for (const auto& [word, code] : kWords) {
    if (Contains(t, word)) return std::string(code);
  }
  if (auto stage = ParseStage(t)) return std::string(StageName(*stage));
  return std::nullopt;
}

std::optional<std::string> LevelFromText(std::string_view raw) {
  const std::string t = NormalizeHeader(raw);
  if (IsLevel(t)) return t;
  if (Contains(t, "省重点") || Contains(t, "省级")) return std::string("province");
  if (Contains(t, "市重点") || Contains(t, "市级")) return std::string("city");
  if (Contains(t, "区重点") || Contains(t, "县重点") || Contains(t, "区级")) return std::string("district");
  return std::nullopt;
}

std::optional<int> StarFromText(std::string_view raw) {
  const std::string t = NormalizeHeader(raw);
  int stars = 0;
  for (size_t pos = 0; (pos = t.find("★", pos)) != std::string::npos; pos += std::string_view("★").size()) ++stars;
  if (stars == 0) {
    auto n = ParseDigits(t);
    if (!n) return std::nullopt;
    stars = static_cast<int>(std::min<int64_t>(*n, kMaxStar + 1));
  }
  if (stars > kMaxStar) return std::nullopt;
  return stars;
}

std::optional<bool> BoolFromText(std::string_view raw) {
  const std::string t = NormalizeHeader(raw);
  if (t == "是" || t == "已入库" || t == "入库" || t == "已纳统" || t == "Y" || t == "true" || t == "1") return true;
  if (t == "否" || t == "未入库" || t == "未纳统" || t == "N" || t == "false" || t == "0") return false;
  return std::nullopt;
}

}  // namespace tuijin::domain
