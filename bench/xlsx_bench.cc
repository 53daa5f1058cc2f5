// Parse and write speed of the .xlsx code on a real ledger, for `make bench`.
//   tuijin_bench LEDGER.xlsx   (a ledger exported by tuijin; bench/run.mjs makes one)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "base/money.h"
#include "report/project_ledger.h"
#include "xlsx/reader.h"

namespace {

std::string g_ledger_path;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Reading every cell of the ledger, from bytes in memory (as an upload arrives).
void BM_ReadLedger(benchmark::State& state) {
  const std::string bytes = ReadFile(g_ledger_path);
  int64_t cells = 0;
  for (auto _ : state) {
    auto book = tuijin::xlsx::Workbook::OpenBuffer(std::string_view(bytes));
    if (!book.ok()) {
      state.SkipWithError(book.status().ToString().c_str());
      return;
    }
    cells = 0;
    auto merged = (*book)->ReadRows(0, [&](const tuijin::xlsx::Row& r) {
      cells += static_cast<int64_t>(r.cells.size());
      return true;
    });
    // A sheet that fails half-way would otherwise be timed as a fast read.
    if (!merged.ok()) {
      state.SkipWithError(merged.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(merged);
  }
  if (cells == 0) {
    state.SkipWithError("the ledger's first sheet has no cells");
    return;
  }
  state.counters["cells"] = static_cast<double>(cells);
}

// Writing a ledger of `range(0)` projects (xlsx::WorkbookWriter, deflate level 1).
void BM_WriteLedger(benchmark::State& state) {
  tuijin::report::ProjectLedger ledger;
  ledger.heading.title = "重点项目台账";
  ledger.heading.subtitle = "导出时间:2026-11-23";
  ledger.heading.funding_labels = {"中央预算内", "专项债", "地方财政", "银行贷款", "企业自筹", "其他"};
  tuijin::report::LedgerGroup group{"一、区重点项目", {}};
  for (int i = 0; i < state.range(0); ++i) {
    tuijin::report::LedgerRow r;
    r.code = "2024-410104-46-01-" + std::to_string(100000 + i);
    r.name = "云河区第" + std::to_string(i) + "号重点项目建设工程";
    r.level = "区重点";
    r.nature = "新建";
    r.category = "基础设施";
    r.industry = "市政公用";
    r.tags = "政府投资、专项债";
    r.owner = "云河城市建设投资集团有限公司";
    r.lead = "云河区住房和城乡建设局";
    r.address = "云河区南曹片区";
    r.content = "新建道路、管网及配套设施,总建筑面积约12万平方米";
    r.planned_start = "2024-03";
    r.planned_completion = "2026-12";
    r.stage = "在建";
    r.registered = "是";
    r.lng = 113.71;
    r.lat = 34.72;
    r.total = 45000000000 + i;
    r.funding = {0, 20000000000, 5000000000, 0, 0, 0};
    group.rows.push_back(std::move(r));
  }
  ledger.groups.push_back(std::move(group));
  const std::string path = "/tmp/tuijin_bench_ledger.xlsx";
  for (auto _ : state) {
    auto st = tuijin::report::WriteProjectLedger(ledger, path);
    if (!st.ok()) {
      state.SkipWithError(st.ToString().c_str());
      break;
    }
  }
  std::remove(path.c_str());
}

// Writing the rows of the ledger given on the command line again (real, varied text: more
// distinct strings than BM_WriteLedger), as one group.
void BM_RewriteLedger(benchmark::State& state) {
  const std::string bytes = ReadFile(g_ledger_path);
  auto book = tuijin::xlsx::Workbook::OpenBuffer(std::string_view(bytes));
  if (!book.ok()) {
    state.SkipWithError(book.status().ToString().c_str());
    return;
  }
  tuijin::report::ProjectLedger ledger;
  ledger.heading.title = "重点项目台账";
  ledger.heading.subtitle = "导出时间:2026-11-23";
  ledger.heading.funding_labels = {"中央预算内", "专项债", "地方财政", "银行贷款", "企业自筹", "其他"};
  tuijin::report::LedgerGroup group{"一、区重点项目", {}};
  auto wan = [](const tuijin::xlsx::Cell& c) {
    return tuijin::ParseAmount(c.text, tuijin::MoneyUnit::kWanYuan).value_or(0);
  };
  auto read = (*book)->ReadRows(0, [&](const tuijin::xlsx::Row& row) {
    const auto& c = row.cells;
    if (c.size() < 27 || c[0].type != tuijin::xlsx::CellType::kNumber) return true;  // not a project row
    tuijin::report::LedgerRow r;
    std::string* text[] = {&r.code, &r.name, &r.level, nullptr, &r.nature, &r.category, &r.industry, &r.tags,
                           &r.owner, &r.lead, &r.co_units, &r.leader, &r.contact_name, &r.contact_phone, &r.address};
    for (size_t i = 0; i < std::size(text); ++i) {
      if (text[i]) *text[i] = c[i + 1].text;
    }
    r.star = static_cast<int64_t>(tuijin::xlsx::ParseNumber(c[4].text).value_or(0));
    r.lng = tuijin::xlsx::ParseNumber(c[16].text);
    r.lat = tuijin::xlsx::ParseNumber(c[17].text);
    r.content = c[18].text;
    r.total = wan(c[19]);
    for (size_t i = 20; i < 26; ++i) r.funding.push_back(wan(c[i]));
    std::string* trail[] = {&r.planned_start, &r.planned_completion, &r.stage, &r.actual_start, &r.actual_completion,
                            &r.registered, &r.registered_date, &r.stats_code, &r.remarks};
    for (size_t i = 0; i < std::size(trail) && 26 + i < c.size(); ++i) *trail[i] = c[26 + i].text;
    group.rows.push_back(std::move(r));
    return true;
  });
  // Without its rows this would time the writing of an empty ledger.
  if (!read.ok()) {
    state.SkipWithError(read.status().ToString().c_str());
    return;
  }
  if (group.rows.empty()) {
    state.SkipWithError("no project rows (a number in column A, 27 columns or more) in the ledger");
    return;
  }
  ledger.groups.push_back(std::move(group));
  const std::string path = "/tmp/tuijin_bench_rewrite.xlsx";
  for (auto _ : state) {
    auto st = tuijin::report::WriteProjectLedger(ledger, path);
    if (!st.ok()) {
      state.SkipWithError(st.ToString().c_str());
      break;
    }
  }
  state.counters["rows"] = static_cast<double>(ledger.groups[0].rows.size());
  std::remove(path.c_str());
}

}  // namespace

BENCHMARK(BM_ReadLedger)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_WriteLedger)->Arg(5000)->Arg(10000)->Unit(benchmark::kMillisecond)->MinTime(1.0);
BENCHMARK(BM_RewriteLedger)->Unit(benchmark::kMillisecond)->MinTime(1.0);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: tuijin_bench LEDGER.xlsx [benchmark flags]\n");
    return 2;
  }
  g_ledger_path = argv[1];
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
