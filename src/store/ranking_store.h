// Unit rankings (排名通报): the settings, the accepted amounts of each 责任单位 by month, the
// quarterly inspection scores, and the escalation records (末位约谈) of locked months.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "db/db.h"
#include "domain/ranking.h"
#include "store/transaction_step.h"

namespace tuijin::store {

struct StoredRankingSettings {
  domain::RankingSettings settings;
  int64_t version = 0;  // 0: the defaults, never saved
  std::optional<std::string> updated_at;
};

struct Escalation {
  std::string period;
  int64_t unit_id = 0;
  std::string unit_name;
  int run_length = 0;
  std::string action;
  int rank = 0;
  int64_t value = 0;
  std::string metric;
  std::string created_at;
};

// The accepted 本期 of the top-level, not cancelled projects of one 责任单位, by month.
using UnitAmounts = std::map<int64_t, std::array<Fen, 12>>;

class RankingStore {
 public:
  explicit RankingStore(db::Database& db) : db_(db) {}

  StatusOr<StoredRankingSettings> Settings();
  // Conflict "ranking.stale" when `version` is not the one stored (0 for never saved).
  StatusOr<StoredRankingSettings> SaveSettings(const domain::RankingSettings& s, int64_t version, int64_t user_id);

  StatusOr<UnitAmounts> AmountsByLeadUnit(int year);

  // unit id → score (hundredths of a point).
  StatusOr<std::map<int64_t, int64_t>> InspectionScores(int year, int quarter);
  // Sets the given units' scores (none: removes it), in one transaction.
  Status SetInspectionScores(int year, int quarter, const std::vector<std::pair<int64_t, std::optional<int64_t>>>& scores,
                             int64_t user_id);

  // The step that records `period`'s escalations when it is locked; a month recorded before
  // keeps its records.
  InTransaction Recorder(std::string period, std::string metric, std::vector<Escalation> escalations);
  // Newest first; of one year ("2026") or all.
  StatusOr<std::vector<Escalation>> Escalations(const std::optional<int>& year);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
