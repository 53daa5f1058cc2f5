#include "demo/demo_projects.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <map>

#include "base/date.h"
#include "base/money.h"
#include "demo/demo_reports.h"
#include "base/time.h"
#include "demo/demo.h"
#include "demo/demo_map.h"

namespace tuijin::demo {
namespace {

// splitmix64: small, fast and the same on every machine.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int Int(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1)); }
  double Unit() { return static_cast<double>(Next() >> 11) / 9007199254740992.0; }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& a) {
    return a[Next() % N];
  }

 private:
  uint64_t state_;
};

const std::array<const char*, 24> kCompanies = {
    "中州建投置业有限公司", "云河华润置地有限公司", "河南中豫智能装备有限公司", "中原新材料科技股份有限公司",
    "云河国际物流园有限公司", "郑商冷链物流有限公司", "中州生物医药产业园有限公司", "云河数据科技有限公司",
    "豫信电子科技集团有限公司", "中原汽车零部件有限公司", "云河文旅发展有限公司", "中州商业管理有限公司",
    "中铁七局集团第三工程有限公司", "河南豫能热电有限公司", "国网中州供电公司", "云河燃气有限公司",
    "中州地铁集团有限公司", "云河教育投资有限公司", "云河健康产业投资有限公司", "万科(中州)置业有限公司",
    "正弘置业有限公司", "中原环保股份有限公司", "云河农业发展有限公司", "中州航空港物流有限公司"};

const std::array<const char*, 16> kPlaces = {"南曹", "金岱", "圃田", "十八里河", "紫荆山", "陇海", "航海东路",
                                             "城东", "北关", "西大街", "南关", "商都", "经开", "冯庄", "大湖", "潮河"};
const std::array<const char*, 12> kRoads = {"豫英路", "豫豪路", "长江东路", "冯庄东路", "尚德路", "南三环东延",
                                            "文德路", "中州大道辅道", "经开第十五大街", "航海东路", "紫辰路",
                                            "商鼎路"};
const std::array<const char*, 10> kProducts = {"新能源汽车零部件", "智能装备", "高端铝材", "医用耗材", "集成电路封装",
                                               "光伏组件", "锂电池隔膜", "预制菜", "智能家电", "生物制剂"};

struct Template {
  const char* category;
  const char* industry;
  const char* pattern;  // {p} place, {r} road, {c} company, {x} product, {n} number
  bool government;
};

const std::array<Template, 22> kTemplates = {{
    {"产业", "先进制造业", "{c}年产{n}万套{x}项目", false},
    {"产业", "先进制造业", "{p}智能制造产业园({n}期)", false},
    {"产业", "战略性新兴产业", "{c}{x}研发生产基地", false},
    {"产业", "先进制造业", "{c}生产线智能化技术改造项目", false},
    {"产业", "信息技术", "{p}数据中心({n}期)", false},
    {"基础设施", "交通运输", "{r}道路工程", true},
    {"基础设施", "交通运输", "{r}快速化改造工程", true},
    {"基础设施", "市政公用", "{p}污水处理厂({n}期)工程", true},
    {"基础设施", "市政公用", "{p}片区雨污分流改造工程", true},
    {"基础设施", "能源", "{p}220千伏输变电工程", false},
    {"基础设施", "水利", "{p}河道综合治理工程", true},
    {"社会民生", "教育", "云河区{p}{n}号学校新建工程", true},
    {"社会民生", "卫生健康", "云河区人民医院{p}院区建设项目", true},
    {"社会民生", "房地产开发", "{p}安置房({n}期)项目", true},
    {"城市更新", "市政公用", "{p}老旧小区改造项目", true},
    {"城市更新", "房地产开发", "{p}城中村改造项目", false},
    {"生态环保", "市政公用", "{p}生态公园建设工程", true},
    {"房地产", "房地产开发", "{c}{p}住宅项目", false},
    {"服务业", "商贸物流", "{p}冷链物流园项目", false},
    {"服务业", "现代服务业", "{p}商业综合体项目", false},
    {"服务业", "文化旅游", "商都历史文化区{p}片区保护提升项目", true},
    {"农业农村", "农林牧渔", "{p}高标准农田建设项目", true},
}};

// "河南中豫智能装备有限公司" → "河南中豫智能装备": how ledgers name a company's project.
std::string ShortName(std::string name) {
  for (const char* suffix : {"股份有限公司", "集团有限公司", "有限公司"}) {
    const auto pos = name.find(suffix);
    if (pos != std::string::npos) return name.substr(0, pos);
  }
  return name;
}

// Developers build housing; the others build plants, parks and networks.
bool IsDeveloper(const std::string& company) {
  return company.find("置业") != std::string::npos || company.find("置地") != std::string::npos ||
         company.find("万科") != std::string::npos;
}

std::string PickCompany(Random& r, bool developer) {
  for (;;) {
    std::string c = r.Pick(kCompanies);
    if (IsDeveloper(c) == developer) return c;
  }
}

std::string Fill(const char* pattern, Random& r, const std::string& company) {
  std::string out;
  for (const char* c = pattern; *c; ++c) {
    if (*c == '{' && c[1] && c[2] == '}') {
      switch (c[1]) {
        case 'p': out += r.Pick(kPlaces); break;
        case 'r': out += r.Pick(kRoads); break;
        case 'c': out += ShortName(company); break;
        case 'x': out += r.Pick(kProducts); break;
        case 'n': out += std::to_string(r.Int(1, 3)); break;
      }
      c += 2;
    } else {
      out += *c;
    }
  }
  return out;
}

struct Level {
  const char* level;
  int star_min;
  double mean_yi;  // mean 总投资 in 亿元
};

}  // namespace

Status LoadProjects(ProjectStores s, int count, std::ostream& log) {
  store::ProjectFilter any;
  any.all_levels = true;
  any.page.page_size = 1;
  ASSIGN_OR_RETURN(auto existing, s.projects.List(any));
  if (existing.page.total > 0) {
    log << "演示项目:项目库已有 " << existing.page.total << " 个项目,未重复载入\n";
    return Status::Ok();
  }

  ASSIGN_OR_RETURN(auto unit_list, s.units.List());
  std::map<std::string, int64_t> unit_ids;
  for (const auto& u : unit_list) unit_ids[u.name] = u.id;
  for (size_t i = 0; i < kCompanies.size(); ++i) {
    if (unit_ids.count(kCompanies[i])) continue;
    store::UnitInput in;
    in.name = kCompanies[i];
    in.kind = "owner";
    in.sort_order = 1000 + static_cast<int64_t>(i);
    ASSIGN_OR_RETURN(auto u, s.units.Create(in));
    unit_ids[u.name] = u.id;
  }
  ASSIGN_OR_RETURN(auto items, s.dictionaries.List(""));
  auto item = [&](const std::string& dict, const std::string& label) -> std::optional<int64_t> {
    for (const auto& d : items) {
      if (d.dict == dict && d.label == label) return d.id;
    }
    return std::nullopt;
  };
  store::UserFilter leaders_filter;
  leaders_filter.role = "leader";
  ASSIGN_OR_RETURN(auto leaders, s.users.List(leaders_filter));
  int64_t creator = 0;
  if (auto staff = s.users.FindForLogin("fgw"); staff.ok() && *staff) creator = (*staff)->first.id;

  const std::array<const char*, 9> streets = {"城东路街道办事处", "北关街道办事处", "西大街街道办事处",
                                              "南关街道办事处", "紫荆山街道办事处", "航海东路街道办事处",
                                              "陇海路街道办事处", "十八里河街道办事处", "南曹街道办事处"};
  auto lead_for = [&](const Template& t, Random& r) -> std::string {
    const std::string cat = t.category;
    const int roll = r.Int(0, 9);
    if (cat == "产业") return roll < 6 ? "云河经济开发区管理委员会" : (roll < 8 ? "云河区工业和信息化局" : r.Pick(streets));
    if (cat == "基础设施") return roll < 6 ? "云河区住房和城乡建设局" : (roll < 8 ? "云河区交通运输局" : r.Pick(streets));
    if (cat == "社会民生") return roll < 4 ? "云河区教育局" : (roll < 6 ? "云河区卫生健康委员会" : r.Pick(streets));
    if (cat == "城市更新") return roll < 5 ? "云河区有机更新中心" : r.Pick(streets);
    if (cat == "房地产") return roll < 5 ? "云河区住房保障中心" : r.Pick(streets);
    if (cat == "农业农村") return roll < 5 ? "云河区农业农村工作委员会" : (roll < 8 ? "金岱镇人民政府" : "圃田乡人民政府");
    return roll < 5 ? "云河区商务局" : r.Pick(streets);
  };

  // Seed 002's split, scaled to `count`.
  const int province = std::min(count, std::max(1, count * 17 / 291));
  const int city = std::min(count - province, std::max(1, count * 23 / 291));
  const int star = std::min(count - province - city, count * 45 / 291);
  Random r(20220291ULL + static_cast<uint64_t>(count));
  const std::string today = Today();
  const int this_year = std::stoi(today.substr(0, 4));
  int created = 0, children = 0;
  std::map<std::string, int> name_use;

  for (int i = 0; i < count; ++i) {
    const Template& t = kTemplates[r.Next() % kTemplates.size()];
    store::ProjectFields f;
    const std::string company = PickCompany(r, std::string(t.category) == "房地产");
    std::string name = Fill(t.pattern, r, company);
    if (name_use[name]++ > 0) name += fmt::format("({}标段)", name_use[name]);
    f.name = name;
    Level level{"district", 0, 4.5};
    if (i < province) level = {"province", 0, 47.0};
    else if (i < province + city) level = {"city", 0, 36.0};
    else if (i < province + city + star) level = {"district", 1, 17.0};
    f.level = level.level;
    f.star = level.star_min ? r.Int(1, 5) : 0;
    // 总投资: log-normal around the level's mean, in whole 万元.
    const double yi = level.mean_yi * std::exp((r.Unit() - 0.5) * 1.6) * 0.8;
    const int64_t wan = std::max<int64_t>(600, static_cast<int64_t>(yi * 10000.0));
    f.total_investment = wan * kFenPerWan;
    f.category_id = item("category", t.category);
    f.industry_id = item("industry", t.industry);
    f.nature_id = item("nature", t.government ? (r.Int(0, 4) ? "新建" : "改建") : (r.Int(0, 3) ? "新建" : "技改"));
    const std::string lead = lead_for(t, r);
    f.lead_unit_id = unit_ids.at(lead);
    f.owner_unit_id = t.government ? unit_ids.at(r.Int(0, 2) ? "云河城市建设投资集团有限公司" : lead)
                                   : unit_ids.at(company);
    if (r.Int(0, 3) == 0) f.co_unit_ids.push_back(unit_ids.at(r.Pick(streets)));
    if (f.lead_unit_id && !f.co_unit_ids.empty() && f.co_unit_ids[0] == *f.lead_unit_id) f.co_unit_ids.clear();
    if (!leaders.items.empty() && (level.star_min || f.level != "district" || r.Int(0, 4) == 0)) {
      const auto& leader = leaders.items[r.Next() % leaders.items.size()];
      f.leader_user_id = leader.id;
      f.leader_name = leader.display_name;
    }
    const char* surnames = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高";
    const int si = r.Int(0, 19);
    f.contact_name = std::string(surnames + si * 3, 3) + (r.Int(0, 1) ? "工" : "经理");
    f.contact_phone = fmt::format("138{:08}", r.Int(37100000, 37199999));
    f.address = fmt::format("云河区{}{}", r.Pick(kPlaces), r.Int(0, 1) ? "片区" : std::string(r.Pick(kRoads)) + "以南");
    // Inside the demo district, in the lead unit's area when it has one (demo_map.h).
    const double u1 = r.Unit(), u2 = r.Unit();
    const domain::LngLat place = DemoPlace(lead, u1, u2);
    f.lng = place.lng;
    f.lat = place.lat;
    f.content = fmt::format("总建筑面积约{}万平方米,主要建设{},配套建设道路、管网、绿化等附属工程。",
                            r.Int(2, 60), t.government ? "主体工程及配套设施" : "生产厂房、研发中心及配套用房");
    // Funding: government projects by 财政/专项债/中央预算内, enterprises by 自筹/贷款.
    if (t.government) {
      const Fen total = f.total_investment;
      const Fen bonds = r.Int(0, 2) ? total * r.Int(20, 50) / 100 : 0;
      const Fen central = r.Int(0, 3) == 0 ? total * r.Int(5, 15) / 100 : 0;
      const Fen local = total * r.Int(10, 30) / 100;
      if (bonds) f.funding.emplace_back(*item("funding_source", "专项债"), bonds);
      if (central) f.funding.emplace_back(*item("funding_source", "中央预算内"), central);
      f.funding.emplace_back(*item("funding_source", "地方财政"), local);
      f.tag_ids.push_back(*item("tag", "政府投资"));
      if (bonds) f.tag_ids.push_back(*item("tag", "专项债"));
    } else {
      const Fen own = f.total_investment * r.Int(30, 60) / 100;
      f.funding.emplace_back(*item("funding_source", "企业自筹"), own);
      f.funding.emplace_back(*item("funding_source", "银行贷款"), f.total_investment * r.Int(10, 40) / 100);
      if (std::string(t.category) == "产业" && r.Int(0, 2) == 0) f.tag_ids.push_back(*item("tag", "招商引资"));
      if (std::string(t.category) == "产业" && r.Int(0, 5) == 0) f.tag_ids.push_back(*item("tag", "拿地即开工"));
    }
    if (i % 7 == 3) f.tag_ids.push_back(*item("tag", "982工程"));
    if (i % 16 == 5) f.tag_ids.push_back(*item("tag", "三个一批"));
    if (std::string(t.category) == "基础设施" && i % 5 == 0) f.tag_ids.push_back(*item("tag", "灾后重建"));
    std::sort(f.tag_ids.begin(), f.tag_ids.end());
    f.tag_ids.erase(std::unique(f.tag_ids.begin(), f.tag_ids.end()), f.tag_ids.end());

    // Stage and dates: most projects are 在建 (续建 from earlier years or 新开工 this year).
    const int roll = r.Int(0, 99);
    std::string stage = roll < 8 ? "reserve" : roll < 22 ? "preparation" : roll < 80 ? "construction"
                      : roll < 90 ? "completed" : roll < 95 ? "operating" : roll < 98 ? "suspended" : "cancelled";
    const int start_year = stage == "reserve" || stage == "preparation" ? this_year + r.Int(0, 1)
                                                                         : this_year - r.Int(0, 3);
    const int start_month = r.Int(1, 12);
    const int months = r.Int(12, 42);
    int end_index = start_year * 12 + start_month - 1 + months;
    int start_index = start_year * 12 + start_month - 1;
    // Keep the district mostly on schedule (decided by the project's number, so the random
    // draws, and with them every other field, stay as they were): one in twelve projects under
    // construction is past its planned completion, one in three in 前期 past its planned start.
    const int now_index = this_year * 12 + std::stoi(today.substr(5, 2)) - 1;
    if (stage == "construction" && end_index < now_index + 1 && i % 12 != 0) end_index = now_index + 2 + i % 14;
    if (stage == "preparation" && start_index <= now_index && i % 3 != 0) start_index = now_index + 1 + i % 7;
    end_index = std::max(end_index, start_index + 12);
    f.planned_start = fmt::format("{:04}-{:02}", start_index / 12, start_index % 12 + 1);
    f.planned_completion = fmt::format("{:04}-{:02}", end_index / 12, end_index % 12 + 1);
    std::vector<store::ProjectStore::StageStep> steps;
    auto clamp_past = [&](std::string d) { return d > today ? today : d; };
    const std::string start_date = clamp_past(fmt::format("{}-{:02}", *f.planned_start, r.Int(1, 28)));
    const std::string end_date = clamp_past(fmt::format("{}-{:02}", *f.planned_completion, r.Int(1, 28)));
    if (stage == "reserve" || stage == "preparation" || stage == "cancelled") {
      steps.push_back({stage == "cancelled" ? "preparation" : stage, fmt::format("{}-01-{:02}", this_year - 1, r.Int(5, 28))});
      if (stage == "cancelled") steps.push_back({"cancelled", fmt::format("{}-{:02}-10", this_year, r.Int(1, 6))});
    } else {
      steps.push_back({"construction", start_date});
      if (stage == "completed" || stage == "operating") steps.push_back({"completed", std::max(start_date, end_date)});
      if (stage == "operating") steps.push_back({"operating", std::max(start_date, end_date)});
      if (stage == "suspended") steps.push_back({"suspended", clamp_past(fmt::format("{}-{:02}-15", this_year, r.Int(1, 9)))});
    }
    if (stage == "suspended" && steps.back().date < steps.front().date) steps.back().date = steps.front().date;
    // 入库: most started projects ≥ 500万 are in the statistics database (about 93%).
    const bool started = stage != "reserve" && stage != "preparation" && stage != "cancelled";
    if (started && (r.Int(0, 9) < 8 || i % 3 != 0)) {
      f.registered = true;
      f.registered_date = start_date.substr(0, 7);
      f.stats_code = fmt::format("4101{:08}", r.Int(10000000, 99999999));
    }
    const int code_year = std::stoi(f.planned_start->substr(0, 4)) - 1;
    f.code = fmt::format("{}-410104-{:02}-0{}-{:06}", std::min(code_year, this_year), r.Int(13, 89), r.Int(1, 3), 100000 + i);
    ASSIGN_OR_RETURN(auto project, s.projects.Create(f, steps, creator));
    ++created;

    // A few big projects carry 子工程 (seed 001: "19个重点项目,涉及子工程143个").
    if (i % 40 == 7 && stage == "construction") {
      const int n = r.Int(2, 4);
      for (int k = 1; k <= n; ++k) {
        store::ProjectFields c;
        c.parent_id = project.id;
        c.name = fmt::format("{}—{}标段", name, k);
        c.level = f.level;
        c.category_id = f.category_id;
        c.industry_id = f.industry_id;
        c.lead_unit_id = f.lead_unit_id;
        c.owner_unit_id = f.owner_unit_id;
        c.total_investment = f.total_investment / (n + 1);
        c.planned_start = f.planned_start;
        c.planned_completion = f.planned_completion;
        c.lng = *f.lng + (k - 2) * 0.003;
        c.lat = *f.lat + (k - 2) * 0.002;
        c.content = fmt::format("{}第{}标段施工", name, k);
        ASSIGN_OR_RETURN(auto child, s.projects.Create(c, {{"construction", start_date}}, creator));
        (void)child;
        ++children;
      }
    }
  }
  log << fmt::format("演示项目:新增 {} 个项目(省重点 {},市重点 {},区重点 {},其中攻坚星级 {}),子工程 {} 个\n", created,
                     province, city, count - province - city, star, children);
  return Status::Ok();
}

Status LoadAll(ProjectStores stores, int count, int report_months, std::ostream& log) {
  RETURN_IF_ERROR(Load(stores.units, stores.users, log));
  RETURN_IF_ERROR(LoadProjects(stores, count, log));
  RETURN_IF_ERROR(LoadPlans(stores, log));
  return LoadReports(stores, report_months, log);
}

}  // namespace tuijin::demo
