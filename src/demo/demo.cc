#include "demo/demo.h"

#include <map>

#include "base/crypto.h"

namespace tuijin::demo {
namespace {

struct UnitSeed {
  const char* name;
  const char* kind;
  const char* parent;  // nullptr for a root
  const char* code;
};

// 云河区: nine streets, two townships, one development zone, the district departments that
// the investment plan (seed 002) names as 责任单位, owners, and the city's 发改委 above.
const UnitSeed kUnits[] = {
    {"中州市发展和改革委员会", "superior", nullptr, "11410100MB0000001X"},
    {"云河区发展和改革委员会", "department", nullptr, "11410199MB1000001A"},
    {"云河区工业和信息化局", "department", nullptr, "11410199MB1000002B"},
    {"云河区住房和城乡建设局", "department", nullptr, "11410199MB1000003C"},
    {"云河区城市管理局", "department", nullptr, "11410199MB1000004D"},
    {"云河区农业农村工作委员会", "department", nullptr, "11410199MB1000005E"},
    {"云河区财政局", "department", nullptr, "11410199MB1000006F"},
    {"云河区自然资源和规划分局", "department", nullptr, "11410199MB1000007G"},
    {"云河区生态环境分局", "department", nullptr, "11410199MB1000008H"},
    {"云河区教育局", "department", nullptr, "11410199MB1000009J"},
    {"云河区卫生健康委员会", "department", nullptr, "11410199MB1000010K"},
    {"云河区商务局", "department", nullptr, "11410199MB1000011L"},
    {"云河区文化广电和旅游局", "department", nullptr, "11410199MB1000012M"},
    {"云河区交通运输局", "department", nullptr, "11410199MB1000013N"},
    {"云河区住房保障中心", "department", nullptr, "11410199MB1000014P"},
    {"云河区有机更新中心", "department", nullptr, "11410199MB1000015Q"},
    {"云河经济开发区管理委员会", "zone", nullptr, "11410199MB2000001R"},
    {"开发区建设发展局", "department", "云河经济开发区管理委员会", nullptr},
    {"开发区经济发展局", "department", "云河经济开发区管理委员会", nullptr},
    {"城东路街道办事处", "street", nullptr, "11410199MB3000001T"},
    {"北关街道办事处", "street", nullptr, "11410199MB3000002U"},
    {"西大街街道办事处", "street", nullptr, "11410199MB3000003W"},
    {"南关街道办事处", "street", nullptr, "11410199MB3000004X"},
    {"紫荆山街道办事处", "street", nullptr, "11410199MB3000005Y"},
    {"航海东路街道办事处", "street", nullptr, "11410199MB3000006A"},
    {"陇海路街道办事处", "street", nullptr, "11410199MB3000007B"},
    {"十八里河街道办事处", "street", nullptr, "11410199MB3000008C"},
    {"南曹街道办事处", "street", nullptr, "11410199MB3000009D"},
    {"金岱镇人民政府", "township", nullptr, "11410199MB4000001E"},
    {"圃田乡人民政府", "township", nullptr, "11410199MB4000002F"},
    {"云河城市建设投资集团有限公司", "owner", nullptr, "91410199MA0000001G"},
    {"中州交通投资发展有限公司", "owner", nullptr, "91410199MA0000002H"},
    {"云河水务有限公司", "owner", nullptr, "91410199MA0000003J"},
    {"云河产业投资发展有限公司", "owner", nullptr, "91410199MA0000004K"},
    {"中原宇航客车股份有限公司", "owner", nullptr, "91410199MA0000005L"},
    {"云河区人民医院", "owner", nullptr, "12410199MB0000006M"},
};

struct UserSeed {
  const char* username;
  const char* display_name;
  const char* role;
  const char* unit;  // nullptr: no unit
  const char* phone;
  const char* description;
};

const UserSeed kUsers[] = {
    {"admin", "系统管理员", "admin", "云河区发展和改革委员会", "0371-66010001", "系统管理员"},
    {"fgw", "王磊", "staff", "云河区发展和改革委员会", "13803710002", "区发改委项目科"},
    {"fgw2", "李娜", "staff", "云河区发展和改革委员会", "13803710003", "区发改委项目科"},
    {"chengdong", "赵敏", "unit", "城东路街道办事处", "13803710011", "城东路街道填报员"},
    {"nanguan", "钱鹏", "unit", "南关街道办事处", "13803710012", "南关街道填报员"},
    {"kaifaqu", "孙浩", "unit", "云河经济开发区管理委员会", "13803710013", "经济开发区填报员"},
    {"zhujian", "周婷", "unit", "云河区住房和城乡建设局", "13803710014", "区住房城乡建设局填报员"},
    {"chengtou", "吴刚", "unit", "云河城市建设投资集团有限公司", "13803710015", "业主单位(城投集团)填报员"},
    {"quzhang", "陈建国", "leader", nullptr, "13803710021", "区长"},
    {"fuquzhang", "刘海涛", "leader", nullptr, "13803710022", "分管副区长(分包领导)"},
    {"zhuanjia", "郑文华", "expert", nullptr, "13803710031", "评审专家(工程造价)"},
};

}  // namespace

std::vector<DemoLogin> DemoLogins() {
  std::vector<DemoLogin> out;
  for (const auto& u : kUsers) out.push_back({u.username, u.role, u.description});
  return out;
}

Status Load(store::UnitStore& units, store::UserStore& users, std::ostream& log) {
  ASSIGN_OR_RETURN(auto existing, units.List());
  std::map<std::string, int64_t> ids;
  for (const auto& u : existing) {
    if (!u.parent_id) ids[u.name] = u.id;
  }
  for (const auto& u : existing) {
    if (u.parent_id) ids.emplace(u.name, u.id);
  }
  int added_units = 0;
  int order = 0;
  for (const UnitSeed& seed : kUnits) {
    ++order;
    if (ids.count(seed.name)) continue;
    store::UnitInput in;
    if (seed.parent) in.parent_id = ids.at(seed.parent);
    in.name = seed.name;
    in.kind = seed.kind;
    if (seed.code) in.code = seed.code;
    in.sort_order = order * 10;
    ASSIGN_OR_RETURN(auto created, units.Create(in));
    ids[seed.name] = created.id;
    ++added_units;
  }

  int added_users = 0;
  // One hash for every demo account: argon2id is deliberately slow.
  ASSIGN_OR_RETURN(const std::string hash, HashPassword(kDemoPassword));
  for (const UserSeed& seed : kUsers) {
    ASSIGN_OR_RETURN(auto found, users.FindForLogin(seed.username));
    if (found) continue;
    store::NewUser in;
    in.username = seed.username;
    in.display_name = seed.display_name;
    in.role = seed.role;
    if (seed.unit) in.unit_id = ids.at(seed.unit);
    in.phone = seed.phone;
    in.password_hash = hash;
    ASSIGN_OR_RETURN(auto created, users.Create(in));
    (void)created;
    ++added_users;
  }
  log << "演示数据:新增单位 " << added_units << " 个,用户 " << added_users << " 个\n";
  return Status::Ok();
}

}  // namespace tuijin::demo
