// Ledger import (项目台账导入): upload an .xlsx or CSV, preview every row with its errors and
// what would happen to it, correct the column mapping, then commit in one transaction.
// The upload is kept by content hash, so preview and commit are repeatable and stateless.
#include <fmt/format.h>

#include <map>
#include <set>

#include "api/handlers.h"
#include "api/json.h"
#include "api/project_fields.h"
#include "base/text.h"
#include "base/date.h"
#include "base/time.h"
#include "domain/import_layout.h"
#include "xlsx/csv.h"
#include "xlsx/reader.h"

namespace tuijin::api {
namespace {

using domain::GridRow;
using domain::SheetLayout;
using store::ProjectStore;

constexpr size_t kMaxImportBytes = 20 * 1024 * 1024;

struct Grid {
  std::vector<GridRow> rows;
  std::vector<domain::GridMerge> merges;
  bool date1904 = false;  // the workbook counts serial days from 1904 (older Mac files)
};

bool IsCsvName(std::string_view name) {
  return name.size() > 4 && (name.ends_with(".csv") || name.ends_with(".CSV") || name.ends_with(".txt"));
}

StatusOr<Grid> ReadGrid(const std::string& bytes, bool csv) {
  Grid grid;
  auto convert = [&](const xlsx::Row& r) {
    GridRow row;
    row.index = r.index;
    row.cells.reserve(r.cells.size());
    for (const auto& c : r.cells) {
      row.cells.push_back({c.text, c.type == xlsx::CellType::kNumber, c.is_date});
    }
    grid.rows.push_back(std::move(row));
  };
  if (csv) {
    ASSIGN_OR_RETURN(auto rows, xlsx::ParseCsv(bytes));
    for (const auto& r : rows) convert(r);
    return grid;
  }
  ASSIGN_OR_RETURN(auto book, xlsx::Workbook::OpenBuffer(std::string_view(bytes)));
  grid.date1904 = book->date1904();
  ASSIGN_OR_RETURN(auto merges, book->ReadRows(0, [&](const xlsx::Row& r) {
    convert(r);
    return true;
  }));
  for (const auto& m : merges) grid.merges.push_back({m.first_row, m.first_col, m.last_row, m.last_col});
  return grid;
}

// Splits "专项债、政府投资" and similar lists.
std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    const std::string t = domain::NormalizeHeader(cur);
    if (!t.empty()) out.push_back(t);
    cur.clear();
  };
  for (size_t i = 0; i < text.size();) {
    bool sep = false;
    for (std::string_view s : {"、", ",", "，", ";", "；", "/"}) {
      if (text.compare(i, s.size(), s) == 0) {
        flush();
        i += s.size();
        sep = true;
        break;
      }
    }
    if (!sep) cur += text[i++];
  }
  flush();
  return out;
}

using RowPlan = ImportRowPlan;
using Plan = ImportPlan;

// The ledger column (import field key) behind an API field, for row errors; "" when no
// single column fills it (资金来源 spans one column per source).
std::string ImportKeyFor(const std::vector<domain::ImportField>& fields, const std::string& api_field) {
  const domain::ImportField* found = nullptr;
  for (const auto& f : fields) {
    if (f.api_field != api_field) continue;
    if (found) return {};
    found = &f;
  }
  return found ? found->key : std::string();
}

// What a field (import key or API field) is called in a ledger, for messages.
std::string FieldLabel(const std::vector<domain::ImportField>& fields, const std::string& field) {
  if (const auto* f = domain::FindImportField(fields, field)) return f->label;
  if (field == "funding") return "资金来源";
  const std::string key = ImportKeyFor(fields, field);
  if (const auto* f = domain::FindImportField(fields, key)) return f->label;
  return field;
}

Status ApplyMapping(const std::vector<domain::ImportField>& fields, SheetLayout& layout, const json::object& mapping) {
  std::map<std::string, std::string> errors;
  for (const auto& [key, value] : mapping) {
    const std::optional<int64_t> parsed = ParseDigits(key);
    if (!parsed) {
      errors["mapping"] = "列号应为数字:" + std::string(key);
      continue;
    }
    const auto index = static_cast<size_t>(*parsed);
    if (index >= layout.columns.size()) {
      errors["mapping"] = fmt::format("第 {} 列不存在", index + 1);
      continue;
    }
    if (value.is_null()) {
      layout.columns[index].field.reset();
    } else if (value.is_string() && domain::FindImportField(fields, value.as_string())) {
      layout.columns[index].field = std::string(value.as_string());
    } else {
      errors["mapping"] = "未知字段:" + (value.is_string() ? std::string(value.as_string()) : std::string("?"));
    }
  }
  std::map<std::string, int> used;
  for (const auto& c : layout.columns) {
    if (c.field && ++used[*c.field] > 1) errors["mapping"] = "“" + FieldLabel(fields, *c.field) + "”对应了多列";
  }
  if (!errors.empty()) return Status::Invalid(errors);
  return Status::Ok();
}

StatusOr<Plan> BuildPlan(Context& ctx, const Grid& grid, const json::object* mapping) {
  Plan plan;
  ASSIGN_OR_RETURN(Lookups lk, LoadLookups(ctx));
  plan.fields = domain::ProjectImportFields(Labels(FundingSources(lk)));
  plan.layout = domain::DetectLayout(grid.rows, grid.merges, plan.fields);
  if (!plan.layout.found) {
    return Status::InvalidArgument("import.no_header",
                                   "没有找到表头:前 20 行中应有一行至少包含两个可识别的列名,如“项目名称”“总投资”");
  }
  for (const auto& c : plan.layout.columns) plan.detected.push_back(c.field);
  if (mapping) RETURN_IF_ERROR(ApplyMapping(plan.fields, plan.layout, *mapping));
  std::set<std::string> mapped;
  for (const auto& c : plan.layout.columns) {
    if (c.field) mapped.insert(*c.field);
  }
  for (const auto& f : plan.fields) {
    if (f.required && !mapped.count(f.key)) plan.missing.push_back(f.label);
  }

  std::map<std::string, int64_t> unit_by_name, leader_by_name;
  std::map<std::pair<std::string, std::string>, int64_t> item_by_label;
  for (const auto& [id, u] : lk.units) unit_by_name.emplace(u.name, id);
  for (const auto& [id, name] : lk.leaders) leader_by_name.emplace(name, id);
  for (const auto& [id, d] : lk.items) item_by_label[{d.dict, d.label}] = id;
  ASSIGN_OR_RETURN(auto keys, ctx.svc.projects.Keys());
  std::map<std::string, const ProjectStore::Key*> by_code;
  std::map<std::pair<std::string, int64_t>, const ProjectStore::Key*> by_name_owner;
  for (const auto& k : keys) {
    if (k.code) by_code[*k.code] = &k;
    by_name_owner[{k.name, k.owner_unit_id.value_or(0)}] = &k;
  }

  // First pass: cell values into request bodies, and which project each row is.
  struct Pending {
    RowPlan plan;
    json::object body;
    std::optional<std::string> new_owner;
    const ProjectStore::Key* match = nullptr;
    bool has_funding = false;
  };
  std::vector<Pending> pending;
  pending.reserve(grid.rows.size());
  plan.rows.reserve(grid.rows.size());
  std::optional<std::string> group_level;
  std::map<std::string, int> seen_rows;
  for (const GridRow& row : grid.rows) {
    if (row.index <= plan.layout.header_last) continue;
    std::optional<std::string> level;
    const auto kind = domain::ClassifyRow(row, plan.layout, &level);
    if (kind == domain::RowKind::kGroup) {
      if (level) group_level = level;
      continue;
    }
    if (kind != domain::RowKind::kData) continue;
    Pending p;
    p.plan.row = row.index;
    p.body.reserve(plan.layout.columns.size() + 4);
    p.plan.values.resize(plan.layout.columns.size());
    auto error = [&](const std::string& field, const std::string& message) { p.plan.errors.emplace_back(field, message); };
    json::array funding;
    for (size_t c = 0; c < plan.layout.columns.size() && c < row.cells.size(); ++c) {
      const auto& col = plan.layout.columns[c];
      const domain::GridCell& cell = row.cells[c];
      if (!col.field) continue;
      const std::string text(TrimSpace(cell.text));
      if (text.empty()) continue;
      const std::string& field = *col.field;
      const domain::ImportField* spec = domain::FindImportField(plan.fields, field);
      p.plan.values[c] = text;
      if (spec->kind == domain::FieldKind::kMoney) {
        auto fen = ParseAmount(text, col.unit);
        if (!fen) {
          error(field, "“" + text + "”不是数字");
        } else if (field.rfind("funding:", 0) == 0) {
          p.has_funding = true;
          auto id = item_by_label.find({"funding_source", field.substr(8)});
          if (id == item_by_label.end()) {
            error(field, "资金来源“" + field.substr(8) + "”不在数据字典中");
          } else if (*fen != 0) {
            funding.push_back(json::object{{"source_id", id->second}, {"amount", *fen}});
          }
        } else {
          p.body[field] = *fen;
        }
      } else if (spec->kind == domain::FieldKind::kDate) {
        auto d = NormalizeDate(text, cell.is_number || cell.is_date, grid.date1904);
        if (!d) error(field, "“" + text + "”不是可识别的日期");
        else p.body[field] = *d;
      } else if (field == "level") {
        auto l = domain::LevelFromText(text);
        if (!l) error(field, "“" + text + "”应为 省重点/市重点/区重点");
        else p.body["level"] = *l;
      } else if (field == "star") {
        auto stars = domain::StarFromText(text);
        if (!stars) error(field, "攻坚星级应为 0 到 5(或 ★ 的个数)");
        else p.body["star"] = *stars;
      } else if (field == "nature" || field == "category" || field == "industry") {
        auto id = item_by_label.find({field, domain::NormalizeHeader(text)});
        if (id == item_by_label.end()) error(field, "“" + text + "”不在数据字典中");
        else p.body[field + "_id"] = id->second;
      } else if (field == "tags") {
        json::array ids;
        for (const auto& t : SplitList(text)) {
          auto id = item_by_label.find({"tag", t});
          if (id == item_by_label.end()) error(field, "标签“" + t + "”不在数据字典中");
          else ids.push_back(id->second);
        }
        p.body["tag_ids"] = std::move(ids);
      } else if (field == "owner") {
        auto id = unit_by_name.find(text);
        if (id != unit_by_name.end()) p.body["owner_unit_id"] = id->second;
        else p.new_owner = text;
      } else if (field == "lead") {
        auto id = unit_by_name.find(text);
        if (id == unit_by_name.end()) error(field, "“" + text + "”不在单位列表中");
        else p.body["lead_unit_id"] = id->second;
      } else if (field == "co_units") {
        json::array ids;
        for (const auto& u : SplitList(text)) {
          auto id = unit_by_name.find(u);
          if (id == unit_by_name.end()) error(field, "配合单位“" + u + "”不在单位列表中");
          else ids.push_back(id->second);
        }
        p.body["co_unit_ids"] = std::move(ids);
      } else if (field == "leader") {
        auto id = leader_by_name.find(text);
        if (id != leader_by_name.end()) p.body["leader_user_id"] = id->second;
        p.body["leader_name"] = text;
      } else if (field == "lng" || field == "lat") {
        auto n = xlsx::ParseNumber(text);
        if (!n) error(field, "“" + text + "”不是数字");
        else p.body[field] = *n;
      } else if (field == "stage") {
        auto s = domain::StageFromText(text);
        if (!s) error(field, "“" + text + "”无法识别");
        else p.body["stage"] = *s;
      } else if (field == "registered") {
        auto b = domain::BoolFromText(text);
        if (!b) error(field, "“" + text + "”应为 是/否");
        else p.body["registered"] = *b;
      } else if (field == "code") {
        p.body["code"] = domain::NormalizeHeader(text);
      } else {
        p.body[field] = text;
      }
    }
    if (p.has_funding) p.body["funding"] = std::move(funding);
    if (!p.body.contains("level") && group_level) p.body["level"] = *group_level;
    if (auto n = p.body.if_contains("name"); n && n->is_string()) p.plan.name = std::string(n->as_string());
    // Which project is this row: by 项目代码, else by 名称 + 建设单位.
    std::string identity;
    if (auto code = p.body.if_contains("code"); code && code->is_string()) {
      identity = "code:" + std::string(code->as_string());
      if (auto it = by_code.find(std::string(code->as_string())); it != by_code.end()) p.match = it->second;
    } else {
      const int64_t owner = p.body.contains("owner_unit_id") ? p.body["owner_unit_id"].as_int64() : 0;
      identity = "name:" + p.plan.name + "|" + std::to_string(owner) + "|" + p.new_owner.value_or("");
      if (!p.new_owner) {
        if (auto it = by_name_owner.find({p.plan.name, owner}); it != by_name_owner.end()) p.match = it->second;
      }
    }
    if (auto [it, inserted] = seen_rows.emplace(identity, row.index); !inserted) {
      error("name", fmt::format("与第 {} 行是同一个项目", it->second));
    }
    pending.push_back(std::move(p));
  }

  std::vector<int64_t> ids;
  for (const auto& p : pending) {
    if (p.match) ids.push_back(p.match->id);
  }
  ASSIGN_OR_RETURN(auto existing_list, ctx.svc.projects.GetMany(ids));
  std::map<int64_t, store::Project> existing;
  for (auto& e : existing_list) existing.emplace(e.id, std::move(e));
  // Codes claimed by other rows of this file count as taken too.
  const CodeOwner code_owner = [&](const std::string& code) -> StatusOr<std::optional<int64_t>> {
    auto it = by_code.find(code);
    if (it == by_code.end()) return std::optional<int64_t>();
    return std::optional<int64_t>(it->second->id);
  };

  // Second pass: check each row as the API would, and decide what happens to it.
  for (Pending& p : pending) {
    RowPlan& r = p.plan;
    if (r.errors.empty()) {
      const store::Project* current = p.match ? &existing.at(p.match->id) : nullptr;
      json::object body = current ? ProjectJson(*current) : std::move(p.body);
      if (current) {
        for (const auto& [k, v] : p.body) body[k] = v;
      }
      auto fields = ReadFields(ctx, body, lk, current, code_owner);
      std::optional<std::vector<ProjectStore::StageStep>> steps;
      if (fields.ok() && !current) {
        auto s = OpeningSteps(body);
        if (s.ok()) steps = std::move(*s);
        else fields = s.status();
      }
      if (!fields.ok()) {
        const Status& st = fields.status();
        if (st.fields().empty()) r.errors.emplace_back("", st.message());
        for (const auto& [f, msg] : st.fields()) {
          const std::string key = ImportKeyFor(plan.fields, f);
          r.errors.emplace_back(key, key.empty() ? FieldLabel(plan.fields, f) + ":" + msg : msg);
        }
      } else if (current) {
        r.project_id = current->id;
        auto changes = Diff(*current, *fields, lk);
        if (changes.empty()) {
          r.action = "unchanged";
        } else {
          r.action = "update";
          ProjectStore::ImportOp op;
          op.create = false;
          op.id = current->id;
          op.version = current->version;
          op.fields = std::move(*fields);
          op.changes = std::move(changes);
          r.op = std::move(op);
        }
      } else {
        r.action = "create";
        ProjectStore::ImportOp op;
        op.fields = std::move(*fields);
        op.steps = std::move(*steps);
        op.new_owner = p.new_owner;
        r.op = std::move(op);
      }
    }
    for (const auto& label : plan.missing) r.errors.emplace_back("", "缺少必需的列“" + label + "”,请在列对应中指定");
    if (!r.errors.empty()) {
      r.action = "error";
      r.op.reset();
    }
    ++plan.counts[r.action];
    plan.rows.push_back(std::move(r));
  }
  return plan;
}

const std::set<std::string>& RowFilters() {
  static const std::set<std::string> kFilters = {"all", "create", "update", "unchanged", "error"};
  return kFilters;
}

// One page of the plan's rows, those with `action` ("all": every row).
json::object RowsJson(const Plan& plan, const std::string& action, const store::PageRequest& page) {
  json::array rows;
  int64_t matched = 0;
  const int64_t first = page.Offset(), last = first + page.page_size;
  for (const auto& r : plan.rows) {
    if (action != "all" && r.action != action) continue;
    const int64_t n = matched++;
    if (n < first || n >= last) continue;
    json::object values;
    for (size_t c = 0; c < plan.layout.columns.size() && c < r.values.size(); ++c) {
      const auto& field = plan.layout.columns[c].field;
      if (field && !r.values[c].empty()) values[*field] = r.values[c];
    }
    json::array errors;
    errors.reserve(r.errors.size());
    for (const auto& [f, m] : r.errors) errors.push_back(json::object{{"field", f}, {"message", m}});
    rows.push_back(json::object{{"row", r.row},
                                {"action", r.action},
                                {"project_id", OrNull(r.project_id)},
                                {"name", r.name},
                                {"values", std::move(values)},
                                {"errors", std::move(errors)}});
  }
  return json::object{{"rows", std::move(rows)},
                      {"action", action},
                      {"page", page.page},
                      {"page_size", page.page_size},
                      {"total", matched}};
}

// The preview: the mapping, the counts, and the first page of rows (the rest by plan_id).
json::object PlanJson(const Plan& plan, const std::string& import_id, const std::string& plan_id,
                      const std::string& file_name, int64_t page_size) {
  json::array columns, fields;
  for (size_t i = 0; i < plan.layout.columns.size(); ++i) {
    const auto& c = plan.layout.columns[i];
    columns.push_back(json::object{{"index", i}, {"header", c.header}, {"field", OrNull(c.field)}});
  }
  for (const auto& f : plan.fields) {
    fields.push_back(json::object{{"field", f.key}, {"label", f.label}, {"required", f.required}});
  }
  json::object out = RowsJson(plan, "all", {1, page_size});
  json::array missing(plan.missing.begin(), plan.missing.end());
  out["import_id"] = import_id;
  out["plan_id"] = plan_id;
  out["missing_fields"] = std::move(missing);
  out["file_name"] = file_name;
  out["header_row"] = plan.layout.header_first;
  out["columns"] = std::move(columns);
  out["fields"] = std::move(fields);
  out["summary"] = json::object{{"total", plan.rows.size()},
                                {"create", plan.Count("create")},
                                {"update", plan.Count("update")},
                                {"unchanged", plan.Count("unchanged")},
                                {"error", plan.Count("error")}};
  return out;
}

// Keeps the plan for paging and for the commit, and answers with its first page.
StatusOr<http::Response> KeepAndShow(Context& ctx, Plan plan, const std::string& import_id,
                                     const std::string& file_name, uint64_t generation) {
  ASSIGN_OR_RETURN(store::PageRequest page, ReadPage(ctx.req, 50));
  auto kept = std::make_shared<Plan>(std::move(plan));
  const std::string plan_id =
      ctx.svc.import_plans.Put({import_id, ctx.me().user.id, generation}, kept, NowUnix());
  return JsonResponse(PlanJson(*kept, import_id, plan_id, file_name, page.page_size));
}

// Whether a commit's mapping (none: the detected one) is the one `plan` was made with.
bool SameMapping(const Plan& plan, const std::optional<json::object>& mapping) {
  SheetLayout layout = plan.layout;
  for (size_t i = 0; i < layout.columns.size() && i < plan.detected.size(); ++i) {
    layout.columns[i].field = plan.detected[i];
  }
  if (mapping && !ApplyMapping(plan.fields, layout, *mapping).ok()) return false;
  for (size_t i = 0; i < layout.columns.size(); ++i) {
    if (layout.columns[i].field != plan.layout.columns[i].field) return false;
  }
  return true;
}

// import_id = "<sha256>.<xlsx|csv>"
StatusOr<std::pair<std::string, bool>> LoadUpload(Context& ctx) {
  const std::string id(ctx.req.Param("import_id"));
  const auto dot = id.find('.');
  if (dot == std::string::npos) return Status::NotFound("import.not_found", "导入文件不存在,请重新上传");
  const std::string ext = id.substr(dot + 1);
  if (ext != "xlsx" && ext != "csv") return Status::NotFound("import.not_found", "导入文件不存在,请重新上传");
  auto bytes = ctx.svc.blobs.Read(id.substr(0, dot));
  if (!bytes.ok()) return Status::NotFound("import.not_found", "导入文件不存在,请重新上传");
  return std::make_pair(std::move(*bytes), ext == "csv");
}

StatusOr<std::optional<json::object>> MappingFrom(const json::object& body) {
  const json::value* m = body.if_contains("mapping");
  if (!m || m->is_null()) return std::optional<json::object>();
  if (!m->is_object()) return Status::Invalid({{"mapping", "应为 {列号: 字段} 对象"}});
  return std::optional<json::object>(m->as_object());
}

}  // namespace

StatusOr<http::Response> UploadProjectImport(Context& ctx) {
  const uint64_t generation = ctx.svc.data_generation.load();
  const std::string name(ctx.req.Query("filename").value_or("导入文件.xlsx"));
  const std::string& bytes = ctx.req.body;
  if (bytes.empty()) return Status::Invalid({{"file", "文件为空"}});
  if (bytes.size() > kMaxImportBytes) return Status::TooLarge("import.too_large", "导入文件不能超过 20 MB");
  const bool zip = bytes.size() >= 4 && bytes.compare(0, 4, std::string("PK\x03\x04", 4)) == 0;
  const bool csv = !zip && IsCsvName(name);
  if (!zip && !csv) {
    if (bytes.size() >= 8 && bytes.compare(0, 4, std::string("\xD0\xCF\x11\xE0", 4)) == 0) {
      return Status::Unsupported("import.legacy_xls", "不支持旧版 .xls 文件,请在 Excel 或 WPS 中另存为 .xlsx 后再导入");
    }
    return Status::Unsupported("import.unsupported", "只能导入 .xlsx 或 .csv 文件");
  }
  Plan plan;
  {
    ASSIGN_OR_RETURN(Grid grid, ReadGrid(bytes, csv));
    ASSIGN_OR_RETURN(plan, BuildPlan(ctx, grid, nullptr));
  }
  ASSIGN_OR_RETURN(std::string sha, ctx.svc.blobs.Put(bytes));
  return KeepAndShow(ctx, std::move(plan), sha + (csv ? ".csv" : ".xlsx"), name, generation);
}

StatusOr<http::Response> PreviewProjectImport(Context& ctx) {
  const uint64_t generation = ctx.svc.data_generation.load();
  ASSIGN_OR_RETURN(auto upload, LoadUpload(ctx));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(auto mapping, MappingFrom(body));
  Plan plan;
  {
    ASSIGN_OR_RETURN(Grid grid, ReadGrid(upload.first, upload.second));
    ASSIGN_OR_RETURN(plan, BuildPlan(ctx, grid, mapping ? &*mapping : nullptr));
  }
  return KeepAndShow(ctx, std::move(plan), std::string(ctx.req.Param("import_id")), "", generation);
}

StatusOr<http::Response> ListProjectImportRows(Context& ctx) {
  const std::string import_id(ctx.req.Param("import_id"));
  const std::string plan_id(ctx.req.Query("plan_id").value_or(""));
  const std::string action(ctx.req.Query("action").value_or("all"));
  if (!RowFilters().count(action)) {
    return Status::Invalid({{"action", "应为 all、create、update、unchanged 或 error"}});
  }
  ASSIGN_OR_RETURN(store::PageRequest page, ReadPage(ctx.req, 50));
  auto plan = ctx.svc.import_plans.Get(plan_id, import_id, ctx.me().user.id, NowUnix());
  if (!plan) return Status::NotFound("import.plan_expired", "预览已过期,请重新预览");
  return JsonResponse(RowsJson(*plan, action, page));
}

StatusOr<http::Response> CommitProjectImport(Context& ctx) {
  const uint64_t generation = ctx.svc.data_generation.load();
  const std::string import_id(ctx.req.Param("import_id"));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(auto mapping, MappingFrom(body));
  FieldReader in(body);
  const bool skip_errors = in.Bool("skip_errors", false);
  const std::string plan_id = in.OptionalString("plan_id").value_or("");
  RETURN_IF_ERROR(in.status());
  // The previewed plan when nothing has changed since; else the file is read and checked again.
  std::shared_ptr<Plan> kept;
  if (auto shown = ctx.svc.import_plans.Get(plan_id, import_id, ctx.me().user.id, NowUnix());
      shown && SameMapping(*shown, mapping) && (skip_errors || shown->Count("error") == 0)) {
    kept = ctx.svc.import_plans.Take(plan_id, {import_id, ctx.me().user.id, generation}, NowUnix());
  }
  if (!kept) {
    ASSIGN_OR_RETURN(auto upload, LoadUpload(ctx));
    ASSIGN_OR_RETURN(Grid grid, ReadGrid(upload.first, upload.second));
    ASSIGN_OR_RETURN(Plan built, BuildPlan(ctx, grid, mapping ? &*mapping : nullptr));
    kept = std::make_shared<Plan>(std::move(built));
  }
  Plan& plan = *kept;
  const int errors = plan.Count("error");
  if (errors > 0 && !skip_errors) {
    const RowPlan* first = nullptr;
    for (const auto& r : plan.rows) {
      if (!r.errors.empty()) {
        first = &r;
        break;
      }
    }
    return Status::InvalidArgument(
        "import.has_errors",
        fmt::format("有 {} 行存在错误,未导入任何数据。第一处:第 {} 行,{}。可修正文件后重新导入,或选择跳过错误行",
                    errors, first->row,
                    (first->errors.front().first.empty() ? "" : FieldLabel(plan.fields, first->errors.front().first) + ":") +
                        first->errors.front().second));
  }
  std::vector<ProjectStore::ImportOp> ops;
  std::set<std::string> owners;
  for (auto& r : plan.rows) {
    if (!r.op) continue;
    if (r.op->new_owner) owners.insert(*r.op->new_owner);
    ops.push_back(std::move(*r.op));
  }
  ProjectStore::ImportResult result;
  if (!ops.empty()) {
    ASSIGN_OR_RETURN(result, ctx.svc.projects.Import({owners.begin(), owners.end()}, std::move(ops), ctx.me().user.id));
  }
  return JsonResponse(json::object{{"created", result.created},
                                   {"updated", result.updated},
                                   {"unchanged", plan.Count("unchanged")},
                                   {"skipped", errors},
                                   {"new_owner_units", owners.size()}});
}

}  // namespace tuijin::api
