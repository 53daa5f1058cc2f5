// The annual plan table read back with our reader: title, unit line, two-row header with the
// quarters under 分季度计划投资 and 形象进度目标, group headings, 小计 and 合计 exact in 万元.
#include "report/plan_ledger.h"

#include <gtest/gtest.h>

#include "domain/plan_rules.h"
#include "domain/reporting.h"
#include "xlsx/reader.h"

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

}  // namespace
}  // namespace tuijin::report
