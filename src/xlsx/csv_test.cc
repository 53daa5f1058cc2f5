#include "xlsx/csv.h"
#include "base/test_temp_path.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace tuijin::xlsx {
namespace {

std::vector<std::vector<std::string>> Texts(const std::vector<Row>& rows) {
  std::vector<std::vector<std::string>> out;
  for (const auto& row : rows) {
    std::vector<std::string> cells;
    for (const auto& cell : row.cells) {
      EXPECT_EQ(cell.type, CellType::kString);
      cells.push_back(cell.text);
    }
    out.push_back(cells);
  }
  return out;
}

std::vector<int> Indexes(const std::vector<Row>& rows) {
  std::vector<int> out;
  for (const auto& row : rows) out.push_back(row.index);
  return out;
}

using Table = std::vector<std::vector<std::string>>;

TEST(CsvTest, QuotesAndEmbeddedNewlines) {
  auto rows = ParseCsv(
      "项目名称,说明,总投资\r\n"
      "\"云河科技园,一期\",\"含\"\"引号\"\"的说明\r\n第二行\",12345.67\r\n"
      "滨江路,,45000\n"
      "\"\",\"末尾\"\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(Texts(*rows), (Table{{"项目名称", "说明", "总投资"},
                                 {"云河科技园,一期", "含\"引号\"的说明\r\n第二行", "12345.67"},
                                 {"滨江路", "", "45000"},
                                 {"", "末尾"}}));
  EXPECT_EQ(Indexes(*rows), (std::vector<int>{1, 2, 3, 4}));
}

TEST(CsvTest, BlankRecordsAreSkippedButCounted) {
  auto rows = ParseCsv("a,b\n\n,,\r\nc,d,\rlast");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(Texts(*rows), (Table{{"a", "b"}, {"c", "d", ""}, {"last"}}));
  EXPECT_EQ(Indexes(*rows), (std::vector<int>{1, 4, 5}));
}

TEST(CsvTest, LenientQuotesLikeExcel) {
  auto rows = ParseCsv("ab\"c,\"de\"f,\"g\"\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(Texts(*rows), (Table{{"ab\"c", "def", "g"}}));
}

TEST(CsvTest, Utf8WithAndWithoutBom) {
  for (std::string bom : {"", "\xEF\xBB\xBF"}) {
    auto rows = ParseCsv(bom + "项目名称,总投资(万元)\n云河科技园一期,12345.67\n");
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(Texts(*rows), (Table{{"项目名称", "总投资(万元)"}, {"云河科技园一期", "12345.67"}}));
  }
}

TEST(CsvTest, GbkIsConvertedToUtf8) {
  // "项目名称,总投资(万元)\n云河科技园一期,12345.67\n" as saved by Chinese Excel.
  const std::string gbk =
      "\xCF\xEE\xC4\xBF\xC3\xFB\xB3\xC6\x2C\xD7\xDC\xCD\xB6\xD7\xCA\x28\xCD\xF2\xD4\xAA\x29\x0A"
      "\xD4\xC6\xBA\xD3\xBF\xC6\xBC\xBC\xD4\xB0\xD2\xBB\xC6\xDA\x2C\x31\x32\x33\x34\x35\x2E\x36\x37\x0A";
  ASSERT_FALSE(IsValidUtf8(gbk));
  auto rows = ParseCsv(gbk);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(Texts(*rows), (Table{{"项目名称", "总投资(万元)"}, {"云河科技园一期", "12345.67"}}));
}

TEST(CsvTest, Gb18030FourByteCharacters) {
  // 㐀 (U+3400) is outside GBK: GB18030 encodes it in four bytes 81 39 EE 39.
  auto rows = ParseCsv("\xC3\xFB\xB3\xC6,\x81\x39\xEE\x39\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(Texts(*rows), (Table{{"名称", "\xE3\x90\x80"}}));
}

TEST(CsvTest, InvalidBytesNameTheRow) {
  // 0xFF is neither UTF-8 nor GB18030. Row 3 counts the record with an embedded newline
  // as one.
  auto rows = ParseCsv("\xC3\xFB\xB3\xC6,b\n\"x\ny\",z\nok,\xFF\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().error_code(), "csv.bad_encoding");
  EXPECT_NE(rows.status().message().find("第 3 行"), std::string::npos) << rows.status().message();

  // A GBK lead byte cut off at the end of the input.
  auto cut = ParseCsv("a\n\xC3\xFB\xB3");
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().error_code(), "csv.bad_encoding");
  EXPECT_NE(cut.status().message().find("第 2 行"), std::string::npos) << cut.status().message();
}

TEST(CsvTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("plain ascii text, longer than eight bytes"));
  EXPECT_TRUE(IsValidUtf8("云河区 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE4\xBA"));          // cut short
}

TEST(CsvTest, UnterminatedQuoteNamesItsRow) {
  auto rows = ParseCsv("a,b\n\"未闭合,c\nd,e\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().error_code(), "csv.unterminated_quote");
  EXPECT_NE(rows.status().message().find("第 2 行"), std::string::npos) << rows.status().message();
}

TEST(CsvTest, SizeLimit) {
  CsvOptions options;
  options.max_bytes = 10;
  auto rows = ParseCsv("0123456789,x", options);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().error_code(), "csv.too_large");
  EXPECT_EQ(rows.status().code(), StatusCode::kTooLarge);

  const std::string path = testing_support::TestTempPath("csv_test.csv");
  std::ofstream(path, std::ios::binary) << "\xEF\xBB\xBF名称,金额\n甲,1\n";
  auto from_file = ReadCsvFile(path);
  ASSERT_TRUE(from_file.ok()) << from_file.status().ToString();
  EXPECT_EQ(Texts(*from_file), (Table{{"名称", "金额"}, {"甲", "1"}}));
  options.max_bytes = 5;
  EXPECT_EQ(ReadCsvFile(path, options).status().error_code(), "csv.too_large");
  std::remove(path.c_str());
  EXPECT_EQ(ReadCsvFile(path).status().error_code(), "csv.open_failed");
}

TEST(CsvTest, OtherDelimiter) {
  CsvOptions options;
  options.delimiter = '\t';
  auto rows = ParseCsv("a\tb,c\n", options);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(Texts(*rows), (Table{{"a", "b,c"}}));
}

}  // namespace
}  // namespace tuijin::xlsx
