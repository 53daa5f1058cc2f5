// Briefing figures and templates: placeholders filled from a month's projects, sections kept
// or dropped on their value, headings/tables/charts by line, and errors naming field and line.
#include "domain/briefing.h"

#include <gtest/gtest.h>

namespace tuijin::domain {
namespace {

LedgerProject P(std::string name, std::string area, std::string level, Fen plan, Fen ytd, std::string colour,
                bool reported = true) {
  LedgerProject p;
  p.name = std::move(name);
  p.area = std::move(area);
  p.level = std::move(level);
  p.total = plan * 4;
  p.annual_plan = plan;
  p.year_to_date = ytd;
  p.period_amount = ytd / 10;
  p.colour = std::move(colour);
  p.reported = reported;
  p.started = ytd > 0;
  p.registered = true;  // 已入库: no 应统未统
  return p;
}

constexpr Fen kYi = 10'000'000'000;  // 1 亿元 in fen

PeriodSnapshot October() {
  PeriodSnapshot s;
  s.period = "2026-10";
  s.year = 2026;
  s.month = 10;
  s.schedule = {10, 12};
  s.district = "云河区";
  s.areas = {"城东路街道办事处", "南关街道办事处", "云河经济开发区管理委员会"};
  s.projects = {P("云河科技园一期", "城东路街道办事处", "province", 10 * kYi, 9 * kYi, "green"),
                P("南关安置房(1期)项目", "南关街道办事处", "district", 4 * kYi, 1 * kYi, "red", false),
                P("北关商业综合体项目", "南关街道办事处", "city", 2 * kYi, 1 * kYi, "yellow"),
                P("陇海智能制造产业园(3期)", "云河经济开发区管理委员会", "district", 4 * kYi, 3 * kYi, "green")};
  s.overdue = {{"2026-017", "云河大道用地指标未落实", "区自然资源局", "2026-09-30", 31}};
  return s;
}

TEST(BriefingValuesTest, FiguresInWords) {
  const auto v = BriefingValues(October());
  EXPECT_EQ(v.at("项目总数"), "4");
  EXPECT_EQ(v.at("省重点项目数"), "1");
  EXPECT_EQ(v.at("区重点项目数"), "2");
  EXPECT_EQ(v.at("年度计划投资"), "20.00");
  EXPECT_EQ(v.at("累计完成投资"), "14.00");
  EXPECT_EQ(v.at("年度完成率"), "70.0%");
  EXPECT_EQ(v.at("序时进度"), "83.3%");
  EXPECT_EQ(v.at("序时对比"), "低于序时进度13.3个百分点");
  EXPECT_EQ(v.at("进展滞后项目数"), "1");
  EXPECT_EQ(v.at("进展缓慢项目数"), "1");
  EXPECT_EQ(v.at("滞后项目名单"), "南关安置房(1期)项目");
  EXPECT_EQ(v.at("未报送项目数"), "1");
  EXPECT_EQ(v.at("逾期督办数"), "1");
  EXPECT_EQ(v.at("完成率最高地区"), "城东路街道办事处");  // 90 %
  EXPECT_EQ(v.at("完成率最低地区"), "南关街道办事处");    // 33 %
  EXPECT_EQ(v.at("期间"), "1—10月");
}

TEST(BriefingValuesTest, AreasInUnitOrderOrRanked) {
  const auto s = October();
  const auto plain = SummarizeAreas(s, false);
  ASSERT_EQ(plain.size(), 3u);
  EXPECT_EQ(plain[1].area, "南关街道办事处");
  EXPECT_EQ(plain[1].projects, 2);
  EXPECT_EQ(plain[1].annual_plan, 6 * kYi);
  EXPECT_EQ(plain[1].red, 1);
  const auto ranked = SummarizeAreas(s, true);
  EXPECT_EQ(ranked[0].area, "城东路街道办事处");
  EXPECT_EQ(ranked[1].area, "云河经济开发区管理委员会");
  EXPECT_EQ(ranked[2].area, "南关街道办事处");
  const AreaSummary t = SnapshotTotal(s);
  EXPECT_EQ(t.projects, 4);
  EXPECT_EQ(t.year_to_date, 14 * kYi);
  // Red first, then the furthest behind.
  const auto lagging = LaggingProjects(s);
  ASSERT_EQ(lagging.size(), 2u);
  EXPECT_EQ(lagging[0]->name, "南关安置房(1期)项目");
}

TEST(BriefingTemplateTest, SectionsHeadingsTablesAndCharts) {
  const auto v = BriefingValues(October());
  auto blocks = RenderTemplate(
      "截至{{截至}},全区{{项目总数}}个项目。\n"
      "# 一、总体情况\n"
      "## (一)投资\n"
      "{{#if 逾期督办数}}逾期督办{{逾期督办数}}件。\n[表:逾期督办]\n{{/if}}"
      "{{#if 应统未统项目数}}应统未统{{应统未统项目数}}个。{{/if}}\n"
      "[图:地区投资]\n",
      v);
  ASSERT_TRUE(blocks.ok()) << blocks.status().ToString();
  ASSERT_EQ(blocks->size(), 6u);
  EXPECT_EQ((*blocks)[0].text, "截至10月底,全区4个项目。");
  EXPECT_EQ((*blocks)[1].kind, TemplateBlock::Kind::kHeading);
  EXPECT_EQ((*blocks)[1].level, 1);
  EXPECT_EQ((*blocks)[2].level, 2);
  EXPECT_EQ((*blocks)[2].text, "(一)投资");
  EXPECT_EQ((*blocks)[3].text, "逾期督办1件。");
  EXPECT_EQ((*blocks)[4].kind, TemplateBlock::Kind::kTable);
  EXPECT_EQ((*blocks)[4].text, "逾期督办");
  // 应统未统 is 0: its section is gone.
  EXPECT_EQ((*blocks)[5].kind, TemplateBlock::Kind::kChart);
}

TEST(BriefingTemplateTest, ErrorsNameFieldAndLine) {
  auto unknown = CheckTemplate("第一段\n共{{项目数量}}个", "body");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.fields().at("body"), "第2行:未知的占位符“项目数量”");
  auto unclosed = CheckTemplate("{{#if 逾期督办数}}逾期", "body");
  EXPECT_NE(unclosed.fields().at("body").find("没有对应的"), std::string::npos);
  auto stray = CheckTemplate("a{{/if}}", "title");
  EXPECT_TRUE(stray.fields().count("title"));
  auto table = CheckTemplate("[表:项目排名]", "body");
  EXPECT_NE(table.fields().at("body").find("未知的表格"), std::string::npos);
  auto brace = CheckTemplate("共{{项目总数个", "body");
  EXPECT_FALSE(brace.ok());
  EXPECT_TRUE(CheckTemplate("{{#if 逾期督办数}}{{#if 未报送项目数}}x{{/if}}{{/if}}", "body").ok());
}

TEST(BriefingFormatTest, YiAndWanRounded) {
  EXPECT_EQ(FormatYi(123'456'789'000), "12.35");
  EXPECT_EQ(FormatYi(0), "0.00");
  EXPECT_EQ(FormatWan(1'234'505'000), "1234.51");
  EXPECT_EQ(MonthsLabel(1), "1月");
  EXPECT_EQ(MonthsLabel(12), "1—12月");
}

TEST(BriefingFormatTest, PeriodWordsOfMonthsAndWeeks) {
  PeriodSnapshot month;
  month.period = "2026-10";
  month.year = 2026;
  month.month = 10;
  const PeriodWords m = WordsOf(month);
  EXPECT_EQ(m.span, "2026年1—10月");
  EXPECT_EQ(m.as_of, "2026年10月底");
  EXPECT_EQ(m.period_column, "10月完成");
  EXPECT_EQ(m.year_column, "1—10月累计");
  EXPECT_EQ(m.file_part, "2026年10月");

  PeriodSnapshot week;  // 2027-W01 starts on 4 January; 2026-W53 ends in 2027
  week.period = "2026-W53";
  week.year = 2026;
  week.month = 12;
  week.week = 53;
  const PeriodWords w = WordsOf(week);
  EXPECT_EQ(w.span, "2026年第53周");
  EXPECT_EQ(w.as_of, "2027年1月3日(第53周:12月28日—1月3日)");
  EXPECT_EQ(w.period_column, "本周完成");
  EXPECT_EQ(w.year_column, "年初至本周累计");
  EXPECT_EQ(w.file_part, "2026年第53周");
}

}  // namespace
}  // namespace tuijin::domain
