// The 督办事项台账 export read back with our reader: title, header, one row per item with
// 序号, 编号, the words, 逾期天数 (blank when not overdue) and 按期办结 是/否 once closed.
#include "report/supervision_list.h"

#include <gtest/gtest.h>

#include "xlsx/reader.h"

namespace tuijin::report {
namespace {

std::string Text(const xlsx::Row& row, size_t col) { return col < row.cells.size() ? row.cells[col].text : ""; }

SupervisionListRow Item(std::string number, std::string title) {
  SupervisionListRow r;
  r.number = std::move(number);
  r.title = std::move(title);
  r.category = "用地";
  r.source = "会议决定";
  r.priority = "紧急";
  r.lead_unit = "区自然资源和规划局";
  r.co_units = "区住房和城乡建设局、城东路街道办事处";
  r.projects = "云河科技园一期";
  r.issued_on = "2026-03-02";
  r.deadline = "2026-04-30";
  r.status = "办理中";
  return r;
}

xlsx::SheetContents ReadBack(const std::string& bytes, std::string* sheet_name) {
  auto wb = xlsx::Workbook::OpenBuffer(std::string_view(bytes));
  EXPECT_TRUE(wb.ok()) << wb.status().ToString();
  if (!wb.ok()) return {};
  *sheet_name = (*wb)->sheet_names().at(0);
  auto all = (*wb)->ReadAll();
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  return all.ok() ? *all : xlsx::SheetContents{};
}

TEST(SupervisionListTest, ItemsWithTheirStateInWords) {
  SupervisionList list;
  list.title = "督办事项台账(截至2026-12-02)";
  list.subtitle = "导出时间:2026-12-02 10:30";
  SupervisionListRow open = Item("2026-017", "协调解决云河科技园一期项目二期用地指标问题");
  open.overdue_days = 216;
  SupervisionListRow late = Item("2026-018", "滨江路综合改造工程管线迁改");
  late.status = "已办结";
  late.overdue_days = 0;
  late.closed_on = "2026-05-06";
  late.closed_on_time = false;
  SupervisionListRow on_time = Item("2026-019", "第三污水处理厂扩建环评批复");
  on_time.status = "已办结";
  on_time.co_units.clear();
  on_time.projects.clear();
  on_time.closed_on = "2026-04-01";
  on_time.closed_on_time = true;
  list.rows = {open, late, on_time};

  auto bytes = SupervisionListXlsx(list);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  std::string name;
  const auto all = ReadBack(*bytes, &name);
  EXPECT_EQ(name, "督办事项台账");
  const auto& rows = all.rows;
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(Text(rows[0], 0), "督办事项台账(截至2026-12-02)");
  EXPECT_EQ(Text(rows[1], 0), "导出时间:2026-12-02 10:30");
  EXPECT_EQ(rows[1].cells[0].text.find("万元"), std::string::npos);
  ASSERT_EQ(rows[2].index, 3);
  for (size_t c = 0; c < std::size(kSupervisionListHeaders); ++c) {
    EXPECT_EQ(Text(rows[2], c), kSupervisionListHeaders[c]) << c;
  }
  EXPECT_EQ(Text(rows[3], 0), "1");
  EXPECT_EQ(rows[3].cells[0].type, xlsx::CellType::kNumber);
  EXPECT_EQ(Text(rows[3], 1), "2026-017");
  EXPECT_EQ(Text(rows[3], 2), "协调解决云河科技园一期项目二期用地指标问题");
  EXPECT_EQ(Text(rows[3], 3), "用地");
  EXPECT_EQ(Text(rows[3], 4), "会议决定");
  EXPECT_EQ(Text(rows[3], 5), "紧急");
  EXPECT_EQ(Text(rows[3], 6), "区自然资源和规划局");
  EXPECT_EQ(Text(rows[3], 7), "区住房和城乡建设局、城东路街道办事处");
  EXPECT_EQ(Text(rows[3], 8), "云河科技园一期");
  EXPECT_EQ(Text(rows[3], 9), "2026-03-02");
  EXPECT_EQ(Text(rows[3], 10), "2026-04-30");
  EXPECT_EQ(Text(rows[3], 11), "办理中");
  EXPECT_EQ(Text(rows[3], 12), "216");
  EXPECT_EQ(rows[3].cells[12].type, xlsx::CellType::kNumber);
  EXPECT_EQ(Text(rows[3], 13), "");
  EXPECT_EQ(Text(rows[3], 14), "");

  EXPECT_EQ(Text(rows[4], 0), "2");
  EXPECT_EQ(Text(rows[4], 11), "已办结");
  EXPECT_EQ(rows[4].cells[12].type, xlsx::CellType::kEmpty);  // not overdue: a bordered blank
  EXPECT_EQ(Text(rows[4], 13), "2026-05-06");
  EXPECT_EQ(Text(rows[4], 14), "否");
  EXPECT_EQ(Text(rows[5], 1), "2026-019");
  EXPECT_EQ(rows[5].cells[7].type, xlsx::CellType::kEmpty);
  EXPECT_EQ(Text(rows[5], 14), "是");
  EXPECT_EQ(rows[5].index, 6);
  // The title and the line under it span the table.
  ASSERT_GE(all.merged.size(), 2u);
  EXPECT_EQ(xlsx::RangeName(all.merged[0]), "A1:O1");
  EXPECT_EQ(xlsx::RangeName(all.merged[1]), "A2:O2");
}

TEST(SupervisionListTest, TasksShowTheirSeqAndArea) {
  SupervisionList list;
  list.title = "2026年营商环境工作任务台账(截至2026-12-02)";
  list.tasks = true;
  SupervisionListRow t = Item("", "推行不动产登记“交房即颁证”");
  t.task_seq = 12;
  t.area = "不动产登记";
  SupervisionListRow unnumbered = Item("", "企业开办全程网办");
  list.rows = {t, unnumbered};
  auto bytes = SupervisionListXlsx(list);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  std::string name;
  const auto all = ReadBack(*bytes, &name);
  EXPECT_EQ(name, "任务台账");
  // The title, the header (row 3: an empty line under the title has no values to read), 2 rows.
  ASSERT_EQ(all.rows.size(), 4u);
  const auto& header = all.rows[1];
  EXPECT_EQ(header.index, 3);
  EXPECT_EQ(Text(header, 1), "方面");
  EXPECT_EQ(Text(header, 2), "任务内容");
  EXPECT_EQ(Text(header, 10), "完成时限");
  const auto& first = all.rows[all.rows.size() - 2];
  EXPECT_EQ(Text(first, 0), "12");
  EXPECT_EQ(Text(first, 1), "不动产登记");
  EXPECT_EQ(Text(first, 2), "推行不动产登记“交房即颁证”");
  EXPECT_EQ(Text(all.rows.back(), 0), "2");  // no seq: its place in the list
}

TEST(SupervisionListTest, EmptyListHasTheHeader) {
  SupervisionList list;
  list.title = "督办事项台账(截至2026-12-02)";
  auto bytes = SupervisionListXlsx(list);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  std::string name;
  const auto all = ReadBack(*bytes, &name);
  ASSERT_FALSE(all.rows.empty());
  EXPECT_EQ(Text(all.rows.back(), 2), "事项名称");
}

}  // namespace
}  // namespace tuijin::report
