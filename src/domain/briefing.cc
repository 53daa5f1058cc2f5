#include "domain/briefing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <set>

namespace tuijin::domain {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  // Full-width spaces (U+3000) typed in Chinese input methods.
  while (s.size() >= 3 && s.substr(0, 3) == "\xE3\x80\x80") s.remove_prefix(3);
  while (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") s.remove_suffix(3);
  return s;
}

bool Known(const std::vector<Placeholder>& list, std::string_view name) {
  return std::any_of(list.begin(), list.end(), [&](const Placeholder& p) { return p.name == name; });
}

// A value counts as present unless it is empty or a zero ("0", "0.00", "0.0%").
bool Present(const std::string& v) {
  if (v.empty()) return false;
  for (char c : v) {
    if (c != '0' && c != '.' && c != '%' && c != ',') return true;
  }
  return false;
}

Status TemplateError(std::string_view field, int line, const std::string& what) {
  return Status::Invalid({{std::string(field), fmt::format("第{}行:{}", line, what)}});
}

// Replaces placeholders and resolves sections over the whole text. With `values` null only
// the names are checked (every known placeholder counts as present).
StatusOr<std::string> Expand(std::string_view text, const std::map<std::string, std::string>* values,
                             std::string_view field) {
  std::string out;
  std::vector<std::pair<bool, int>> open;  // (kept, line) of each open {{#if}}
  bool keep = true;
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "{{") != 0) {
      if (text[i] == '\n') ++line;
      if (keep) out.push_back(text[i]);
      ++i;
      continue;
    }
    const size_t close = text.find("}}", i + 2);
    if (close == std::string_view::npos) return TemplateError(field, line, "“{{”没有对应的“}}”");
    const std::string_view tag = Trim(text.substr(i + 2, close - i - 2));
    if (tag.find('\n') != std::string_view::npos) return TemplateError(field, line, "“{{”没有对应的“}}”");
    i = close + 2;
    if (tag.rfind("#if", 0) == 0) {
      const std::string name(Trim(tag.substr(3)));
      if (!Known(BriefingPlaceholders(), name)) {
        return TemplateError(field, line, fmt::format("未知的占位符“{}”", name));
      }
      bool present = true;
      if (values) {
        auto it = values->find(name);
        present = it != values->end() && Present(it->second);
      }
      open.emplace_back(keep, line);
      keep = keep && present;
    } else if (tag == "/if") {
      if (open.empty()) return TemplateError(field, line, "“{{/if}}”前没有“{{#if …}}”");
      keep = open.back().first;
      open.pop_back();
    } else {
      const std::string name(tag);
      if (!Known(BriefingPlaceholders(), name)) {
        return TemplateError(field, line, fmt::format("未知的占位符“{}”", name));
      }
      if (keep && values) {
        auto it = values->find(name);
        if (it != values->end()) out += it->second;
      }
    }
  }
  if (!open.empty()) return TemplateError(field, open.back().second, "“{{#if …}}”没有对应的“{{/if}}”");
  return out;
}

StatusOr<std::vector<TemplateBlock>> Blocks(const std::string& expanded, std::string_view field) {
  std::vector<TemplateBlock> blocks;
  int line_no = 0;
  size_t from = 0;
  while (from <= expanded.size()) {
    size_t to = expanded.find('\n', from);
    if (to == std::string::npos) to = expanded.size();
    ++line_no;
    const std::string_view line = Trim(std::string_view(expanded).substr(from, to - from));
    from = to + 1;
    if (line.empty()) continue;
    TemplateBlock b;
    auto marker = [&](std::string_view open) -> std::optional<std::string> {
      if (line.rfind(open, 0) != 0 || line.back() != ']') return std::nullopt;
      return std::string(Trim(line.substr(open.size(), line.size() - open.size() - 1)));
    };
    if (line.rfind("## ", 0) == 0) {
      b.kind = TemplateBlock::Kind::kHeading;
      b.level = 2;
      b.text = Trim(line.substr(3));
    } else if (line.rfind("# ", 0) == 0) {
      b.kind = TemplateBlock::Kind::kHeading;
      b.text = Trim(line.substr(2));
    } else if (auto t = marker("[表:")) {
      if (!Known(BriefingTables(), *t)) return TemplateError(field, line_no, fmt::format("未知的表格“{}”", *t));
      b.kind = TemplateBlock::Kind::kTable;
      b.text = *t;
    } else if (auto c = marker("[图:")) {
      if (!Known(BriefingCharts(), *c)) return TemplateError(field, line_no, fmt::format("未知的图表“{}”", *c));
      b.kind = TemplateBlock::Kind::kChart;
      b.text = *c;
    } else {
      b.text = line;
    }
    blocks.push_back(std::move(b));
    if (to == expanded.size()) break;
  }
  return blocks;
}

std::string Count(int64_t n) { return std::to_string(n); }

// Points between two ratios (a − b) × 100, one decimal, for words only.
double PointsBetween(const Ratio& a, const Ratio& b) {
  if (a.den == 0 || b.den == 0) return 0;
  return (static_cast<double>(a.num) / a.den - static_cast<double>(b.num) / b.den) * 100.0;
}

}  // namespace

std::string MonthsLabel(int month) { return month <= 1 ? "1月" : fmt::format("1—{}月", month); }

PeriodWords WordsOf(const PeriodSnapshot& s) {
  const auto week = s.week > 0 ? ParsePeriod(s.period) : std::nullopt;
  if (!week || week->kind != Period::Kind::kWeek) {
    return {fmt::format("{}年{}", s.year, MonthsLabel(s.month)), fmt::format("{}年{}月底", s.year, s.month),
            fmt::format("{}月完成", s.month), MonthsLabel(s.month) + "累计", fmt::format("{}年{}月", s.year, s.month)};
  }
  const auto [monday, sunday] = PeriodDays(*week);
  return {fmt::format("{}年第{}周", week->year, week->index),
          fmt::format("{}年{}月{}日(第{}周:{}月{}日—{}月{}日)", sunday.year, sunday.month, sunday.day, week->index,
                      monday.month, monday.day, sunday.month, sunday.day),
          "本周完成", "年初至本周累计", fmt::format("{}年第{}周", week->year, week->index)};
}

std::string FormatYi(Fen fen) {
  // 亿元 = 10^10 fen; two decimals, rounded half away from zero.
  const int64_t hundredths = (std::llabs(fen) + 50'000'000) / 100'000'000;
  return fmt::format("{}{}.{:02}", fen < 0 ? "-" : "", hundredths / 100, hundredths % 100);
}

std::string FormatWan(Fen fen) {
  const int64_t hundredths = (std::llabs(fen) + 5'000) / 10'000;
  return fmt::format("{}{}.{:02}", fen < 0 ? "-" : "", hundredths / 100, hundredths % 100);
}

std::vector<AreaSummary> SummarizeAreas(const PeriodSnapshot& s, bool ranked) {
  std::map<std::string, AreaSummary> by_area;
  for (const LedgerProject& p : s.projects) {
    AreaSummary& a = by_area[p.area];
    a.area = p.area;
    ++a.projects;
    a.total += p.total;
    a.annual_plan += p.annual_plan;
    a.year_to_date += p.year_to_date;
    a.period_amount += p.period_amount;
    a.green += p.colour == "green";
    a.yellow += p.colour == "yellow";
    a.red += p.colour == "red";
    a.started += p.started;
    a.completed += p.completed;
  }
  std::vector<AreaSummary> out;
  std::set<std::string> seen;
  for (const std::string& name : s.areas) {
    auto it = by_area.find(name);
    if (it == by_area.end() || !seen.insert(name).second) continue;
    out.push_back(it->second);
  }
  for (auto& [name, a] : by_area) {
    if (!seen.count(name)) out.push_back(a);
  }
  if (ranked) {
    std::stable_sort(out.begin(), out.end(), [](const AreaSummary& x, const AreaSummary& y) {
      const auto rx = x.rate(), ry = y.rate();
      if (!rx || !ry) return rx.has_value() && !ry.has_value();
      return CompareRatio(*rx, *ry) > 0;  // higher rate first, compared exactly
    });
  }
  return out;
}

AreaSummary SnapshotTotal(const PeriodSnapshot& s) {
  AreaSummary t;
  t.area = "合计";
  for (const AreaSummary& a : SummarizeAreas(s, false)) {
    t.projects += a.projects;
    t.total += a.total;
    t.annual_plan += a.annual_plan;
    t.year_to_date += a.year_to_date;
    t.period_amount += a.period_amount;
    t.green += a.green;
    t.yellow += a.yellow;
    t.red += a.red;
    t.started += a.started;
    t.completed += a.completed;
  }
  return t;
}

std::vector<const LedgerProject*> LaggingProjects(const PeriodSnapshot& s) {
  std::vector<std::pair<double, const LedgerProject*>> lagging;
  for (const LedgerProject& p : s.projects) {
    if (p.colour == "green" || p.annual_plan <= 0) continue;
    lagging.emplace_back(PointsBetween(Ratio{p.year_to_date, p.annual_plan}, s.schedule), &p);
  }
  std::stable_sort(lagging.begin(), lagging.end(), [](const auto& a, const auto& b) {
    if (a.second->colour != b.second->colour) return a.second->colour == "red";
    return a.first < b.first;
  });
  std::vector<const LedgerProject*> out;
  for (const auto& [gap, p] : lagging) out.push_back(p);
  return out;
}

const std::vector<Placeholder>& BriefingPlaceholders() {
  static const std::vector<Placeholder> kList = {
      {"地区名称", "本区(县)名称,如 云河区"},
      {"年度", "报告期所在年度,如 2026"},
      {"月份", "报告期的月份,如 10"},
      {"期间", "年初至报告期,如 1—10月"},
      {"截至", "如 10月底"},
      {"项目总数", "纳入统计的重点项目个数"},
      {"省重点项目数", "省重点项目个数"},
      {"市重点项目数", "市重点项目个数"},
      {"区重点项目数", "区重点项目个数"},
      {"攻坚项目数", "攻坚星级项目个数"},
      {"总投资", "重点项目总投资(亿元)"},
      {"年度计划投资", "年度计划投资(亿元)"},
      {"累计完成投资", "年初至今累计完成投资(亿元)"},
      {"本期完成投资", "本月完成投资(亿元)"},
      {"年度完成率", "累计完成 ÷ 年度计划,如 78.5%"},
      {"序时进度", "报告期末的序时进度,如 83.3%"},
      {"序时对比", "如 低于序时进度4.8个百分点"},
      {"已开工项目数", "已开工(含竣工)项目个数"},
      {"开工率", "已开工项目占项目总数的比例"},
      {"竣工项目数", "已竣工(含投产、达效)项目个数"},
      {"正常推进项目数", "绿色(正常推进)项目个数"},
      {"进展缓慢项目数", "黄色(进展缓慢)项目个数"},
      {"进展滞后项目数", "红色(进展滞后)项目个数"},
      {"滞后项目名单", "红色项目名称,以顿号分隔"},
      {"未报送项目数", "本期未报送进度的项目个数"},
      {"逾期督办数", "期末逾期未办结的督办事项个数"},
      {"完成率最高地区", "年度完成率最高的地区"},
      {"完成率最低地区", "年度完成率最低的地区"},
      {"应统未统项目数", "已开工、总投资500万元以上、尚未入库的项目个数"},
  };
  return kList;
}

const std::vector<Placeholder>& BriefingTables() {
  static const std::vector<Placeholder> kList = {
      {"地区汇总", "分地区汇总:项目个数、总投资、年度计划、累计完成、完成率、本期新增"},
      {"地区排名", "各地区按年度完成率排名"},
      {"滞后项目", "进展滞后(红、黄)项目清单及原因"},
      {"未报送", "本期未报送进度的项目"},
      {"逾期督办", "期末逾期未办结的督办事项"},
  };
  return kList;
}

const std::vector<Placeholder>& BriefingCharts() {
  static const std::vector<Placeholder> kList = {
      {"地区投资", "各地区年度计划与累计完成投资(亿元)柱状图"},
      {"红黄绿", "各地区红黄绿项目个数柱状图"},
  };
  return kList;
}

std::map<std::string, std::string> BriefingValues(const PeriodSnapshot& s) {
  std::map<std::string, std::string> v;
  const AreaSummary t = SnapshotTotal(s);
  int64_t province = 0, city = 0, district = 0, star = 0, stats_gap = 0;
  std::string red_names;
  int64_t red = 0;
  constexpr int64_t kNamesListed = 5;  // a sentence names the first few; the table lists them
  for (const LedgerProject& p : s.projects) {
    province += p.level == "province";
    city += p.level == "city";
    district += p.level != "province" && p.level != "city";
    star += p.star > 0;
    stats_gap += p.started && !p.registered && p.total >= 5'000'000'00;
    if (p.colour == "red" && ++red <= kNamesListed) red_names += (red_names.empty() ? "" : "、") + p.name;
  }
  v["地区名称"] = s.district;
  v["年度"] = std::to_string(s.year);
  v["月份"] = std::to_string(s.month);
  v["期间"] = MonthsLabel(s.month);
  v["截至"] = fmt::format("{}月底", s.month);
  v["项目总数"] = Count(t.projects);
  v["省重点项目数"] = Count(province);
  v["市重点项目数"] = Count(city);
  v["区重点项目数"] = Count(district);
  v["攻坚项目数"] = Count(star);
  v["总投资"] = FormatYi(t.total);
  v["年度计划投资"] = FormatYi(t.annual_plan);
  v["累计完成投资"] = FormatYi(t.year_to_date);
  v["本期完成投资"] = FormatYi(t.period_amount);
  v["年度完成率"] = FormatPercent(t.rate());
  v["序时进度"] = FormatPercent(s.schedule);
  if (const auto rate = t.rate()) {
    const int cmp = CompareRatio(*rate, s.schedule);
    const double points = std::abs(PointsBetween(*rate, s.schedule));
    v["序时对比"] = cmp == 0 ? "与序时进度持平"
                             : fmt::format("{}序时进度{:.1f}个百分点", cmp > 0 ? "高于" : "低于", points);
  } else {
    v["序时对比"] = "";
  }
  v["已开工项目数"] = Count(t.started);
  v["开工率"] = t.projects > 0 ? FormatPercent(Ratio{t.started, t.projects}) : "";
  v["竣工项目数"] = Count(t.completed);
  v["正常推进项目数"] = Count(t.green);
  v["进展缓慢项目数"] = Count(t.yellow);
  v["进展滞后项目数"] = Count(t.red);
  v["滞后项目名单"] = red > kNamesListed ? red_names + "等" : red_names;
  int64_t missing = 0;
  for (const LedgerProject& p : s.projects) missing += !p.reported;
  v["未报送项目数"] = Count(missing);
  v["逾期督办数"] = Count(static_cast<int64_t>(s.overdue.size()));
  const auto ranked = SummarizeAreas(s, true);
  std::vector<const AreaSummary*> with_plan;
  for (const auto& a : ranked) {
    if (a.rate()) with_plan.push_back(&a);
  }
  v["完成率最高地区"] = with_plan.empty() ? "" : with_plan.front()->area;
  v["完成率最低地区"] = with_plan.size() < 2 ? "" : with_plan.back()->area;
  v["应统未统项目数"] = Count(stats_gap);
  return v;
}

Status CheckTemplate(std::string_view text, std::string_view field) {
  ASSIGN_OR_RETURN(std::string expanded, Expand(text, nullptr, field));
  return Blocks(expanded, field).status();
}

StatusOr<std::vector<TemplateBlock>> RenderTemplate(std::string_view body,
                                                    const std::map<std::string, std::string>& values) {
  RETURN_IF_ERROR(CheckTemplate(body, "body"));
  ASSIGN_OR_RETURN(std::string expanded, Expand(body, &values, "body"));
  return Blocks(expanded, "body");
}

StatusOr<std::string> RenderLine(std::string_view line, const std::map<std::string, std::string>& values,
                                 std::string_view field) {
  ASSIGN_OR_RETURN(std::string out, Expand(line, &values, field));
  std::replace(out.begin(), out.end(), '\n', ' ');
  return std::string(Trim(out));
}

}  // namespace tuijin::domain
