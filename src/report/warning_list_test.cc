// The 预警清单 export read back with our reader: title and filters line (no "单位:万元"), the
// header, one row per warning in the order given, 红/黄 in words, blanks where nothing was said.
#include "report/warning_list.h"

#include <gtest/gtest.h>

#include "xlsx/reader.h"

namespace tuijin::report {
namespace {

std::string Text(const xlsx::Row& row, size_t col) { return col < row.cells.size() ? row.cells[col].text : ""; }

xlsx::SheetContents ReadBack(const std::string& bytes, std::string* sheet_name) {
  auto wb = xlsx::Workbook::OpenBuffer(std::string_view(bytes));
  EXPECT_TRUE(wb.ok()) << wb.status().ToString();
  if (!wb.ok()) return {};
  *sheet_name = (*wb)->sheet_names().at(0);
  auto all = (*wb)->ReadAll();
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  return all.ok() ? *all : xlsx::SheetContents{};
}

TEST(WarningListTest, OneRowPerWarningInTheOrderGiven) {
  WarningList list;
  list.title = "云河区重点项目预警清单(2026年10月)";
  list.subtitle = "筛选:状态 未关闭;预警 红;责任单位 城东路街道办事处(含下级)    导出时间:2026-11-05 09:30    共 2 条";
  WarningListRow red;
  red.colour = domain::Colour::kRed;
  red.code = "2026-410104-48-01-012345";
  red.project = "云河科技园一期";
  red.lead_unit = "城东路街道办事处";
  red.metric = "投资进度";
  red.reason = "年度完成率32.0%,低于序时进度(83.3%)51.3个百分点";
  red.since_period = "2026-08";
  red.last_period = "2026-10";
  red.state = "已确认";
  red.ack_note = "已约谈建设单位,要求本月底前补足进度";
  red.acknowledged_by = "王建国";
  red.acknowledged_at = "2026-11-03 09:30";
  WarningListRow yellow;
  yellow.colour = domain::Colour::kYellow;
  yellow.project = "南关安置房(1期)项目";
  yellow.lead_unit = "南关街道办事处";
  yellow.metric = "未报";
  yellow.reason = "连续2期未报送";
  yellow.since_period = "2026-09";
  yellow.last_period = "2026-10";
  yellow.state = "待确认";
  list.rows = {red, yellow};

  auto bytes = WarningListXlsx(list);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  std::string name;
  const auto all = ReadBack(*bytes, &name);
  EXPECT_EQ(name, "预警清单");
  const auto& rows = all.rows;
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(Text(rows[0], 0), list.title);
  EXPECT_EQ(Text(rows[1], 0), list.subtitle);  // no amounts: no "单位:万元"
  for (size_t c = 0; c < std::size(kWarningListHeaders); ++c) EXPECT_EQ(Text(rows[2], c), kWarningListHeaders[c]) << c;
  EXPECT_EQ(rows[3].index, 4);
  EXPECT_EQ(Text(rows[3], 0), "1");
  EXPECT_EQ(rows[3].cells[0].type, xlsx::CellType::kNumber);
  EXPECT_EQ(Text(rows[3], 1), "红");
  EXPECT_EQ(Text(rows[3], 2), "2026-410104-48-01-012345");
  EXPECT_EQ(Text(rows[3], 3), "云河科技园一期");
  EXPECT_EQ(Text(rows[3], 4), "城东路街道办事处");
  EXPECT_EQ(Text(rows[3], 5), "投资进度");
  EXPECT_EQ(Text(rows[3], 6), "年度完成率32.0%,低于序时进度(83.3%)51.3个百分点");
  EXPECT_EQ(Text(rows[3], 7), "2026-08");
  EXPECT_EQ(Text(rows[3], 8), "2026-10");
  EXPECT_EQ(Text(rows[3], 9), "已确认");
  EXPECT_EQ(Text(rows[3], 10), "已约谈建设单位,要求本月底前补足进度");
  EXPECT_EQ(Text(rows[3], 11), "王建国");
  EXPECT_EQ(Text(rows[3], 12), "2026-11-03 09:30");
  EXPECT_EQ(Text(rows[3], 13), "");
  EXPECT_EQ(Text(rows[4], 0), "2");
  EXPECT_EQ(Text(rows[4], 1), "黄");
  EXPECT_EQ(rows[4].cells[2].type, xlsx::CellType::kEmpty);  // no code: a bordered blank
  EXPECT_EQ(Text(rows[4], 3), "南关安置房(1期)项目");
  EXPECT_EQ(Text(rows[4], 9), "待确认");
  EXPECT_EQ(Text(rows[4], 10), "");
  ASSERT_GE(all.merged.size(), 2u);
  EXPECT_EQ(xlsx::RangeName(all.merged[0]), "A1:N1");
  EXPECT_EQ(xlsx::RangeName(all.merged[1]), "A2:N2");
}

TEST(WarningListTest, NoWarningsStillHasTheHeader) {
  WarningList list;
  list.title = "云河区重点项目预警清单(2026年10月)";
  auto bytes = WarningListXlsx(list);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  std::string name;
  const auto all = ReadBack(*bytes, &name);
  ASSERT_FALSE(all.rows.empty());
  EXPECT_EQ(all.rows.back().index, 3);
  EXPECT_EQ(Text(all.rows.back(), 3), "项目名称");
}

}  // namespace
}  // namespace tuijin::report
