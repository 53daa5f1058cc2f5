// Excel export of the filtered project list as a ledger (项目台账), and the import template.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "api/handlers.h"
#include "api/json.h"
#include "api/project_fields.h"
#include "base/crypto.h"
#include "base/time.h"
#include "domain/project_rules.h"
#include "report/project_ledger.h"

namespace tuijin::api {
namespace {

const char* kChineseNumbers[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

std::string LevelLabel(const std::string& l) { return l == "province" ? "省重点" : l == "city" ? "市重点" : "区重点"; }

// Writes with `write` into a temporary file under the data directory and returns the bytes
// as a download named `file_name`.
StatusOr<http::Response> XlsxDownload(Context& ctx, const std::string& file_name,
                                      const std::function<Status(const std::string&)>& write) {
  const std::string dir = ctx.svc.config.data_dir + "/tmp";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string path = dir + "/export-" + RandomHex(8) + ".xlsx";
  Status st = write(path);
  std::string bytes;
  if (st.ok()) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    bytes = out.str();
  }
  std::filesystem::remove(path, ec);
  RETURN_IF_ERROR(st);
  http::Response res;
  res.body = std::move(bytes);
  res.SetHeader("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  res.SetHeader("content-disposition", "attachment; filename*=UTF-8''" + http::UrlEncode(file_name));
  return res;
}

}  // namespace

StatusOr<http::Response> ExportProjects(Context& ctx) {
  ASSIGN_OR_RETURN(store::ProjectFilter filter, ReadProjectFilter(ctx));
  filter.page.page = 1;
  filter.page.page_size = 1'000'000;
  if (filter.sort.empty()) filter.sort = "level";
  const std::string group_by(ctx.req.Query("group_by").value_or("level"));
  if (group_by != "level" && group_by != "unit" && group_by != "none") {
    return Status::Invalid({{"group_by", "分组方式应为 level、unit 或 none"}});
  }
  ASSIGN_OR_RETURN(auto list, ctx.svc.projects.List(filter));
  ASSIGN_OR_RETURN(Lookups lk, LoadLookups(ctx));

  report::ProjectLedger ledger;
  const std::string today = FormatDate(NowUnix());
  ledger.title = "重点项目台账";
  ledger.subtitle = "导出时间:" + today + "    共 " + std::to_string(list.page.total) + " 个项目";
  std::vector<int64_t> funding_ids;
  for (const auto& [id, item] : lk.items) {
    if (item.dict == "funding_source") funding_ids.push_back(id);
  }
  std::sort(funding_ids.begin(), funding_ids.end(), [&](int64_t a, int64_t b) {
    return std::make_pair(lk.items.at(a).sort_order, a) < std::make_pair(lk.items.at(b).sort_order, b);
  });
  for (int64_t id : funding_ids) ledger.funding_labels.push_back(lk.items.at(id).label);

  auto label = [&](const std::optional<int64_t>& id) {
    return id && lk.items.count(*id) ? lk.items.at(*id).label : std::string();
  };
  auto unit = [&](const std::optional<int64_t>& id) {
    return id && lk.units.count(*id) ? lk.units.at(*id).name : std::string();
  };
  std::vector<std::string> order;
  std::map<std::string, std::vector<report::LedgerRow>> groups;
  for (const store::Project& p : list.page.items) {
    report::LedgerRow r;
    r.code = p.code.value_or("");
    r.name = p.name;
    r.level = LevelLabel(p.level);
    r.star = p.star;
    r.nature = label(p.nature_id);
    r.category = label(p.category_id);
    r.industry = label(p.industry_id);
    for (int64_t t : p.tag_ids) r.tags += (r.tags.empty() ? "" : "、") + label(t);
    r.owner = unit(p.owner_unit_id);
    r.lead = unit(p.lead_unit_id);
    for (int64_t u : p.co_unit_ids) r.co_units += (r.co_units.empty() ? "" : "、") + unit(u);
    r.leader = p.leader_name.value_or("");
    r.contact_name = p.contact_name.value_or("");
    r.contact_phone = p.contact_phone.value_or("");
    r.address = p.address.value_or("");
    r.lng = p.lng;
    r.lat = p.lat;
    r.content = p.content.value_or("");
    r.total = p.total_investment;
    r.funding.assign(funding_ids.size(), 0);
    for (const auto& [source, amount] : p.funding) {
      for (size_t i = 0; i < funding_ids.size(); ++i) {
        if (funding_ids[i] == source) r.funding[i] = amount;
      }
    }
    r.planned_start = p.planned_start.value_or("");
    r.planned_completion = p.planned_completion.value_or("");
    if (auto s = domain::ParseStage(p.stage)) r.stage = std::string(domain::StageLabel(*s));
    r.actual_start = p.actual_start.value_or("");
    r.actual_completion = p.actual_completion.value_or("");
    r.registered = p.registered ? "是" : "否";
    r.registered_date = p.registered_date.value_or("");
    r.stats_code = p.stats_code.value_or("");
    r.remarks = p.remarks.value_or("");
    const std::string key = group_by == "level" ? r.level : group_by == "unit" ? (r.lead.empty() ? "未指定责任单位" : r.lead) : "";
    if (!groups.count(key)) order.push_back(key);
    groups[key].push_back(std::move(r));
  }
  if (group_by == "unit") std::sort(order.begin(), order.end());
  for (size_t i = 0; i < order.size(); ++i) {
    const auto& rows = groups[order[i]];
    std::string title;
    if (group_by != "none") {
      title = fmt::format("{}、{}{}({}个)", i < 10 ? kChineseNumbers[i] : std::to_string(i + 1), order[i],
                          group_by == "level" ? "项目" : "", rows.size());
    }
    ledger.groups.push_back({title, rows});
  }
  return XlsxDownload(ctx, "重点项目台账-" + today + ".xlsx",
                      [&](const std::string& path) { return report::WriteProjectLedger(ledger, path); });
}

StatusOr<http::Response> ProjectImportTemplate(Context& ctx) {
  ASSIGN_OR_RETURN(auto items, ctx.svc.dictionaries.List("funding_source"));
  std::vector<std::string> labels;
  for (const auto& i : items) labels.push_back(i.label);
  return XlsxDownload(ctx, "重点项目导入模板.xlsx",
                      [&](const std::string& path) { return report::WriteImportTemplate(labels, path); });
}

}  // namespace tuijin::api
