// The 督办流转单 PDF: a PDF, its text (read back with poppler's pdftotext when the machine has
// it) carries the heading, the number, the cells and the notes; a long journal goes on over
// several pages, numbered; an empty sheet still renders.
#include "report/supervision_sheet.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <regex>
#include <string>

#include "base/test_temp_path.h"

namespace tuijin::report {
namespace {

SupervisionSheet Example() {
  SupervisionSheet s;
  s.office = "区发展和改革局";
  s.title = "协调解决云河科技园一期项目二期用地指标问题";
  s.number = "2026-017";
  s.category = "用地";
  s.source = "会议决定";
  s.priority = "紧急";
  s.status = "办理中";
  s.projects = "云河科技园一期、滨江路综合改造工程";
  s.lead_unit = "区自然资源和规划局";
  s.co_units = "区住房和城乡建设局、城东路街道办事处";
  s.issued_on = "2026-03-02";
  s.deadline = "2026-04-30";
  s.original_deadline = "2026-03-31";
  s.description = "根据3月1日重点项目推进会议定事项,需于3月底前完成用地预审及规划调整方案,确保项目4月份具备开工条件。";
  s.actions = {{"2026-03-03", "区自然资源和规划局 王建国", "签收", "已签收,明确专人负责"},
               {"2026-03-20", "区自然资源和规划局 王建国", "申请延期", "需市局审批,申请延期至4月30日"},
               {"2026-03-21", "区发改局项目科 李明", "同意延期", ""},
               {"2026-04-22", "区自然资源和规划局 王建国", "报办结", "用地预审已于4月20日批复"}};
  s.completion = "用地预审已于4月20日批复,规划调整方案经区规委会审议通过。";
  s.printed_at = "2026-12-02 10:30";
  return s;
}

bool IsPdf(const std::string& bytes) { return bytes.starts_with("%PDF-") && bytes.find("%%EOF") != std::string::npos; }

// Pages of a PDF as its page objects say ("/Type /Page", not "/Type /Pages"): Cairo writes
// the page dictionaries uncompressed.
int PageObjects(const std::string& pdf) {
  static const std::regex kPage(R"(/Type\s*/Page[^s])");
  return static_cast<int>(std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), kPage), std::sregex_iterator()));
}

bool HavePoppler() { return std::system("command -v pdftotext >/dev/null 2>&1") == 0; }

// The output of a poppler tool (`command` gets the file name appended, and "-" for stdout
// when `dash`).
std::string Poppler(const std::string& command, const std::string& pdf, bool dash = true) {
  const std::string path = testing_support::TestTempPath("sheet.pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  std::string out;
  if (FILE* p = popen((command + " '" + path + (dash ? "' -" : "'") + " 2>/dev/null").c_str(), "r")) {
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    pclose(p);
  }
  std::remove(path.c_str());
  return out;
}

// pdftotext breaks lines where the layout does; the checks look at the text without them.
std::string Flat(std::string text) {
  std::string out;
  for (char c : text) {
    if (c != '\n' && c != '\f' && c != ' ') out += c;
  }
  return out;
}

TEST(SupervisionSheetTest, OnePageWithItsCellsAndNotes) {
  auto pdf = SupervisionSheetPdf(Example());
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_TRUE(IsPdf(*pdf));
  EXPECT_EQ(PageObjects(*pdf), 1);
  if (!HavePoppler()) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed: text not checked";
  const std::string text = Flat(Poppler("pdftotext -enc UTF-8", *pdf));
  for (const char* want : {"重点项目督办流转单", "编号:2026-017", "下发日期:2026-03-02", "督办单位:区发展和改革局",
                           "事项名称", "协调解决云河科技园一期项目二期用地指标问题", "牵头单位", "区自然资源和规划局",
                           "办理时限", "2026-04-30(原定2026-03-31,经批准延期)", "办理过程", "申请延期",
                           "需市局审批,申请延期至4月30日", "办结情况", "规划调整方案经区规委会审议通过",
                           "承办单位(盖章)", "督办科室核验人", "第1页共1页", "打印时间:2026-12-0210:30"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\nin: " << text;
  }
  EXPECT_EQ(text.find("(续)"), std::string::npos);
}

TEST(SupervisionSheetTest, SixtyActionsGoOnOverPages) {
  SupervisionSheet s = Example();
  s.actions.clear();
  for (int i = 1; i <= 60; ++i) {
    s.actions.push_back({"2026-05-" + std::to_string(10 + i % 20), "区自然资源和规划局 王建国", "进展",
                         "第" + std::to_string(i) + "次进展:已完成用地预审材料的整理,正在与市局对接规划调整方案"});
  }
  auto pdf = SupervisionSheetPdf(s);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_TRUE(IsPdf(*pdf));
  const int pages = PageObjects(*pdf);
  EXPECT_GT(pages, 1);
  if (!HavePoppler()) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed: text not checked";
  std::smatch m;
  const std::string info = Poppler("pdfinfo", *pdf, false);
  ASSERT_TRUE(std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))"))) << info;
  EXPECT_EQ(std::stoi(m[1]), pages);
  const std::string text = Flat(Poppler("pdftotext -enc UTF-8", *pdf));
  // Every action once, in order, and the sheet's end after the last one.
  size_t at = 0;
  for (int i = 1; i <= 60; ++i) {
    const std::string note = "第" + std::to_string(i) + "次进展";
    const size_t found = text.find(note, at);
    ASSERT_NE(found, std::string::npos) << note;
    at = found + note.size();
  }
  EXPECT_GT(text.find("核验意见"), at);
  EXPECT_NE(text.find("办理过程(续)"), std::string::npos);
  EXPECT_NE(text.find("第2页共" + std::to_string(pages) + "页"), std::string::npos);
}

TEST(SupervisionSheetTest, TextTallerThanAPageIsSplit) {
  SupervisionSheet s = Example();
  s.description.clear();
  for (int i = 1; i <= 80; ++i) s.description += "第" + std::to_string(i) + "段:督办内容的说明文字。\n";
  auto pdf = SupervisionSheetPdf(s);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_GT(PageObjects(*pdf), 1);
  if (!HavePoppler()) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed: text not checked";
  const std::string text = Flat(Poppler("pdftotext -enc UTF-8", *pdf));
  EXPECT_NE(text.find("第1段"), std::string::npos);
  EXPECT_NE(text.find("第80段"), std::string::npos);
  EXPECT_NE(text.find("督办内容(续)"), std::string::npos);
}

TEST(SupervisionSheetTest, EmptyFieldsRender) {
  auto pdf = SupervisionSheetPdf(SupervisionSheet{});
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_TRUE(IsPdf(*pdf));
  EXPECT_EQ(PageObjects(*pdf), 1);
  if (!HavePoppler()) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed: text not checked";
  const std::string text = Flat(Poppler("pdftotext -enc UTF-8", *pdf));
  EXPECT_NE(text.find("重点项目督办流转单"), std::string::npos);
  EXPECT_NE(text.find("暂无办理记录"), std::string::npos);
  EXPECT_EQ(text.find("原定"), std::string::npos);
}

TEST(SupervisionSheetTest, InvalidUtf8DoesNotStopTheSheet) {
  SupervisionSheet s = Example();
  s.title = "坏的\xff\xfe文字";
  auto pdf = SupervisionSheetPdf(s);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_TRUE(IsPdf(*pdf));
}

}  // namespace
}  // namespace tuijin::report
