// The briefing DOCX opened as a zip: the parts Word needs, well-formed XML (expat), the text,
// tables with their rows, the fonts of official documents, A4, the chart's picture linked by
// its relationship, and escaping; the PDF: pages, a CJK font, and a chart without a picture.
#include <expat.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <map>

#include "report/briefing_document.h"

namespace tuijin::report {
namespace {

BriefingDocument Sample() {
  BriefingDocument d;
  d.series = "重点项目推进专报";
  d.issue = "第12期";
  d.office = "云河区发展和改革局";
  d.date = "2026年11月5日";
  d.doc_number = "云发改〔2026〕35号";
  d.title = "2026年1—10月全区重点项目推进情况";
  d.blocks.push_back({BriefingBlock::Kind::kParagraph, 1,
                      "截至10月底,全区82个区级重点项目,完工23个,正常推进47个,进展滞后8个。", {}, {}});
  d.blocks.push_back({BriefingBlock::Kind::kHeading, 1, "一、总体推进情况", {}, {}});
  BriefingBlock table;
  table.kind = BriefingBlock::Kind::kTable;
  table.table.caption = "各地区重点项目推进情况";
  table.table.header = {"地区", "项目个数", "总投资(亿元)", "完成率"};
  table.table.numeric = {false, true, true, true};
  table.table.rows = {{"城东路街道", "12", "86.20", "81.2%"}, {"南关街道", "9", "40.05", "64.0%"},
                      {"A&B<C>", "1", "0.50", "—"}, {"合计", "22", "126.75", "75.0%"}};
  table.table.last_row_total = true;
  d.blocks.push_back(table);
  BriefingBlock chart;
  chart.kind = BriefingBlock::Kind::kChart;
  chart.chart.title = "各地区投资完成情况(亿元)";
  chart.chart.categories = {"城东路街道", "南关街道", "云河经济开发区"};
  chart.chart.series = {{"年度计划", {20.5, 12.1, 30}}, {"累计完成", {16.6, 7.7, 28.2}}};
  d.blocks.push_back(chart);
  d.distribution = {"报:区委、区政府主要领导。", "发:各街道办事处、开发区管委会。"};
  return d;
}

std::map<std::string, std::string> Unzip(const std::string& bytes) {
  std::map<std::string, std::string> parts;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  EXPECT_NE(z, nullptr);
  if (!z) return parts;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_stat_t st;
    zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st);
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    std::string data(st.size, '\0');
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    parts[st.name] = std::move(data);
  }
  zip_close(z);
  return parts;
}

bool WellFormed(const std::string& xml) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  const bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(p);
  return ok;
}

size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(BriefingDocxTest, PartsXmlTextTablesFontsAndPicture) {
  BriefingDocument d = Sample();
  for (auto& b : d.blocks) {
    if (b.kind == BriefingBlock::Kind::kChart) {
      auto png = ChartPng(b.chart, 800, 450);
      ASSERT_TRUE(png.ok()) << png.status().ToString();
      EXPECT_EQ(png->substr(1, 3), "PNG");
      EXPECT_GT(png->size(), 5000u);
      b.chart.png = *png;
    }
  }
  auto docx = BriefingDocx(d);
  ASSERT_TRUE(docx.ok()) << docx.status().ToString();
  auto parts = Unzip(*docx);
  for (const char* name : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                           "word/_rels/document.xml.rels", "word/settings.xml", "word/footer1.xml",
                           "docProps/core.xml", "word/media/chart1.png"}) {
    ASSERT_TRUE(parts.count(name)) << name;
  }
  for (const auto& [name, data] : parts) {
    if (name.ends_with(".xml") || name.ends_with(".rels")) EXPECT_TRUE(WellFormed(data)) << name;
  }
  const std::string& doc = parts["word/document.xml"];
  EXPECT_NE(doc.find("2026年1—10月全区重点项目推进情况"), std::string::npos);
  EXPECT_NE(doc.find("云发改〔2026〕35号"), std::string::npos);
  EXPECT_NE(doc.find("A&amp;B&lt;C&gt;"), std::string::npos);
  EXPECT_EQ(Count(doc, "<w:tbl>"), 1u);
  EXPECT_EQ(Count(doc, "<w:tr>"), 5u);  // header + 4 rows
  EXPECT_NE(doc.find("<w:tblHeader/>"), std::string::npos);
  EXPECT_NE(doc.find(R"(w:pgSz w:w="11906" w:h="16838")"), std::string::npos);
  EXPECT_NE(doc.find(R"(r:embed="rIdChart1")"), std::string::npos);
  EXPECT_NE(parts["word/_rels/document.xml.rels"].find(R"(Id="rIdChart1")"), std::string::npos);
  const std::string& styles = parts["word/styles.xml"];
  EXPECT_NE(styles.find(R"(w:eastAsia="仿宋_GB2312")"), std::string::npos);
  EXPECT_NE(styles.find(R"(w:eastAsia="黑体")"), std::string::npos);
  EXPECT_NE(styles.find(R"(w:eastAsia="楷体_GB2312")"), std::string::npos);
  EXPECT_NE(styles.find(R"(w:eastAsia="方正小标宋简体")"), std::string::npos);
}

TEST(BriefingDocxTest, ChartMustBeDrawnFirst) {
  auto docx = BriefingDocx(Sample());
  ASSERT_FALSE(docx.ok());
  EXPECT_EQ(docx.status().error_code(), "report.chart_not_drawn");
}

TEST(BriefingPdfTest, LongDocumentRunsOverPages) {
  BriefingDocument d = Sample();
  BriefingTable big;
  big.header = {"序号", "项目名称", "责任单位", "完成率"};
  for (int i = 1; i <= 80; ++i) {
    big.rows.push_back({std::to_string(i), "云河区第" + std::to_string(i) + "号重点项目", "城东路街道办事处", "45.0%"});
  }
  d.blocks.push_back({BriefingBlock::Kind::kTable, 1, "", big, {}});
  for (int i = 0; i < 10; ++i) {
    d.blocks.push_back({BriefingBlock::Kind::kParagraph, 1,
                        "各责任单位要对照年度目标任务,聚焦滞后项目和逾期事项,逐项明确责任人和完成时限,倒排工期、挂图作战。",
                        {}, {}});
  }
  auto pdf = BriefingPdf(d);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_GE(Count(*pdf, "/Type /Page\n") + Count(*pdf, "/Type /Page "), 3u);
  EXPECT_NE(pdf->find("NotoSerifCJK"), std::string::npos);  // the font embedded
}

}  // namespace
}  // namespace tuijin::report
