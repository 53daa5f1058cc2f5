// Excel export of the filtered project list as a ledger (项目台账), and the import template.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "api/exports.h"
#include "api/handlers.h"
#include "api/json.h"
#include "api/project_fields.h"
#include "base/time.h"
#include "domain/project_rules.h"
#include "report/project_ledger.h"
#include "xlsx/writer.h"

namespace tuijin::api {
namespace {

const char* kChineseNumbers[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

constexpr char kXlsxType[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const std::string& OrEmpty(const std::string* s) {
  static const std::string kNone;
  return s ? *s : kNone;
}

void Assign(std::string* to, const std::optional<std::string>& from) {
  if (from) {
    to->assign(*from);
  } else {
    to->clear();
  }
}

// Fills `r` (reused from row to row: its strings keep their capacity) with project `p`.
void FillLedgerRow(const store::Project& p, const Lookups& lk, const std::vector<int64_t>& funding_ids,
                   report::LedgerRow* r) {
  Assign(&r->code, p.code);
  r->name.assign(p.name);
  r->level.assign(domain::LevelLabel(p.level));
  r->star = p.star;
  r->nature.assign(OrEmpty(lk.ItemLabel(p.nature_id)));
  r->category.assign(OrEmpty(lk.ItemLabel(p.category_id)));
  r->industry.assign(OrEmpty(lk.ItemLabel(p.industry_id)));
  r->tags.clear();
  for (int64_t t : p.tag_ids) {
    if (!r->tags.empty()) r->tags += "、";
    r->tags += OrEmpty(lk.ItemLabel(t));
  }
  r->owner.assign(OrEmpty(lk.UnitName(p.owner_unit_id)));
  r->lead.assign(OrEmpty(lk.UnitName(p.lead_unit_id)));
  r->co_units.clear();
  for (int64_t u : p.co_unit_ids) {
    if (!r->co_units.empty()) r->co_units += "、";
    r->co_units += OrEmpty(lk.UnitName(u));
  }
  Assign(&r->leader, p.leader_name);
  Assign(&r->contact_name, p.contact_name);
  Assign(&r->contact_phone, p.contact_phone);
  Assign(&r->address, p.address);
  r->lng = p.lng;
  r->lat = p.lat;
  Assign(&r->content, p.content);
  r->total = p.total_investment;
  r->funding.assign(funding_ids.size(), 0);
  for (const auto& [source, amount] : p.funding) {
    auto it = std::find(funding_ids.begin(), funding_ids.end(), source);
    if (it != funding_ids.end()) r->funding[it - funding_ids.begin()] = amount;
  }
  Assign(&r->planned_start, p.planned_start);
  Assign(&r->planned_completion, p.planned_completion);
  r->stage.clear();
  if (auto s = domain::ParseStage(p.stage)) r->stage.assign(domain::StageLabel(*s));
  Assign(&r->actual_start, p.actual_start);
  Assign(&r->actual_completion, p.actual_completion);
  r->registered.assign(p.registered ? "是" : "否");
  Assign(&r->registered_date, p.registered_date);
  Assign(&r->stats_code, p.stats_code);
  Assign(&r->remarks, p.remarks);
}

}  // namespace

Status TooManyToExport() {
  return Status::TooLarge("export.too_many", fmt::format("一次最多导出 {} 条,请缩小筛选范围", kMaxExportRows));
}

http::Response XlsxDownload(std::string bytes, std::string_view file_name) {
  return http::Response::Download(std::move(bytes), kXlsxType, file_name);
}

std::string ExportedAt() { return "导出时间:" + FormatTimestamp(NowUnix()).substr(0, 16).replace(10, 1, " "); }

std::string FiltersLine(const FilterWords& words) {
  std::string line = "筛选:";
  for (size_t i = 0; i < words.size(); ++i) line += (i ? ";" : "") + words[i];
  return words.empty() ? line + "无" : line;
}

StatusOr<http::Response> ExportProjects(Context& ctx) {
  ASSIGN_OR_RETURN(store::ProjectFilter filter, ReadProjectFilter(ctx));
  if (filter.sort.empty()) filter.sort = "level";
  const std::string group_by(ctx.req.Query("group_by").value_or("level"));
  if (group_by != "level" && group_by != "unit" && group_by != "none") {
    return Status::Invalid({{"group_by", "分组方式应为 level、unit 或 none"}});
  }
  ASSIGN_OR_RETURN(Lookups lk, LoadLookups(ctx));
  const std::string today = Today();
  report::LedgerHeading heading;
  heading.title = "重点项目台账";
  const auto sources = FundingSources(lk);
  heading.funding_labels = Labels(sources);
  std::vector<int64_t> funding_ids;
  for (const auto& s : sources) funding_ids.push_back(s.id);

  // The groups are fixed before the projects are read (the store returns them group by
  // group): levels in their order, or 责任单位 by name, units of the same name together.
  store::ProjectGroups groups;
  std::vector<std::string> names;  // by group
  if (group_by == "level") {
    groups.by = store::ProjectGroups::By::kLevel;
    for (std::string_view level : domain::kLevels) names.emplace_back(domain::LevelLabel(level));
  } else if (group_by == "unit") {
    static const std::string kUnassigned = "未指定责任单位";
    groups.by = store::ProjectGroups::By::kLeadUnit;
    std::map<std::string, std::vector<int64_t>> by_name;
    for (const auto& [id, unit] : lk.units) by_name[unit.name.empty() ? kUnassigned : unit.name].push_back(id);
    by_name[kUnassigned];  // projects without a lead unit
    for (auto& [name, ids] : by_name) {
      if (name == kUnassigned) groups.others = names.size();
      names.push_back(name);
      groups.lead_units.push_back(std::move(ids));
    }
  } else {
    names = {""};
  }

  std::string bytes;
  std::unique_ptr<report::ProjectLedgerWriter> ledger;
  std::vector<int64_t> sizes;
  std::optional<size_t> current;
  size_t place = 0;  // of the next group heading
  report::LedgerRow row;
  RETURN_IF_ERROR(ctx.svc.projects.ForEach(
      filter, groups,
      [&](const std::vector<int64_t>& group_sizes) -> Status {
        sizes = group_sizes;
        const int64_t total = std::accumulate(sizes.begin(), sizes.end(), int64_t{0});
        heading.subtitle = "导出时间:" + today + "    共 " + std::to_string(total) + " 个项目";
        ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&bytes));
        ASSIGN_OR_RETURN(ledger, report::ProjectLedgerWriter::Create(std::move(book), heading));
        return Status::Ok();
      },
      [&](size_t group, store::Project& p) -> Status {
        if (group != current && group_by != "none") {
          current = group;
          RETURN_IF_ERROR(ledger->BeginGroup(fmt::format(
              "{}、{}{}({}个)", place < 10 ? kChineseNumbers[place] : std::to_string(place + 1), names[group],
              group_by == "level" ? "项目" : "", sizes[group])));
          ++place;
        }
        FillLedgerRow(p, lk, funding_ids, &row);
        return ledger->AddRow(row);
      }));
  if (!ledger) return Status::Internal("导出失败:未读到项目数");
  RETURN_IF_ERROR(ledger->Finish());
  return http::Response::Download(std::move(bytes), kXlsxType, "重点项目台账-" + today + ".xlsx");
}

StatusOr<http::Response> ProjectImportTemplate(Context& ctx) {
  ASSIGN_OR_RETURN(Lookups lk, LoadLookups(ctx));
  ASSIGN_OR_RETURN(std::string bytes, report::ImportTemplateXlsx(Labels(FundingSources(lk, /*with_disabled=*/false))));
  return http::Response::Download(std::move(bytes), kXlsxType, "重点项目导入模板.xlsx");
}

}  // namespace tuijin::api
