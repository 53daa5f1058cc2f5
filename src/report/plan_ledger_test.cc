// The annual plan table read back with our reader: title, unit line, two-row header with the
// quarters under 分季度计划投资 and 形象进度目标, group headings, 小计 and 合计 exact in 万元.
#include "report/plan_ledger.h"

#include <gtest/gtest.h>

#include "domain/plan_rules.h"
#include "domain/reporting.h"
#include "xlsx/reader.h"
#include "xlsx/writer.h"

namespace tuijin::report {
namespace {

constexpr Fen kWan = kFenPerWan;

std::string Text(const xlsx::Row& row, size_t col) { return col < row.cells.size() ? row.cells[col].text : ""; }

PlanLedgerRow Row(const std::string& name, Fen amount, std::vector<Fen> curve) {
  PlanLedgerRow r;
  r.name = name;
  r.code = "2025-410104-48-01-100123";
  r.level = "区重点";
  r.lead = "城东路街道办事处";
  r.stage = "在建";
  r.state = "已下达(第1版)";
  r.total = 42000 * kWan;
  r.amount = amount;
  r.quarters = domain::QuarterAmounts(curve);
  r.goals = {"完成路基施工30%", "路基完成", "完成基层摊铺", "具备通车条件"};
  r.planned_start = "2026-03";
  return r;
}

TEST(PlanLedgerTest, GroupsSubtotalsAndTotal) {
  PlanLedger ledger{"2026年重点项目年度投资计划表", "导出时间:2026-11-23", {}};
  ledger.groups.push_back({"一、城东路街道办事处(2个)",
                           {Row("滨河路道路工程", 12000 * kWan, domain::LinearCurve(12000 * kWan)),
                            Row("城东路第二实验小学", 6000 * kWan + 1, domain::LinearCurve(6000 * kWan + 1))}});
  ledger.groups.push_back(
      {"二、南关街道办事处(1个)", {Row("南关老旧小区改造", 2500 * kWan, domain::LinearCurve(2500 * kWan))}});
  auto bytes = PlanLedgerXlsx(ledger);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto wb = xlsx::Workbook::OpenBuffer(std::string_view(*bytes));
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  auto all = (*wb)->ReadAll();
  ASSERT_TRUE(all.ok());
  const auto& rows = all->rows;
  ASSERT_EQ(rows.size(), 12u);
  EXPECT_EQ(Text(rows[0], 0), "2026年重点项目年度投资计划表");
  EXPECT_EQ(Text(rows[1], 0), "导出时间:2026-11-23    单位:万元");
  EXPECT_EQ(Text(rows[2], 7), "年度计划投资");
  EXPECT_EQ(Text(rows[2], 8), "分季度计划投资");
  EXPECT_EQ(Text(rows[2], 12), "形象进度目标");
  EXPECT_EQ(Text(rows[3], 8), "一季度");
  EXPECT_EQ(Text(rows[3], 15), "四季度");
  EXPECT_EQ(Text(rows[4], 0), "一、城东路街道办事处(2个)");
  EXPECT_EQ(Text(rows[5], 0), "1");
  EXPECT_EQ(Text(rows[5], 1), "滨河路道路工程");
  EXPECT_EQ(Text(rows[5], 7), "12000");
  EXPECT_EQ(Text(rows[5], 8), "3000");
  EXPECT_EQ(Text(rows[5], 15), "具备通车条件");
  EXPECT_EQ(Text(rows[6], 7), "6000.000001");
  EXPECT_EQ(Text(rows[7], 1), "小计");
  EXPECT_EQ(Text(rows[7], 7), "18000.000001");
  EXPECT_EQ(Text(rows[8], 0), "二、南关街道办事处(1个)");
  EXPECT_EQ(Text(rows[9], 0), "3");
  EXPECT_EQ(Text(rows[10], 1), "小计");
  EXPECT_EQ(Text(rows[11], 1), "合计");
  EXPECT_EQ(Text(rows[11], 7), "20500.000001");
  EXPECT_EQ(Text(rows[11], 6), "126000");
}

// The exported table read back gives each project's row as written, without the group
// headings, 小计 and 合计; amounts exact to the fen, the quarters and goals in their columns.
TEST(PlanLedgerTest, ReadsTheExportedTableBack) {
  const std::vector<Fen> shaped = {500 * kWan,  1000 * kWan, 1500 * kWan, 3000 * kWan,  4500 * kWan,  6000 * kWan,
                                   7000 * kWan, 8000 * kWan, 9000 * kWan, 10000 * kWan, 11000 * kWan, 12000 * kWan};
  PlanLedger ledger{"2026年重点项目年度投资计划表", "导出时间:2026-11-23", {}};
  ledger.groups.push_back({"一、城东路街道办事处(2个)",
                           {Row("滨河路道路工程", 12000 * kWan, shaped),
                            Row("城东路第二实验小学", 6000 * kWan + 1, domain::LinearCurve(6000 * kWan + 1))}});
  ledger.groups.push_back(
      {"二、南关街道办事处(1个)", {Row("南关老旧小区改造", 2500 * kWan, domain::LinearCurve(2500 * kWan))}});
  ledger.groups[1].rows[0].code = "";
  ledger.groups[1].rows[0].planned_completion = "2026-11-30";
  auto bytes = PlanLedgerXlsx(ledger);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto sheet = ReadPlanSheet(*bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_TRUE(sheet->has_quarters && sheet->has_goals && sheet->has_start && sheet->has_completion);
  ASSERT_EQ(sheet->rows.size(), 3u);
  const PlanSheetRow& road = sheet->rows[0];
  EXPECT_EQ(road.row, 6);  // title, unit line, two header rows, the group heading
  EXPECT_EQ(road.name, "滨河路道路工程");
  EXPECT_EQ(road.code, "2025-410104-48-01-100123");
  EXPECT_EQ(road.amount, 12000 * kWan);
  EXPECT_EQ(road.quarters, (std::array<std::optional<Fen>, 4>{1500 * kWan, 4500 * kWan, 3000 * kWan, 3000 * kWan}));
  EXPECT_EQ(road.goals, (std::array<std::string, 4>{"完成路基施工30%", "路基完成", "完成基层摊铺", "具备通车条件"}));
  EXPECT_EQ(road.planned_start, "2026-03");
  EXPECT_EQ(road.planned_completion, std::nullopt);
  EXPECT_TRUE(road.errors.empty());
  EXPECT_EQ(sheet->rows[1].amount, 6000 * kWan + 1);
  const PlanSheetRow& estate = sheet->rows[2];
  EXPECT_EQ(estate.row, 10);  // after 小计 and the second heading
  EXPECT_EQ(estate.name, "南关老旧小区改造");
  EXPECT_EQ(estate.code, "");
  EXPECT_EQ(estate.planned_completion, "2026-11-30");
}

// A table of the bureau's own: 项目名称 and 年度计划投资(万元) only, dates typed as Excel dates;
// bad cells are named by field and the columns it lacks are reported as absent.
TEST(PlanLedgerTest, ReadsAPlainTableAndNamesBadCells) {
  std::string bytes;
  {
    auto book = xlsx::WorkbookWriter::CreateInMemory(&bytes);
    ASSERT_TRUE(book.ok());
    auto ws = (*book)->AddWorksheet("计划");
    ASSERT_TRUE(ws.ok());
    xlsx::Worksheet& w = **ws;
    const xlsx::Format date = (*book)->AddFormat(xlsx::FormatSpec{.num_format = "yyyy-mm-dd"});
    ASSERT_TRUE(w.WriteString(0, 0, "2026年计划调整").ok());
    ASSERT_TRUE(w.WriteString(2, 0, "项目名称").ok());
    ASSERT_TRUE(w.WriteString(2, 1, "年度计划投资（万元）").ok());
    ASSERT_TRUE(w.WriteString(2, 2, "计划开工").ok());
    ASSERT_TRUE(w.WriteString(3, 0, "南曹再生水厂一期工程").ok());
    ASSERT_TRUE(w.WriteNumber(3, 1, 12000.5).ok());
    ASSERT_TRUE(w.WriteDate(3, 2, 2026, 3, 15, date).ok());
    ASSERT_TRUE(w.WriteString(4, 0, "滨河路道路工程").ok());
    ASSERT_TRUE(w.WriteString(4, 1, "约一亿").ok());
    ASSERT_TRUE(w.WriteString(4, 2, "三月").ok());
    ASSERT_TRUE(w.WriteString(5, 0, "南关老旧小区改造").ok());
    ASSERT_TRUE(w.WriteNumber(5, 1, -20).ok());
    ASSERT_TRUE(w.WriteString(6, 0, "合 计").ok());
    ASSERT_TRUE(w.WriteNumber(6, 1, 12000.5).ok());
    ASSERT_TRUE((*book)->Close().ok());
  }
  auto sheet = ReadPlanSheet(bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_FALSE(sheet->has_quarters);
  EXPECT_FALSE(sheet->has_goals);
  EXPECT_TRUE(sheet->has_start);
  EXPECT_FALSE(sheet->has_completion);
  ASSERT_EQ(sheet->rows.size(), 3u);
  EXPECT_EQ(sheet->rows[0].row, 4);
  EXPECT_EQ(sheet->rows[0].amount, 12000 * kWan + kWan / 2);
  EXPECT_EQ(sheet->rows[0].planned_start, "2026-03-15");
  EXPECT_EQ(sheet->rows[0].quarters, (std::array<std::optional<Fen>, 4>{}));
  EXPECT_TRUE(sheet->rows[0].errors.empty());
  EXPECT_EQ(sheet->rows[1].errors, (std::map<std::string, std::string>{
                                       {"amount", "“约一亿”不是数字(单位:万元)"},
                                       {"planned_start", "“三月”不是日期,应如 2026-03 或 2026-03-15"}}));
  EXPECT_EQ(sheet->rows[2].errors, (std::map<std::string, std::string>{{"amount", "不能为负数"}}));
}

TEST(PlanLedgerTest, ATableWithoutTheColumnsIsRefused) {
  std::string bytes;
  {
    auto book = xlsx::WorkbookWriter::CreateInMemory(&bytes);
    ASSERT_TRUE(book.ok());
    auto ws = (*book)->AddWorksheet("Sheet1");
    ASSERT_TRUE(ws.ok());
    ASSERT_TRUE((*ws)->WriteString(0, 0, "项目名称").ok());
    ASSERT_TRUE((*ws)->WriteString(0, 1, "总投资").ok());
    ASSERT_TRUE((*ws)->WriteString(1, 0, "南曹再生水厂一期工程").ok());
    ASSERT_TRUE((*book)->Close().ok());
  }
  auto sheet = ReadPlanSheet(bytes);
  ASSERT_FALSE(sheet.ok());
  EXPECT_EQ(sheet.status().error_code(), "import.no_header");
}

}  // namespace
}  // namespace tuijin::report
