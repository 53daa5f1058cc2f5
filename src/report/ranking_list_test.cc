// The month's ranking export read back with our reader: the metric's name over its column,
// units in the order given, money as exact 万元, rates as fractions ("—" when none), the
// movement as arrows, the last place's run and 约谈 step, the score with two decimals.
#include "report/ranking_list.h"

#include <gtest/gtest.h>

#include "base/money.h"
#include "xlsx/reader.h"

namespace tuijin::report {
namespace {

std::string Text(const xlsx::Row& row, size_t col) { return col < row.cells.size() ? row.cells[col].text : ""; }

TEST(RankingListTest, UnitsInRankOrder) {
  RankingList list;
  list.title = "云河区2026年1—10月各单位重点项目投资排名";
  list.subtitle = "排名指标:目标完成率    导出时间:2026-11-05 09:30";
  list.value_header = "目标完成率(排名)";
  RankingListRow first;
  first.rank = 1;
  first.unit = "城东路街道办事处";
  first.target = 50'000'000'000;           // 50000 万元
  first.year_to_date = 45'612'345'600;     // 45612.3456 万元
  first.last_year_to_date = 40'000'000'000;
  first.completion = 9122;
  first.growth = 1403;
  first.value = 9122;
  first.movement = 2;
  first.score = 10000;
  RankingListRow last;
  last.rank = 2;
  last.unit = "云河经济开发区管委会";
  last.target = 30'000'000'000;
  last.year_to_date = 3'000'000'000;
  last.completion = 1000;
  last.value = 1000;
  last.movement = -1;
  last.last_place_run = 2;
  last.escalation = "分管领导约谈";
  last.score = 1096;
  RankingListRow january;
  january.rank = 3;
  january.unit = "区住房和城乡建设局";
  list.rows = {first, last, january};

  auto bytes = RankingListXlsx(list);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto wb = xlsx::Workbook::OpenBuffer(std::string_view(*bytes));
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  EXPECT_EQ((*wb)->sheet_names().at(0), "月度排名");
  auto all = (*wb)->ReadAll();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  const auto& rows = all->rows;
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(Text(rows[0], 0), list.title);
  EXPECT_EQ(Text(rows[1], 0), list.subtitle + "    单位:万元");
  for (size_t c = 0; c < std::size(kRankingListHeaders); ++c) {
    EXPECT_EQ(Text(rows[2], c), c == 7 ? "目标完成率(排名)" : kRankingListHeaders[c]) << c;
  }
  EXPECT_EQ(Text(rows[3], 0), "1");
  EXPECT_EQ(Text(rows[3], 1), "城东路街道办事处");
  EXPECT_EQ(Text(rows[3], 2), "50000");
  EXPECT_EQ(ParseAmount(Text(rows[3], 3), MoneyUnit::kWanYuan), 45'612'345'600);
  EXPECT_EQ(Text(rows[3], 4), "40000");
  EXPECT_EQ(Text(rows[3], 5), "0.9122");
  EXPECT_EQ(Text(rows[3], 6), "0.1403");
  EXPECT_EQ(Text(rows[3], 7), "0.9122");
  EXPECT_EQ(Text(rows[3], 8), "↑2");
  EXPECT_EQ(rows[3].cells[9].type, xlsx::CellType::kEmpty);
  EXPECT_EQ(rows[3].cells[10].type, xlsx::CellType::kEmpty);
  EXPECT_EQ(Text(rows[3], 11), "100");
  EXPECT_EQ(Text(rows[4], 6), "—");  // no amount last year
  EXPECT_EQ(Text(rows[4], 8), "↓1");
  EXPECT_EQ(Text(rows[4], 9), "2");
  EXPECT_EQ(Text(rows[4], 10), "分管领导约谈");
  EXPECT_EQ(Text(rows[4], 11), "10.96");
  EXPECT_EQ(Text(rows[5], 0), "3");
  EXPECT_EQ(Text(rows[5], 5), "—");
  EXPECT_EQ(rows[5].cells[8].type, xlsx::CellType::kEmpty);  // January: no movement
  EXPECT_EQ(Text(rows[5], 11), "0");
}

}  // namespace
}  // namespace tuijin::report
