#include "store/briefing_store.h"

#include <set>

#include "base/time.h"
#include "db/query.h"
#include "store/notification_store.h"

namespace tuijin::store {
namespace {

constexpr const char* kSelect =
    "SELECT b.id, b.kind, b.series, b.year, b.issue_no, b.doc_number, b.title, b.period, b.template_id, "
    "b.snapshot_locked, b.state, b.issued_on, b.version, b.created_at, c.display_name, b.published_at, "
    "p.display_name, (SELECT COUNT(*) FROM briefing_recipients r WHERE r.briefing_id = b.id), "
    "(SELECT COUNT(*) FROM briefing_recipients r WHERE r.briefing_id = b.id AND r.read_at IS NOT NULL) "
    "FROM briefings b LEFT JOIN users c ON c.id = b.created_by LEFT JOIN users p ON p.id = b.published_by";

struct BriefingRow {
  Briefing b;
  int locked = 0;
};

void IntoBriefing(soci::statement& s, BriefingRow& r) {
  Briefing& b = r.b;
  s.exchange(soci::into(b.id));
  s.exchange(soci::into(b.kind));
  s.exchange(soci::into(b.series));
  s.exchange(soci::into(b.year));
  s.exchange(soci::into(b.issue_no));
  s.exchange(soci::into(b.doc_number));
  s.exchange(soci::into(b.title));
  s.exchange(soci::into(b.period));
  s.exchange(soci::into(b.template_id));
  s.exchange(soci::into(r.locked));
  s.exchange(soci::into(b.state));
  s.exchange(soci::into(b.issued_on));
  s.exchange(soci::into(b.version));
  s.exchange(soci::into(b.created_at));
  s.exchange(soci::into(b.created_by_name));
  s.exchange(soci::into(b.published_at));
  s.exchange(soci::into(b.published_by_name));
  s.exchange(soci::into(b.recipient_count));
  s.exchange(soci::into(b.read_count));
}

// The first read of any of `units` among the briefing's recipients.
std::optional<std::string> ReadAt(soci::session& sql, int64_t id, const std::vector<int64_t>& units) {
  if (units.empty()) return std::nullopt;
  db::Query q("SELECT MIN(read_at) FROM briefing_recipients");
  q.Where("briefing_id = " + q.Bind(id));
  q.Where("unit_id IN (" + q.BindList(units) + ")");
  std::optional<std::string> at;
  soci::statement st = q.Prepare(sql, [&](soci::statement& s) { s.exchange(soci::into(at)); });
  st.execute(true);
  return at;
}

std::optional<Briefing> Load(soci::session& sql, int64_t id, bool with_document) {
  db::Query q(kSelect);
  q.Where("b.id = " + q.Bind(id));
  BriefingRow row;
  auto rows = q.FetchAll(sql, row, [&](soci::statement& s) { IntoBriefing(s, row); });
  if (rows.empty()) return std::nullopt;
  Briefing b = std::move(rows.front().b);
  b.snapshot_locked = rows.front().locked != 0;
  if (with_document) {
    sql << "SELECT document FROM briefings WHERE id = :id", soci::use(id), soci::into(b.document);
    db::Query r("SELECT r.unit_id, u.name, r.read_at, ru.display_name FROM briefing_recipients r "
                "JOIN units u ON u.id = r.unit_id LEFT JOIN users ru ON ru.id = r.read_by");
    r.Where("r.briefing_id = " + r.Bind(id));
    r.Append(" ORDER BY u.sort_order, u.id");
    BriefingRecipient rec;
    b.recipients = r.FetchAll(sql, rec, [&](soci::statement& s) {
      s.exchange(soci::into(rec.unit_id));
      s.exchange(soci::into(rec.unit_name));
      s.exchange(soci::into(rec.read_at));
      s.exchange(soci::into(rec.read_by_name));
    });
  }
  return b;
}

void PutRecipients(soci::session& sql, int64_t id, const std::vector<int64_t>& units) {
  sql << "DELETE FROM briefing_recipients WHERE briefing_id = :id", soci::use(id);
  std::set<int64_t> seen;
  for (int64_t unit : units) {
    if (!seen.insert(unit).second) continue;
    sql << "INSERT INTO briefing_recipients (briefing_id, unit_id) VALUES (:b, :u)", soci::use(id), soci::use(unit);
  }
}

// Loads `id` for a change of a draft at `version`.
StatusOr<Briefing> DraftAt(soci::session& sql, int64_t id, int64_t version) {
  auto b = Load(sql, id, false);
  if (!b) return Status::NotFound("briefing.not_found", "专报不存在");
  if (b->state != "draft") return Status::Conflict("briefing.published", "已发布的专报不能再修改");
  if (b->version != version) return Status::Conflict("briefing.stale", "该专报已被他人修改,请刷新后再试");
  return *b;
}

}  // namespace

StatusOr<std::optional<PeriodSnapshotRow>> BriefingStore::Snapshot(const std::string& period) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::optional<PeriodSnapshotRow>> {
    PeriodSnapshotRow row;
    soci::indicator ind = soci::i_null;
    sql << "SELECT period, content, taken_at FROM period_snapshots WHERE period = :p", soci::use(period),
        soci::into(row.period, ind), soci::into(row.content), soci::into(row.taken_at);
    if (!sql.got_data() || ind == soci::i_null) return std::optional<PeriodSnapshotRow>();
    return std::optional<PeriodSnapshotRow>(std::move(row));
  });
}

StatusOr<PeriodSnapshotRow> BriefingStore::PutSnapshot(const std::string& period, const std::string& content,
                                                       std::optional<int64_t> user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<PeriodSnapshotRow> {
    db::Transaction tx(sql, db_.dialect());
    int64_t n = 0;
    sql << "SELECT COUNT(*) FROM period_snapshots WHERE period = :p", soci::use(period), soci::into(n);
    if (n == 0) {
      const std::string now = NowTimestamp();
      sql << "INSERT INTO period_snapshots (period, content, taken_at, taken_by) VALUES (:p, :c, :t, :u)",
          soci::use(period), soci::use(content), soci::use(now), soci::use(user_id);
    }
    PeriodSnapshotRow row;
    sql << "SELECT period, content, taken_at FROM period_snapshots WHERE period = :p", soci::use(period),
        soci::into(row.period), soci::into(row.content), soci::into(row.taken_at);
    tx.Commit();
    return row;
  });
}

StatusOr<std::vector<BriefingTemplate>> BriefingStore::Templates(const std::vector<BriefingTemplate>& defaults) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<BriefingTemplate>> {
    int64_t n = 0;
    sql << "SELECT COUNT(*) FROM briefing_templates", soci::into(n);
    if (n == 0 && !defaults.empty()) {
      db::Transaction tx(sql, db_.dialect());
      sql << "SELECT COUNT(*) FROM briefing_templates", soci::into(n);
      if (n == 0) {
        const std::string now = NowTimestamp();
        for (const BriefingTemplate& t : defaults) {
          sql << "INSERT INTO briefing_templates (kind, name, series, title, body, distribution, updated_at) "
                 "VALUES (:k, :n, :s, :t, :b, :d, :u)",
              soci::use(t.kind), soci::use(t.name), soci::use(t.series), soci::use(t.title), soci::use(t.body),
              soci::use(t.distribution), soci::use(now);
        }
      }
      tx.Commit();
    }
    BriefingTemplate t;
    db::Query q("SELECT id, kind, name, series, title, body, distribution, version, updated_at FROM briefing_templates");
    q.Append(" ORDER BY kind DESC, name");
    return q.FetchAll(sql, t, [&](soci::statement& s) {
      s.exchange(soci::into(t.id));
      s.exchange(soci::into(t.kind));
      s.exchange(soci::into(t.name));
      s.exchange(soci::into(t.series));
      s.exchange(soci::into(t.title));
      s.exchange(soci::into(t.body));
      s.exchange(soci::into(t.distribution));
      s.exchange(soci::into(t.version));
      s.exchange(soci::into(t.updated_at));
    });
  });
}

StatusOr<BriefingTemplate> BriefingStore::Template(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<BriefingTemplate> {
    BriefingTemplate t;
    sql << "SELECT id, kind, name, series, title, body, distribution, version, updated_at FROM briefing_templates "
           "WHERE id = :id",
        soci::use(id), soci::into(t.id), soci::into(t.kind), soci::into(t.name), soci::into(t.series),
        soci::into(t.title), soci::into(t.body), soci::into(t.distribution), soci::into(t.version),
        soci::into(t.updated_at);
    if (!sql.got_data()) return Status::NotFound("briefing_template.not_found", "专报模板不存在");
    return t;
  });
}

StatusOr<BriefingTemplate> BriefingStore::SaveTemplate(const BriefingTemplate& t, int64_t user_id) {
  auto saved = db_.Run([&](soci::session& sql) -> StatusOr<int64_t> {
    db::Transaction tx(sql, db_.dialect());
    int64_t taken = 0;
    sql << "SELECT COUNT(*) FROM briefing_templates WHERE name = :n AND id <> :id", soci::use(t.name), soci::use(t.id),
        soci::into(taken);
    if (taken > 0) {
      return Status::Conflict("briefing_template.name_taken", "已有同名的专报模板").WithField("name", "名称已被使用");
    }
    const std::string now = NowTimestamp();
    int64_t id = t.id;
    if (id == 0) {
      id = db::InsertReturningId(sql,
                                 "INSERT INTO briefing_templates (kind, name, series, title, body, distribution, "
                                 "updated_at, updated_by) VALUES (:k, :n, :s, :t, :b, :d, :u, :ub) RETURNING id",
                                 [&](soci::statement& s) {
                                   s.exchange(soci::use(t.kind));
                                   s.exchange(soci::use(t.name));
                                   s.exchange(soci::use(t.series));
                                   s.exchange(soci::use(t.title));
                                   s.exchange(soci::use(t.body));
                                   s.exchange(soci::use(t.distribution));
                                   s.exchange(soci::use(now));
                                   s.exchange(soci::use(user_id));
                                 });
    } else {
      soci::statement st =
          (sql.prepare << "UPDATE briefing_templates SET kind = :k, name = :n, series = :s, title = :t, body = :b, "
                          "distribution = :d, version = version + 1, updated_at = :u, updated_by = :ub "
                          "WHERE id = :id AND version = :v",
           soci::use(t.kind), soci::use(t.name), soci::use(t.series), soci::use(t.title), soci::use(t.body),
           soci::use(t.distribution), soci::use(now), soci::use(user_id), soci::use(t.id), soci::use(t.version));
      st.execute(true);
      if (st.get_affected_rows() == 0) {
        int64_t exists = 0;
        sql << "SELECT COUNT(*) FROM briefing_templates WHERE id = :id", soci::use(t.id), soci::into(exists);
        if (exists == 0) return Status::NotFound("briefing_template.not_found", "专报模板不存在");
        return Status::Conflict("briefing_template.stale", "该模板已被他人修改,请刷新后再试");
      }
    }
    tx.Commit();
    return id;
  });
  if (!saved.ok()) return saved.status();
  return Template(*saved);
}

Status BriefingStore::DeleteTemplate(int64_t id) {
  return db_.Run([&](soci::session& sql) -> Status {
    db::Transaction tx(sql, db_.dialect());
    int64_t used = 0;
    sql << "SELECT COUNT(*) FROM briefings WHERE template_id = :id", soci::use(id), soci::into(used);
    if (used > 0) return Status::Conflict("briefing_template.in_use", "已有专报使用该模板,不能删除");
    soci::statement st = (sql.prepare << "DELETE FROM briefing_templates WHERE id = :id", soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Status::NotFound("briefing_template.not_found", "专报模板不存在");
    tx.Commit();
    return Status::Ok();
  });
}

StatusOr<Briefing> BriefingStore::Create(const NewBriefing& b, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Briefing> {
    db::Transaction tx(sql, db_.dialect());
    int64_t taken = 0;
    sql << "SELECT COUNT(*) FROM briefings WHERE series = :s AND year = :y AND issue_no = :n", soci::use(b.series),
        soci::use(b.year), soci::use(b.issue_no), soci::into(taken);
    if (taken > 0) {
      return Status::Conflict("briefing.issue_taken",
                              b.series + " " + std::to_string(b.year) + "年第" + std::to_string(b.issue_no) + "期已存在")
          .WithField("issue_no", "该期号已被使用");
    }
    const int64_t issue_no = b.issue_no;
    const std::string now = NowTimestamp();
    const int locked = b.snapshot_locked ? 1 : 0;
    const int64_t id = db::InsertReturningId(
        sql,
        "INSERT INTO briefings (kind, series, year, issue_no, doc_number, title, period, template_id, document, "
        "snapshot_locked, state, issued_on, created_at, created_by) VALUES (:k, :s, :y, :n, :dn, :t, :p, :ti, :d, "
        ":l, 'draft', :io, :c, :cb) RETURNING id",
        [&](soci::statement& s) {
          s.exchange(soci::use(b.kind));
          s.exchange(soci::use(b.series));
          s.exchange(soci::use(b.year));
          s.exchange(soci::use(issue_no));
          s.exchange(soci::use(b.doc_number));
          s.exchange(soci::use(b.title));
          s.exchange(soci::use(b.period));
          s.exchange(soci::use(b.template_id));
          s.exchange(soci::use(b.document));
          s.exchange(soci::use(locked));
          s.exchange(soci::use(b.issued_on));
          s.exchange(soci::use(now));
          s.exchange(soci::use(user_id));
        });
    PutRecipients(sql, id, b.recipient_unit_ids);
    tx.Commit();
    return *Load(sql, id, true);
  });
}

StatusOr<int64_t> BriefingStore::NextIssueNo(const std::string& series, int64_t year) {
  return db_.Run([&](soci::session& sql) -> StatusOr<int64_t> {
    int64_t last = 0;
    soci::indicator ind = soci::i_ok;
    sql << "SELECT MAX(issue_no) FROM briefings WHERE series = :s AND year = :y", soci::use(series), soci::use(year),
        soci::into(last, ind);
    return ind == soci::i_null ? int64_t{1} : last + 1;
  });
}

StatusOr<Briefing> BriefingStore::Get(int64_t id, const std::optional<std::vector<int64_t>>& reader_units) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Briefing> {
    auto b = Load(sql, id, true);
    if (!b) return Status::NotFound("briefing.not_found", "专报不存在");
    if (reader_units) b->my_read_at = ReadAt(sql, id, *reader_units);
    return *b;
  });
}

StatusOr<Page<Briefing>> BriefingStore::List(const BriefingFilter& f, const PageRequest& page) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Page<Briefing>> {
    db::ReadSnapshot snapshot(sql, db_.dialect());
    auto where = [&](db::Query& q) {
      if (f.state) q.Where("b.state = " + q.Bind(*f.state));
      if (f.kind) q.Where("b.kind = " + q.Bind(*f.kind));
      if (f.year) q.Where("b.year = " + q.Bind(*f.year));
      if (!f.q.empty()) {
        q.Where("(b.title LIKE " + q.BindContains(f.q) + " ESCAPE '\\' OR b.doc_number LIKE " + q.BindContains(f.q) +
                " ESCAPE '\\')");
      }
      if (f.reader_units) {
        q.Where("b.state = 'published'");
        if (!f.reader_units->empty()) {
          q.Where("EXISTS (SELECT 1 FROM briefing_recipients r WHERE r.briefing_id = b.id AND r.unit_id IN (" +
                  q.BindList(*f.reader_units) + "))");
        }
      }
    };
    Page<Briefing> out;
    db::Query count("SELECT COUNT(*) FROM briefings b");
    where(count);
    soci::statement cs = count.Prepare(sql, [&](soci::statement& s) { s.exchange(soci::into(out.total)); });
    cs.execute(true);
    db::Query q(kSelect);
    where(q);
    q.Append(" ORDER BY COALESCE(b.published_at, b.created_at) DESC, b.id DESC LIMIT " +
             q.Bind(page.page_size) + " OFFSET " + q.Bind(page.Offset()));
    BriefingRow row;
    for (auto& r : q.FetchAll(sql, row, [&](soci::statement& s) { IntoBriefing(s, row); })) {
      r.b.snapshot_locked = r.locked != 0;
      if (f.reader_units) r.b.my_read_at = ReadAt(sql, r.b.id, *f.reader_units);
      out.items.push_back(std::move(r.b));
    }
    return out;
  });
}

StatusOr<int64_t> BriefingStore::Unread(const std::vector<int64_t>& units) {
  if (units.empty()) return int64_t{0};
  return db_.Run([&](soci::session& sql) -> StatusOr<int64_t> {
    db::Query q("SELECT COUNT(*) FROM briefings b");
    q.Where("b.state = 'published'");
    const std::string list = q.BindList(units);
    q.Where("EXISTS (SELECT 1 FROM briefing_recipients r WHERE r.briefing_id = b.id AND r.unit_id IN (" + list + "))");
    q.Where("NOT EXISTS (SELECT 1 FROM briefing_recipients r WHERE r.briefing_id = b.id AND r.read_at IS NOT NULL "
            "AND r.unit_id IN (" + q.BindList(units) + "))");
    int64_t n = 0;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) { s.exchange(soci::into(n)); });
    st.execute(true);
    return n;
  });
}

StatusOr<Briefing> BriefingStore::Update(int64_t id, const BriefingEdit& e) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Briefing> {
    db::Transaction tx(sql, db_.dialect());
    RETURN_IF_ERROR(DraftAt(sql, id, e.version).status());
    sql << "UPDATE briefings SET title = :t, doc_number = :d, issued_on = :i, document = :doc, version = version + 1 "
           "WHERE id = :id",
        soci::use(e.title), soci::use(e.doc_number), soci::use(e.issued_on), soci::use(e.document), soci::use(id);
    PutRecipients(sql, id, e.recipient_unit_ids);
    tx.Commit();
    return *Load(sql, id, true);
  });
}

StatusOr<Briefing> BriefingStore::SetDocument(int64_t id, int64_t version, const std::string& document,
                                              bool snapshot_locked) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Briefing> {
    db::Transaction tx(sql, db_.dialect());
    RETURN_IF_ERROR(DraftAt(sql, id, version).status());
    const int locked = snapshot_locked ? 1 : 0;
    sql << "UPDATE briefings SET document = :doc, snapshot_locked = :l, version = version + 1 WHERE id = :id",
        soci::use(document), soci::use(locked), soci::use(id);
    tx.Commit();
    return *Load(sql, id, true);
  });
}

StatusOr<Briefing> BriefingStore::Publish(int64_t id, int64_t version, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Briefing> {
    db::Transaction tx(sql, db_.dialect());
    ASSIGN_OR_RETURN(Briefing b, DraftAt(sql, id, version));
    const std::string now = NowTimestamp();
    sql << "UPDATE briefings SET state = 'published', published_at = :p, published_by = :u, version = version + 1 "
           "WHERE id = :id",
        soci::use(now), soci::use(user_id), soci::use(id);
    std::vector<int64_t> units;
    {
      db::Query q("SELECT unit_id FROM briefing_recipients");
      q.Where("briefing_id = " + q.Bind(id));
      int64_t unit = 0;
      units = q.FetchAll(sql, unit, [&](soci::statement& s) { s.exchange(soci::into(unit)); });
    }
    NewNotification n;
    n.kind = "briefing";
    n.title = b.series + " " + std::to_string(b.year) + "年第" + std::to_string(b.issue_no) + "期:" + b.title;
    n.link = "/releases/" + std::to_string(id);
    if (!units.empty()) InsertForUnitUsers(sql, units, n, user_id);
    tx.Commit();
    return *Load(sql, id, true);
  });
}

Status BriefingStore::MarkRead(int64_t id, int64_t unit_id, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> Status {
    db::Transaction tx(sql, db_.dialect());
    std::string state;
    sql << "SELECT state FROM briefings WHERE id = :id", soci::use(id), soci::into(state);
    if (!sql.got_data() || state != "published") return Status::NotFound("briefing.not_found", "专报不存在");
    int64_t n = 0;
    sql << "SELECT COUNT(*) FROM briefing_recipients WHERE briefing_id = :b AND unit_id = :u", soci::use(id),
        soci::use(unit_id), soci::into(n);
    if (n == 0) return Status::NotFound("briefing.not_found", "专报不存在");
    const std::string now = NowTimestamp();
    sql << "UPDATE briefing_recipients SET read_at = :t, read_by = :u WHERE briefing_id = :b AND unit_id = :un "
           "AND read_at IS NULL",
        soci::use(now), soci::use(user_id), soci::use(id), soci::use(unit_id);
    tx.Commit();
    return Status::Ok();
  });
}

Status BriefingStore::Delete(int64_t id) {
  return db_.Run([&](soci::session& sql) -> Status {
    db::Transaction tx(sql, db_.dialect());
    auto b = Load(sql, id, false);
    if (!b) return Status::NotFound("briefing.not_found", "专报不存在");
    if (b->state != "draft") return Status::Conflict("briefing.published", "已发布的专报不能删除");
    sql << "DELETE FROM briefing_recipients WHERE briefing_id = :id", soci::use(id);
    sql << "DELETE FROM briefings WHERE id = :id", soci::use(id);
    tx.Commit();
    return Status::Ok();
  });
}

}  // namespace tuijin::store
