#include "store/meeting_store.h"

#include <set>

#include "base/time.h"
#include "db/query.h"

namespace tuijin::store {
namespace {

constexpr const char* kSelect =
    "SELECT m.id, m.title, m.kind, m.held_on, m.location, m.host, m.attendees, m.minutes, m.version, m.created_at, "
    "c.display_name, (SELECT COUNT(*) FROM meeting_decisions d WHERE d.meeting_id = m.id), "
    "(SELECT COUNT(*) FROM supervision_items i JOIN meeting_decisions d ON d.id = i.meeting_decision_id "
    "WHERE d.meeting_id = m.id) FROM meetings m LEFT JOIN users c ON c.id = m.created_by";

void IntoMeeting(soci::statement& s, Meeting& m) {
  s.exchange(soci::into(m.id));
  s.exchange(soci::into(m.title));
  s.exchange(soci::into(m.kind));
  s.exchange(soci::into(m.held_on));
  s.exchange(soci::into(m.location));
  s.exchange(soci::into(m.host));
  s.exchange(soci::into(m.attendees));
  s.exchange(soci::into(m.minutes));
  s.exchange(soci::into(m.version));
  s.exchange(soci::into(m.created_at));
  s.exchange(soci::into(m.created_by_name));
  s.exchange(soci::into(m.decision_count));
  s.exchange(soci::into(m.item_count));
}

std::vector<Decision> LoadDecisions(soci::session& sql, int64_t meeting_id) {
  db::Query q("SELECT d.id, d.seq, d.content, d.lead_unit_id, u.name, d.deadline FROM meeting_decisions d "
              "LEFT JOIN units u ON u.id = d.lead_unit_id");
  q.Where("d.meeting_id = " + q.Bind(meeting_id));
  q.Append(" ORDER BY d.seq");
  Decision d;
  return q.FetchAll(sql, d, [&](soci::statement& s) {
    s.exchange(soci::into(d.id));
    s.exchange(soci::into(d.seq));
    s.exchange(soci::into(d.content));
    s.exchange(soci::into(d.lead_unit_id));
    s.exchange(soci::into(d.lead_unit_name));
    s.exchange(soci::into(d.deadline));
  });
}

std::optional<Meeting> Load(soci::session& sql, int64_t id) {
  db::Query q(kSelect);
  q.Where("m.id = " + q.Bind(id));
  Meeting m;
  auto rows = q.FetchAll(sql, m, [&](soci::statement& s) { IntoMeeting(s, m); });
  if (rows.empty()) return std::nullopt;
  rows.front().decisions = LoadDecisions(sql, id);
  return rows.front();
}

}  // namespace

StatusOr<Page<Meeting>> MeetingStore::List(const MeetingFilter& f, const PageRequest& page) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Page<Meeting>> {
    auto filter = [&](db::Query& q) {
      if (f.kind) q.Where("m.kind = " + q.Bind(*f.kind));
      if (f.from) q.Where("m.held_on >= " + q.Bind(*f.from));
      if (f.to) q.Where("m.held_on <= " + q.Bind(*f.to));
      if (!f.q.empty()) {
        const std::string a = q.BindContains(f.q), b = q.BindContains(f.q);
        q.Where("(m.title LIKE " + a + " ESCAPE '\\' OR COALESCE(m.minutes, '') LIKE " + b + " ESCAPE '\\')");
      }
    };
    Page<Meeting> out;
    db::Query count("SELECT COUNT(*) FROM meetings m");
    filter(count);
    soci::statement cs = count.Prepare(sql, [&](soci::statement& s) { s.exchange(soci::into(out.total)); });
    cs.execute(true);
    db::Query q(kSelect);
    filter(q);
    q.Append(" ORDER BY m.held_on DESC, m.id DESC LIMIT " + q.Bind(page.page_size) + " OFFSET " + q.Bind(page.Offset()));
    Meeting m;
    out.items = q.FetchAll(sql, m, [&](soci::statement& s) { IntoMeeting(s, m); });
    return out;
  });
}

StatusOr<Meeting> MeetingStore::Get(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Meeting> {
    auto m = Load(sql, id);
    if (!m) return Status::NotFound("meeting.not_found", "会议不存在");
    return *m;
  });
}

StatusOr<Meeting> MeetingStore::Create(const Meeting& m, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Meeting> {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    const int64_t id = db::InsertReturningId(
        sql,
        "INSERT INTO meetings (title, kind, held_on, location, host, attendees, minutes, created_at, created_by, "
        "updated_at, updated_by) VALUES (:t, :k, :h, :l, :ho, :a, :m, :c, :cb, :u, :ub) RETURNING id",
        [&](soci::statement& s) {
          s.exchange(soci::use(m.title));
          s.exchange(soci::use(m.kind));
          s.exchange(soci::use(m.held_on));
          s.exchange(soci::use(m.location));
          s.exchange(soci::use(m.host));
          s.exchange(soci::use(m.attendees));
          s.exchange(soci::use(m.minutes));
          s.exchange(soci::use(now));
          s.exchange(soci::use(user_id));
          s.exchange(soci::use(now));
          s.exchange(soci::use(user_id));
        });
    int64_t seq = 0;
    for (const Decision& d : m.decisions) {
      ++seq;
      sql << "INSERT INTO meeting_decisions (meeting_id, seq, content, lead_unit_id, deadline) VALUES (:m, :s, :c, :u, :d)",
          soci::use(id), soci::use(seq), soci::use(d.content), soci::use(d.lead_unit_id), soci::use(d.deadline);
    }
    tx.Commit();
    return *Load(sql, id);
  });
}

StatusOr<Meeting> MeetingStore::Update(int64_t id, const Meeting& m, std::optional<int64_t> version, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Meeting> {
    db::Transaction tx(sql, db_.dialect());
    auto current = Load(sql, id);
    if (!current) return Status::NotFound("meeting.not_found", "会议不存在");
    if (version && *version != current->version) {
      return Status::Conflict("meeting.version", "该会议已被他人修改,请刷新后再试");
    }
    const std::string now = NowTimestamp();
    sql << "UPDATE meetings SET title = :t, kind = :k, held_on = :h, location = :l, host = :ho, attendees = :a, "
           "minutes = :m, version = version + 1, updated_at = :u, updated_by = :ub WHERE id = :id",
        soci::use(m.title), soci::use(m.kind), soci::use(m.held_on), soci::use(m.location), soci::use(m.host),
        soci::use(m.attendees), soci::use(m.minutes), soci::use(now), soci::use(user_id), soci::use(id);
    std::set<int64_t> kept;
    for (const Decision& d : m.decisions) {
      if (d.id) kept.insert(d.id);
    }
    for (const Decision& old : current->decisions) {
      if (kept.count(old.id)) continue;
      int items = 0;
      sql << "SELECT COUNT(*) FROM supervision_items WHERE meeting_decision_id = :d", soci::use(old.id), soci::into(items);
      if (items > 0) {
        return Status::Conflict("meeting.decision_has_items",
                                "议定事项“" + old.content + "”已转为督办事项,不能删除");
      }
      sql << "DELETE FROM meeting_decisions WHERE id = :d", soci::use(old.id);
    }
    // Renumber: move the kept ones out of the way first (UNIQUE (meeting_id, seq)).
    sql << "UPDATE meeting_decisions SET seq = seq + 100000 WHERE meeting_id = :m", soci::use(id);
    int64_t seq = 0;
    for (const Decision& d : m.decisions) {
      ++seq;
      if (d.id) {
        soci::statement st = (sql.prepare << "UPDATE meeting_decisions SET seq = :s, content = :c, lead_unit_id = :u, "
                                             "deadline = :d WHERE id = :id AND meeting_id = :m",
                              soci::use(seq), soci::use(d.content), soci::use(d.lead_unit_id), soci::use(d.deadline),
                              soci::use(d.id), soci::use(id));
        st.execute(true);
        if (st.get_affected_rows() != 1) {
          return Status::Invalid({{"decisions", "议定事项 " + std::to_string(d.id) + " 不属于本会议"}});
        }
      } else {
        sql << "INSERT INTO meeting_decisions (meeting_id, seq, content, lead_unit_id, deadline) "
               "VALUES (:m, :s, :c, :u, :d)",
            soci::use(id), soci::use(seq), soci::use(d.content), soci::use(d.lead_unit_id), soci::use(d.deadline);
      }
    }
    tx.Commit();
    return *Load(sql, id);
  });
}

StatusOr<std::pair<Meeting, Decision>> MeetingStore::GetDecision(int64_t decision_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::pair<Meeting, Decision>> {
    std::optional<int64_t> meeting_id;
    sql << "SELECT meeting_id FROM meeting_decisions WHERE id = :d", soci::use(decision_id), soci::into(meeting_id);
    if (!meeting_id) return Status::NotFound("meeting.decision_not_found", "议定事项不存在");
    Meeting m = *Load(sql, *meeting_id);
    for (const Decision& d : m.decisions) {
      if (d.id == decision_id) return std::make_pair(m, d);
    }
    return Status::NotFound("meeting.decision_not_found", "议定事项不存在");
  });
}

}  // namespace tuijin::store
