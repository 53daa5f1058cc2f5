// Writer tests, mostly as round trips: a ledger written with the writer is read back with
// the reader, in both constant-memory (inline strings) and normal (shared strings) mode.
#include "xlsx/writer.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>

#include "xlsx/reader.h"

namespace tuijin::xlsx {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) / ("tuijin_xlsx_writer_" + name)).string();
}

// The text of one part of a zip file, "" when absent.
std::string ReadPart(const std::string& path, const std::string& part) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) return "";
  std::string out;
  if (zip_file_t* f = zip_fopen(z, part.c_str(), 0)) {
    char buf[4096];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    zip_fclose(f);
  }
  zip_discard(z);
  return out;
}

class XlsxWriterRoundTripTest : public ::testing::TestWithParam<bool> {};

// 云河区 ledger layout: a title merged across, a two-row header with vertical and
// horizontal merges, three projects, and a 合计 row with formulas.
void WriteLedger(const std::string& path, bool constant_memory) {
  auto wb = WorkbookWriter::Create(path, {.constant_memory = constant_memory, .tmpdir = ::testing::TempDir()});
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  auto& w = **wb;
  auto sheet = w.AddWorksheet("重点项目");
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  Worksheet& ws = **sheet;
  Format title = w.AddFormat({.bold = true, .font_name = "宋体", .font_size = 16, .align = HAlign::kCenter});
  Format head = w.AddFormat({.bold = true,
                             .font_name = "黑体",
                             .border = Border::kThin,
                             .align = HAlign::kCenter,
                             .valign = VAlign::kCenter,
                             .wrap = true,
                             .fill_color = 0xD9E1F2});
  Format text = w.AddFormat({.border = Border::kThin});
  Format money = w.AddFormat({.border = Border::kThin, .num_format = "#,##0.00"});
  Format date = w.AddFormat({.border = Border::kThin, .num_format = "yyyy-mm-dd"});

  ASSERT_TRUE(ws.SetColumnWidth(1, 1, 30).ok());
  ASSERT_TRUE(ws.SetColumnWidth(2, 3, 14, money).ok());
  ws.FreezePanes(3, 2);
  ASSERT_TRUE(ws.SetRowHeight(0, 28).ok());
  ASSERT_TRUE(ws.MergeRange(0, 0, 0, 4, "云河区2026年重点项目台账", title).ok());
  // Row 2 of the header: vertical merges first, then the horizontal one, then row 3.
  ASSERT_TRUE(ws.MergeRange(1, 0, 2, 0, "序号", head).ok());
  ASSERT_TRUE(ws.MergeRange(1, 1, 2, 1, "项目名称", head).ok());
  ASSERT_TRUE(ws.MergeRange(1, 2, 1, 3, "投资(万元)", head).ok());
  ASSERT_TRUE(ws.MergeRange(1, 4, 2, 4, "开工日期", head).ok());
  ASSERT_TRUE(ws.WriteString(2, 2, "总投资", head).ok());
  ASSERT_TRUE(ws.WriteString(2, 3, "年度计划", head).ok());

  struct Project {
    const char* name;
    double total;
    double plan;
    int y, m, d;
  };
  const Project projects[] = {{"云河科技园一期", 12345.67, 4500, 2026, 3, 15},
                              {"滨江路改造工程", 45000, 12000.5, 2026, 6, 1},
                              {"第三污水处理厂(扩建)", 8800.25, 0.01, 2026, 6, 1}};
  int row = 3;
  for (const auto& p : projects) {
    ASSERT_TRUE(ws.WriteNumber(row, 0, row - 2, text).ok());
    ASSERT_TRUE(ws.WriteString(row, 1, p.name, text).ok());
    ASSERT_TRUE(ws.WriteNumber(row, 2, p.total, money).ok());
    ASSERT_TRUE(ws.WriteNumber(row, 3, p.plan, money).ok());
    ASSERT_TRUE(ws.WriteDate(row, 4, p.y, p.m, p.d, date).ok());
    ++row;
  }
  ASSERT_TRUE(ws.MergeRange(row, 0, row, 1, "合计", head).ok());
  ASSERT_TRUE(ws.WriteFormula(row, 2, "=SUM(C4:C6)", 66145.92, money).ok());
  ASSERT_TRUE(ws.WriteFormula(row, 3, "=SUM(D4:D6)", 16500.51, money).ok());
  ASSERT_TRUE(ws.WriteBlank(row, 4, text).ok());

  auto notes = w.AddWorksheet("说明");
  ASSERT_TRUE(notes.ok());
  ASSERT_TRUE((*notes)->WriteString(0, 0, "金额单位:万元").ok());
  Status closed = w.Close();
  ASSERT_TRUE(closed.ok()) << closed.ToString();
}

TEST_P(XlsxWriterRoundTripTest, LedgerReadsBack) {
  const bool constant_memory = GetParam();
  const std::string path = TempPath(constant_memory ? "ledger_cm.xlsx" : "ledger.xlsx");
  WriteLedger(path, constant_memory);
  if (HasFatalFailure()) return;

  auto wb = Workbook::OpenFile(path);
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  EXPECT_EQ((*wb)->sheet_names(), (std::vector<std::string>{"重点项目", "说明"}));
  auto all = (*wb)->ReadAll();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  const auto& rows = all->rows;
  ASSERT_EQ(rows.size(), 7u);

  EXPECT_EQ(rows[0].index, 1);
  ASSERT_EQ(rows[0].cells.size(), 1u);  // the formatted blanks of the merge are empty cells
  EXPECT_EQ(rows[0].cells[0].type, CellType::kString);
  EXPECT_EQ(rows[0].cells[0].text, "云河区2026年重点项目台账");

  EXPECT_EQ(rows[1].index, 2);
  ASSERT_EQ(rows[1].cells.size(), 5u);
  EXPECT_EQ(rows[1].cells[0].text, "序号");
  EXPECT_EQ(rows[1].cells[1].text, "项目名称");
  EXPECT_EQ(rows[1].cells[2].text, "投资(万元)");
  EXPECT_EQ(rows[1].cells[3].type, CellType::kEmpty);
  EXPECT_EQ(rows[1].cells[4].text, "开工日期");

  EXPECT_EQ(rows[2].index, 3);
  ASSERT_EQ(rows[2].cells.size(), 4u);
  EXPECT_EQ(rows[2].cells[0].type, CellType::kEmpty);
  EXPECT_EQ(rows[2].cells[2].text, "总投资");
  EXPECT_EQ(rows[2].cells[3].text, "年度计划");

  const Row& first = rows[3];
  EXPECT_EQ(first.index, 4);
  ASSERT_EQ(first.cells.size(), 5u);
  EXPECT_EQ(first.cells[0].type, CellType::kNumber);
  EXPECT_EQ(first.cells[0].text, "1");
  EXPECT_EQ(first.cells[1].text, "云河科技园一期");
  EXPECT_EQ(first.cells[2].type, CellType::kNumber);
  EXPECT_EQ(first.cells[2].text, "12345.67");  // exact text, no double round trip
  EXPECT_FALSE(first.cells[2].is_date);
  EXPECT_EQ(first.cells[3].text, "4500");
  EXPECT_EQ(first.cells[4].type, CellType::kNumber);
  EXPECT_EQ(first.cells[4].text, "46096");  // 2026-03-15
  EXPECT_TRUE(first.cells[4].is_date);
  EXPECT_FALSE(first.cells[0].is_date);

  EXPECT_EQ(rows[4].cells[2].text, "45000");
  EXPECT_EQ(rows[4].cells[3].text, "12000.5");
  EXPECT_EQ(rows[4].cells[4].text, "46174");  // 2026-06-01
  EXPECT_EQ(rows[5].cells[1].text, "第三污水处理厂(扩建)");
  EXPECT_EQ(rows[5].cells[3].text, "0.01");

  const Row& total = rows[6];
  EXPECT_EQ(total.index, 7);
  ASSERT_EQ(total.cells.size(), 4u);
  EXPECT_EQ(total.cells[0].text, "合计");
  EXPECT_EQ(total.cells[1].type, CellType::kEmpty);
  EXPECT_EQ(total.cells[2].type, CellType::kNumber);
  EXPECT_EQ(total.cells[2].text, "66145.92");  // the cached formula result
  EXPECT_EQ(ParseNumber(total.cells[3].text), 16500.51);

  EXPECT_EQ(all->merged, (std::vector<MergedRange>{
                             {1, 0, 1, 4},  // A1:E1 title
                             {2, 0, 3, 0},  // A2:A3
                             {2, 1, 3, 1},  // B2:B3
                             {2, 2, 2, 3},  // C2:D2
                             {2, 4, 3, 4},  // E2:E3
                             {7, 0, 7, 1},  // A7:B7 合计
                         }));

  auto notes = (*wb)->ReadAll(1);
  ASSERT_TRUE(notes.ok());
  ASSERT_EQ(notes->rows.size(), 1u);
  EXPECT_EQ(notes->rows[0].cells[0].text, "金额单位:万元");

  // The lower cells of merged ranges carry the border format (constant-memory mode writes
  // them late), and the formats reach styles.xml.
  std::string sheet_xml = ReadPart(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet_xml.find("<c r=\"A3\" s="), std::string::npos);
  EXPECT_NE(sheet_xml.find("<c r=\"E3\" s="), std::string::npos);
  EXPECT_NE(sheet_xml.find("<pane"), std::string::npos);
  std::string styles = ReadPart(path, "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"#,##0.00\""), std::string::npos);
  EXPECT_NE(styles.find("宋体"), std::string::npos);
  EXPECT_NE(styles.find("D9E1F2"), std::string::npos);
  std::remove(path.c_str());
}

INSTANTIATE_TEST_SUITE_P(Modes, XlsxWriterRoundTripTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "ConstantMemory" : "InMemory"; });

TEST(XlsxWriterTest, ConstantMemoryRefusesEarlierRows) {
  const std::string path = TempPath("order.xlsx");
  auto wb = WorkbookWriter::Create(path);
  ASSERT_TRUE(wb.ok());
  auto ws = (*wb)->AddWorksheet("表1");
  ASSERT_TRUE(ws.ok());
  ASSERT_TRUE((*ws)->WriteString(4, 0, "第五行").ok());
  EXPECT_TRUE((*ws)->WriteString(4, 3, "同一行可以乱序").ok());
  EXPECT_FALSE((*ws)->WriteString(1, 0, "第二行").ok());
  EXPECT_FALSE((*ws)->WriteNumber(3, 0, 1).ok());
  // libxlsxwriter alone would drop this merge's text without an error.
  EXPECT_FALSE((*ws)->MergeRange(2, 0, 5, 0, "晚了").ok());
  EXPECT_FALSE((*ws)->MergeRange(6, 0, 6, 0, "单格").ok());
  EXPECT_TRUE((*wb)->Close().ok());
  std::remove(path.c_str());
}

TEST(XlsxWriterTest, BadSheetNames) {
  auto wb = WorkbookWriter::Create(TempPath("names.xlsx"));
  ASSERT_TRUE(wb.ok());
  ASSERT_TRUE((*wb)->AddWorksheet("台账").ok());
  for (const char* name :
       {"台账", "a/b", "项目[1]", "'引号'", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二"}) {
    auto ws = (*wb)->AddWorksheet(name);
    ASSERT_FALSE(ws.ok()) << name;
    EXPECT_EQ(ws.status().error_code(), "xlsx.bad_sheet_name") << name;
  }
  EXPECT_TRUE((*wb)->AddWorksheet("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一").ok());  // 31
}

int OpenDescriptors() {
  int n = 0;
  if (DIR* d = opendir("/proc/self/fd")) {
    while (readdir(d)) ++n;
    closedir(d);
  }
  return n;
}

TEST(XlsxWriterTest, DiscardingWritesNothingAndLeaksNothing) {
  const std::string path = TempPath("discarded.xlsx");
  std::remove(path.c_str());
  const int before = OpenDescriptors();
  for (int i = 0; i < 5; ++i) {
    auto wb = WorkbookWriter::Create(path);
    ASSERT_TRUE(wb.ok());
    auto ws = (*wb)->AddWorksheet("表");
    ASSERT_TRUE(ws.ok());
    ASSERT_TRUE((*ws)->WriteString(0, 0, "甲").ok());
    ASSERT_TRUE((*ws)->WriteString(1, 0, "乙").ok());
  }
  EXPECT_EQ(OpenDescriptors(), before);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(XlsxWriterTest, CloseReportsAnUnwritablePath) {
  auto wb = WorkbookWriter::Create("/nonexistent-dir/tuijin/out.xlsx");
  ASSERT_TRUE(wb.ok());
  ASSERT_TRUE((*wb)->AddWorksheet("表").ok());
  Status s = (*wb)->Close();
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_FALSE(s.message().empty());
  EXPECT_FALSE((*wb)->Close().ok());  // closed once already
}

TEST(XlsxWriterTest, OverlongTextIsAnInvalidArgument) {
  auto wb = WorkbookWriter::Create(TempPath("long.xlsx"));
  ASSERT_TRUE(wb.ok());
  auto ws = (*wb)->AddWorksheet("表");
  ASSERT_TRUE(ws.ok());
  Status s = (*ws)->WriteString(0, 0, std::string(40000, 'x'));
  EXPECT_EQ(s.error_code(), "xlsx.cell_too_long");
  EXPECT_NE(s.message().find("A1"), std::string::npos);
}

}  // namespace
}  // namespace tuijin::xlsx
