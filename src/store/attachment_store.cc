#include "store/attachment_store.h"

#include "base/time.h"
#include "db/query.h"

namespace tuijin::store {
namespace {

std::vector<Attachment> Load(soci::session& sql, const std::string& column, int64_t value) {
  db::Query q(
      "SELECT a.id, a.project_id, a.file_name, a.content_type, a.size, a.sha256, u.display_name, a.uploaded_at "
      "FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by");
  q.Where("a." + column + " = " + q.Bind(value));
  q.Append(" ORDER BY a.id");
  Attachment a;
  return q.FetchAll(sql, a, [&](soci::statement& s) {
    s.exchange(soci::into(a.id));
    s.exchange(soci::into(a.project_id));
    s.exchange(soci::into(a.file_name));
    s.exchange(soci::into(a.content_type));
    s.exchange(soci::into(a.size));
    s.exchange(soci::into(a.sha256));
    s.exchange(soci::into(a.uploaded_by_name));
    s.exchange(soci::into(a.uploaded_at));
  });
}

}  // namespace

StatusOr<std::vector<Attachment>> AttachmentStore::List(int64_t project_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<Attachment>> { return Load(sql, "project_id", project_id); });
}

StatusOr<Attachment> AttachmentStore::Get(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Attachment> {
    auto found = Load(sql, "id", id);
    if (found.empty()) return Status::NotFound("attachment.not_found", "附件不存在");
    return found.front();
  });
}

StatusOr<Attachment> AttachmentStore::Add(int64_t project_id, const std::string& file_name,
                                          const std::string& content_type, int64_t size, const std::string& sha256,
                                          int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Attachment> {
    const std::string now = NowTimestamp();
    const int64_t id = db::InsertReturningId(
        sql,
        "INSERT INTO attachments (project_id, file_name, content_type, size, sha256, uploaded_by, uploaded_at) "
        "VALUES (:p, :n, :c, :s, :h, :u, :t) RETURNING id",
        [&](soci::statement& st) {
          st.exchange(soci::use(project_id, "p"));
          st.exchange(soci::use(file_name, "n"));
          st.exchange(soci::use(content_type, "c"));
          st.exchange(soci::use(size, "s"));
          st.exchange(soci::use(sha256, "h"));
          st.exchange(soci::use(user_id, "u"));
          st.exchange(soci::use(now, "t"));
        });
    return Load(sql, "id", id).front();
  });
}

Status AttachmentStore::Delete(int64_t id) {
  return db_.Run([&](soci::session& sql) -> Status {
    sql << "DELETE FROM attachments WHERE id = :id", soci::use(id);
    return Status::Ok();
  });
}

}  // namespace tuijin::store
