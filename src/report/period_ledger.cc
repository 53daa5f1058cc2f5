#include "report/period_ledger.h"

#include <fmt/format.h>

#include <map>

#include "domain/project_rules.h"
#include "report/sheet_formats.h"
#include "xlsx/writer.h"

namespace tuijin::report {
namespace {

// 一, 二, … 十, 十一, … 二十一, … 九十九 (group headings); digits beyond.
std::string Numeral(size_t i) {
  static const char* kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  const size_t n = i + 1;
  if (n >= 100) return std::to_string(n);
  if (n < 10) return kDigits[n];
  return std::string(n >= 20 ? kDigits[n / 10] : "") + "十" + kDigits[n % 10];
}

struct Formats {
  SheetFormats f;
  ColourFormats colours;
  xlsx::Format percent, group_percent, centre;
};

Formats AddFormats(xlsx::WorkbookWriter& book) {
  Formats x;
  x.f = AddSheetFormats(book);
  xlsx::FormatSpec p = CellSpec();
  p.num_format = "0.0%";
  x.percent = book.AddFormat(p);
  xlsx::FormatSpec gp = p;
  gp.bold = true;
  gp.fill_color = 0xF2F2F2;
  x.group_percent = book.AddFormat(gp);
  xlsx::FormatSpec c = CellSpec();
  c.align = xlsx::HAlign::kCenter;
  x.centre = book.AddFormat(c);
  x.colours = AddColourFormats(book);
  return x;
}

std::string Subtitle(const domain::PeriodSnapshot& s) {
  return fmt::format("数据截至{}({})", domain::WordsOf(s).as_of,
                     s.locked ? "已锁定,取自锁定时的快照 " + s.taken_at.substr(0, 10) : "未锁定,实时数据");
}

std::string Title(const domain::PeriodSnapshot& s, std::string_view what) {
  return fmt::format("{}{}{}", s.district, domain::WordsOf(s).span, what);
}

Status Money(xlsx::Worksheet& sh, int r, int c, Fen fen, xlsx::Format f) {
  return sh.WriteDecimal(r, c, fen, kWanDecimals, f);
}

Status Rate(xlsx::Worksheet& sh, int r, int c, Fen done, Fen plan, xlsx::Format f, xlsx::Format blank) {
  if (plan <= 0) return sh.WriteString(r, c, "—", blank);
  return sh.WriteNumber(r, c, static_cast<double>(done) / static_cast<double>(plan), f);
}

struct Sums {
  int64_t count = 0;
  Fen total = 0, plan = 0, period = 0, ytd = 0, since = 0;
  void Add(const domain::LedgerProject& p) {
    ++count;
    total += p.total;
    plan += p.annual_plan;
    period += p.period_amount;
    ytd += p.year_to_date;
    since += p.since_start;
  }
};

// 重点项目推进台账: columns.
enum Col {
  kSeq, kCode, kName, kOwner, kContent, kTotal, kPlan, kPeriod, kYtd, kRate, kSince, kProgress, kProblems,
  kLead, kLeader, kRegistered, kColour, kColumns
};

Status ProjectsSheet(xlsx::WorkbookWriter& book, const Formats& x, const domain::PeriodSnapshot& s,
                     LedgerGrouping grouping) {
  ASSIGN_OR_RETURN(xlsx::Worksheet * sh, book.AddWorksheet("重点项目推进台账"));
  const SheetFormats& f = x.f;
  RETURN_IF_ERROR(WriteTitleRows(*sh, f, kColumns, Title(s, "重点项目推进台账"), Subtitle(s)));
  const int h = 2;
  const char* single[] = {"序号", "项目代码", "项目名称", "建设单位", "建设内容及规模", "总投资", "年度计划投资"};
  for (int c = 0; c < 7; ++c) RETURN_IF_ERROR(sh->MergeRange(h, c, h + 1, c, single[c], f.header));
  RETURN_IF_ERROR(sh->MergeRange(h, kPeriod, h, kSince, "完成投资", f.header));
  const char* tail[] = {"形象进度", "存在问题", "责任单位", "分包领导", "入库", "红黄绿"};
  for (int c = kProgress; c < kColumns; ++c) {
    RETURN_IF_ERROR(sh->MergeRange(h, c, h + 1, c, tail[c - kProgress], f.header));
  }
  const domain::PeriodWords words = domain::WordsOf(s);
  RETURN_IF_ERROR(sh->WriteString(h + 1, kPeriod, words.period_column, f.header));
  RETURN_IF_ERROR(sh->WriteString(h + 1, kYtd, words.year_column, f.header));
  RETURN_IF_ERROR(sh->WriteString(h + 1, kRate, "年度完成率", f.header));
  RETURN_IF_ERROR(sh->WriteString(h + 1, kSince, "开工累计", f.header));
  const double widths[] = {6, 24, 30, 22, 40, 12, 12, 12, 12, 10, 12, 36, 30, 18, 10, 8, 8};
  for (int c = 0; c < kColumns; ++c) RETURN_IF_ERROR(sh->SetColumnWidth(c, c, widths[c]));
  sh->FreezePanes(4, 3);

  // Groups in order: 省, 市, 区 by level; the areas' order by area.
  std::vector<std::pair<std::string, std::vector<const domain::LedgerProject*>>> groups;
  std::map<std::string, size_t> index;
  auto group_of = [&](const std::string& key, const std::string& label) -> auto& {
    auto it = index.find(key);
    if (it == index.end()) {
      it = index.emplace(key, groups.size()).first;
      groups.push_back({label, {}});
    }
    return groups[it->second].second;
  };
  if (grouping == LedgerGrouping::kLevel) {
    for (const char* level : {"province", "city", "district"}) {
      group_of(level, std::string(domain::LevelLabel(level)) + "项目");
    }
    for (const auto& p : s.projects) {
      const std::string level = p.level == "province" || p.level == "city" ? p.level : "district";
      group_of(level, "").push_back(&p);
    }
  } else {
    for (const auto& a : s.areas) group_of(a, a);
    for (const auto& p : s.projects) group_of(p.area, p.area).push_back(&p);
  }

  int row = h + 2;
  int64_t seq = 0;
  size_t numbered = 0;
  Sums grand;
  auto sum_row = [&](const std::string& label, const Sums& t) -> Status {
    RETURN_IF_ERROR(sh->MergeRange(row, kSeq, row, kContent, fmt::format("{}({}个)", label, t.count), f.group));
    RETURN_IF_ERROR(Money(*sh, row, kTotal, t.total, f.group_money));
    RETURN_IF_ERROR(Money(*sh, row, kPlan, t.plan, f.group_money));
    RETURN_IF_ERROR(Money(*sh, row, kPeriod, t.period, f.group_money));
    RETURN_IF_ERROR(Money(*sh, row, kYtd, t.ytd, f.group_money));
    RETURN_IF_ERROR(Rate(*sh, row, kRate, t.ytd, t.plan, x.group_percent, f.group));
    RETURN_IF_ERROR(Money(*sh, row, kSince, t.since, f.group_money));
    for (int c = kProgress; c < kColumns; ++c) RETURN_IF_ERROR(sh->WriteBlank(row, c, f.group));
    ++row;
    return Status::Ok();
  };
  for (const auto& [label, projects] : groups) {
    if (projects.empty()) continue;
    RETURN_IF_ERROR(sh->MergeRange(row, 0, row, kColumns - 1,
                                   fmt::format("{}、{}({}个)", Numeral(numbered++), label, projects.size()), f.group));
    ++row;
    Sums group;
    for (const domain::LedgerProject* p : projects) {
      group.Add(*p);
      RETURN_IF_ERROR(sh->WriteNumber(row, kSeq, static_cast<double>(++seq), x.centre));
      RETURN_IF_ERROR(sh->WriteString(row, kCode, p->code, f.text));
      RETURN_IF_ERROR(sh->WriteString(row, kName, p->name, f.wrap));
      RETURN_IF_ERROR(sh->WriteString(row, kOwner, p->owner, f.wrap));
      RETURN_IF_ERROR(sh->WriteString(row, kContent, p->content, f.wrap));
      RETURN_IF_ERROR(Money(*sh, row, kTotal, p->total, f.money));
      RETURN_IF_ERROR(Money(*sh, row, kPlan, p->annual_plan, f.money));
      RETURN_IF_ERROR(Money(*sh, row, kPeriod, p->period_amount, f.money));
      RETURN_IF_ERROR(Money(*sh, row, kYtd, p->year_to_date, f.money));
      RETURN_IF_ERROR(Rate(*sh, row, kRate, p->year_to_date, p->annual_plan, x.percent, x.centre));
      RETURN_IF_ERROR(Money(*sh, row, kSince, p->since_start, f.money));
      RETURN_IF_ERROR(sh->WriteString(row, kProgress, p->progress, f.wrap));
      RETURN_IF_ERROR(sh->WriteString(row, kProblems, p->problems, f.wrap));
      RETURN_IF_ERROR(sh->WriteString(row, kLead, p->lead_unit, f.wrap));
      RETURN_IF_ERROR(sh->WriteString(row, kLeader, p->leader, f.text));
      RETURN_IF_ERROR(sh->WriteString(row, kRegistered, p->registered ? "已入库" : "未入库", x.centre));
      RETURN_IF_ERROR(x.colours.Write(*sh, row, kColour, domain::ParseColour(p->colour).value_or(domain::Colour::kGreen)));
      ++row;
    }
    RETURN_IF_ERROR(sum_row("小计", group));
    for (const auto* p : projects) grand.Add(*p);
  }
  return sum_row("合计", grand);
}

Status AreasSheet(xlsx::WorkbookWriter& book, const Formats& x, const domain::PeriodSnapshot& s) {
  ASSIGN_OR_RETURN(xlsx::Worksheet * sh, book.AddWorksheet("分地区汇总"));
  const SheetFormats& f = x.f;
  constexpr int kCols = 7;
  RETURN_IF_ERROR(WriteTitleRows(*sh, f, kCols, Title(s, "重点项目分地区汇总表"), Subtitle(s)));
  const char* header[] = {"地区", "项目个数", "总投资", "年度计划投资", "累计投资", "完成年度%", "本期新增投资"};
  for (int c = 0; c < kCols; ++c) RETURN_IF_ERROR(sh->WriteString(2, c, header[c], f.header));
  const double widths[] = {28, 10, 14, 14, 14, 12, 14};
  for (int c = 0; c < kCols; ++c) RETURN_IF_ERROR(sh->SetColumnWidth(c, c, widths[c]));
  sh->FreezePanes(3, 1);
  int row = 3;
  auto write = [&](const domain::AreaSummary& a, bool total) -> Status {
    const xlsx::Format text = total ? f.group : f.text, money = total ? f.group_money : f.money;
    RETURN_IF_ERROR(sh->WriteString(row, 0, a.area, text));
    RETURN_IF_ERROR(sh->WriteNumber(row, 1, static_cast<double>(a.projects), total ? f.group : x.centre));
    RETURN_IF_ERROR(Money(*sh, row, 2, a.total, money));
    RETURN_IF_ERROR(Money(*sh, row, 3, a.annual_plan, money));
    RETURN_IF_ERROR(Money(*sh, row, 4, a.year_to_date, money));
    RETURN_IF_ERROR(Rate(*sh, row, 5, a.year_to_date, a.annual_plan, total ? x.group_percent : x.percent, text));
    RETURN_IF_ERROR(Money(*sh, row, 6, a.period_amount, money));
    ++row;
    return Status::Ok();
  };
  for (const auto& a : domain::SummarizeAreas(s, false)) RETURN_IF_ERROR(write(a, false));
  return write(domain::SnapshotTotal(s), true);
}

// A plain list: a title, one header row, the rows.
Status ListSheet(xlsx::WorkbookWriter& book, const Formats& x, const domain::PeriodSnapshot& s, const char* name,
                 const std::vector<ListColumn>& cols, xlsx::Worksheet** out) {
  ASSIGN_OR_RETURN(xlsx::Worksheet * sh, book.AddWorksheet(name));
  const int n = static_cast<int>(cols.size());
  RETURN_IF_ERROR(WriteTitleRows(*sh, x.f, n, Title(s, name), Subtitle(s)));
  RETURN_IF_ERROR(WriteHeaderRow(*sh, x.f, 2, cols));
  sh->FreezePanes(3, 0);
  *out = sh;
  return Status::Ok();
}

Status LaggingSheet(xlsx::WorkbookWriter& book, const Formats& x, const domain::PeriodSnapshot& s) {
  xlsx::Worksheet* sh = nullptr;
  RETURN_IF_ERROR(ListSheet(book, x, s, "进展滞后项目清单",
                            {{"序号", 6}, {"项目代码", 24}, {"项目名称", 30}, {"责任单位", 20}, {"年度计划投资", 14},
                             {"累计完成", 14}, {"年度完成率", 10}, {"红黄绿", 8}, {"原因", 50}, {"存在问题", 36}},
                            &sh));
  int row = 3;
  int64_t seq = 0;
  for (const domain::LedgerProject* p : domain::LaggingProjects(s)) {
    RETURN_IF_ERROR(sh->WriteNumber(row, 0, static_cast<double>(++seq), x.centre));
    RETURN_IF_ERROR(sh->WriteString(row, 1, p->code, x.f.text));
    RETURN_IF_ERROR(sh->WriteString(row, 2, p->name, x.f.wrap));
    RETURN_IF_ERROR(sh->WriteString(row, 3, p->lead_unit, x.f.wrap));
    RETURN_IF_ERROR(Money(*sh, row, 4, p->annual_plan, x.f.money));
    RETURN_IF_ERROR(Money(*sh, row, 5, p->year_to_date, x.f.money));
    RETURN_IF_ERROR(Rate(*sh, row, 6, p->year_to_date, p->annual_plan, x.percent, x.centre));
    // A lagging project is yellow or red.
    RETURN_IF_ERROR(x.colours.Write(*sh, row, 7, p->colour == "red" ? domain::Colour::kRed : domain::Colour::kYellow));
    RETURN_IF_ERROR(sh->WriteString(row, 8, p->reasons, x.f.wrap));
    RETURN_IF_ERROR(sh->WriteString(row, 9, p->problems, x.f.wrap));
    ++row;
  }
  return Status::Ok();
}

Status MissingSheet(xlsx::WorkbookWriter& book, const Formats& x, const domain::PeriodSnapshot& s) {
  xlsx::Worksheet* sh = nullptr;
  RETURN_IF_ERROR(ListSheet(book, x, s, "未报送项目清单",
                            {{"序号", 6}, {"项目代码", 24}, {"项目名称", 34}, {"责任单位", 22}, {"建设单位", 26},
                             {"分包领导", 10}},
                            &sh));
  int row = 3;
  int64_t seq = 0;
  for (const auto& p : s.projects) {
    if (p.reported) continue;
    RETURN_IF_ERROR(sh->WriteNumber(row, 0, static_cast<double>(++seq), x.centre));
    RETURN_IF_ERROR(sh->WriteString(row, 1, p.code, x.f.text));
    RETURN_IF_ERROR(sh->WriteString(row, 2, p.name, x.f.wrap));
    RETURN_IF_ERROR(sh->WriteString(row, 3, p.lead_unit, x.f.wrap));
    RETURN_IF_ERROR(sh->WriteString(row, 4, p.owner, x.f.wrap));
    RETURN_IF_ERROR(sh->WriteString(row, 5, p.leader, x.f.text));
    ++row;
  }
  return Status::Ok();
}

Status OverdueSheet(xlsx::WorkbookWriter& book, const Formats& x, const domain::PeriodSnapshot& s) {
  xlsx::Worksheet* sh = nullptr;
  RETURN_IF_ERROR(ListSheet(book, x, s, "逾期督办事项清单",
                            {{"序号", 6}, {"编号", 12}, {"督办事项", 40}, {"牵头单位", 24}, {"办理时限", 12},
                             {"逾期天数", 10}},
                            &sh));
  int row = 3;
  int64_t seq = 0;
  for (const auto& o : s.overdue) {
    RETURN_IF_ERROR(sh->WriteNumber(row, 0, static_cast<double>(++seq), x.centre));
    RETURN_IF_ERROR(sh->WriteString(row, 1, o.number, x.f.text));
    RETURN_IF_ERROR(sh->WriteString(row, 2, o.title, x.f.wrap));
    RETURN_IF_ERROR(sh->WriteString(row, 3, o.lead_unit, x.f.wrap));
    RETURN_IF_ERROR(sh->WriteString(row, 4, o.deadline, x.centre));
    RETURN_IF_ERROR(sh->WriteNumber(row, 5, static_cast<double>(o.days_overdue), x.centre));
    ++row;
  }
  return Status::Ok();
}

}  // namespace

std::optional<LedgerKind> ParseLedgerKind(std::string_view name) {
  if (name == "projects") return LedgerKind::kProjects;
  if (name == "areas") return LedgerKind::kAreas;
  if (name == "lagging") return LedgerKind::kLagging;
  if (name == "missing") return LedgerKind::kMissing;
  if (name == "overdue") return LedgerKind::kOverdue;
  return std::nullopt;
}

std::string_view LedgerKindLabel(LedgerKind k) {
  switch (k) {
    case LedgerKind::kProjects:
      return "重点项目推进台账";
    case LedgerKind::kAreas:
      return "分地区汇总表";
    case LedgerKind::kLagging:
      return "进展滞后项目清单";
    case LedgerKind::kMissing:
      return "未报送项目清单";
    case LedgerKind::kOverdue:
      return "逾期督办事项清单";
  }
  return "";
}

StatusOr<std::string> PeriodLedgerXlsx(const domain::PeriodSnapshot& s, LedgerKind kind, LedgerGrouping grouping) {
  std::string out;
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::CreateInMemory(&out));
  const Formats x = AddFormats(*book);
  switch (kind) {
    case LedgerKind::kProjects:
      RETURN_IF_ERROR(ProjectsSheet(*book, x, s, grouping));
      RETURN_IF_ERROR(AreasSheet(*book, x, s));
      break;
    case LedgerKind::kAreas:
      RETURN_IF_ERROR(AreasSheet(*book, x, s));
      break;
    case LedgerKind::kLagging:
      RETURN_IF_ERROR(LaggingSheet(*book, x, s));
      break;
    case LedgerKind::kMissing:
      RETURN_IF_ERROR(MissingSheet(*book, x, s));
      break;
    case LedgerKind::kOverdue:
      RETURN_IF_ERROR(OverdueSheet(*book, x, s));
      break;
  }
  RETURN_IF_ERROR(book->Close());
  return out;
}

}  // namespace tuijin::report
