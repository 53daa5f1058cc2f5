// Project fields shared by the project API and the ledger import.
#pragma once

#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/context.h"

namespace tuijin::api {

// Names of units, code-table items and leaders: for checks and for history in words.
struct Lookups {
  std::map<int64_t, store::DictionaryItem> items;
  std::map<int64_t, store::Unit> units;
  std::map<int64_t, std::string> leaders;  // user id → display name

  // A code-table item's label or a unit's name; nullptr for none or an unknown id.
  const std::string* ItemLabel(const std::optional<int64_t>& id) const;
  const std::string* UnitName(const std::optional<int64_t>& id) const;
};

StatusOr<Lookups> LoadLookups(Context& ctx);

// The funding sources (资金来源) of the dictionary in its order. With the disabled ones for
// the ledger's columns (projects keep disabled values) and for mapping them back on import;
// without them for the template new rows are typed into.
std::vector<store::DictionaryItem> FundingSources(const Lookups& lk, bool with_disabled = true);
std::vector<std::string> Labels(const std::vector<store::DictionaryItem>& items);

// Which project holds a 项目代码, if any.
using CodeOwner = std::function<StatusOr<std::optional<int64_t>>(const std::string& code)>;
inline CodeOwner StoreCodeOwner(Context& ctx) {
  return [&ctx](const std::string& code) { return ctx.svc.projects.FindIdByCode(code); };
}

boost::json::object ProjectJson(const store::Project& p);

// A location as the history shows it ("113.710000, 34.720000"); nullopt when not set.
std::optional<std::string> LocationText(const std::optional<double>& lng, const std::optional<double>& lat);

// Reads and checks the editable fields from a request body. `current` is the project being
// edited, if any. Fails with "validation.failed" and one message per bad field.
StatusOr<store::ProjectFields> ReadFields(Context& ctx, const boost::json::object& body, const Lookups& lk,
                                          const store::Project* current, const CodeOwner& code_owner);

// The history of an edit, in words: one row per changed field.
std::vector<store::FieldChange> Diff(const store::Project& old, const store::ProjectFields& now, const Lookups& lk);

// The project list filter from the query string (project_api.cc), with the unit scope of
// the signed-in user applied.
StatusOr<store::ProjectFilter> ReadProjectFilter(Context& ctx);

// The opening stage events of a new project: from "stage" (default reserve) and
// "actual_start", "actual_completion", "stage_date" in the body. Invalid with field messages.
StatusOr<std::vector<store::ProjectStore::StageStep>> OpeningSteps(const boost::json::object& body);

}  // namespace tuijin::api
