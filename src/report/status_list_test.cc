// The 红黄绿状态表 export read back with our reader: title, the line with "单位:万元", header,
// rows worst first as given, money as exact 万元, 年度完成率 as a fraction, reasons one a line.
#include "report/status_list.h"

#include <gtest/gtest.h>

#include "base/money.h"
#include "xlsx/reader.h"

namespace tuijin::report {
namespace {

std::string Text(const xlsx::Row& row, size_t col) { return col < row.cells.size() ? row.cells[col].text : ""; }

TEST(StatusListTest, ColoursMoneyRatesAndReasons) {
  StatusList list;
  list.title = "云河区重点项目红黄绿状态表(2026年10月)";
  list.subtitle = "序时进度 83.3%    筛选:状态 红灯;级别 区重点    导出时间:2026-11-05 09:30    共 2 个项目";
  StatusListRow red;
  red.colour = domain::Colour::kRed;
  red.code = "2026-410104-48-01-012345";
  red.project = "南关安置房(1期)项目";
  red.level = "区重点";
  red.lead_unit = "南关街道办事处";
  red.annual_plan = 300'000'000'00;    // 30000 万元
  red.year_to_date = 9'612'345'678;    // 9612.345678 万元
  red.reasons = {"【投资进度】年度完成率32.0%,低于序时进度51.3个百分点", "【未报】连续2期未报送"};
  StatusListRow green;
  green.colour = domain::Colour::kGreen;
  green.project = "云河科技园一期";
  green.level = "省重点";
  green.lead_unit = "城东路街道办事处";
  list.rows = {red, green};

  auto bytes = StatusListXlsx(list);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto wb = xlsx::Workbook::OpenBuffer(std::string_view(*bytes));
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  EXPECT_EQ((*wb)->sheet_names().at(0), "红黄绿状态");
  auto all = (*wb)->ReadAll();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  const auto& rows = all->rows;
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(Text(rows[0], 0), list.title);
  EXPECT_EQ(Text(rows[1], 0), list.subtitle + "    单位:万元");
  for (size_t c = 0; c < std::size(kStatusListHeaders); ++c) EXPECT_EQ(Text(rows[2], c), kStatusListHeaders[c]) << c;
  EXPECT_EQ(Text(rows[3], 0), "1");
  EXPECT_EQ(Text(rows[3], 1), "红");
  EXPECT_EQ(Text(rows[3], 3), "南关安置房(1期)项目");
  EXPECT_EQ(Text(rows[3], 4), "区重点");
  EXPECT_EQ(Text(rows[3], 5), "南关街道办事处");
  EXPECT_EQ(rows[3].cells[6].type, xlsx::CellType::kNumber);
  EXPECT_EQ(Text(rows[3], 6), "30000");
  EXPECT_EQ(ParseAmount(Text(rows[3], 7), MoneyUnit::kWanYuan), 9'612'345'678);
  ASSERT_EQ(rows[3].cells[8].type, xlsx::CellType::kNumber);
  EXPECT_NEAR(*xlsx::ParseNumber(Text(rows[3], 8)), 9'612'345'678.0 / 300'000'000'00.0, 1e-12);
  EXPECT_EQ(Text(rows[3], 9), "【投资进度】年度完成率32.0%,低于序时进度51.3个百分点\n【未报】连续2期未报送");
  EXPECT_EQ(Text(rows[4], 1), "绿");
  EXPECT_EQ(rows[4].cells[2].type, xlsx::CellType::kEmpty);
  EXPECT_EQ(Text(rows[4], 6), "0");
  EXPECT_EQ(Text(rows[4], 8), "—");  // no plan, no rate
  EXPECT_EQ(Text(rows[4], 9), "");
  ASSERT_GE(all->merged.size(), 2u);
  EXPECT_EQ(xlsx::RangeName(all->merged[0]), "A1:J1");
}

}  // namespace
}  // namespace tuijin::report
