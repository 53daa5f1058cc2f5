#include "demo/demo_supervision.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/time.h"
#include "domain/work_calendar.h"

namespace tuijin::demo {
namespace {

using domain::ItemAction;
using domain::ItemRole;

struct Actors {
  int64_t staff = 0;  // fgw
  std::map<std::string, std::pair<int64_t, std::optional<int64_t>>> unit_users;  // username → user, unit
};

std::string Day(int64_t today, int offset) { return domain::FormatDay(today + offset); }

}  // namespace

std::vector<domain::CalendarDay> Holidays2026() {
  using domain::DayKind;
  std::vector<domain::CalendarDay> days;
  auto off = [&](const char* from, int n, const char* name) {
    const int64_t d = *domain::ParseDay(from);
    for (int i = 0; i < n; ++i) days.push_back({domain::FormatDay(d + i), DayKind::kHoliday, name});
  };
  auto on = [&](const char* day, const char* name) { days.push_back({day, DayKind::kWorkday, name}); };
  off("2026-01-01", 3, "元旦");
  on("2026-01-04", "元旦调休上班");
  off("2026-02-15", 9, "春节");
  on("2026-02-14", "春节调休上班");
  on("2026-02-28", "春节调休上班");
  off("2026-04-04", 3, "清明节");
  off("2026-05-01", 5, "劳动节");
  on("2026-05-09", "劳动节调休上班");
  off("2026-06-19", 3, "端午节");
  off("2026-09-25", 3, "中秋节");
  off("2026-10-01", 7, "国庆节");
  on("2026-09-20", "国庆节调休上班");
  on("2026-10-10", "国庆节调休上班");
  std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) { return a.day < b.day; });
  return days;
}

Status LoadSupervision(SupervisionStores s, std::ostream& log) {
  store::ItemFilter any;
  ASSIGN_OR_RETURN(auto present, s.supervision.List(any, {1, 1}));
  if (present.total > 0) return Status::Ok();

  ASSIGN_OR_RETURN(auto units, s.units.List());
  std::map<std::string, int64_t> unit;
  for (const auto& u : units) unit[u.name] = u.id;
  auto need = [&](const char* name) -> StatusOr<int64_t> {
    auto it = unit.find(name);
    if (it == unit.end()) return Status::NotFound("demo.unit", std::string("演示单位缺失:") + name);
    return it->second;
  };
  Actors who;
  for (const char* name : {"fgw", "chengdong", "nanguan", "kaifaqu", "zhujian", "chengtou"}) {
    ASSIGN_OR_RETURN(auto found, s.users.FindForLogin(name));
    if (!found) return Status::NotFound("demo.user", std::string("演示账号缺失:") + name);
    if (std::string(name) == "fgw") who.staff = found->first.id;
    else who.unit_users[name] = {found->first.id, found->first.unit_id};
  }
  ASSIGN_OR_RETURN(auto existing_days, s.calendar.Days(2026));
  if (existing_days.empty()) RETURN_IF_ERROR(s.calendar.ReplaceYear(2026, Holidays2026(), who.staff));
  const int64_t today = *domain::ParseDay(Today());
  const std::string today_s = Today();

  // A project of a unit (its first by name), and a report of it with problems when there is one.
  auto project_of = [&](int64_t unit_id) -> std::optional<store::Project> {
    store::ProjectFilter f;
    f.unit_ids = {unit_id};
    f.page = {1, 1};
    f.sort = "name";
    auto list = s.projects.List(f);
    if (!list.ok() || list->page.items.empty()) return std::nullopt;
    return list->page.items.front();
  };

  auto act = [&](int64_t id, ItemAction a, const char* username, std::string note,
                 std::optional<std::string> requested = std::nullopt) -> Status {
    store::ActionRequest r;
    r.action = a;
    r.note = std::move(note);
    r.requested_deadline = std::move(requested);
    r.today = today_s;
    if (username == nullptr) {
      r.role = ItemRole::kIssuer;
      r.user_id = who.staff;
    } else {
      const auto& [user, unit_id] = who.unit_users.at(username);
      r.role = ItemRole::kLead;
      r.user_id = user;
      r.unit_id = unit_id;
    }
    return s.supervision.Act(id, r).status();
  };

  struct Spec {
    const char* title;
    const char* category;
    const char* source;
    const char* lead;
    std::vector<const char*> co;
    int issued, deadline;  // days from today
    const char* priority;
    const char* description;
    const char* lead_user;  // who acts for the lead unit (nullptr: it has no demo account)
    int path;               // 0 待签收, 1 办理中, 2 待核验, 3 已退回, 4 已办结, 5 延期待批, 6 已办结(逾期办结)
  };
  const std::vector<Spec> specs = {
      {"云河大道快速化改造项目剩余征迁户未签约", "拆迁", "report", "城东路街道办事处", {"云河区住房和城乡建设局"}, -18, 5,
       "urgent", "沿线剩余7户未签订征迁协议,影响桥梁下部结构施工,请城东路街道牵头加快签约腾房。", "chengdong", 1},
      {"云河经济开发区智能装备产业园用地组卷报批滞后", "用地", "meeting", "云河经济开发区管理委员会",
       {"云河区自然资源和规划分局"}, -35, -4, "critical",
       "产业园二期约126亩用地尚未完成组卷报批,项目无法办理建设用地规划许可,影响按期开工。", "kaifaqu", 1},
      {"南关片区城市有机更新项目施工许可证尚未办理", "手续", "report", "云河区住房和城乡建设局", {}, -6, 21, "normal",
       "项目已完成施工图审查,尚未取得施工许可证,请加快办理。", "zhujian", 0},
      {"中原新材料产业园专项债券资金拨付进度偏慢", "资金", "inspection", "云河城市建设投资集团有限公司", {"云河区财政局"},
       -40, -2, "urgent", "专项债券资金到位后支出进度仅32%,低于序时进度,请加快资金拨付和项目支付。", "chengtou", 2},
      {"紫荆山路综合管廊项目周边道路及管网配套未完善", "配套", "meeting", "南关街道办事处", {"云河区城市管理局"}, -25, 3,
       "normal", "项目周边雨污水管网及市政道路未同步建设,影响项目投用。", "nanguan", 5},
      {"云河区人民医院新院区规划条件调整", "规划", "instruction", "云河区住房和城乡建设局", {"云河区自然资源和规划分局"},
       -60, -20, "urgent", "区长批示:请相关部门加快规划条件调整,确保项目年内开工。", "zhujian", 4},
      {"城东路老旧小区改造项目施工现场文明施工不到位", "其他", "inspection", "城东路街道办事处", {}, -21, -7, "normal",
       "稽察发现施工现场围挡不连续、裸土未覆盖,请立即整改并报送整改情况。", "chengdong", 3},
      {"开发区标准化厂房项目水电气配套接入", "配套", "report", "云河经济开发区管理委员会", {}, -50, -30, "normal",
       "厂房已主体完工,水电气配套接入尚未完成,影响企业入驻。", "kaifaqu", 6},
      {"南关街道安置房项目拆迁遗留问题化解", "拆迁", "other", "南关街道办事处", {"云河区住房和城乡建设局"}, -9, 12,
       "urgent", "安置房地块内2处遗留建筑尚未拆除,请南关街道会同住建局制定化解方案。", "nanguan", 1},
      {"云河水务污水处理厂提标改造项目环评批复", "手续", "other", "云河区生态环境分局", {}, -3, 10, "normal",
       "项目环评报告已报送,请跟踪审批进度,确保月底前取得批复。", nullptr, 0},
  };
  // The 推进会 whose decisions two of the items come from.
  store::Meeting m;
  m.title = "2026年第11次全区重点项目建设推进会";
  m.kind = "推进会";
  m.held_on = Day(today, -36);
  m.location = "区政府三楼会议室";
  m.host = "常务副区长";
  m.attendees = "区发改委、区自然资源和规划分局、区住房和城乡建设局、区财政局、各街道办事处、云河经济开发区管理委员会";
  m.minutes = "会议听取了全区重点项目建设进展情况汇报,分析了项目推进中存在的用地、手续、配套等问题,"
              "明确了责任单位和完成时限。会议要求各责任单位对照议定事项逐项销号,发改局加强督导,按周通报。";
  ASSIGN_OR_RETURN(int64_t kaifaqu, need("云河经济开发区管理委员会"));
  ASSIGN_OR_RETURN(int64_t nanguan, need("南关街道办事处"));
  m.decisions = {{0, 0, "开发区管委会会同自然资源和规划分局加快智能装备产业园二期用地组卷报批", kaifaqu, std::nullopt,
                  Day(today, -4)},
                 {0, 0, "南关街道牵头完善紫荆山路综合管廊周边道路及管网配套", nanguan, std::nullopt, Day(today, 3)},
                 {0, 0, "各街道、部门每周五前报送重点项目问题清单", std::nullopt, std::nullopt, std::nullopt}};
  ASSIGN_OR_RETURN(auto meeting, s.meetings.Create(m, who.staff));

  int count = 0;
  for (const Spec& spec : specs) {
    store::NewItem n;
    n.title = spec.title;
    n.description = spec.description;
    n.category = spec.category;
    n.source = spec.source;
    n.issuing_office = "区发展和改革局";
    ASSIGN_OR_RETURN(n.lead_unit_id, need(spec.lead));
    for (const char* c : spec.co) {
      ASSIGN_OR_RETURN(int64_t id, need(c));
      n.co_unit_ids.push_back(id);
    }
    n.issued_on = Day(today, spec.issued);
    n.deadline = Day(today, spec.deadline);
    n.priority = spec.priority;
    if (auto p = project_of(n.lead_unit_id)) {
      n.project_ids.push_back(p->id);
      if (n.source == std::string("report")) {
        auto reports = s.reports.ForProject(p->id);
        if (reports.ok() && !reports->empty()) n.report_id = reports->front().id;
      }
    }
    if (n.source == std::string("report") && !n.report_id) n.source = "other";
    if (n.source == std::string("meeting")) {
      for (const auto& d : meeting.decisions) {
        if (d.lead_unit_id == n.lead_unit_id) n.meeting_decision_id = d.id;
      }
    }
    ASSIGN_OR_RETURN(auto item, s.supervision.Create(n, who.staff));
    ++count;
    if (spec.path == 0 || !spec.lead_user) continue;
    const char* u = spec.lead_user;
    RETURN_IF_ERROR(act(item.id, ItemAction::kSign, u, "已签收,明确专人负责"));
    RETURN_IF_ERROR(act(item.id, ItemAction::kUpdate, u, "已召开专题协调会,制定推进计划,正在逐项落实"));
    switch (spec.path) {
      case 2:
        RETURN_IF_ERROR(act(item.id, ItemAction::kReportDone, u, "资金已拨付至施工单位,支出进度提高至68%"));
        break;
      case 3:
        RETURN_IF_ERROR(act(item.id, ItemAction::kReportDone, u, "已完成围挡修复和裸土覆盖"));
        RETURN_IF_ERROR(act(item.id, ItemAction::kReturn, nullptr, "现场复查仍有裸土未覆盖,请继续整改并附整改照片"));
        break;
      case 4:
        RETURN_IF_ERROR(act(item.id, ItemAction::kReportDone, u, "规划条件调整已经区规委会审议通过"));
        RETURN_IF_ERROR(act(item.id, ItemAction::kVerify, nullptr, "经核实已办结"));
        break;
      case 5:
        RETURN_IF_ERROR(act(item.id, ItemAction::kRequestExtension, u, "管网施工需避开冬季,申请延期一个月",
                            Day(today, 33)));
        break;
      case 6:
        RETURN_IF_ERROR(act(item.id, ItemAction::kReportDone, u, "水电气已全部接入"));
        RETURN_IF_ERROR(act(item.id, ItemAction::kVerify, nullptr, "经核实已办结,超期办结"));
        break;
      default:
        break;
    }
  }

  // 工作任务台账: the 2026 营商环境 要点任务 (seed 000: 19个方面99项要点任务, here a part of them).
  store::TaskLedger ledger;
  ledger.name = "2026年打造一流营商环境工作要点任务台账";
  ledger.year = ToChinaTime(NowUnix()).year;
  ledger.issuing_office = "区优化营商环境工作领导小组办公室";
  ledger.description = "梳理出19个方面99项要点任务,明确牵头单位,成立专班,指派专人负责(节选)。";
  ASSIGN_OR_RETURN(auto created_ledger, s.task_ledgers.Create(ledger, who.staff, today_s));
  struct Task {
    const char* area;
    const char* title;
    const char* lead;
    int deadline;
    int path;  // 0 待签收, 1 办理中, 4 已办结
  };
  const std::vector<Task> tasks = {
      {"企业开办", "企业开办全流程“一网通办”,开办时间压缩至1个工作日内", "云河区发展和改革委员会", 40, 1},
      {"企业开办", "新开办企业免费刻制公章", "云河区财政局", -10, 4},
      {"工程建设项目审批", "工程项目审批时限由100个工作日压缩至70个工作日内", "云河区住房和城乡建设局", 25, 1},
      {"工程建设项目审批", "推行“拿地即开工”,试点项目按期开工", "云河经济开发区管理委员会", -5, 1},
      {"不动产登记", "不动产登记业务“当天办、当场办”", "云河区自然资源和规划分局", 60, 0},
      {"不动产登记", "推行不动产登记“交房即颁证”模式", "云河区自然资源和规划分局", 90, 0},
      {"政务服务", "政务服务事项网上可办率达到100%", "云河区发展和改革委员会", 30, 1},
      {"政务服务", "设立“一件事”专窗和惠企政策“一窗”兑现专窗", "云河区商务局", -15, 4},
      {"获得用水用气", "用水用气报装时间压缩至5个工作日", "云河水务有限公司", 45, 0},
      {"以评促改", "建立营商环境评价问题整改台账,逐项整改到位", "云河区发展和改革委员会", 15, 1},
  };
  std::vector<store::NewItem> rows;
  int seq = 0;
  for (const Task& t : tasks) {
    store::NewItem n;
    n.kind = "task";
    n.task_ledger_id = created_ledger.id;
    n.task_seq = ++seq;
    n.area = t.area;
    n.title = t.title;
    n.category = "其他";
    n.source = "other";
    n.issuing_office = ledger.issuing_office;
    ASSIGN_OR_RETURN(n.lead_unit_id, need(t.lead));
    n.issued_on = Day(today, -45);
    n.deadline = Day(today, t.deadline);
    rows.push_back(std::move(n));
  }
  RETURN_IF_ERROR(s.supervision.CreateTasks(rows, who.staff).status());
  // Tasks of units with a demo account move on; the others wait for their receipt.
  store::ItemFilter f;
  f.kind = "task";
  f.task_ledger_id = created_ledger.id;
  f.sort = store::ItemSort::kNumber;
  ASSIGN_OR_RETURN(auto listed, s.supervision.List(f, {1, 100}));
  for (size_t i = 0; i < listed.items.size() && i < tasks.size(); ++i) {
    const auto& item = listed.items[i];
    const char* user = nullptr;
    for (const auto& [name, pair] : who.unit_users) {
      if (pair.second == item.lead_unit.id) user = name.c_str();
    }
    if (!user || tasks[i].path == 0) continue;
    RETURN_IF_ERROR(act(item.id, ItemAction::kSign, user, "已签收"));
    RETURN_IF_ERROR(act(item.id, ItemAction::kUpdate, user, "已制定工作方案,按月推进"));
    if (tasks[i].path == 4) {
      RETURN_IF_ERROR(act(item.id, ItemAction::kReportDone, user, "已完成"));
      RETURN_IF_ERROR(act(item.id, ItemAction::kVerify, nullptr, "经核实已完成"));
    }
  }
  log << fmt::format("演示督办:{} 项督办事项、1 次推进会、1 个工作任务台账({} 项任务)、2026 年节假日\n", count,
                     tasks.size());
  return Status::Ok();
}

}  // namespace tuijin::demo
