// Demo data: a district modelled on the source documents (云河区, an invented district of
// 中州市), with its streets, townships, development zone, departments, owners and users of
// every role. Loading is idempotent: what exists already is left as it is.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/unit_store.h"
#include "store/user_store.h"

namespace tuijin::demo {

struct DemoLogin {
  std::string username;
  std::string role;
  std::string description;
};

constexpr const char* kDemoPassword = "Tuijin@2026";

// The demo accounts, for printing after a load.
std::vector<DemoLogin> DemoLogins();

// Loads the demo district. Returns how many units and users were added.
Status Load(store::UnitStore& units, store::UserStore& users, std::ostream& log);

}  // namespace tuijin::demo
