// A quarter's scores read back with our reader: the months named in the header, the scores
// with two decimals, 督查评分 blank when not entered, the awards.
#include "report/quarter_score_list.h"

#include <gtest/gtest.h>

#include "xlsx/reader.h"

namespace tuijin::report {
namespace {

std::string Text(const xlsx::Row& row, size_t col) { return col < row.cells.size() ? row.cells[col].text : ""; }

TEST(QuarterScoreListTest, MonthsScoresAndAwards) {
  QuarterScoreList list;
  list.title = "云河区2026年第三季度各单位考核评分";
  list.months = {7, 8, 9};
  list.rows = {{1, "城东路街道办事处", {10000, 9850, 10000}, 9500, 9905, "豹子奖"},
               {2, "南关街道办事处", {8012, 7710, 6900}, std::nullopt, 6786, ""},
               {3, "云河经济开发区管委会", {1096, 2000, 0}, 6000, 1529, "蜗牛奖"}};
  auto bytes = QuarterScoreListXlsx(list);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto wb = xlsx::Workbook::OpenBuffer(std::string_view(*bytes));
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  EXPECT_EQ((*wb)->sheet_names().at(0), "季度评分");
  auto all = (*wb)->ReadAll();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  const auto& rows = all->rows;
  // Title, header (the empty subtitle line has no value to read), three units.
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(Text(rows[0], 0), list.title);
  const auto& header = rows[1];
  EXPECT_EQ(header.index, 3);
  const char* expected[] = {"名次", "单位", "7月得分", "8月得分", "9月得分", "督查评分", "季度得分", "奖项"};
  for (size_t c = 0; c < std::size(expected); ++c) EXPECT_EQ(Text(header, c), expected[c]) << c;
  EXPECT_EQ(Text(rows[2], 1), "城东路街道办事处");
  EXPECT_EQ(Text(rows[2], 2), "100");
  EXPECT_EQ(Text(rows[2], 3), "98.5");
  EXPECT_EQ(Text(rows[2], 5), "95");
  EXPECT_EQ(Text(rows[2], 6), "99.05");
  EXPECT_EQ(Text(rows[2], 7), "豹子奖");
  EXPECT_EQ(rows[3].cells[5].type, xlsx::CellType::kEmpty);
  EXPECT_EQ(Text(rows[3], 6), "67.86");
  EXPECT_EQ(rows[3].cells.size() > 7 ? rows[3].cells[7].type : xlsx::CellType::kEmpty, xlsx::CellType::kEmpty);
  EXPECT_EQ(Text(rows[4], 0), "3");
  EXPECT_EQ(Text(rows[4], 4), "0");
  EXPECT_EQ(Text(rows[4], 7), "蜗牛奖");
}

}  // namespace
}  // namespace tuijin::report
