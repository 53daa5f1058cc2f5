#include "store/ranking_store.h"

#include <fmt/format.h>

#include "base/date.h"
#include "base/time.h"
#include "db/query.h"

namespace tuijin::store {
namespace {

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

StoredRankingSettings Load(soci::session& sql) {
  StoredRankingSettings out;
  std::string metric, ladder, updated_at;
  domain::RankingSettings& s = out.settings;
  int64_t version = 0;
  sql << "SELECT metric, weight_completion, weight_growth, ladder, top_award, top_n, bottom_award, bottom_n, version, "
         "updated_at FROM ranking_settings WHERE id = 1",
      soci::into(metric), soci::into(s.weight_completion), soci::into(s.weight_growth), soci::into(ladder),
      soci::into(s.top_award), soci::into(s.top_n), soci::into(s.bottom_award), soci::into(s.bottom_n),
      soci::into(version), soci::into(updated_at);
  if (!sql.got_data()) return StoredRankingSettings{};
  s.metric = domain::ParseRankingMetric(metric).value_or(domain::RankingMetric::kCompletion);
  s.ladder = SplitLines(ladder);
  out.version = version;
  out.updated_at = updated_at;
  return out;
}

}  // namespace

StatusOr<StoredRankingSettings> RankingStore::Settings() {
  return db_.Run([&](soci::session& sql) -> StatusOr<StoredRankingSettings> { return Load(sql); });
}

StatusOr<StoredRankingSettings> RankingStore::SaveSettings(const domain::RankingSettings& s, int64_t version,
                                                           int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<StoredRankingSettings> {
    db::Transaction tx(sql, db_.dialect());
    // The row is locked for the check and the write (PostgreSQL; SQLite's BEGIN IMMEDIATE
    // already serializes writers), so two saves from the same version cannot both pass.
    if (db_.is_postgres()) sql << "LOCK TABLE ranking_settings IN SHARE ROW EXCLUSIVE MODE";
    if (Load(sql).version != version) {
      return Status::Conflict("ranking.stale", "排名设置已被他人修改,请刷新后重试").WithField("version", "已被他人修改");
    }
    const std::string metric(domain::RankingMetricName(s.metric));
    const std::string ladder = JoinLines(s.ladder);
    const std::string now = NowTimestamp();
    const int64_t next = version + 1;
    sql << "INSERT INTO ranking_settings (id, metric, weight_completion, weight_growth, ladder, top_award, top_n, "
           "bottom_award, bottom_n, version, updated_at, updated_by) VALUES (1, :m, :wc, :wg, :l, :ta, :tn, :ba, :bn, "
           ":v, :t, :u) ON CONFLICT (id) DO UPDATE SET metric = excluded.metric, weight_completion = "
           "excluded.weight_completion, weight_growth = excluded.weight_growth, ladder = excluded.ladder, top_award = "
           "excluded.top_award, top_n = excluded.top_n, bottom_award = excluded.bottom_award, bottom_n = "
           "excluded.bottom_n, version = excluded.version, updated_at = excluded.updated_at, updated_by = "
           "excluded.updated_by",
        soci::use(metric), soci::use(s.weight_completion), soci::use(s.weight_growth), soci::use(ladder),
        soci::use(s.top_award), soci::use(s.top_n), soci::use(s.bottom_award), soci::use(s.bottom_n), soci::use(next),
        soci::use(now), soci::use(user_id);
    tx.Commit();
    return Load(sql);
  });
}

StatusOr<UnitAmounts> RankingStore::AmountsByLeadUnit(int year) {
  return db_.Run([&](soci::session& sql) -> StatusOr<UnitAmounts> {
    db::Query q(
        "SELECT p.lead_unit_id, r.counted_month, SUM(r.accepted_amount) FROM progress_reports r "
        "JOIN projects p ON p.id = r.project_id");
    q.Where("p.parent_id IS NULL").Where("p.stage <> 'cancelled'").Where("p.lead_unit_id IS NOT NULL");
    q.Where("r.accepted_amount IS NOT NULL");
    q.Where("r.counted_month >= " + q.Bind(fmt::format("{}-01", year)));
    q.Where("r.counted_month <= " + q.Bind(fmt::format("{}-12", year)));
    q.Append(" GROUP BY p.lead_unit_id, r.counted_month");
    struct Row {
      int64_t unit_id = 0;
      std::string month;
      int64_t amount = 0;
    } row;
    UnitAmounts out;
    for (const auto& r : q.FetchAll(sql, row, [&](soci::statement& s) {
           s.exchange(soci::into(row.unit_id));
           s.exchange(soci::into(row.month));
           s.exchange(soci::into(row.amount));
         })) {
      const auto d = ParseIsoDate(r.month);
      if (!d || d->month < 1 || d->month > 12) continue;
      out[r.unit_id][d->month - 1] += r.amount;
    }
    return out;
  });
}

StatusOr<std::map<int64_t, int64_t>> RankingStore::InspectionScores(int year, int quarter) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::map<int64_t, int64_t>> {
    db::Query q("SELECT unit_id, score FROM inspection_scores");
    q.Where("year = " + q.Bind(static_cast<int64_t>(year))).Where("quarter = " + q.Bind(static_cast<int64_t>(quarter)));
    std::pair<int64_t, int64_t> row;
    std::map<int64_t, int64_t> out;
    for (const auto& r : q.FetchAll(sql, row, [&](soci::statement& s) {
           s.exchange(soci::into(row.first));
           s.exchange(soci::into(row.second));
         })) {
      out[r.first] = r.second;
    }
    return out;
  });
}

Status RankingStore::SetInspectionScores(int year, int quarter,
                                         const std::vector<std::pair<int64_t, std::optional<int64_t>>>& scores,
                                         int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> Status {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    for (const auto& [unit_id, score] : scores) {
      if (!score) {
        sql << "DELETE FROM inspection_scores WHERE year = :y AND quarter = :q AND unit_id = :u", soci::use(year),
            soci::use(quarter), soci::use(unit_id);
        continue;
      }
      sql << "INSERT INTO inspection_scores (year, quarter, unit_id, score, updated_at, updated_by) VALUES (:y, :q, :u, "
             ":s, :t, :by) ON CONFLICT (year, quarter, unit_id) DO UPDATE SET score = excluded.score, updated_at = "
             "excluded.updated_at, updated_by = excluded.updated_by",
          soci::use(year), soci::use(quarter), soci::use(unit_id), soci::use(*score), soci::use(now),
          soci::use(user_id);
    }
    tx.Commit();
    return Status::Ok();
  });
}

InTransaction RankingStore::Recorder(std::string period, std::string metric, std::vector<Escalation> escalations) {
  return [period = std::move(period), metric = std::move(metric), escalations = std::move(escalations)](soci::session& sql) {
    int64_t recorded = 0;
    sql << "SELECT COUNT(*) FROM escalations WHERE period = :p", soci::use(period), soci::into(recorded);
    if (recorded > 0) return;
    const std::string now = NowTimestamp();
    for (const Escalation& e : escalations) {
      sql << "INSERT INTO escalations (period, unit_id, run_length, action, rank, value, metric, created_at) VALUES "
             "(:p, :u, :r, :a, :k, :v, :m, :t)",
          soci::use(period), soci::use(e.unit_id), soci::use(e.run_length), soci::use(e.action), soci::use(e.rank),
          soci::use(e.value), soci::use(metric), soci::use(now);
    }
  };
}

StatusOr<std::vector<Escalation>> RankingStore::Escalations(const std::optional<int>& year) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<Escalation>> {
    db::Query q(
        "SELECT e.period, e.unit_id, u.name, e.run_length, e.action, e.rank, e.value, e.metric, e.created_at "
        "FROM escalations e JOIN units u ON u.id = e.unit_id");
    if (year) {
      q.Where("e.period >= " + q.Bind(fmt::format("{}-01", *year)));
      q.Where("e.period <= " + q.Bind(fmt::format("{}-12", *year)));
    }
    q.Append(" ORDER BY e.period DESC, e.run_length DESC, u.name");
    Escalation e;
    return q.FetchAll(sql, e, [&](soci::statement& s) {
      s.exchange(soci::into(e.period));
      s.exchange(soci::into(e.unit_id));
      s.exchange(soci::into(e.unit_name));
      s.exchange(soci::into(e.run_length));
      s.exchange(soci::into(e.action));
      s.exchange(soci::into(e.rank));
      s.exchange(soci::into(e.value));
      s.exchange(soci::into(e.metric));
      s.exchange(soci::into(e.created_at));
    });
  });
}

}  // namespace tuijin::store
