// libFuzzer target: the 项目代码 validator (src/domain/project_rules.h) against the rule it
// states, and the other text rules a project's fields pass through (levels, stages, amounts,
// dates, the ledger words).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/text.h"
#include "domain/divisions.h"
#include "domain/project_rules.h"
#include "fuzz/fuzz_check.h"

namespace {

using namespace tuijin;

// ^\d{4}-\d{6}-\d{2}-\d{2}-\d{5}[0-9A-Z]$, year 1990–2100, a known division: written out
// independently of the validator.
bool Valid(std::string_view code) {
  static constexpr std::string_view kShape = "9999-999999-99-99-99999X";
  if (code.size() != kShape.size()) return false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    const bool digit = c >= '0' && c <= '9';
    if (kShape[i] == '-' && c != '-') return false;
    if (kShape[i] == '9' && !digit) return false;
    if (kShape[i] == 'X' && !digit && !(c >= 'A' && c <= 'Z')) return false;
  }
  const int year = (code[0] - '0') * 1000 + (code[1] - '0') * 100 + (code[2] - '0') * 10 + (code[3] - '0');
  return year >= 1990 && year <= 2100 && domain::IsDivision(code.substr(5, 6));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string message = domain::CheckProjectCode(text, domain::IsDivision);
  FUZZ_CHECK(message.empty() == Valid(text));
  if (text.size() == 6) FUZZ_CHECK(domain::IsDivision(text) == domain::DivisionName(text).has_value());

  if (domain::IsLevel(text)) FUZZ_CHECK(!domain::LevelLabel(text).empty());
  if (auto stage = domain::ParseStage(text)) {
    FUZZ_CHECK(domain::StageName(*stage) == text);
    FUZZ_CHECK(!domain::StageLabel(*stage).empty());
  }
  if (auto stage = domain::StageFromText(text)) FUZZ_CHECK(domain::ParseStage(*stage).has_value());
  if (auto level = domain::LevelFromText(text)) FUZZ_CHECK(domain::IsLevel(*level));
  fuzz::ExerciseCellText(text, /*is_number=*/false);
  fuzz::ExerciseCellText(TrimSpace(text), /*is_number=*/true);
  return 0;
}
