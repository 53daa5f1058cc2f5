// Writer tests, mostly as round trips: a workbook written with the writer is read back with
// our reader (and, where python3 with openpyxl is installed, with openpyxl), and the parts
// of the package are checked where the reader does not look (styles, panes, widths).
#include "xlsx/writer.h"
#include "base/test_temp_path.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>

#include "base/money.h"
#include "xlsx/reader.h"

namespace tuijin::xlsx {
namespace {

std::string TempPath(const std::string& name) {
  return testing_support::TestTempPath("xlsx_writer_" + name);
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

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

SheetContents ReadBack(const std::string& path, int sheet = 0) {
  auto wb = Workbook::OpenFile(path);
  EXPECT_TRUE(wb.ok()) << wb.status().ToString();
  if (!wb.ok()) return {};
  auto all = (*wb)->ReadAll(sheet);
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  return all.ok() ? *all : SheetContents{};
}

// 云河区 ledger layout: a title merged across, a two-row header with vertical and
// horizontal merges, three projects, and a 合计 row.
void WriteLedger(const std::string& path) {
  auto wb = WorkbookWriter::Create(path);
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
  ASSERT_TRUE(ws.WriteNumber(row, 2, 66145.92, money).ok());
  ASSERT_TRUE(ws.WriteNumber(row, 3, 16500.51, money).ok());
  ASSERT_TRUE(ws.WriteBlank(row, 4, text).ok());

  auto notes = w.AddWorksheet("说明");
  ASSERT_TRUE(notes.ok());
  ASSERT_TRUE((*notes)->WriteString(0, 0, "金额单位:万元").ok());
  Status closed = w.Close();
  ASSERT_TRUE(closed.ok()) << closed.ToString();
}

TEST(XlsxWriterTest, LedgerReadsBack) {
  const std::string path = TempPath("ledger.xlsx");
  WriteLedger(path);
  if (HasFatalFailure()) return;

  auto wb = Workbook::OpenFile(path);
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  EXPECT_EQ((*wb)->sheet_names(), (std::vector<std::string>{"重点项目", "说明"}));
  EXPECT_FALSE((*wb)->date1904());
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
  EXPECT_EQ(first.cells[2].text, "12345.67");  // shortest exact form, no "12345.670000000001"
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
  EXPECT_EQ(total.cells[2].text, "66145.92");
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

  // What the reader does not look at: the lower cells of merged ranges carry the border
  // format (written when their row is reached), cells are in column order with their
  // references, the frozen pane, widths and the row height.
  const std::string sheet_xml = ReadPart(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet_xml.find("<dimension ref=\"A1:E7\"/>"), std::string::npos);
  EXPECT_NE(sheet_xml.find("<row r=\"3\"><c r=\"A3\" s=\"2\"/><c r=\"B3\" s=\"2\"/><c r=\"C3\" s=\"2\" t=\"s\">"),
            std::string::npos)
      << sheet_xml;
  EXPECT_NE(sheet_xml.find("<c r=\"E3\" s=\"2\"/></row>"), std::string::npos);
  EXPECT_NE(sheet_xml.find("<c r=\"C7\" s=\"4\"><v>66145.92</v></c>"), std::string::npos);
  EXPECT_NE(sheet_xml.find("<pane xSplit=\"2\" ySplit=\"3\" topLeftCell=\"C4\" activePane=\"bottomRight\" "
                           "state=\"frozen\"/>"),
            std::string::npos);
  EXPECT_NE(sheet_xml.find("<col min=\"2\" max=\"2\" width=\"30.7109375\" customWidth=\"1\"/>"), std::string::npos);
  EXPECT_NE(sheet_xml.find("<col min=\"3\" max=\"4\" width=\"14.7109375\" style=\"4\" customWidth=\"1\"/>"),
            std::string::npos);
  EXPECT_NE(sheet_xml.find("<row r=\"1\" ht=\"28\" customHeight=\"1\">"), std::string::npos);
  EXPECT_NE(sheet_xml.find("tabSelected=\"1\""), std::string::npos);
  EXPECT_EQ(ReadPart(path, "xl/worksheets/sheet2.xml").find("tabSelected"), std::string::npos);

  const std::string styles = ReadPart(path, "xl/styles.xml");
  EXPECT_NE(styles.find("<numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"), std::string::npos);
  EXPECT_NE(styles.find("<xf numFmtId=\"4\" "), std::string::npos);  // #,##0.00 is built in
  EXPECT_NE(styles.find("<name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/>"), std::string::npos);
  EXPECT_NE(styles.find("<fgColor rgb=\"FFD9E1F2\"/>"), std::string::npos);
  EXPECT_NE(styles.find("<left style=\"thin\">"), std::string::npos);
  EXPECT_NE(styles.find("<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/>"), std::string::npos);
  EXPECT_NE(styles.find("<cellXfs count=\"6\">"), std::string::npos) << styles;

  const std::string strings = ReadPart(path, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("count=\"12\" uniqueCount=\"12\""), std::string::npos) << strings;
  std::remove(path.c_str());
}

TEST(XlsxWriterTest, TextIsSharedOnceAndEscaped) {
  const std::string path = TempPath("text.xlsx");
  const std::vector<std::string> texts = {
      "云河区住房和城乡建设局",
      "A&B <C> \"D\" 'E'",
      "  前后空格  ",
      "两行\n文字\t制表",
      "回车\r换行",
      std::string("控制\x01字符\x1F", 14),
      "_x0041_ 不是 A",
      "emoji 🏗️ 与 𠀀",
      "]]>",
  };
  {
    auto wb = WorkbookWriter::Create(path);
    ASSERT_TRUE(wb.ok());
    auto ws = (*wb)->AddWorksheet("文本");
    ASSERT_TRUE(ws.ok());
    for (size_t i = 0; i < texts.size(); ++i) {
      ASSERT_TRUE((*ws)->WriteString(static_cast<int>(i), 0, texts[i]).ok());
      ASSERT_TRUE((*ws)->WriteString(static_cast<int>(i), 1, texts[0]).ok());  // the same text again
    }
    ASSERT_TRUE((*ws)->WriteString(static_cast<int>(texts.size()), 0, "").ok());  // nothing
    ASSERT_TRUE((*wb)->Close().ok());
  }
  const SheetContents back = ReadBack(path);
  ASSERT_EQ(back.rows.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    ASSERT_EQ(back.rows[i].cells.size(), 2u) << i;
    EXPECT_EQ(back.rows[i].cells[0].text, texts[i]) << i;
    EXPECT_EQ(back.rows[i].cells[1].text, texts[0]) << i;
  }
  const std::string strings = ReadPart(path, "xl/sharedStrings.xml");
  EXPECT_EQ(Count(strings, "<si>"), texts.size());
  EXPECT_NE(strings.find("count=\"18\" uniqueCount=\"9\""), std::string::npos) << strings;
  EXPECT_NE(strings.find("<t xml:space=\"preserve\">  前后空格  </t>"), std::string::npos);
  EXPECT_NE(strings.find("A&amp;B &lt;C&gt; &quot;D&quot; 'E'"), std::string::npos);
  EXPECT_NE(strings.find("控制_x0001_字符_x001F_"), std::string::npos);
  EXPECT_NE(strings.find("回车_x000D_换行"), std::string::npos);
  EXPECT_NE(strings.find("_x005F_x0041_ 不是 A"), std::string::npos);
  std::remove(path.c_str());
}

TEST(XlsxWriterTest, DecimalsAreExact) {
  const std::string path = TempPath("decimal.xlsx");
  struct Case {
    int64_t value;
    int decimals;
    const char* text;
  };
  const Case cases[] = {
      {123456789, 6, "123.456789"},
      {1500000, 6, "1.5"},
      {45000 * kFenPerWan, 6, "45000"},
      {-1, 6, "-0.000001"},
      {0, 6, "0"},
      {100, 2, "1"},
      {-250, 2, "-2.5"},
      {42, 0, "42"},
      {std::numeric_limits<int64_t>::max(), 6, "9223372036854.775807"},
      {std::numeric_limits<int64_t>::min(), 0, "-9223372036854775808"},
  };
  {
    auto wb = WorkbookWriter::Create(path);
    ASSERT_TRUE(wb.ok());
    auto ws = (*wb)->AddWorksheet("金额");
    ASSERT_TRUE(ws.ok());
    int row = 0;
    for (const Case& c : cases) ASSERT_TRUE((*ws)->WriteDecimal(row++, 0, c.value, c.decimals).ok());
    EXPECT_FALSE((*ws)->WriteDecimal(row, 0, 1, 19).ok());
    ASSERT_TRUE((*wb)->Close().ok());
  }
  const SheetContents back = ReadBack(path);
  ASSERT_EQ(back.rows.size(), std::size(cases));
  for (size_t i = 0; i < std::size(cases); ++i) {
    ASSERT_FALSE(back.rows[i].cells.empty()) << i;
    EXPECT_EQ(back.rows[i].cells[0].type, CellType::kNumber);
    EXPECT_EQ(back.rows[i].cells[0].text, cases[i].text) << i;
  }
  // What the importer makes of the first one, in 万元: the fen it came from.
  EXPECT_EQ(ParseAmount(back.rows[0].cells[0].text, MoneyUnit::kWanYuan), 123456789);
  EXPECT_EQ(ParseAmount(back.rows[1].cells[0].text, MoneyUnit::kWanYuan), 1500000);
  std::remove(path.c_str());
}

TEST(XlsxWriterTest, NumbersInShortestForm) {
  const std::string path = TempPath("numbers.xlsx");
  {
    auto wb = WorkbookWriter::Create(path);
    ASSERT_TRUE(wb.ok());
    auto ws = (*wb)->AddWorksheet("数");
    ASSERT_TRUE(ws.ok());
    ASSERT_TRUE((*ws)->WriteNumber(0, 0, 113.696087).ok());
    ASSERT_TRUE((*ws)->WriteNumber(0, 1, 0.1 + 0.2).ok());
    ASSERT_TRUE((*ws)->WriteNumber(0, 2, -0.0).ok());
    ASSERT_TRUE((*ws)->WriteNumber(0, 3, 1e21).ok());
    ASSERT_TRUE((*ws)->WriteNumber(0, 4, -34.5).ok());
    EXPECT_FALSE((*ws)->WriteNumber(1, 0, std::numeric_limits<double>::quiet_NaN()).ok());
    EXPECT_FALSE((*ws)->WriteNumber(1, 1, std::numeric_limits<double>::infinity()).ok());
    EXPECT_FALSE((*ws)->WriteDate(1, 2, 2026, 2, 29, {}).ok());
    EXPECT_FALSE((*ws)->WriteDate(1, 3, 1899, 12, 31, {}).ok());
    ASSERT_TRUE((*ws)->WriteDate(1, 4, 1900, 1, 1, {}).ok());
    ASSERT_TRUE((*ws)->WriteDate(1, 5, 1900, 3, 1, {}).ok());
    ASSERT_TRUE((*wb)->Close().ok());
  }
  const SheetContents back = ReadBack(path);
  ASSERT_EQ(back.rows.size(), 2u);
  const auto& c = back.rows[0].cells;
  ASSERT_EQ(c.size(), 5u);
  EXPECT_EQ(c[0].text, "113.696087");
  EXPECT_EQ(ParseNumber(c[1].text), 0.1 + 0.2);  // exact, whatever the digits
  EXPECT_EQ(c[2].text, "0");
  EXPECT_EQ(ParseNumber(c[3].text), 1e21);
  EXPECT_EQ(c[4].text, "-34.5");
  ASSERT_EQ(back.rows[1].cells.size(), 6u);
  EXPECT_EQ(back.rows[1].cells[4].text, "1");   // Excel's serial 1
  EXPECT_EQ(back.rows[1].cells[5].text, "61");  // after Excel's 1900-02-29
  std::remove(path.c_str());
}

TEST(XlsxWriterTest, CellsOfARowInAnyOrderLastWriteWins) {
  const std::string path = TempPath("order_in_row.xlsx");
  {
    auto wb = WorkbookWriter::Create(path);
    ASSERT_TRUE(wb.ok());
    Format boxed = (*wb)->AddFormat({.border = Border::kThin});
    auto ws = (*wb)->AddWorksheet("表");
    ASSERT_TRUE(ws.ok());
    Worksheet& s = **ws;
    ASSERT_TRUE(s.WriteString(0, 3, "丁").ok());
    ASSERT_TRUE(s.WriteString(0, 0, "甲").ok());
    ASSERT_TRUE(s.WriteBlank(0, 1, boxed).ok());
    ASSERT_TRUE(s.WriteString(0, 1, "乙").ok());  // replaces the blank
    ASSERT_TRUE(s.WriteNumber(0, 2, 1).ok());
    ASSERT_TRUE(s.WriteNumber(0, 2, 2).ok());  // replaces 1
    // A merge whose lower row gets a value where a blank was queued.
    ASSERT_TRUE(s.MergeRange(1, 0, 2, 1, "合并", boxed).ok());
    ASSERT_TRUE(s.WriteString(2, 1, "压住").ok());
    ASSERT_TRUE(s.SetRowHeight(4, 20).ok());  // a row with a height and no cells
    ASSERT_TRUE((*wb)->Close().ok());
  }
  const SheetContents back = ReadBack(path);
  ASSERT_EQ(back.rows.size(), 3u);
  ASSERT_EQ(back.rows[0].cells.size(), 4u);
  EXPECT_EQ(back.rows[0].cells[0].text, "甲");
  EXPECT_EQ(back.rows[0].cells[1].text, "乙");
  EXPECT_EQ(back.rows[0].cells[2].text, "2");
  EXPECT_EQ(back.rows[0].cells[3].text, "丁");
  EXPECT_EQ(back.rows[2].index, 3);
  ASSERT_EQ(back.rows[2].cells.size(), 2u);
  EXPECT_EQ(back.rows[2].cells[1].text, "压住");
  const std::string xml = ReadPart(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(xml.find("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"s\"><v>2</v></c>"
                     "<c r=\"C1\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>0</v></c></row>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<row r=\"3\"><c r=\"A3\" s=\"1\"/><c r=\"B3\" t=\"s\"><v>4</v></c></row>"), std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<row r=\"5\" ht=\"20\" customHeight=\"1\"></row>"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("<row r=\"4\""), std::string::npos);  // nothing written there
  std::remove(path.c_str());
}

TEST(XlsxWriterTest, ManyRowsDeflatedInPieces) {
  // Rows XML of several MiB, deflated in pieces on the helper thread, with merges queued
  // across the piece boundaries.
  const std::string path = TempPath("many.xlsx");
  const int kRows = 20000;
  {
    auto wb = WorkbookWriter::Create(path);
    ASSERT_TRUE(wb.ok());
    Format boxed = (*wb)->AddFormat({.border = Border::kThin});
    auto ws = (*wb)->AddWorksheet("多行");
    ASSERT_TRUE(ws.ok());
    for (int r = 0; r < kRows; r += 2) {
      ASSERT_TRUE((*ws)->MergeRange(r, 0, r + 1, 0, "第" + std::to_string(r) + "行", boxed).ok());
      for (int c = 1; c < 10; ++c) ASSERT_TRUE((*ws)->WriteDecimal(r, c, r * 10 + c, 1, boxed).ok());
    }
    ASSERT_TRUE((*wb)->Close().ok());
  }
  const SheetContents back = ReadBack(path);
  ASSERT_EQ(back.rows.size(), static_cast<size_t>(kRows / 2));
  EXPECT_EQ(back.merged.size(), static_cast<size_t>(kRows / 2));
  for (int r = 0; r < kRows; r += 2) {
    const Row& row = back.rows[r / 2];
    ASSERT_EQ(row.index, r + 1);
    ASSERT_EQ(row.cells.size(), 10u);
    EXPECT_EQ(row.cells[0].text, "第" + std::to_string(r) + "行");
    EXPECT_EQ(row.cells[9].text, std::to_string(r) + ".9");
  }
  const std::string xml = ReadPart(path, "xl/worksheets/sheet1.xml");
  EXPECT_GT(xml.size(), 2u << 20);
  EXPECT_EQ(Count(xml, "<row "), static_cast<size_t>(kRows));  // the lower rows of the merges too
  EXPECT_NE(xml.find("<dimension ref=\"A1:J20000\"/>"), std::string::npos);
  std::remove(path.c_str());
}

TEST(XlsxWriterTest, InMemoryPackageEqualsTheFile) {
  auto write = [](std::unique_ptr<WorkbookWriter> wb) {
    Format money = wb->AddFormat({.num_format = "#,##0.00"});
    auto ws = wb->AddWorksheet("台账");
    ASSERT_TRUE(ws.ok());
    for (int r = 0; r < 8000; ++r) {  // several deflated pieces
      ASSERT_TRUE((*ws)->WriteString(r, 0, "项目" + std::to_string(r % 100)).ok());
      ASSERT_TRUE((*ws)->WriteDecimal(r, 1, r * 1234567LL, 6, money).ok());
    }
    ASSERT_TRUE(wb->Close().ok());
  };
  std::string bytes = "whatever was here before";
  auto in_memory = WorkbookWriter::CreateInMemory(&bytes);
  ASSERT_TRUE(in_memory.ok());
  write(std::move(*in_memory));
  if (HasFatalFailure()) return;
  const std::string path = TempPath("memory.xlsx");
  auto file = WorkbookWriter::Create(path);
  ASSERT_TRUE(file.ok());
  write(std::move(*file));
  if (HasFatalFailure()) return;
  EXPECT_EQ(bytes.substr(0, 4), "PK\x03\x04");
  auto wb = Workbook::OpenBuffer(std::string_view(bytes));
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  auto all = (*wb)->ReadAll();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->rows.size(), 8000u);
  // The file holds the same cells (the bytes differ only in the zip's timestamps).
  const SheetContents on_disk = ReadBack(path);
  ASSERT_EQ(on_disk.rows.size(), all->rows.size());
  for (size_t r = 0; r < all->rows.size(); ++r) {
    ASSERT_EQ(on_disk.rows[r].cells.size(), all->rows[r].cells.size()) << r;
    for (size_t c = 0; c < all->rows[r].cells.size(); ++c) {
      ASSERT_EQ(on_disk.rows[r].cells[c].text, all->rows[r].cells[c].text) << r << "," << c;
    }
  }
  EXPECT_EQ(all->rows[7999].cells[0].text, "项目99");
  EXPECT_EQ(all->rows[7999].cells[1].text, "9875.301433");  // 7999 × 1,234,567 fen in 万元
  EXPECT_NE(ReadPart(path, "xl/sharedStrings.xml").find("count=\"8000\" uniqueCount=\"100\""), std::string::npos);
  std::remove(path.c_str());
}

TEST(XlsxWriterTest, RefusesEarlierRowsAndOverlappingMerges) {
  const std::string path = TempPath("order.xlsx");
  auto wb = WorkbookWriter::Create(path);
  ASSERT_TRUE(wb.ok());
  auto ws = (*wb)->AddWorksheet("表1");
  ASSERT_TRUE(ws.ok());
  ASSERT_TRUE((*ws)->WriteString(4, 0, "第五行").ok());
  EXPECT_TRUE((*ws)->WriteString(4, 3, "同一行可以乱序").ok());
  EXPECT_FALSE((*ws)->WriteString(1, 0, "第二行").ok());
  EXPECT_FALSE((*ws)->WriteNumber(3, 0, 1).ok());
  EXPECT_FALSE((*ws)->MergeRange(2, 0, 5, 0, "晚了").ok());
  EXPECT_FALSE((*ws)->MergeRange(6, 0, 6, 0, "单格").ok());
  EXPECT_FALSE((*ws)->WriteString(-1, 0, "负").ok());
  EXPECT_FALSE((*ws)->WriteString(5, 16384, "过右").ok());
  EXPECT_FALSE((*ws)->WriteString(1048576, 0, "过下").ok());
  ASSERT_TRUE((*ws)->MergeRange(6, 0, 8, 2, "大块").ok());
  EXPECT_FALSE((*ws)->MergeRange(7, 2, 7, 3, "压边").ok());
  EXPECT_TRUE((*ws)->MergeRange(7, 3, 7, 4, "旁边").ok());
  EXPECT_TRUE((*wb)->Close().ok());
  const SheetContents back = ReadBack(path);
  EXPECT_EQ(back.merged, (std::vector<MergedRange>{{7, 0, 9, 2}, {8, 3, 8, 4}}));
  std::remove(path.c_str());
}

TEST(XlsxWriterTest, FormatsAreDeduplicated) {
  const std::string path = TempPath("formats.xlsx");
  auto wb = WorkbookWriter::Create(path);
  ASSERT_TRUE(wb.ok());
  FormatSpec spec{.font_name = "仿宋_GB2312", .border = Border::kThin, .num_format = "0.0%"};
  (*wb)->AddFormat(spec);
  (*wb)->AddFormat(spec);
  (*wb)->AddFormat({});  // the default
  spec.font_color = 0xC00000;
  (*wb)->AddFormat(spec);
  auto ws = (*wb)->AddWorksheet("");
  ASSERT_TRUE(ws.ok());
  (*ws)->FreezePanes(1, 0);
  ASSERT_TRUE((*wb)->Close().ok());
  const std::string styles = ReadPart(path, "xl/styles.xml");
  EXPECT_NE(styles.find("<cellXfs count=\"3\">"), std::string::npos) << styles;
  EXPECT_NE(styles.find("<fonts count=\"3\">"), std::string::npos);
  EXPECT_NE(styles.find("<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/></numFmts>"),
            std::string::npos);
  EXPECT_NE(styles.find("<color rgb=\"FFC00000\"/>"), std::string::npos);
  EXPECT_NE(styles.find("<fills count=\"2\">"), std::string::npos);
  const std::string xml = ReadPart(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(xml.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                     "<selection pane=\"bottomLeft\"/>"),
            std::string::npos)
      << xml;
  EXPECT_NE(ReadPart(path, "xl/workbook.xml").find("<sheet name=\"Sheet1\""), std::string::npos);
  EXPECT_EQ(ReadPart(path, "xl/sharedStrings.xml"), "");  // no text, no part
  std::remove(path.c_str());
}

TEST(XlsxWriterTest, SheetsAreDeflatedAtTheChosenLevel) {
  auto write = [](const std::string& path, int level) {
    auto wb = WorkbookWriter::Create(path, {.compression_level = level});
    ASSERT_TRUE(wb.ok());
    auto ws = (*wb)->AddWorksheet("表");
    ASSERT_TRUE(ws.ok());
    for (int r = 0; r < 3000; ++r) {
      for (int c = 0; c < 8; ++c) ASSERT_TRUE((*ws)->WriteDecimal(r, c, (r * 7919 + c * 104729) % 1000003, 2).ok());
    }
    ASSERT_TRUE((*wb)->Close().ok());
  };
  auto stat = [](const std::string& path, zip_stat_t* st) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    ASSERT_NE(z, nullptr);
    zip_stat_init(st);
    EXPECT_EQ(zip_stat(z, "xl/worksheets/sheet1.xml", 0, st), 0);
    zip_discard(z);
  };
  const std::string fast = TempPath("level1.xlsx"), small = TempPath("level9.xlsx");
  write(fast, 1);
  write(small, 9);
  zip_stat_t a, b;
  stat(fast, &a);
  stat(small, &b);
  EXPECT_EQ(a.comp_method, ZIP_CM_DEFLATE);
  EXPECT_EQ(b.comp_method, ZIP_CM_DEFLATE);
  EXPECT_EQ(a.size, b.size);
  EXPECT_LT(b.comp_size, a.comp_size);
  EXPECT_LT(a.comp_size, a.size / 3);
  std::remove(fast.c_str());
  std::remove(small.c_str());
}

// openpyxl as an independent reader of styles, merges, panes and widths: the check Excel and
// WPS users would make by eye. Skipped where python3 with openpyxl is not installed.
TEST(XlsxWriterTest, OpenpyxlReadsTheLedger) {
  if (std::system("/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3 with openpyxl not installed";
  }
  const std::string path = TempPath("openpyxl.xlsx");
  WriteLedger(path);
  if (HasFatalFailure()) return;
  const std::string script = TempPath("openpyxl_check.py");
  std::ofstream(script) << R"(import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ['重点项目', '说明'], wb.sheetnames
ws = wb['重点项目']
assert ws.freeze_panes == 'C4', ws.freeze_panes
assert sorted(str(r) for r in ws.merged_cells.ranges) == ['A1:E1', 'A2:A3', 'A7:B7', 'B2:B3', 'C2:D2', 'E2:E3']
assert ws['A1'].value == '云河区2026年重点项目台账'
assert ws['A1'].font.name == '宋体' and ws['A1'].font.b and ws['A1'].font.sz == 16
assert ws['A1'].alignment.horizontal == 'center'
assert ws.row_dimensions[1].height == 28
h = ws['C3']
assert h.value == '总投资' and h.font.name == '黑体' and h.fill.fgColor.rgb == 'FFD9E1F2', h.fill.fgColor.rgb
assert h.border.left.style == 'thin' and h.border.bottom.style == 'thin'
assert h.alignment.vertical == 'center' and h.alignment.wrap_text
assert ws['A3'].border.left.style == 'thin'  # the lower cell of a merge keeps its border
assert ws['C4'].value == 12345.67 and ws['C4'].number_format == '#,##0.00'
assert ws['E4'].value == datetime.datetime(2026, 3, 15), ws['E4'].value
assert ws['E4'].number_format == 'yyyy-mm-dd'
assert ws['B6'].value == '第三污水处理厂(扩建)'
assert ws['C7'].value == 66145.92, ws['C7'].value
assert ws.column_dimensions['B'].width == 30.7109375, ws.column_dimensions['B'].width
assert wb['说明']['A1'].value == '金额单位:万元'
wb = openpyxl.load_workbook(sys.argv[1], data_only=True, read_only=True)
rows = list(wb['重点项目'].iter_rows(values_only=True))
assert rows[6][2] == 66145.92 and rows[3][0] == 1, rows[6]
print('ok')
)";
  // A sheet deflated in many pieces on the helper thread, its head written last: Python's
  // zipfile checks every CRC, openpyxl reads every row.
  const std::string big = TempPath("openpyxl_big.xlsx");
  {
    auto wb = WorkbookWriter::Create(big);
    ASSERT_TRUE(wb.ok());
    auto ws = (*wb)->AddWorksheet("多行");
    ASSERT_TRUE(ws.ok());
    for (int r = 0; r < 20000; ++r) {
      ASSERT_TRUE((*ws)->WriteString(r, 0, "第" + std::to_string(r) + "行").ok());
      for (int c = 1; c < 8; ++c) ASSERT_TRUE((*ws)->WriteDecimal(r, c, r * 10 + c, 1).ok());
    }
    (*ws)->FreezePanes(1, 1);
    ASSERT_TRUE((*wb)->Close().ok());
  }
  const std::string big_script = TempPath("openpyxl_big.py");
  std::ofstream(big_script) << R"(import sys, zipfile, openpyxl
assert zipfile.ZipFile(sys.argv[1]).testzip() is None
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
rows = list(wb.active.iter_rows(values_only=True))
assert len(rows) == 20000, len(rows)
assert rows[19999] == ('第19999行',) + tuple(19999 + c / 10 for c in range(1, 8)), rows[19999]
print('ok')
)";
  auto run = [](const std::string& command) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    std::string output;
    if (!pipe) return output;
    char buf[512];
    while (size_t n = fread(buf, 1, sizeof buf, pipe)) output.append(buf, n);
    if (pclose(pipe) != 0) output += "(failed)";
    return output;
  };
  EXPECT_EQ(run("/usr/bin/python3 " + script + " " + path), "ok\n");
  EXPECT_EQ(run("/usr/bin/python3 " + big_script + " " + big), "ok\n");
  for (const std::string& p : {script, path, big_script, big}) std::remove(p.c_str());
}

// Found by fuzz/xlsx_roundtrip_fuzz.cc: the writer escapes a sheet name like cell text
// (_xHHHH_), and the reader gave the name back with the escapes still in it; a tab or line
// feed in the name, written as such in the attribute, came back as a space.
TEST(XlsxWriterTest, SheetNamesReadBackAsWritten) {
  const std::vector<std::string> names = {std::string("台账(202M(A1)\x01<b>&amp制符", 29), "_x0041_ 不是 A",
                                          "第1期_汇总", "A&B \"台账\"", "制表\t换行\n", std::string("空\0字符", 10)};
  std::string bytes;
  auto wb = WorkbookWriter::CreateInMemory(&bytes);
  ASSERT_TRUE(wb.ok());
  for (const auto& name : names) {
    auto ws = (*wb)->AddWorksheet(name);
    ASSERT_TRUE(ws.ok()) << name;
    ASSERT_TRUE((*ws)->WriteString(0, 0, name).ok());
  }
  ASSERT_TRUE((*wb)->Close().ok());
  auto back = Workbook::OpenBuffer(std::string_view(bytes));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ((*back)->sheet_names(), names);
}

// Found by fuzz/xlsx_roundtrip_fuzz.cc: "_x000D" followed by a control character was written
// "_x000D_x001F_", which reads back as CR followed by "x001F_".
TEST(XlsxWriterTest, EscapeLikeTextBeforeAnEscapedCharacterReadsBack) {
  const std::vector<std::string> texts = {"_x000D\x1F", "合计_x0041\r", "_x0041", "_x00", "_X0041_", "__x0041__"};
  std::string bytes;
  auto wb = WorkbookWriter::CreateInMemory(&bytes);
  ASSERT_TRUE(wb.ok());
  auto ws = (*wb)->AddWorksheet("转义");
  ASSERT_TRUE(ws.ok());
  for (size_t i = 0; i < texts.size(); ++i) ASSERT_TRUE((*ws)->WriteString(static_cast<int>(i), 0, texts[i]).ok());
  ASSERT_TRUE((*wb)->Close().ok());
  auto back = Workbook::OpenBuffer(std::string_view(bytes));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  auto all = (*back)->ReadAll();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->rows.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) EXPECT_EQ(all->rows[i].cells[0].text, texts[i]) << i;
}

TEST(XlsxWriterTest, BadSheetNames) {
  auto wb = WorkbookWriter::Create(TempPath("names.xlsx"));
  ASSERT_TRUE(wb.ok());
  ASSERT_TRUE((*wb)->AddWorksheet("台账").ok());
  ASSERT_TRUE((*wb)->AddWorksheet("Ledger").ok());
  for (const char* name : {"台账", "LEDGER", "a/b", "项目[1]", "'引号'",
                           "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二"}) {
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
    // Enough rows that the helper thread is deflating when the writer is dropped.
    for (int r = 2; r < 20000 * i; ++r) ASSERT_TRUE((*ws)->WriteDecimal(r, 0, r, 0).ok());
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
  EXPECT_FALSE(std::filesystem::exists("/nonexistent-dir"));
}

TEST(XlsxWriterTest, OverlongTextIsAnInvalidArgument) {
  auto wb = WorkbookWriter::Create(TempPath("long.xlsx"));
  ASSERT_TRUE(wb.ok());
  auto ws = (*wb)->AddWorksheet("表");
  ASSERT_TRUE(ws.ok());
  Status s = (*ws)->WriteString(0, 0, std::string(40000, 'x'));
  EXPECT_EQ(s.error_code(), "xlsx.cell_too_long");
  EXPECT_NE(s.message().find("A1"), std::string::npos);
  // 20,000 Chinese characters are 60,000 bytes but within Excel's 32,767 characters.
  std::string chinese;
  for (int i = 0; i < 20000; ++i) chinese += "项";
  EXPECT_TRUE((*ws)->WriteString(1, 0, chinese).ok());
}

}  // namespace
}  // namespace tuijin::xlsx
