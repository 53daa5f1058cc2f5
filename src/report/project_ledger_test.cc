// The project ledger layout, read back with our reader: title and unit line, the two-row
// header with 资金来源 over its sources, group headings, 序号 across groups, 小计 under each
// titled group, 合计 at the end, amounts exact in 万元.
#include "report/project_ledger.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "xlsx/reader.h"

namespace tuijin::report {
namespace {

LedgerRow Row(const std::string& name, Fen total, std::vector<Fen> funding) {
  LedgerRow r;
  r.code = "2024-410104-46-01-" + std::to_string(100000 + name.size());
  r.name = name;
  r.level = "区重点";
  r.lead = "云河区住房和城乡建设局";
  r.total = total;
  r.funding = std::move(funding);
  r.stage = "在建";
  r.registered = "是";
  r.lng = 113.71;
  return r;
}

// Cell `col` of `row` as text ("" when empty or past the end).
std::string Text(const xlsx::Row& row, size_t col) { return col < row.cells.size() ? row.cells[col].text : ""; }

TEST(ProjectLedgerTest, GroupsSubtotalsAndTotal) {
  std::string bytes;
  {
    auto book = xlsx::WorkbookWriter::CreateInMemory(&bytes);
    ASSERT_TRUE(book.ok());
    auto ledger = ProjectLedgerWriter::Create(
        std::move(*book), {"重点项目台账", "导出时间:2026-11-23", {"中央预算内", "专项债"}});
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    ProjectLedgerWriter& w = **ledger;
    ASSERT_TRUE(w.BeginGroup("一、省重点项目(2个)").ok());
    ASSERT_TRUE(w.AddRow(Row("云河科技园一期", 123456789, {0, 100000000})).ok());
    ASSERT_TRUE(w.AddRow(Row("滨江路改造工程", 1, {1, 0})).ok());
    ASSERT_TRUE(w.BeginGroup("二、区重点项目(1个)").ok());
    ASSERT_TRUE(w.AddRow(Row("第三污水处理厂(扩建)", 45000 * kFenPerWan, {})).ok());
    ASSERT_TRUE(w.Finish().ok());
    EXPECT_FALSE(w.AddRow(Row("晚了", 1, {})).ok());
    EXPECT_FALSE(w.Finish().ok());
  }
  auto wb = xlsx::Workbook::OpenBuffer(std::string_view(bytes));
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  EXPECT_EQ((*wb)->sheet_names(), std::vector<std::string>{"项目台账"});
  auto all = (*wb)->ReadAll();
  ASSERT_TRUE(all.ok());
  const auto& rows = all->rows;
  ASSERT_EQ(rows.size(), 12u);
  EXPECT_EQ(Text(rows[0], 0), "重点项目台账");
  EXPECT_EQ(Text(rows[1], 0), "导出时间:2026-11-23    单位:万元");
  // Header: 序号 + 19 leading columns, then 资金来源 over two sources, then 9 trailing.
  EXPECT_EQ(Text(rows[2], 0), "序号");
  EXPECT_EQ(Text(rows[2], 19), "总投资");
  EXPECT_EQ(Text(rows[2], 20), "资金来源");
  EXPECT_EQ(Text(rows[2], 22), "计划开工");
  EXPECT_EQ(Text(rows[3], 20), "中央预算内");
  EXPECT_EQ(Text(rows[3], 21), "专项债");

  EXPECT_EQ(Text(rows[4], 0), "一、省重点项目(2个)");
  EXPECT_EQ(Text(rows[5], 0), "1");
  EXPECT_EQ(Text(rows[5], 2), "云河科技园一期");
  EXPECT_EQ(Text(rows[5], 19), "123.456789");  // exact 万元
  ASSERT_GT(rows[5].cells.size(), 21u);
  EXPECT_EQ(rows[5].cells[20].type, xlsx::CellType::kEmpty);  // no amount: a bordered blank
  EXPECT_EQ(Text(rows[5], 21), "100");
  EXPECT_EQ(Text(rows[5], 16), "113.71");
  EXPECT_EQ(rows[5].cells[17].type, xlsx::CellType::kEmpty);  // no latitude
  EXPECT_EQ(Text(rows[6], 0), "2");
  EXPECT_EQ(Text(rows[6], 19), "0.000001");
  EXPECT_EQ(Text(rows[7], 1), "小计");
  EXPECT_EQ(Text(rows[7], 19), "123.45679");
  EXPECT_EQ(Text(rows[7], 20), "0.000001");
  EXPECT_EQ(Text(rows[7], 21), "100");
  EXPECT_EQ(Text(rows[8], 0), "二、区重点项目(1个)");
  EXPECT_EQ(Text(rows[9], 0), "3");  // 序号 runs on across groups
  EXPECT_EQ(Text(rows[9], 19), "45000");
  EXPECT_EQ(Text(rows[10], 1), "小计");
  EXPECT_EQ(Text(rows[10], 19), "45000");
  EXPECT_EQ(Text(rows[11], 1), "合计");
  EXPECT_EQ(Text(rows[11], 19), "45123.45679");
  EXPECT_EQ(Text(rows[11], 20), "0.000001");
  EXPECT_EQ(Text(rows[11], 21), "100");
  EXPECT_EQ(rows[11].index, 12);

  const int last = 30;  // AE: 1 + 19 + 2 + 9 columns
  EXPECT_EQ(all->merged.front(), (xlsx::MergedRange{1, 0, 1, last}));
  EXPECT_NE(std::find(all->merged.begin(), all->merged.end(), xlsx::MergedRange{3, 20, 3, 21}), all->merged.end());
  EXPECT_NE(std::find(all->merged.begin(), all->merged.end(), xlsx::MergedRange{3, 0, 4, 0}), all->merged.end());
  EXPECT_NE(std::find(all->merged.begin(), all->merged.end(), xlsx::MergedRange{5, 0, 5, last}), all->merged.end());
  EXPECT_NE(std::find(all->merged.begin(), all->merged.end(), xlsx::MergedRange{9, 0, 9, last}), all->merged.end());
}

TEST(ProjectLedgerTest, UntitledRowsHaveNoSubtotal) {
  ProjectLedger ledger;
  ledger.heading = {"台账", "导出时间:2026-11-23", {"专项债"}};
  ledger.groups.push_back({"", {Row("甲", 2 * kFenPerWan, {kFenPerWan}), Row("乙", 3 * kFenPerWan, {})}});
  auto bytes = ProjectLedgerXlsx(ledger);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto wb = xlsx::Workbook::OpenBuffer(std::string_view(*bytes));
  ASSERT_TRUE(wb.ok());
  auto all = (*wb)->ReadAll();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->rows.size(), 7u);  // title, unit line, 2 header rows, 2 projects, 合计
  EXPECT_EQ(Text(all->rows[4], 2), "甲");
  EXPECT_EQ(Text(all->rows[5], 2), "乙");
  EXPECT_EQ(Text(all->rows[6], 1), "合计");
  EXPECT_EQ(Text(all->rows[6], 19), "5");
  EXPECT_EQ(Text(all->rows[6], 20), "1");
}

TEST(ProjectLedgerTest, ImportTemplateHasTheHeaderAndAnExample) {
  auto bytes = ImportTemplateXlsx({"中央预算内", "专项债", "地方财政"});
  ASSERT_TRUE(bytes.ok());
  auto wb = xlsx::Workbook::OpenBuffer(std::string_view(*bytes));
  ASSERT_TRUE(wb.ok());
  auto all = (*wb)->ReadAll();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->rows.size(), 6u);
  EXPECT_EQ(Text(all->rows[3], 22), "地方财政");
  EXPECT_EQ(Text(all->rows[4], 2), "示例:南曹再生水厂一期工程");
  EXPECT_EQ(Text(all->rows[4], 19), "45000");
}

}  // namespace
}  // namespace tuijin::report
