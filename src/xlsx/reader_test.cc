// Reader tests on packages built here, part by part, with libzip: XML shapes that
// our writer never produces (openpyxl/WPS inline strings, missing r= attributes, rich
// text, prefixes), and damaged or hostile files. Round trips through the writer are in
// writer_test.cc.
#include "xlsx/reader.h"
#include "base/test_temp_path.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <utility>
#include <vector>

namespace tuijin::xlsx {
namespace {

using Parts = std::vector<std::pair<std::string, std::string>>;

std::string TempPath(const std::string& name) { return testing_support::TestTempPath("xlsx_" + name); }

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A zip of `parts`, written to `path`.
void WriteZip(const std::string& path, const Parts& parts) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  ASSERT_NE(z, nullptr) << err;
  for (const auto& [name, data] : parts) {
    zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
    ASSERT_NE(src, nullptr);
    ASSERT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0);
  }
  ASSERT_EQ(zip_close(z), 0) << zip_strerror(z);
}

std::string ZipBytes(const Parts& parts) {
  std::string path = TempPath("zipbytes.zip");
  WriteZip(path, parts);
  std::string bytes = ReadFileBytes(path);
  std::remove(path.c_str());
  return bytes;
}

constexpr char kMainNs[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRelNs[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr char kPkgRelNs[] = "http://schemas.openxmlformats.org/package/2006/relationships";

std::string Rel(const std::string& id, const std::string& type, const std::string& target) {
  return "<Relationship Id=\"" + id + "\" Type=\"" + std::string(kRelNs) + "/" + type + "\" Target=\"" + target +
         "\"/>";
}

std::string Rels(const std::string& body) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"") + kPkgRelNs + "\">" + body +
         "</Relationships>";
}

std::string SheetXml(const std::string& sheet_data, const std::string& after = "") {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"") + kMainNs +
         "\" xmlns:r=\"" + kRelNs + "\">\n<sheetData>" + sheet_data + "</sheetData>" + after + "</worksheet>";
}

// The smallest package the reader accepts: one sheet "项目" at xl/worksheets/sheet1.xml,
// plus shared strings and styles when given.
Parts MinimalParts(const std::string& sheet_xml, const std::string& shared = "", const std::string& styles = "") {
  std::string wb_rels = Rel("rId1", "worksheet", "worksheets/sheet1.xml");
  if (!shared.empty()) wb_rels += Rel("rId2", "sharedStrings", "sharedStrings.xml");
  if (!styles.empty()) wb_rels += Rel("rId3", "styles", "styles.xml");
  Parts parts = {
      {"_rels/.rels", Rels(Rel("rId1", "officeDocument", "xl/workbook.xml"))},
      {"xl/workbook.xml", std::string("<workbook xmlns=\"") + kMainNs + "\" xmlns:r=\"" + kRelNs +
                              "\"><sheets><sheet name=\"项目\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels", Rels(wb_rels)},
      {"xl/worksheets/sheet1.xml", sheet_xml},
  };
  if (!shared.empty()) parts.push_back({"xl/sharedStrings.xml", shared});
  if (!styles.empty()) parts.push_back({"xl/styles.xml", styles});
  return parts;
}

// A Workbook with the bytes it reads from, which must outlive it.
struct OpenedBook {
  std::unique_ptr<std::string> bytes;
  std::unique_ptr<Workbook> wb;
  explicit operator bool() const { return wb != nullptr; }
  Workbook* operator->() const { return wb.get(); }
  Workbook& operator*() const { return *wb; }
};

OpenedBook OpenOrDie(std::string bytes, const ReaderOptions& options = {}) {
  OpenedBook book{std::make_unique<std::string>(std::move(bytes)), nullptr};
  auto wb = Workbook::OpenBuffer(*book.bytes, options);
  EXPECT_TRUE(wb.ok()) << wb.status().ToString();
  if (wb.ok()) book.wb = std::move(wb).value();
  return book;
}

SheetContents ReadAllOrDie(const Workbook& wb, int sheet = 0) {
  auto all = wb.ReadAll(sheet);
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  return all.ok() ? std::move(all).value() : SheetContents{};
}

std::string CellText(const Row& row, size_t col) { return col < row.cells.size() ? row.cells[col].text : ""; }

// --- Column letters and numbers ---------------------------------------------------------

TEST(XlsxColumnTest, LettersToIndexAndBack) {
  EXPECT_EQ(ColumnIndex("A"), 0);
  EXPECT_EQ(ColumnIndex("Z"), 25);
  EXPECT_EQ(ColumnIndex("AA"), 26);
  EXPECT_EQ(ColumnIndex("az"), 51);
  EXPECT_EQ(ColumnIndex("XFD"), 16383);
  EXPECT_EQ(ColumnIndex("XFE"), std::nullopt);
  EXPECT_EQ(ColumnIndex("AAAA"), std::nullopt);
  EXPECT_EQ(ColumnIndex(""), std::nullopt);
  EXPECT_EQ(ColumnIndex("A1"), std::nullopt);
  EXPECT_EQ(ColumnName(0), "A");
  EXPECT_EQ(ColumnName(26), "AA");
  EXPECT_EQ(ColumnName(16383), "XFD");
  EXPECT_EQ(ColumnName(16384), "");
  for (int i = 0; i < kMaxColumns; ++i) ASSERT_EQ(ColumnIndex(ColumnName(i)), i) << i;
  EXPECT_EQ(RangeName({1, 0, 1, 4}), "A1:E1");
  EXPECT_EQ(RangeName({3, 1, 3, 1}), "B3");
}

TEST(XlsxNumberTest, ParsesNumberText) {
  EXPECT_EQ(ParseNumber("12345.67"), 12345.67);
  EXPECT_EQ(ParseNumber("45000"), 45000.0);
  EXPECT_EQ(ParseNumber("1.2E-3"), 0.0012);
  EXPECT_EQ(ParseNumber("-3"), -3.0);
  EXPECT_EQ(ParseNumber(""), std::nullopt);
  EXPECT_EQ(ParseNumber("12,345"), std::nullopt);
  EXPECT_EQ(ParseNumber("inf"), std::nullopt);
  EXPECT_EQ(ParseNumber("1e999"), std::nullopt);
}

// --- XML shapes ---------------------------------------------------------------------------

TEST(XlsxReaderTest, SharedStringsJoinRichTextRunsAndDropPhonetics) {
  std::string shared = std::string("<sst xmlns=\"") + kMainNs +
                       "\" count=\"4\" uniqueCount=\"4\">"
                       "<si><t>项目名称</t></si>"
                       "<si><r><t>云河</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">区 </t></r>"
                       "<rPh sb=\"0\" eb=\"2\"><t>うんが</t></rPh><phoneticPr fontId=\"1\"/></si>"
                       "<si><t>第一行_x000D_\n第二行 _x005F_x0041_</t></si>"
                       "<si><t/></si>"
                       "</sst>";
  std::string sheet = SheetXml(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>");
  auto wb = OpenOrDie(ZipBytes(MinimalParts(sheet, shared)));
  ASSERT_TRUE(wb);
  EXPECT_EQ(wb->sheet_names(), std::vector<std::string>{"项目"});
  auto all = ReadAllOrDie(*wb);
  ASSERT_EQ(all.rows.size(), 2u);
  EXPECT_EQ(all.rows[0].cells[0].type, CellType::kString);
  EXPECT_EQ(CellText(all.rows[0], 0), "项目名称");
  EXPECT_EQ(CellText(all.rows[0], 1), "云河区 ");
  EXPECT_EQ(CellText(all.rows[1], 0), "第一行\r\n第二行 _x0041_");
  EXPECT_EQ(all.rows[1].cells.size(), 1u);  // the empty shared string is an empty cell
}

TEST(XlsxReaderTest, InlineStringsBooleansErrorsFormulasAndMissingRefs) {
  // openpyxl and WPS write shapes like these: no r= on rows or cells, inline strings.
  std::string sheet = SheetXml(
      "<row><c t=\"inlineStr\"><is><t>序号</t></is></c><c t=\"inlineStr\"><is><r><t>项目</t></r><r><t>名称</t></r>"
      "</is></c><c t=\"inlineStr\"><is><t>总投资</t></is></c></row>"
      "<row><c><v>1</v></c><c t=\"inlineStr\"><is><t xml:space=\"preserve\"> 滨江路改造 </t></is></c>"
      "<c t=\"n\"><v>45000</v></c><c t=\"b\"><v>1</v></c><c t=\"b\"><v>0</v></c></row>"
      "<row><c r=\"B3\" t=\"e\"><v>#DIV/0!</v></c><c t=\"str\"><f>A1&amp;\"x\"</f><v>序号x</v></c>"
      "<c><f>SUM(C2:C2)</f><v>1.2E-3</v></c><c s=\"0\"/><c><v></v></c></row>");
  auto wb = OpenOrDie(ZipBytes(MinimalParts(sheet)));
  ASSERT_TRUE(wb);
  auto all = ReadAllOrDie(*wb);
  ASSERT_EQ(all.rows.size(), 3u);
  const Row& header = all.rows[0];
  EXPECT_EQ(header.index, 1);
  ASSERT_EQ(header.cells.size(), 3u);
  EXPECT_EQ(CellText(header, 0), "序号");
  EXPECT_EQ(CellText(header, 1), "项目名称");
  EXPECT_EQ(CellText(header, 2), "总投资");

  const Row& data = all.rows[1];
  EXPECT_EQ(data.index, 2);
  ASSERT_EQ(data.cells.size(), 5u);
  EXPECT_EQ(data.cells[0].type, CellType::kNumber);
  EXPECT_EQ(data.cells[0].text, "1");
  EXPECT_EQ(data.cells[1].type, CellType::kString);
  EXPECT_EQ(data.cells[1].text, " 滨江路改造 ");
  EXPECT_EQ(data.cells[2].text, "45000");
  EXPECT_EQ(data.cells[3].type, CellType::kBool);
  EXPECT_EQ(data.cells[3].text, "TRUE");
  EXPECT_EQ(data.cells[4].text, "FALSE");

  const Row& misc = all.rows[2];
  EXPECT_EQ(misc.index, 3);
  ASSERT_EQ(misc.cells.size(), 4u);  // A3 empty, then B3..D3; the styled and empty ones drop off
  EXPECT_EQ(misc.cells[0].type, CellType::kEmpty);
  EXPECT_EQ(misc.cells[1].type, CellType::kError);
  EXPECT_EQ(misc.cells[1].text, "#DIV/0!");
  EXPECT_EQ(misc.cells[2].type, CellType::kString);
  EXPECT_EQ(misc.cells[2].text, "序号x");
  EXPECT_EQ(misc.cells[3].type, CellType::kNumber);
  EXPECT_EQ(misc.cells[3].text, "1.2E-3");
}

TEST(XlsxReaderTest, SkippedRowsAndColumnsKeepTheirPositions) {
  std::string sheet = SheetXml(
      "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"
      "<row r=\"3\" ht=\"30\" customHeight=\"1\"/>"                    // styled, no values
      "<row r=\"4\"><c r=\"A4\" s=\"0\"/><c r=\"B4\" s=\"0\"/></row>"  // styled cells only
      "<row r=\"7\"><c r=\"D7\"><v>4</v></c><c><v>5</v></c></row>"     // E7 by sequence
      "<row><c r=\"AA8\"><v>6</v></c></row>");                         // row 8 by sequence
  auto wb = OpenOrDie(ZipBytes(MinimalParts(sheet)));
  ASSERT_TRUE(wb);
  auto all = ReadAllOrDie(*wb);
  ASSERT_EQ(all.rows.size(), 3u);
  EXPECT_EQ(all.rows[0].index, 2);
  EXPECT_EQ(all.rows[1].index, 7);
  ASSERT_EQ(all.rows[1].cells.size(), 5u);
  for (int c = 0; c < 3; ++c) EXPECT_EQ(all.rows[1].cells[c].type, CellType::kEmpty);
  EXPECT_EQ(CellText(all.rows[1], 3), "4");
  EXPECT_EQ(CellText(all.rows[1], 4), "5");
  EXPECT_EQ(all.rows[2].index, 8);
  ASSERT_EQ(all.rows[2].cells.size(), 27u);
  EXPECT_EQ(CellText(all.rows[2], 26), "6");
}

TEST(XlsxReaderTest, EachRowHasOnlyItsOwnCells) {
  // Cells are reused from row to row: nothing of a wider or fuller row may show in the next.
  std::string sheet = SheetXml(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>云河区第一号重点项目建设工程</t></is></c>"
      "<c r=\"B1\" t=\"b\"><v>1</v></c><c r=\"C1\" t=\"d\"><v>2024-03-01</v></c>"
      "<c r=\"E1\"><v>45000</v></c></row>"
      "<row r=\"2\"><c r=\"B2\"><v>7</v></c></row>"
      "<row r=\"3\"><c r=\"D3\" t=\"e\"><v>#N/A</v></c><c r=\"A3\" t=\"inlineStr\"><is><t>乙</t></is></c></row>"
      "<row r=\"4\"><c r=\"A4\"/><c r=\"B4\"/></row>"
      "<row r=\"5\"><c r=\"C5\" t=\"inlineStr\"><is><t>丙</t></is></c></row>");
  auto wb = OpenOrDie(ZipBytes(MinimalParts(sheet)));
  ASSERT_TRUE(wb);
  auto all = ReadAllOrDie(*wb);
  ASSERT_EQ(all.rows.size(), 4u);
  ASSERT_EQ(all.rows[0].cells.size(), 5u);
  EXPECT_TRUE(all.rows[0].cells[2].is_date);
  EXPECT_EQ(all.rows[0].cells[3].type, CellType::kEmpty);
  ASSERT_EQ(all.rows[1].cells.size(), 2u);
  EXPECT_EQ(all.rows[1].cells[0].type, CellType::kEmpty);
  EXPECT_EQ(all.rows[1].cells[0].text, "");
  EXPECT_EQ(all.rows[1].cells[1].type, CellType::kNumber);
  EXPECT_EQ(all.rows[1].cells[1].text, "7");
  ASSERT_EQ(all.rows[2].cells.size(), 4u);
  EXPECT_EQ(CellText(all.rows[2], 0), "乙");
  for (int c = 1; c < 3; ++c) {
    EXPECT_EQ(all.rows[2].cells[c].type, CellType::kEmpty);
    EXPECT_EQ(all.rows[2].cells[c].text, "");
    EXPECT_FALSE(all.rows[2].cells[c].is_date);
  }
  EXPECT_EQ(all.rows[2].cells[3].type, CellType::kError);
  EXPECT_EQ(all.rows[3].index, 5);
  ASSERT_EQ(all.rows[3].cells.size(), 3u);
  EXPECT_EQ(all.rows[3].cells[0].text, "");
  EXPECT_EQ(all.rows[3].cells[1].text, "");
  EXPECT_EQ(CellText(all.rows[3], 2), "丙");
}

TEST(XlsxReaderTest, DateStylesFromBuiltinAndCustomFormats) {
  std::string styles = std::string("<styleSheet xmlns=\"") + kMainNs +
                       "\"><numFmts count=\"4\">"
                       "<numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
                       "<numFmt numFmtId=\"177\" formatCode=\"#,##0.00&quot;万元&quot;\"/>"
                       "<numFmt numFmtId=\"178\" formatCode=\"[Red][&lt;0]0.00;0.00\"/>"
                       "<numFmt numFmtId=\"179\" formatCode=\"[$-804]h:mm\"/>"
                       "</numFmts>"
                       "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
                       "<cellXfs count=\"8\">"
                       "<xf numFmtId=\"0\"/>"                                          // 0 General
                       "<xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"                 // 1 m/d/yyyy
                       "<xf numFmtId=\"176\"><alignment horizontal=\"center\"/></xf>"  // 2 custom date
                       "<xf numFmtId=\"177\"/>"                                        // 3 万元 amount
                       "<xf numFmtId=\"178\"/>"                                        // 4 colour, no date
                       "<xf numFmtId=\"179\"/>"                                        // 5 time
                       "<xf numFmtId=\"31\"/>"                                         // 6 zh-CN builtin date
                       "<xf numFmtId=\"4\"/>"                                          // 7 #,##0.00
                       "</cellXfs></styleSheet>";
  std::string cells;
  for (int s = 0; s < 8; ++s) cells += "<c s=\"" + std::to_string(s) + "\"><v>46096</v></c>";
  cells += "<c s=\"1\" t=\"s\"><v>0</v></c>";  // a string in a date style is still a string
  cells += "<c s=\"99\"><v>1</v></c>";         // a style index past cellXfs: not a date
  std::string shared = std::string("<sst xmlns=\"") + kMainNs + "\"><si><t>待定</t></si></sst>";
  auto wb = OpenOrDie(ZipBytes(MinimalParts(SheetXml("<row r=\"1\">" + cells + "</row>"), shared, styles)));
  ASSERT_TRUE(wb);
  auto all = ReadAllOrDie(*wb);
  ASSERT_EQ(all.rows.size(), 1u);
  const auto& c = all.rows[0].cells;
  ASSERT_EQ(c.size(), 10u);
  std::vector<bool> expected = {false, true, true, false, false, true, true, false, false, false};
  for (size_t i = 0; i < c.size(); ++i) EXPECT_EQ(c[i].is_date, expected[i]) << "column " << i;
  EXPECT_EQ(c[1].type, CellType::kNumber);
  EXPECT_EQ(c[1].text, "46096");
  EXPECT_EQ(c[8].type, CellType::kString);
}

TEST(XlsxReaderTest, SheetsFollowWorkbookOrderNotFileNames) {
  Parts parts = {
      {"xl/workbook.xml", std::string("<workbook xmlns=\"") + kMainNs + "\" xmlns:r=\"" + kRelNs +
                              "\"><workbookPr date1904=\"1\"/><sheets>"
                              "<sheet name=\"汇总图\" sheetId=\"3\" r:id=\"rId9\"/>"
                              "<sheet name=\"台账\" sheetId=\"2\" r:id=\"rId7\"/>"
                              "<sheet name=\"说明\" sheetId=\"1\" r:id=\"rId8\" state=\"hidden\"/>"
                              "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels", Rels(Rel("rId7", "worksheet", "/xl/worksheets/sheet2.xml") +
                                          Rel("rId8", "worksheet", "./worksheets/../worksheets/sheet1.xml") +
                                          Rel("rId9", "chartsheet", "chartsheets/sheet1.xml"))},
      {"xl/worksheets/sheet1.xml", SheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>说明</t></is></c></row>")},
      {"xl/worksheets/sheet2.xml", SheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>台账</t></is></c></row>")},
  };  // no _rels/.rels: the reader falls back to xl/workbook.xml
  auto wb = OpenOrDie(ZipBytes(parts));
  ASSERT_TRUE(wb);
  EXPECT_EQ(wb->sheet_names(), (std::vector<std::string>{"台账", "说明"}));
  EXPECT_TRUE(wb->date1904());
  auto first = ReadAllOrDie(*wb, 0);
  ASSERT_EQ(first.rows.size(), 1u);
  EXPECT_EQ(CellText(first.rows[0], 0), "台账");
  auto second = ReadAllOrDie(*wb, 1);
  ASSERT_EQ(second.rows.size(), 1u);
  EXPECT_EQ(CellText(second.rows[0], 0), "说明");
  auto third = wb->ReadAll(2);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().error_code(), "xlsx.no_sheet");
}

TEST(XlsxReaderTest, NamespacePrefixesAreIgnored) {
  std::string sheet = std::string("<x:worksheet xmlns:x=\"") + kMainNs +
                      "\"><x:sheetData><x:row r=\"1\"><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>前缀</x:t></x:is>"
                      "</x:c><x:c r=\"C1\"><x:v>7</x:v></x:c></x:row></x:sheetData>"
                      "<x:mergeCells><x:mergeCell ref=\"B1:C1\"/></x:mergeCells></x:worksheet>";
  auto wb = OpenOrDie(ZipBytes(MinimalParts(sheet)));
  ASSERT_TRUE(wb);
  auto all = ReadAllOrDie(*wb);
  ASSERT_EQ(all.rows.size(), 1u);
  EXPECT_EQ(CellText(all.rows[0], 1), "前缀");
  EXPECT_EQ(CellText(all.rows[0], 2), "7");
  EXPECT_EQ(all.merged, (std::vector<MergedRange>{{1, 1, 1, 2}}));
}

std::string ThreeRowsWithMerges() {
  return SheetXml(
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>标题</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"
      "<row r=\"3\"><c r=\"A3\"><v>2</v></c></row>",
      "<mergeCells count=\"2\"><mergeCell ref=\"A1:D1\"/><mergeCell ref=\"B3:A2\"/></mergeCells>");
}

TEST(XlsxReaderTest, ReadAllReturnsEveryRowAndTheMerges) {
  auto wb = OpenOrDie(ZipBytes(MinimalParts(ThreeRowsWithMerges())));
  ASSERT_TRUE(wb);
  auto all = ReadAllOrDie(*wb);
  EXPECT_EQ(all.rows.size(), 3u);
  EXPECT_EQ(all.merged, (std::vector<MergedRange>{{1, 0, 1, 3}, {2, 0, 3, 1}}));
}

TEST(XlsxReaderTest, CallbackCanStopEarly) {
  auto wb = OpenOrDie(ZipBytes(MinimalParts(ThreeRowsWithMerges())));
  ASSERT_TRUE(wb);
  std::vector<int> seen;
  auto merged = wb->ReadRows(0, [&](const Row& row) {
    seen.push_back(row.index);
    return row.index < 2;
  });
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(seen, (std::vector<int>{1, 2}));
  EXPECT_TRUE(merged->empty());  // they follow the rows, which were not all read

  seen.clear();
  merged = wb->ReadRows(0, [&](const Row& row) {
    seen.push_back(row.index);
    return true;
  });
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(merged->size(), 2u);
}

TEST(XlsxReaderTest, OpensFromAFilePath) {
  std::string path = TempPath("open_file.xlsx");
  WriteZip(path, MinimalParts(ThreeRowsWithMerges()));
  auto wb = Workbook::OpenFile(path);
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  auto all = (*wb)->ReadAll();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->rows.size(), 3u);
  std::remove(path.c_str());

  auto missing = Workbook::OpenFile(TempPath("does_not_exist.xlsx"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().error_code(), "xlsx.open_failed");
}

// --- Limits ------------------------------------------------------------------------------

TEST(XlsxReaderTest, RowLimitIsEnforced) {
  ReaderOptions options;
  options.max_rows = 2;
  auto wb = OpenOrDie(ZipBytes(MinimalParts(ThreeRowsWithMerges())), options);
  ASSERT_TRUE(wb);
  auto all = wb->ReadAll();
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().error_code(), "xlsx.too_many_rows");
  EXPECT_EQ(all.status().code(), StatusCode::kTooLarge);

  auto past_excel = OpenOrDie(ZipBytes(MinimalParts(SheetXml("<row r=\"1048577\"><c><v>1</v></c></row>"))));
  ASSERT_TRUE(past_excel);
  EXPECT_EQ(past_excel->ReadAll().status().error_code(), "xlsx.too_many_rows");
}

TEST(XlsxReaderTest, ColumnsPastXfdAreRefused) {
  for (const char* ref : {"XFE1", "ABCD1"}) {
    auto wb = OpenOrDie(
        ZipBytes(MinimalParts(SheetXml(std::string("<row r=\"1\"><c r=\"") + ref + "\"><v>1</v></c></row>"))));
    ASSERT_TRUE(wb);
    EXPECT_EQ(wb->ReadAll().status().error_code(), "xlsx.too_many_columns") << ref;
  }
  // Sequential cells run past XFD too.
  std::string cells = "<c r=\"XFD1\"><v>1</v></c><c><v>2</v></c>";
  auto wb = OpenOrDie(ZipBytes(MinimalParts(SheetXml("<row r=\"1\">" + cells + "</row>"))));
  ASSERT_TRUE(wb);
  EXPECT_EQ(wb->ReadAll().status().error_code(), "xlsx.too_many_columns");
}

// --- Damaged and hostile input ---------------------------------------------------------

void ExpectOpenError(std::string_view bytes, const std::string& code) {
  auto wb = Workbook::OpenBuffer(bytes);
  ASSERT_FALSE(wb.ok()) << "expected " << code;
  EXPECT_EQ(wb.status().error_code(), code) << wb.status().ToString();
  EXPECT_FALSE(wb.status().message().empty());
}

TEST(XlsxReaderTest, NotAZip) {
  std::mt19937 rng(42);
  std::string random(4096, '\0');
  for (char& c : random) c = static_cast<char>(rng());
  ExpectOpenError(random, "xlsx.not_zip");
  ExpectOpenError("项目名称,总投资\n云河科技园,12345.67\n", "xlsx.not_zip");
  ExpectOpenError("", "xlsx.not_zip");
  ExpectOpenError("PK", "xlsx.not_zip");
  auto wb = Workbook::OpenBuffer(std::string_view("hello"));
  EXPECT_EQ(wb.status().message(), "文件不是有效的 .xlsx(不是 zip 格式)");
  ExpectOpenError(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'), "xlsx.legacy_xls");

  std::string path = TempPath("not_zip.txt");
  std::ofstream(path) << "这不是表格";
  auto from_file = Workbook::OpenFile(path);
  ASSERT_FALSE(from_file.ok());
  EXPECT_EQ(from_file.status().error_code(), "xlsx.not_zip");
  std::remove(path.c_str());
}

TEST(XlsxReaderTest, ZipWithoutWorkbookOrSheets) {
  ExpectOpenError(ZipBytes({{"readme.txt", "hello"}}), "xlsx.no_sheet");
  // An empty zip: just the end-of-central-directory record.
  ExpectOpenError(std::string("PK\x05\x06", 4) + std::string(18, '\0'), "xlsx.no_sheet");
  Parts no_sheets = MinimalParts(SheetXml(""));
  no_sheets[1].second = std::string("<workbook xmlns=\"") + kMainNs + "\"><sheets/></workbook>";
  ExpectOpenError(ZipBytes(no_sheets), "xlsx.no_sheet");
  // The workbook names a sheet whose part is missing: found when it is read.
  Parts missing_part = MinimalParts(SheetXml(""));
  missing_part.pop_back();
  auto wb = OpenOrDie(ZipBytes(missing_part));
  ASSERT_TRUE(wb);
  EXPECT_EQ(wb->ReadAll().status().error_code(), "xlsx.no_sheet");
}

TEST(XlsxReaderTest, MalformedXmlNamesTheLine) {
  std::string sheet = SheetXml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\n<row r=\"2\"><c r=\"A2\"><v>2</c></row>");
  auto wb = OpenOrDie(ZipBytes(MinimalParts(sheet)));
  ASSERT_TRUE(wb);
  int rows = 0;
  auto result = wb->ReadRows(0, [&](const Row&) { return ++rows > 0; });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().error_code(), "xlsx.bad_xml");
  EXPECT_NE(result.status().message().find("第 4 行"), std::string::npos) << result.status().message();
  EXPECT_EQ(rows, 1);  // the rows before the damage were delivered

  Parts bad_workbook = MinimalParts(SheetXml(""));
  bad_workbook[1].second = "<workbook><sheets><sheet name=\"a\"</sheets></workbook>";
  ExpectOpenError(ZipBytes(bad_workbook), "xlsx.bad_xml");

  std::string bad_shared = "<sst><si><t>未闭合</si></sst>";
  ExpectOpenError(ZipBytes(MinimalParts(SheetXml(""), bad_shared)), "xlsx.bad_xml");

  // Well-formed XML but a cell pointing past the shared-string table.
  std::string shared = std::string("<sst xmlns=\"") + kMainNs + "\"><si><t>一</t></si></sst>";
  auto bad_index =
      OpenOrDie(ZipBytes(MinimalParts(SheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>"), shared)));
  ASSERT_TRUE(bad_index);
  EXPECT_EQ(bad_index->ReadAll().status().error_code(), "xlsx.bad_xml");

  auto bad_ref = OpenOrDie(ZipBytes(MinimalParts(SheetXml("<row r=\"1\"><c r=\"1A\"><v>5</v></c></row>"))));
  ASSERT_TRUE(bad_ref);
  EXPECT_EQ(bad_ref->ReadAll().status().error_code(), "xlsx.bad_xml");
}

TEST(XlsxReaderTest, DoctypeIsRefused) {
  std::string sheet =
      "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row>"
      "</sheetData></worksheet>";
  auto wb = OpenOrDie(ZipBytes(MinimalParts(sheet)));
  ASSERT_TRUE(wb);
  auto all = wb->ReadAll();
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().error_code(), "xlsx.bad_xml");
}

TEST(XlsxReaderTest, TruncatedZip) {
  std::string sheet = SheetXml("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>云河区</t></is></c></row>");
  std::string bytes = ZipBytes(MinimalParts(sheet));
  for (size_t keep : {bytes.size() - 1, bytes.size() - 30, bytes.size() / 2, size_t{10}}) {
    SCOPED_TRACE(keep);
    ExpectOpenError(std::string_view(bytes).substr(0, keep), "xlsx.corrupt");
  }
}

// Offset of the data of `name` in a zip: just after its local file header.
size_t LocalDataOffset(const std::string& zip, const std::string& name) {
  for (size_t pos = zip.find("PK\x03\x04"); pos != std::string::npos; pos = zip.find("PK\x03\x04", pos + 1)) {
    uint16_t name_len, extra_len;
    std::memcpy(&name_len, zip.data() + pos + 26, 2);
    std::memcpy(&extra_len, zip.data() + pos + 28, 2);
    if (zip.compare(pos + 30, name_len, name) == 0) return pos + 30 + name_len + extra_len;
  }
  return std::string::npos;
}

// Rewrites the uncompressed size of `name` in its local header and central directory
// entry, as a forged zip bomb would.
void ForgeUncompressedSize(std::string* zip, const std::string& name, uint32_t size) {
  size_t data = LocalDataOffset(*zip, name);
  ASSERT_NE(data, std::string::npos);
  size_t local = zip->rfind("PK\x03\x04", data);
  std::memcpy(zip->data() + local + 22, &size, 4);
  for (size_t pos = zip->find("PK\x01\x02"); pos != std::string::npos; pos = zip->find("PK\x01\x02", pos + 1)) {
    uint16_t name_len;
    std::memcpy(&name_len, zip->data() + pos + 28, 2);
    if (zip->compare(pos + 46, name_len, name) == 0) {
      std::memcpy(zip->data() + pos + 24, &size, 4);
      return;
    }
  }
  FAIL() << "no central directory entry for " << name;
}

TEST(XlsxReaderTest, CorruptDeflateDataIsAnErrorNotACrash) {
  std::string rows;
  for (int i = 1; i <= 200; ++i) {
    rows += "<row r=\"" + std::to_string(i) + "\"><c r=\"A" + std::to_string(i) + "\" t=\"inlineStr\"><is><t>项目" +
            std::to_string(i) + "</t></is></c></row>";
  }
  std::string bytes = ZipBytes(MinimalParts(SheetXml(rows)));
  size_t data = LocalDataOffset(bytes, "xl/worksheets/sheet1.xml");
  ASSERT_NE(data, std::string::npos);
  // 0xFF… is an invalid deflate block type; the central directory stays intact.
  for (size_t i = data; i < data + 64; ++i) bytes[i] = '\xFF';
  auto wb = OpenOrDie(bytes);
  ASSERT_TRUE(wb);
  auto all = wb->ReadAll();
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().error_code(), "xlsx.corrupt") << all.status().ToString();

  // Damage further in: whatever inflates before the damage, the CRC or inflate fails.
  std::string late = ZipBytes(MinimalParts(SheetXml(rows)));
  data = LocalDataOffset(late, "xl/worksheets/sheet1.xml");
  for (size_t i = data + 200; i < data + 240; ++i) late[i] = static_cast<char>(late[i] ^ 0x5A);
  auto wb2 = OpenOrDie(late);
  ASSERT_TRUE(wb2);
  auto result = wb2->ReadAll();
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().error_code() == "xlsx.corrupt" || result.status().error_code() == "xlsx.bad_xml")
      << result.status().ToString();
}

// A zip_source that produces `size` zero bytes without holding them.
struct ZeroSource {
  uint64_t size;
  uint64_t pos = 0;
};

zip_int64_t ZeroCallback(void* state, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* z = static_cast<ZeroSource*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      z->pos = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      uint64_t n = std::min<uint64_t>(len, z->size - z->pos);
      std::memset(data, 0, n);
      z->pos += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = z->size;
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR: {
      zip_error_t err;
      zip_error_init(&err);
      return zip_error_to_data(&err, data, len);
    }
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return -1;
  }
}

// MinimalParts with `name` replaced by `size` zero bytes, deflated, written to `path`.
void WriteZipWithZeroPart(const std::string& path, const std::string& name, uint64_t size) {
  Parts parts = MinimalParts(SheetXml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"),
                             std::string("<sst xmlns=\"") + kMainNs + "\"/>");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  ASSERT_NE(z, nullptr);
  for (const auto& [part, data] : parts) {
    if (part == name) continue;
    ASSERT_GE(zip_file_add(z, part.c_str(), zip_source_buffer(z, data.data(), data.size(), 0), 0), 0);
  }
  ZeroSource zeros{size};
  zip_source_t* src = zip_source_function(z, ZeroCallback, &zeros);
  ASSERT_NE(src, nullptr);
  zip_int64_t idx = zip_file_add(z, name.c_str(), src, 0);
  ASSERT_GE(idx, 0);
  ASSERT_EQ(zip_close(z), 0);
}

TEST(XlsxReaderTest, ZipBombIsRefusedByDeclaredSize) {
  // 300 MiB of zeros deflate to about 300 KB: over the 256 MiB limit and 1000:1.
  std::string path = TempPath("bomb.xlsx");
  WriteZipWithZeroPart(path, "xl/worksheets/sheet1.xml", 300ull << 20);
  EXPECT_LT(std::filesystem::file_size(path), 2u << 20);
  auto wb = Workbook::OpenFile(path);
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();  // sheets are inflated only when read
  auto all = (*wb)->ReadAll();
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().error_code(), "xlsx.too_large");
  EXPECT_EQ(all.status().code(), StatusCode::kTooLarge);
  std::remove(path.c_str());
}

TEST(XlsxReaderTest, ZipBombIsRefusedByRatio) {
  // 4 MiB of zeros: under the size limit, but far over 200:1. In the shared strings, so
  // Open itself refuses.
  std::string path = TempPath("ratio_bomb.xlsx");
  WriteZipWithZeroPart(path, "xl/sharedStrings.xml", 4ull << 20);
  auto wb = Workbook::OpenFile(path);
  ASSERT_FALSE(wb.ok());
  EXPECT_EQ(wb.status().error_code(), "xlsx.too_large");
  std::remove(path.c_str());
}

TEST(XlsxReaderTest, ZipBombWithALyingHeaderIsCaughtWhileInflating) {
  std::string path = TempPath("lying_bomb.xlsx");
  WriteZipWithZeroPart(path, "xl/worksheets/sheet1.xml", 32ull << 20);
  std::string bytes = ReadFileBytes(path);
  std::remove(path.c_str());
  // Claim 1000 bytes: small enough that neither the size nor the ratio check fires up front.
  ForgeUncompressedSize(&bytes, "xl/worksheets/sheet1.xml", 1000);
  auto wb = OpenOrDie(bytes);
  ASSERT_TRUE(wb);
  auto all = wb->ReadAll();
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().error_code(), "xlsx.too_large");
}

// --- Large parts: inflated on a helper thread, ahead of the parser --------------------------

// `count` rows of varied numbers and text, about 100 bytes each, so that the sheet deflates
// at an ordinary ratio and spans several of the reader's chunks.
std::string ManyRows(int count, uint32_t seed = 7) {
  std::mt19937 rng(seed);
  std::string rows;
  for (int i = 1; i <= count; ++i) {
    const std::string r = std::to_string(i);
    rows += "<row r=\"" + r + "\"><c r=\"A" + r + "\"><v>" + std::to_string(rng()) + "</v></c><c r=\"B" + r +
            "\" t=\"inlineStr\"><is><t>项目" + std::to_string(rng() % 100000) + "</t></is></c></row>";
  }
  return rows;
}

constexpr int kManyRows = 30000;  // about 3 MB of XML

TEST(XlsxReaderTest, LargeSheetIsReadWhole) {
  auto wb = OpenOrDie(ZipBytes(MinimalParts(SheetXml(ManyRows(kManyRows)))));
  ASSERT_TRUE(wb);
  int expected = 0;
  auto merged = wb->ReadRows(0, [&](const Row& row) {
    EXPECT_EQ(row.index, ++expected);
    EXPECT_EQ(row.cells.size(), 2u);
    return true;
  });
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(expected, kManyRows);
}

TEST(XlsxReaderTest, CallbackCanStopEarlyInALargeSheet) {
  auto wb = OpenOrDie(ZipBytes(MinimalParts(SheetXml(ManyRows(kManyRows)))));
  ASSERT_TRUE(wb);
  // Stopping at once and stopping after the inflating thread has run ahead: neither hangs.
  for (int stop_after : {1, 10, 20000}) {
    int seen = 0;
    auto merged = wb->ReadRows(0, [&](const Row&) { return ++seen < stop_after; });
    ASSERT_TRUE(merged.ok()) << merged.status().ToString();
    EXPECT_EQ(seen, stop_after);
  }
  EXPECT_EQ(ReadAllOrDie(*wb).rows.size(), static_cast<size_t>(kManyRows));
}

TEST(XlsxReaderTest, BadXmlEarlyInALargeSheet) {
  const std::string rows = ManyRows(kManyRows);
  const std::string bad = "<row r=\"2\"><c r=\"A2\"><v>2</c></row>";
  auto wb = OpenOrDie(ZipBytes(MinimalParts(SheetXml(rows.substr(0, rows.find("<row r=\"2\"")) + bad + rows))));
  ASSERT_TRUE(wb);
  auto all = wb->ReadAll();
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().error_code(), "xlsx.bad_xml");
}

TEST(XlsxReaderTest, CallbackCanReadAnotherSheetOfTheSameWorkbook) {
  Parts parts = MinimalParts(SheetXml(ManyRows(kManyRows, 1)));
  parts[1].second = std::string("<workbook xmlns=\"") + kMainNs + "\" xmlns:r=\"" + kRelNs +
                    "\"><sheets><sheet name=\"项目\" sheetId=\"1\" r:id=\"rId1\"/>"
                    "<sheet name=\"资金\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
  parts[2].second =
      Rels(Rel("rId1", "worksheet", "worksheets/sheet1.xml") + Rel("rId2", "worksheet", "worksheets/sheet2.xml"));
  parts.push_back({"xl/worksheets/sheet2.xml", SheetXml(ManyRows(kManyRows, 2))});
  auto wb = OpenOrDie(ZipBytes(parts));
  ASSERT_TRUE(wb);
  const auto second = ReadAllOrDie(*wb, 1);
  int rows = 0;
  auto merged = wb->ReadRows(0, [&](const Row& row) {
    ++rows;
    if (row.index % 10000 == 0) {
      auto again = wb->ReadAll(1);
      EXPECT_EQ(again.ok() ? again->rows.size() : 0, second.rows.size()) << again.status().ToString();
    }
    return true;
  });
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(rows, kManyRows);
}

// Rewrites the CRC-32 of `name` in its local header and central directory entry.
void ForgeCrc(std::string* zip, const std::string& name) {
  size_t data = LocalDataOffset(*zip, name);
  ASSERT_NE(data, std::string::npos);
  size_t local = zip->rfind("PK\x03\x04", data);
  (*zip)[local + 14] = static_cast<char>((*zip)[local + 14] ^ 0x01);
  for (size_t pos = zip->find("PK\x01\x02"); pos != std::string::npos; pos = zip->find("PK\x01\x02", pos + 1)) {
    uint16_t name_len;
    std::memcpy(&name_len, zip->data() + pos + 28, 2);
    if (zip->compare(pos + 46, name_len, name) == 0) {
      (*zip)[pos + 16] = static_cast<char>((*zip)[pos + 16] ^ 0x01);
      return;
    }
  }
  FAIL() << "no central directory entry for " << name;
}

TEST(XlsxReaderTest, InflateErrorsInALargeSheetReachTheCaller) {
  const std::string bytes = ZipBytes(MinimalParts(SheetXml(ManyRows(kManyRows))));
  // The data inflates, but not to the checksum the zip gives: found at the very end.
  std::string bad_crc = bytes;
  ForgeCrc(&bad_crc, "xl/worksheets/sheet1.xml");
  auto wb = OpenOrDie(bad_crc);
  ASSERT_TRUE(wb);
  auto all = wb->ReadAll();
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().error_code(), "xlsx.corrupt") << all.status().ToString();

  // Damage in the middle of the deflate stream.
  std::string damaged = bytes;
  const size_t data = LocalDataOffset(damaged, "xl/worksheets/sheet1.xml");
  ASSERT_NE(data, std::string::npos);
  const size_t middle = data + (damaged.find("PK\x01\x02") - data) / 2;
  for (size_t i = middle; i < middle + 64; ++i) damaged[i] = '\xFF';
  auto wb2 = OpenOrDie(damaged);
  ASSERT_TRUE(wb2);
  int rows = 0;
  auto result = wb2->ReadRows(0, [&](const Row&) { return ++rows > 0; });
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().error_code() == "xlsx.corrupt" || result.status().error_code() == "xlsx.bad_xml")
      << result.status().ToString();
  EXPECT_GT(rows, 0);  // the rows before the damage were delivered
}

TEST(XlsxReaderTest, LyingHeaderOfALargeSheetIsCaughtWhileInflating) {
  std::string bytes = ZipBytes(MinimalParts(SheetXml(ManyRows(kManyRows))));
  // About 3 MB of well-formed XML declared as 1 MiB: several chunks, so the part is inflated
  // ahead on a helper thread, and not over the size or ratio limits up front.
  ForgeUncompressedSize(&bytes, "xl/worksheets/sheet1.xml", 1u << 20);
  auto wb = OpenOrDie(bytes);
  ASSERT_TRUE(wb);
  int rows = 0;
  auto result = wb->ReadRows(0, [&](const Row&) { return ++rows > 0; });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().error_code(), "xlsx.too_large") << result.status().ToString();
  EXPECT_GT(rows, 0);
  EXPECT_LT(rows, kManyRows);
}

}  // namespace
}  // namespace tuijin::xlsx
