// The task ledger import: the template reads back as its example; a ledger as bureaus write
// it (merged title rows, numbered headings, 方面 merged down, dates in every form, several
// units in one cell) becomes rows with the right values and Chinese errors naming the row
// and the column; sheet-level errors for no header, no content, a missing column, too many rows.
#include "report/task_ledger_sheet.h"

#include <gtest/gtest.h>

#include <functional>

#include "xlsx/writer.h"

namespace tuijin::report {
namespace {

using Cells = std::vector<std::string>;

// A workbook of one sheet "台账": each row's cells as text from column A (an empty string:
// no cell); `merges` as {first_row, first_col, last_row, last_col}, 0-based. `extra` writes
// more cells (dates, numbers) while a row is current: it is called with each row number.
std::string Book(const std::vector<Cells>& rows, const std::vector<std::array<int, 4>>& merges = {},
                 const std::function<void(xlsx::Worksheet&, xlsx::WorkbookWriter&, int)>& extra = {}) {
  std::string bytes;
  auto book = xlsx::WorkbookWriter::CreateInMemory(&bytes);
  EXPECT_TRUE(book.ok());
  auto sheet = (*book)->AddWorksheet("台账");
  EXPECT_TRUE(sheet.ok());
  for (size_t r = 0; r < rows.size(); ++r) {
    bool merged_row = false;
    for (const auto& m : merges) {
      if (m[0] == static_cast<int>(r)) {
        EXPECT_TRUE((*sheet)->MergeRange(m[0], m[1], m[2], m[3], rows[r][m[1]]).ok());
        merged_row = merged_row || m[1] == 0;
      }
    }
    for (size_t c = 0; c < rows[r].size(); ++c) {
      bool first_of_merge = false;
      for (const auto& m : merges)
        first_of_merge = first_of_merge || (m[0] == static_cast<int>(r) && m[1] == static_cast<int>(c));
      if (!first_of_merge && !rows[r][c].empty()) {
        EXPECT_TRUE((*sheet)->WriteString(static_cast<int>(r), static_cast<int>(c), rows[r][c]).ok());
      }
    }
    if (extra) extra(**sheet, **book, static_cast<int>(r));
  }
  EXPECT_TRUE((*book)->Close().ok());
  return bytes;
}

const Cells kHeader = {"序号", "方面", "任务内容", "牵头单位", "配合单位", "完成时限", "类别", "备注"};

const TaskLedgerRow* RowAt(const TaskLedgerSheet& s, int excel_row) {
  for (const auto& r : s.rows) {
    if (r.row == excel_row) return &r;
  }
  return nullptr;
}

TEST(TaskLedgerSheetTest, TemplateReadsBackAsItsExample) {
  auto bytes = TaskLedgerTemplateXlsx();
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto sheet = ParseTaskLedgerSheet(*bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_EQ(sheet->sheet_name, "任务台账");
  EXPECT_EQ(sheet->header_row, 3);
  ASSERT_EQ(sheet->rows.size(), 1u);
  const TaskLedgerRow& r = sheet->rows[0];
  EXPECT_EQ(r.row, 4);
  EXPECT_EQ(r.seq, 1);
  EXPECT_TRUE(r.seq_written);
  EXPECT_EQ(r.area, "不动产登记");
  EXPECT_NE(r.title.find("交房即颁证"), std::string::npos);
  EXPECT_EQ(r.lead_unit, "区自然资源和规划局");
  EXPECT_EQ(r.co_units, (std::vector<std::string>{"区住房和城乡建设局", "区税务局"}));
  EXPECT_EQ(r.deadline, "2026-06-30");
  EXPECT_FALSE(r.ongoing);
  EXPECT_EQ(r.category, "手续");
  EXPECT_TRUE(r.errors.empty()) << r.errors.begin()->second;
}

TEST(TaskLedgerSheetTest, RealisticLedger) {
  // Row numbers as Excel shows them are in the comments.
  const std::vector<Cells> rows = {
      {"上街区打造一流营商环境2026年工作要点任务台账"},     // 1 (merged A1:H1)
      {"", "", "", "", "", "", "", "制表:区发展和改革局"},  // 2
      kHeader,                                              // 3
      {"一、优化政务服务(3项)"},                            // 4 (merged A4:H4)
      {"1", "政务服务", "推行“一件事”集成办理,政务服务事项网上可办率达到95%以上", "区行政审批和政务信息管理局",
       "区大数据中心\uFF0C区市场监督管理局", "2026/6/30", "手续", ""},  // 5 (B5:B7 merged)
      {"2", "", "工程项目审批时限由100个工作日压缩至70个工作日内", "区住房和城乡建设局、区自然资源和规划局",
       "区发展和改革局 区行政审批和政务信息管理局", "2026年9月30日前", "手续", "上半年完成制度修订"},  // 6
      {"3", "", "企业开办“秒批秒办”,免费发放公章", "区市场监督管理局", "", "长期坚持", "其他", ""},    // 7
      {"二、优化营商环境评价整改(2项)"},  // 8 (merged A8:H8)
      {"", "评价整改", "建立营商环境评价问题整改台账,15项问题全部整改到位", "区发展和改革局", "各相关单位", "", "其他",
       ""},                                                                          // 9: F9 a date cell
      {"", "", "编写营商环境和社会信用工作专报", "区发展和改革局", "", "", "", ""},  // 10: F10 a serial number
      {"6", "", "", "", "", "", "", ""},                                             // 11: a numbered blank row
      {"合计", "", "5项", "", "", "", "", ""},                                       // 12
  };
  const std::vector<std::array<int, 4>> merges = {{0, 0, 0, 7}, {3, 0, 3, 7}, {4, 1, 6, 1}, {7, 0, 7, 7}};
  const std::string bytes = Book(rows, merges, [](xlsx::Worksheet& sheet, xlsx::WorkbookWriter& book, int r) {
    xlsx::FormatSpec date;
    date.num_format = "yyyy-mm-dd";
    if (r == 8) {
      EXPECT_TRUE(sheet.WriteDate(r, 5, 2026, 12, 31, book.AddFormat(date)).ok());
    }
    if (r == 9) {
      EXPECT_TRUE(sheet.WriteNumber(r, 5, 46203).ok());  // 2026-06-30 as a bare serial
    }
  });
  auto sheet = ParseTaskLedgerSheet(bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_EQ(sheet->header_row, 3);
  ASSERT_EQ(sheet->rows.size(), 5u);  // headings, the numbered blank row and 合计 left out

  const TaskLedgerRow* r5 = RowAt(*sheet, 5);
  ASSERT_NE(r5, nullptr);
  EXPECT_EQ(r5->seq, 1);
  EXPECT_EQ(r5->area, "政务服务");
  EXPECT_EQ(r5->lead_unit, "区行政审批和政务信息管理局");
  EXPECT_EQ(r5->co_units, (std::vector<std::string>{"区大数据中心", "区市场监督管理局"}));
  EXPECT_EQ(r5->deadline, "2026-06-30");
  EXPECT_EQ(r5->deadline_text, "2026/6/30");
  EXPECT_TRUE(r5->errors.empty());

  const TaskLedgerRow* r6 = RowAt(*sheet, 6);
  ASSERT_NE(r6, nullptr);
  EXPECT_EQ(r6->area, "政务服务");  // merged down from B5
  // Two lead units: the first leads, the second joins the co-units, first.
  EXPECT_EQ(r6->lead_unit, "区住房和城乡建设局");
  EXPECT_EQ(r6->co_units,
            (std::vector<std::string>{"区自然资源和规划局", "区发展和改革局", "区行政审批和政务信息管理局"}));
  EXPECT_EQ(r6->deadline, "2026-09-30");
  EXPECT_EQ(r6->note, "上半年完成制度修订");
  EXPECT_TRUE(r6->errors.empty());

  const TaskLedgerRow* r7 = RowAt(*sheet, 7);
  ASSERT_NE(r7, nullptr);
  EXPECT_EQ(r7->area, "政务服务");
  EXPECT_FALSE(r7->deadline.has_value());
  EXPECT_TRUE(r7->ongoing);
  EXPECT_TRUE(r7->co_units.empty());
  EXPECT_TRUE(r7->errors.empty());

  const TaskLedgerRow* r9 = RowAt(*sheet, 9);
  ASSERT_NE(r9, nullptr);
  EXPECT_EQ(r9->seq, 4);  // no 序号: its place among the tasks
  EXPECT_FALSE(r9->seq_written);
  EXPECT_EQ(r9->area, "评价整改");
  EXPECT_EQ(r9->co_units, std::vector<std::string>{"各相关单位"});
  EXPECT_EQ(r9->deadline, "2026-12-31");  // a date cell
  EXPECT_TRUE(r9->errors.empty()) << r9->errors.begin()->second;

  const TaskLedgerRow* r10 = RowAt(*sheet, 10);
  ASSERT_NE(r10, nullptr);
  EXPECT_EQ(r10->seq, 5);
  EXPECT_EQ(r10->area, "评价整改");        // goes on from the row above
  EXPECT_EQ(r10->deadline, "2026-06-30");  // a serial number
  EXPECT_TRUE(r10->errors.empty());
}

TEST(TaskLedgerSheetTest, HeadingSetsTheAreaOfTasksWithoutOne) {
  const std::string bytes = Book({kHeader,
                                  {"一、提升企业开办便利度"},
                                  {"1", "", "企业开办全程网办", "区市场监督管理局", "", "2026-03-31", "", ""}},
                                 {{1, 0, 1, 7}});
  auto sheet = ParseTaskLedgerSheet(bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_EQ(sheet->rows.size(), 1u);
  EXPECT_EQ(sheet->rows[0].area, "提升企业开办便利度");
}

TEST(TaskLedgerSheetTest, RowErrorsNameTheRowAndTheColumn) {
  const std::string bytes = Book(
      {
          {"2026年重点工作任务台账"},
          kHeader,
          {"1", "用地保障", "", "区自然资源和规划局", "", "2026-06-30", "用地", ""},               // 3: no 任务内容
          {"2", "用地保障", "完成低效用地再开发300亩", "", "区财政局", "2026-06-30", "用地", ""},  // 4: no 牵头单位
          {"3", "用地保障", "盘活批而未供土地", "区自然资源和规划局", "", "2026/2/30", "", ""},    // 5: no such day
          {"4", "用地保障", "完成征地拆迁", "区自然资源和规划局", "", "下个月", "", ""},           // 6: not a date
          {"第五", "用地保障", "土地收储", "区自然资源和规划局", "", "2026-06", "", ""},           // 7: bad 序号
          {"4", "用地保障", "供地计划", "区自然资源和规划局", "", "", "", ""},  // 8: repeated 序号, no 时限
          {"9", "用地保障", "", "", "", "1999-06-30", "", "只有备注"},          // 9: several at once
      },
      {{0, 0, 0, 7}});
  auto sheet = ParseTaskLedgerSheet(bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  ASSERT_EQ(sheet->rows.size(), 7u);
  auto error = [&](int row, const std::string& field) -> std::string {
    const TaskLedgerRow* r = RowAt(*sheet, row);
    if (!r) return "(no row)";
    auto it = r->errors.find(field);
    return it == r->errors.end() ? "" : it->second;
  };
  EXPECT_EQ(error(3, "title"), "第 3 行“任务内容”为空:请填写任务内容");
  EXPECT_EQ(RowAt(*sheet, 3)->errors.size(), 1u);
  EXPECT_EQ(error(4, "lead_unit"), "第 4 行“牵头单位”为空:请填写一个牵头单位");
  EXPECT_EQ(RowAt(*sheet, 4)->co_units, std::vector<std::string>{"区财政局"});
  EXPECT_EQ(error(5, "deadline"),
            "第 5 行“完成时限”“2026/2/30”不是可识别的日期:请写成 2026-06-30、2026/6/30、2026年6月30日,或“长期坚持”");
  EXPECT_FALSE(RowAt(*sheet, 5)->deadline.has_value());
  EXPECT_NE(error(6, "deadline").find("“下个月”"), std::string::npos);
  EXPECT_EQ(error(7, "seq"), "第 7 行“序号”应为正整数,不是“第五”");
  EXPECT_EQ(RowAt(*sheet, 7)->deadline, "2026-06-30");  // a month: its last day
  EXPECT_EQ(error(8, "seq"), "第 8 行“序号”4 与第 6 行重复");
  EXPECT_EQ(error(8, "deadline"), "第 8 行“完成时限”为空:请填写日期(如 2026-06-30),或“长期坚持”“持续推进”");
  EXPECT_FALSE(error(9, "title").empty());
  EXPECT_FALSE(error(9, "lead_unit").empty());
  EXPECT_FALSE(error(9, "deadline").empty());  // 1999: out of range
  EXPECT_EQ(RowAt(*sheet, 9)->note, "只有备注");
  // Every row of this sheet has something wrong.
  for (const auto& r : sheet->rows) EXPECT_FALSE(r.errors.empty()) << r.row;
}

TEST(TaskLedgerSheetTest, SynonymsAndATwoRowHeader) {
  // 编号 / 工作任务 / 时间节点(完成时间) for 序号 / 任务内容 / 完成时限, a header over two rows
  // (责任单位 merged over 牵头单位 and 配合单位, the others merged down), a column of no field.
  const std::string bytes = Book(
      {
          {"编号", "工作任务", "责任单位", "", "时间节点(完成时间)", "进展情况"},
          {"", "", "牵头单位", "配合单位", "", ""},
          {"1", "开展“双随机、一公开”监管", "区市场监督管理局", "区税务局;区应急管理局", "2026年底", "已启动"},
      },
      {{0, 2, 0, 3}, {0, 0, 1, 0}, {0, 1, 1, 1}, {0, 4, 1, 4}, {0, 5, 1, 5}});
  auto sheet = ParseTaskLedgerSheet(bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_EQ(sheet->header_row, 2);
  ASSERT_EQ(sheet->rows.size(), 1u);
  const TaskLedgerRow& r = sheet->rows[0];
  EXPECT_EQ(r.title, "开展“双随机、一公开”监管");
  EXPECT_EQ(r.lead_unit, "区市场监督管理局");
  EXPECT_EQ(r.co_units, (std::vector<std::string>{"区税务局", "区应急管理局"}));
  EXPECT_EQ(r.deadline, "2026-12-31");
  EXPECT_TRUE(r.errors.empty()) << r.errors.begin()->second;
}

TEST(TaskLedgerSheetTest, TheFirstSheetWithAHeaderIsRead) {
  std::string bytes;
  {
    auto book = xlsx::WorkbookWriter::CreateInMemory(&bytes);
    ASSERT_TRUE(book.ok());
    auto cover = (*book)->AddWorksheet("说明");
    ASSERT_TRUE(cover.ok());
    ASSERT_TRUE((*cover)->WriteString(0, 0, "本表由区发展和改革局汇总").ok());
    auto tasks = (*book)->AddWorksheet("任务清单");
    ASSERT_TRUE(tasks.ok());
    for (int c = 0; c < 4; ++c) ASSERT_TRUE((*tasks)->WriteString(0, c, kHeader[c]).ok());
    ASSERT_TRUE((*tasks)->WriteString(1, 2, "企业开办全程网办").ok());
    ASSERT_TRUE((*tasks)->WriteString(1, 3, "区市场监督管理局").ok());
    ASSERT_TRUE((*book)->Close().ok());
  }
  auto sheet = ParseTaskLedgerSheet(bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.status().ToString();
  EXPECT_EQ(sheet->sheet_name, "任务清单");
  ASSERT_EQ(sheet->rows.size(), 1u);
  EXPECT_EQ(sheet->rows[0].seq, 1);
  // No 完成时限 column: the deadline is missing, and said so.
  EXPECT_EQ(sheet->rows[0].errors.count("deadline"), 1u);
}

TEST(TaskLedgerSheetTest, SheetLevelErrors) {
  auto code = [](const std::string& bytes) {
    auto s = ParseTaskLedgerSheet(bytes);
    return s.ok() ? std::string("ok") : s.status().error_code();
  };
  EXPECT_EQ(code(Book({})), "import.empty");
  EXPECT_EQ(code(Book({{"工作任务台账"}, {"说明:按季度更新"}, {"1", "某项工作"}})), "import.no_header");
  EXPECT_EQ(code(Book({{"序号", "任务内容", "完成时限"}, {"1", "某项工作", "2026-06-30"}})), "import.missing_column");
  EXPECT_EQ(code(Book({kHeader})), "import.empty");
  EXPECT_EQ(code(Book({kHeader, {"1"}, {"2"}})), "import.empty");  // numbered blank rows only
  EXPECT_EQ(code("not a workbook"), "xlsx.not_zip");
  auto missing = ParseTaskLedgerSheet(Book({{"序号", "任务内容", "完成时限"}, {"1", "某项工作", "2026-06-30"}}));
  EXPECT_EQ(missing.status().message(),
            "第 1 行的表头缺少“牵头单位”列:表头应为 序号、方面、任务内容、牵头单位、配合单位、完成时限、类别、备注");

  std::vector<Cells> many = {kHeader};
  for (int i = 1; i <= kMaxTaskLedgerRows; ++i)
    many.push_back({"", "", "任务" + std::to_string(i), "区发展和改革局", "", "2026-12-31"});
  auto exactly = ParseTaskLedgerSheet(Book(many));
  ASSERT_TRUE(exactly.ok()) << exactly.status().ToString();
  EXPECT_EQ(exactly->rows.size(), static_cast<size_t>(kMaxTaskLedgerRows));
  EXPECT_EQ(exactly->rows.back().seq, kMaxTaskLedgerRows);
  many.push_back({"", "", "多出的一项", "区发展和改革局", "", "2026-12-31"});
  EXPECT_EQ(code(Book(many)), "import.too_many_rows");
}

TEST(TaskDeadlineTest, WhatPeopleWrite) {
  const std::pair<const char*, const char*> kDates[] = {
      {"2026-06-30", "2026-06-30"},    {"2026/6/30", "2026-06-30"},       {"2026.6.30", "2026-06-30"},
      {"2026年6月30日", "2026-06-30"}, {"2026年6月30日前", "2026-06-30"}, {" 2026年6月30号 ", "2026-06-30"},
      {"2026年6月", "2026-06-30"},     {"2026年6月底", "2026-06-30"},     {"2026年6月底前完成", "2026-06-30"},
      {"2026-02", "2026-02-28"},       {"2028年2月底", "2028-02-29"},     {"2026年底", "2026-12-31"},
      {"2026年上半年", "2026-06-30"},  {"2026年第二季度", "2026-06-30"},  {"2026年三季度末", "2026-09-30"},
      {"2026年内", "2026-12-31"},      {"20261031", "2026-10-31"},        {"2026年10月31日以前", "2026-10-31"},
  };
  for (const auto& [text, want] : kDates) {
    const TaskDeadline d = ParseTaskDeadline(text);
    EXPECT_EQ(d.date, std::optional<std::string>(want)) << text;
    EXPECT_FALSE(d.ongoing) << text;
  }
  for (const char* text : {"长期坚持", "持续推进", "常态化推进", "长效机制", "每季度"}) {
    const TaskDeadline d = ParseTaskDeadline(text);
    EXPECT_TRUE(d.ongoing) << text;
    EXPECT_FALSE(d.date.has_value()) << text;
    EXPECT_TRUE(d.ok());
  }
  for (const char* text : {"", "下个月", "2026/2/30", "2026-13-01", "6月底", "1999-06-30", "46203", "尽快"}) {
    EXPECT_FALSE(ParseTaskDeadline(text).ok()) << text;
  }
  EXPECT_EQ(ParseTaskDeadline("46203", true).date, "2026-06-30");  // a serial day in a number cell
  EXPECT_EQ(ParseTaskDeadline("46203.5", true).date, "2026-06-30");
  EXPECT_EQ(ParseTaskDeadline("44741", true, true).date, "2026-06-30");  // the 1904 date system
}

}  // namespace
}  // namespace tuijin::report
