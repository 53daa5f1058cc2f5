#include "report/briefing_compose.h"

#include <fmt/format.h>

#include <cstdio>

namespace tuijin::report {
namespace {

constexpr size_t kMaxListedRows = 30;  // a briefing lists the worst ones; the ledger has them all

double Yi(Fen fen) { return static_cast<double>(fen) / 1e10; }

std::string Rate(Fen done, Fen plan) {
  if (plan <= 0) return "—";
  return domain::FormatPercent(domain::Ratio{done, plan});
}

std::string ColourWord(const std::string& c) {
  return c == "red" ? "红" : c == "yellow" ? "黄" : "绿";
}

BriefingBlock AreaTable(const domain::PeriodSnapshot& s) {
  BriefingBlock b;
  b.kind = BriefingBlock::Kind::kTable;
  b.table.caption = fmt::format("{}年{}各地区重点项目推进情况", s.year, domain::MonthsLabel(s.month));
  b.table.header = {"地区", "项目个数", "总投资(亿元)", "年度计划(亿元)", "累计完成(亿元)", "完成年度%", "本期新增(亿元)"};
  b.table.numeric = {false, true, true, true, true, true, true};
  b.table.widths = {2.2, 1, 1.3, 1.3, 1.3, 1.1, 1.3};
  auto row = [](const domain::AreaSummary& a) {
    return std::vector<std::string>{a.area,
                                    std::to_string(a.projects),
                                    domain::FormatYi(a.total),
                                    domain::FormatYi(a.annual_plan),
                                    domain::FormatYi(a.year_to_date),
                                    Rate(a.year_to_date, a.annual_plan),
                                    domain::FormatYi(a.period_amount)};
  };
  for (const auto& a : domain::SummarizeAreas(s, false)) b.table.rows.push_back(row(a));
  b.table.rows.push_back(row(domain::SnapshotTotal(s)));
  b.table.last_row_total = true;
  return b;
}

BriefingBlock RankingTable(const domain::PeriodSnapshot& s) {
  BriefingBlock b;
  b.kind = BriefingBlock::Kind::kTable;
  b.table.caption = "各地区年度投资完成率排名";
  b.table.header = {"排名", "地区", "项目个数", "年度计划(亿元)", "累计完成(亿元)", "完成率", "红/黄/绿"};
  b.table.numeric = {true, false, true, true, true, true, false};
  b.table.widths = {0.8, 2.2, 1, 1.3, 1.3, 1.1, 1.2};
  int rank = 0;
  for (const auto& a : domain::SummarizeAreas(s, true)) {
    b.table.rows.push_back({a.rate() ? std::to_string(++rank) : "—", a.area, std::to_string(a.projects),
                            domain::FormatYi(a.annual_plan), domain::FormatYi(a.year_to_date),
                            Rate(a.year_to_date, a.annual_plan),
                            fmt::format("{}/{}/{}", a.red, a.yellow, a.green)});
  }
  return b;
}

BriefingBlock LaggingTable(const domain::PeriodSnapshot& s) {
  BriefingBlock b;
  b.kind = BriefingBlock::Kind::kTable;
  const auto lagging = domain::LaggingProjects(s);
  b.table.caption = lagging.size() > kMaxListedRows
                        ? fmt::format("进展缓慢和滞后项目(共{}个,列前{}个)", lagging.size(), kMaxListedRows)
                        : fmt::format("进展缓慢和滞后项目(共{}个)", lagging.size());
  b.table.header = {"序号", "项目名称", "责任单位", "年度计划(万元)", "累计完成(万元)", "完成率", "状态", "原因"};
  b.table.numeric = {true, false, false, true, true, true, false, false};
  b.table.widths = {0.6, 2.6, 1.6, 1.2, 1.2, 0.9, 0.6, 3};
  for (size_t i = 0; i < lagging.size() && i < kMaxListedRows; ++i) {
    const auto& p = *lagging[i];
    b.table.rows.push_back({std::to_string(i + 1), p.name, p.lead_unit, domain::FormatWan(p.annual_plan),
                            domain::FormatWan(p.year_to_date), Rate(p.year_to_date, p.annual_plan),
                            ColourWord(p.colour), p.reasons});
  }
  if (lagging.empty()) b.table.rows.push_back({"", "无", "", "", "", "", "", ""});
  return b;
}

BriefingBlock MissingTable(const domain::PeriodSnapshot& s) {
  BriefingBlock b;
  b.kind = BriefingBlock::Kind::kTable;
  b.table.header = {"序号", "项目名称", "责任单位", "建设单位"};
  b.table.numeric = {true, false, false, false};
  b.table.widths = {0.6, 3, 2, 2};
  size_t n = 0, all = 0;
  for (const auto& p : s.projects) {
    if (p.reported) continue;
    ++all;
    if (n < kMaxListedRows) b.table.rows.push_back({std::to_string(++n), p.name, p.lead_unit, p.owner});
  }
  b.table.caption = fmt::format("{}月未报送进度项目(共{}个)", s.month, all);
  if (all == 0) b.table.rows.push_back({"", "无", "", ""});
  return b;
}

BriefingBlock OverdueTable(const domain::PeriodSnapshot& s) {
  BriefingBlock b;
  b.kind = BriefingBlock::Kind::kTable;
  b.table.caption = fmt::format("逾期未办结督办事项(共{}件)", s.overdue.size());
  b.table.header = {"编号", "督办事项", "牵头单位", "办理时限", "逾期天数"};
  b.table.numeric = {false, false, false, false, true};
  b.table.widths = {1.1, 3.2, 2, 1.3, 0.9};
  for (const auto& o : s.overdue) {
    b.table.rows.push_back({o.number, o.title, o.lead_unit, o.deadline, std::to_string(o.days_overdue)});
  }
  if (s.overdue.empty()) b.table.rows.push_back({"", "无", "", "", ""});
  return b;
}

BriefingBlock InvestmentChart(const domain::PeriodSnapshot& s) {
  BriefingBlock b;
  b.kind = BriefingBlock::Kind::kChart;
  b.chart.title = "各地区年度计划与累计完成投资(亿元)";
  b.chart.unit = "亿元";
  ChartSeries plan{"年度计划投资", {}}, done{"累计完成投资", {}};
  for (const auto& a : domain::SummarizeAreas(s, false)) {
    b.chart.categories.push_back(a.area);
    plan.values.push_back(Yi(a.annual_plan));
    done.values.push_back(Yi(a.year_to_date));
  }
  b.chart.series = {std::move(plan), std::move(done)};
  return b;
}

BriefingBlock ColourChart(const domain::PeriodSnapshot& s) {
  BriefingBlock b;
  b.kind = BriefingBlock::Kind::kChart;
  b.chart.title = "各地区红黄绿项目个数";
  b.chart.unit = "个";
  ChartSeries red{"进展滞后(红)", {}}, yellow{"进展缓慢(黄)", {}}, green{"正常推进(绿)", {}};
  for (const auto& a : domain::SummarizeAreas(s, false)) {
    b.chart.categories.push_back(a.area);
    red.values.push_back(static_cast<double>(a.red));
    yellow.values.push_back(static_cast<double>(a.yellow));
    green.values.push_back(static_cast<double>(a.green));
  }
  b.chart.series = {std::move(green), std::move(yellow), std::move(red)};
  return b;
}

}  // namespace

std::string ChineseDate(const std::string& iso_day) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(iso_day.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return iso_day;
  return fmt::format("{}年{}月{}日", y, m, d);
}

StatusOr<BriefingDocument> ComposeBriefing(const domain::PeriodSnapshot& s, const BriefingTemplateText& t,
                                           const BriefingIssue& issue) {
  const auto values = domain::BriefingValues(s);
  BriefingDocument doc;
  doc.series = t.series;
  doc.issue = issue.issue;
  doc.office = issue.office;
  doc.date = issue.date;
  doc.doc_number = issue.doc_number;
  ASSIGN_OR_RETURN(doc.title, domain::RenderLine(t.title, values, "title"));
  ASSIGN_OR_RETURN(auto blocks, domain::RenderTemplate(t.body, values));
  using TK = domain::TemplateBlock::Kind;
  for (const auto& tb : blocks) {
    switch (tb.kind) {
      case TK::kHeading:
        doc.blocks.push_back({BriefingBlock::Kind::kHeading, tb.level, tb.text, {}, {}});
        break;
      case TK::kParagraph:
        doc.blocks.push_back({BriefingBlock::Kind::kParagraph, 1, tb.text, {}, {}});
        break;
      case TK::kTable:
        if (tb.text == "地区汇总") doc.blocks.push_back(AreaTable(s));
        if (tb.text == "地区排名") doc.blocks.push_back(RankingTable(s));
        if (tb.text == "滞后项目") doc.blocks.push_back(LaggingTable(s));
        if (tb.text == "未报送") doc.blocks.push_back(MissingTable(s));
        if (tb.text == "逾期督办") doc.blocks.push_back(OverdueTable(s));
        break;
      case TK::kChart:
        if (tb.text == "地区投资") doc.blocks.push_back(InvestmentChart(s));
        if (tb.text == "红黄绿") doc.blocks.push_back(ColourChart(s));
        break;
    }
  }
  size_t from = 0;
  while (from < t.distribution.size()) {
    size_t to = t.distribution.find('\n', from);
    if (to == std::string::npos) to = t.distribution.size();
    ASSIGN_OR_RETURN(std::string line, domain::RenderLine(t.distribution.substr(from, to - from), values, "distribution"));
    if (!line.empty()) doc.distribution.push_back(std::move(line));
    from = to + 1;
  }
  return doc;
}

}  // namespace tuijin::report
