// A month's ledgers read back with our reader: title, merged two-row header, group headings
// with their counts, 小计 and 合计 sums, the area sheet's rows and total, and the lists.
#include "report/period_ledger.h"

#include <gtest/gtest.h>

#include "base/money.h"
#include "xlsx/reader.h"

namespace tuijin::report {
namespace {

std::string Text(const xlsx::Row& row, size_t col) { return col < row.cells.size() ? row.cells[col].text : ""; }

domain::LedgerProject P(std::string name, std::string area, std::string level, Fen plan, Fen ytd, std::string colour) {
  domain::LedgerProject p;
  p.code = "2026-410104-48-01-0" + std::to_string(10000 + name.size());
  p.name = std::move(name);
  p.area = std::move(area);
  p.level = std::move(level);
  p.owner = "云河城投集团";
  p.lead_unit = p.area;
  p.total = plan * 3;
  p.annual_plan = plan;
  p.year_to_date = ytd;
  p.period_amount = 1'234'560'000;  // 1234.56 万元
  p.since_start = ytd * 2;
  p.colour = std::move(colour);
  p.reported = p.colour != "red";
  p.progress = "主体结构施工至12层";
  return p;
}

domain::PeriodSnapshot Snapshot() {
  domain::PeriodSnapshot s;
  s.period = "2026-10";
  s.year = 2026;
  s.month = 10;
  s.schedule = {10, 12};
  s.district = "云河区";
  s.areas = {"城东路街道办事处", "南关街道办事处"};
  s.projects = {P("云河科技园一期", "城东路街道办事处", "province", 500'000'000'00, 400'000'000'00, "green"),
                P("南关安置房(1期)项目", "南关街道办事处", "district", 300'000'000'00, 50'000'000'00, "red"),
                P("北关商业综合体项目", "南关街道办事处", "district", 200'000'000'00, 120'000'000'00, "yellow")};
  s.overdue = {{"2026-017", "云河大道用地指标未落实", "区自然资源局", "2026-09-30", 31}};
  return s;
}

std::unique_ptr<xlsx::Workbook> Open(const std::string& bytes) {
  auto wb = xlsx::Workbook::OpenBuffer(std::string_view(bytes));
  EXPECT_TRUE(wb.ok()) << wb.status().ToString();
  return wb.ok() ? std::move(*wb) : nullptr;
}

TEST(PeriodLedgerTest, ProjectsByLevelWithSubtotalsAndTotal) {
  const auto s = Snapshot();
  auto bytes = PeriodLedgerXlsx(s, LedgerKind::kProjects, LedgerGrouping::kLevel);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto wb = Open(*bytes);
  ASSERT_TRUE(wb);
  ASSERT_EQ(wb->sheet_names().size(), 2u);
  EXPECT_EQ(wb->sheet_names()[0], "重点项目推进台账");
  EXPECT_EQ(wb->sheet_names()[1], "分地区汇总");
  auto all = wb->ReadAll(0);
  ASSERT_TRUE(all.ok());
  const auto& rows = all->rows;
  EXPECT_EQ(Text(rows[0], 0), "云河区2026年1—10月重点项目推进台账");
  EXPECT_EQ(Text(rows[2], 7), "完成投资");
  EXPECT_EQ(Text(rows[3], 7), "10月完成");
  EXPECT_EQ(Text(rows[3], 8), "1—10月累计");
  auto merged = [&](int r1, int c1, int r2, int c2) {
    for (const auto& m : all->merged) {
      if (m == xlsx::MergedRange{r1, c1, r2, c2}) return true;
    }
    return false;
  };
  EXPECT_TRUE(merged(3, 0, 4, 0));  // 序号 over two rows
  EXPECT_TRUE(merged(3, 7, 3, 10));  // 完成投资 over its four columns
  // 一、省重点项目(1个), row, 小计; 二、区重点项目(2个), two rows, 小计; 合计.
  EXPECT_EQ(Text(rows[4], 0), "一、省重点项目(1个)");
  EXPECT_EQ(Text(rows[5], 2), "云河科技园一期");
  EXPECT_EQ(Text(rows[5], 16), "绿");
  EXPECT_EQ(Text(rows[6], 0), "小计(1个)");
  EXPECT_EQ(Text(rows[6], 6), "50000");  // 年度计划 5 亿元 = 50000 万元
  EXPECT_EQ(Text(rows[7], 0), "二、区重点项目(2个)");
  EXPECT_EQ(Text(rows[8], 16), "红");
  EXPECT_EQ(Text(rows[10], 0), "小计(2个)");
  EXPECT_EQ(Text(rows[10], 8), "17000");  // 5000 + 12000
  EXPECT_EQ(Text(rows[10], 7), "2469.12");
  EXPECT_EQ(Text(rows[11], 0), "合计(3个)");
  EXPECT_EQ(Text(rows[11], 6), "100000");
  EXPECT_EQ(Text(rows[11], 8), "57000");
  EXPECT_EQ(rows.size(), 12u);

  auto areas = wb->ReadAll(1);
  ASSERT_TRUE(areas.ok());
  ASSERT_EQ(areas->rows.size(), 6u);
  EXPECT_EQ(Text(areas->rows[3], 0), "城东路街道办事处");
  EXPECT_EQ(Text(areas->rows[4], 1), "2");
  EXPECT_EQ(Text(areas->rows[5], 0), "合计");
  EXPECT_EQ(Text(areas->rows[5], 4), "57000");
}

TEST(PeriodLedgerTest, ByAreaAndTheLists) {
  const auto s = Snapshot();
  auto by_area = PeriodLedgerXlsx(s, LedgerKind::kProjects, LedgerGrouping::kArea);
  ASSERT_TRUE(by_area.ok());
  auto rows = Open(*by_area)->ReadAll(0)->rows;
  EXPECT_EQ(Text(rows[4], 0), "一、城东路街道办事处(1个)");
  EXPECT_EQ(Text(rows[7], 0), "二、南关街道办事处(2个)");

  auto lagging = PeriodLedgerXlsx(s, LedgerKind::kLagging);
  ASSERT_TRUE(lagging.ok());
  rows = Open(*lagging)->ReadAll(0)->rows;
  ASSERT_EQ(rows.size(), 5u);  // title, subtitle, header, red first, yellow
  EXPECT_EQ(Text(rows[3], 2), "南关安置房(1期)项目");
  EXPECT_EQ(Text(rows[4], 2), "北关商业综合体项目");

  auto missing = PeriodLedgerXlsx(s, LedgerKind::kMissing);
  rows = Open(*missing)->ReadAll(0)->rows;
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(Text(rows[3], 2), "南关安置房(1期)项目");

  auto overdue = PeriodLedgerXlsx(s, LedgerKind::kOverdue);
  rows = Open(*overdue)->ReadAll(0)->rows;
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(Text(rows[3], 1), "2026-017");
  EXPECT_EQ(Text(rows[3], 5), "31");
}

TEST(PeriodLedgerTest, ManyAreasAreNumberedInChinese) {
  auto s = Snapshot();
  s.areas.clear();
  s.projects.clear();
  for (int i = 0; i < 23; ++i) {
    s.areas.push_back("单位" + std::to_string(i));
    s.projects.push_back(P("项目" + std::to_string(i), s.areas.back(), "district", 100, 50, "green"));
  }
  auto bytes = PeriodLedgerXlsx(s, LedgerKind::kProjects, LedgerGrouping::kArea);
  ASSERT_TRUE(bytes.ok());
  auto rows = Open(*bytes)->ReadAll(0)->rows;
  std::vector<std::string> headings;
  for (const auto& r : rows) {
    const std::string a = Text(r, 0);
    if (a.find("、单位") != std::string::npos) headings.push_back(a.substr(0, a.find("、")));
  }
  ASSERT_EQ(headings.size(), 23u);
  EXPECT_EQ(headings[9], "十");
  EXPECT_EQ(headings[10], "十一");
  EXPECT_EQ(headings[19], "二十");
  EXPECT_EQ(headings[22], "二十三");
}

}  // namespace
}  // namespace tuijin::report
