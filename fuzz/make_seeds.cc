// Writes the seeds of the xlsx_reader and xlsx_parts targets with tuijin's own writer
// (src/xlsx):
//   build-fuzz/fuzz/fuzz_make_seeds fuzz/corpus
// They are small ledgers as the district's units send them: a merged title, a "单位:万元"
// line, a two-row merged header, group headings, data rows with amounts and dates. The
// xlsx_parts seeds are the XML parts of the same files (fuzz/xlsx_parts.h).
#include <zip.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "fuzz/xlsx_parts.h"
#include "xlsx/writer.h"

namespace {

using namespace tuijin;

Status Ledger(const std::string& path, bool two_sheets) {
  ASSIGN_OR_RETURN(auto book, xlsx::WorkbookWriter::Create(path));
  const xlsx::Format date = book->AddFormat({.num_format = "yyyy-mm-dd"});
  const xlsx::Format money = book->AddFormat({.num_format = "#,##0.00"});
  ASSIGN_OR_RETURN(xlsx::Worksheet * ws, book->AddWorksheet("重点项目"));
  RETURN_IF_ERROR(ws->MergeRange(0, 0, 0, 6, "云河区2026年重点项目台账"));
  RETURN_IF_ERROR(ws->WriteString(1, 6, "单位:万元"));
  RETURN_IF_ERROR(ws->MergeRange(2, 0, 3, 0, "序号"));
  RETURN_IF_ERROR(ws->MergeRange(2, 1, 3, 1, "项目名称"));
  RETURN_IF_ERROR(ws->MergeRange(2, 2, 3, 2, "责任单位"));
  RETURN_IF_ERROR(ws->MergeRange(2, 3, 3, 3, "总投资"));
  RETURN_IF_ERROR(ws->MergeRange(2, 4, 2, 5, "资金来源"));
  RETURN_IF_ERROR(ws->MergeRange(2, 6, 3, 6, "计划开工时间"));
  RETURN_IF_ERROR(ws->WriteString(3, 4, "专项债"));
  RETURN_IF_ERROR(ws->WriteString(3, 5, "企业自筹"));
  RETURN_IF_ERROR(ws->MergeRange(4, 0, 4, 6, "一、区重点项目(2个)"));
  RETURN_IF_ERROR(ws->WriteNumber(5, 0, 1));
  RETURN_IF_ERROR(ws->WriteString(5, 1, "城东路街道背街小巷提质改造"));
  RETURN_IF_ERROR(ws->WriteString(5, 2, "城东路街道办事处"));
  RETURN_IF_ERROR(ws->WriteDecimal(5, 3, 36005000, 4, money));
  RETURN_IF_ERROR(ws->WriteNumber(5, 4, 1200, money));
  RETURN_IF_ERROR(ws->WriteDate(5, 6, 2026, 4, 15, date));
  RETURN_IF_ERROR(ws->WriteNumber(6, 0, 2));
  RETURN_IF_ERROR(ws->WriteString(6, 1, "南关片区雨污分流改造二期"));
  RETURN_IF_ERROR(ws->WriteString(6, 2, "南关街道办事处"));
  RETURN_IF_ERROR(ws->WriteString(6, 3, "5200"));
  RETURN_IF_ERROR(ws->WriteNumber(6, 5, 2000.5, money));
  RETURN_IF_ERROR(ws->WriteString(6, 6, "2026年6月"));
  RETURN_IF_ERROR(ws->WriteString(7, 0, "合计"));
  RETURN_IF_ERROR(ws->WriteDecimal(7, 3, 88005000, 4, money));
  if (two_sheets) {
    ASSIGN_OR_RETURN(xlsx::Worksheet * notes, book->AddWorksheet("填表说明"));
    RETURN_IF_ERROR(notes->WriteString(0, 0, "金额单位为万元,日期写作 2026-03 或 2026年3月"));
    RETURN_IF_ERROR(notes->WriteNumber(1, 0, 45000));
  }
  return book->Close();
}

// The parts of `xlsx` named in kXlsxPartNames, joined by NUL bytes, into `out`.
Status Parts(const std::string& xlsx, const std::string& out) {
  int error = 0;
  zip_t* archive = zip_open(xlsx.c_str(), ZIP_RDONLY, &error);
  if (!archive) return Status::Internal("cannot open " + xlsx);
  std::string joined;
  for (std::string_view name : fuzz::kXlsxPartNames) {
    if (!joined.empty()) joined += '\0';
    zip_file_t* f = zip_fopen(archive, std::string(name).c_str(), 0);
    if (!f) continue;
    char buf[4096];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) joined.append(buf, static_cast<size_t>(n));
    zip_fclose(f);
  }
  zip_close(archive);
  std::ofstream(out, std::ios::binary) << joined;
  return Status::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  for (const auto& [name, two] : {std::pair{"ledger", false}, std::pair{"ledger_two_sheets", true}}) {
    const std::string xlsx = dir + "/xlsx_reader/" + name + ".xlsx";
    Status st = Ledger(xlsx, two);
    if (st.ok()) st = Parts(xlsx, dir + "/xlsx_parts/" + name + ".parts");
    if (!st.ok()) {
      std::fprintf(stderr, "%s: %s\n", name, st.message().c_str());
      return 1;
    }
  }
  return 0;
}
