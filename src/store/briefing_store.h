// Ledgers and briefings (台账, 专报/通报) and information release (信息发布): the snapshot of a
// locked month's figures (stored once, never replaced), the briefing templates, the briefings
// and notices numbered 第N期 per series and year, and their recipients with read receipts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "db/db.h"
#include "store/page.h"

namespace tuijin::store {

struct PeriodSnapshotRow {
  std::string period;
  std::string content;  // JSON, as the API wrote it
  std::string taken_at;
};

struct BriefingTemplate {
  int64_t id = 0;
  std::string kind = "special";  // special (专报), bulletin (通报)
  std::string name, series, title, body, distribution;
  int64_t version = 0;
  std::string updated_at;
};

struct BriefingRecipient {
  int64_t unit_id = 0;
  std::string unit_name;
  std::optional<std::string> read_at, read_by_name;
};

struct Briefing {
  int64_t id = 0;
  std::string kind;  // special, bulletin, notice
  std::string series;
  int64_t year = 0, issue_no = 0;
  std::optional<std::string> doc_number;
  std::string title;
  std::optional<std::string> period;
  std::optional<int64_t> template_id;
  std::string document;  // JSON
  bool snapshot_locked = false;
  std::string state = "draft";  // draft, published
  std::string issued_on;
  int64_t version = 0;
  std::string created_at;
  std::optional<std::string> created_by_name, published_at, published_by_name;
  int64_t recipient_count = 0, read_count = 0;
  std::optional<std::string> my_read_at;     // of the reader's unit (Get/List with reader_units)
  std::vector<BriefingRecipient> recipients;  // Get only
};

struct BriefingFilter {
  std::optional<std::string> state, kind;
  std::optional<int64_t> year;
  std::string q;  // title, 文号
  // A unit or leader reader: published ones addressed to one of these units only (an empty
  // list: published ones only, addressed to anybody).
  std::optional<std::vector<int64_t>> reader_units;
};

// What a new briefing is made of, its number (第N期) included.
struct NewBriefing {
  std::string kind, series;
  int64_t year = 0, issue_no = 0;
  std::optional<std::string> doc_number;
  std::string title;
  std::optional<std::string> period;
  std::optional<int64_t> template_id;
  std::string document;
  bool snapshot_locked = false;
  std::string issued_on;
  std::vector<int64_t> recipient_unit_ids;
};

struct BriefingEdit {
  int64_t version = 0;
  std::string title;
  std::optional<std::string> doc_number;
  std::string issued_on;
  std::string document;
  std::vector<int64_t> recipient_unit_ids;
};

class BriefingStore {
 public:
  explicit BriefingStore(db::Database& db) : db_(db) {}

  StatusOr<std::optional<PeriodSnapshotRow>> Snapshot(const std::string& period);
  // Stores the month's snapshot unless one is there, and returns the one stored (the first
  // one wins when two are taken at once).
  StatusOr<PeriodSnapshotRow> PutSnapshot(const std::string& period, const std::string& content,
                                          std::optional<int64_t> user_id);

  // By kind and name; an empty table is filled with `defaults` first, in one transaction.
  StatusOr<std::vector<BriefingTemplate>> Templates(const std::vector<BriefingTemplate>& defaults);
  // NotFound "briefing_template.not_found".
  StatusOr<BriefingTemplate> Template(int64_t id);
  // Creates (id 0) or updates at `version`: Conflict "briefing_template.stale" when it moved,
  // "briefing_template.name_taken" for a name in use.
  StatusOr<BriefingTemplate> SaveTemplate(const BriefingTemplate& t, int64_t user_id);
  // Conflict "briefing_template.in_use" when a briefing was made from it.
  Status DeleteTemplate(int64_t id);

  // The number after the last of a series in a year (1 for the first).
  StatusOr<int64_t> NextIssueNo(const std::string& series, int64_t year);
  // With its recipients, in one transaction. Conflict "briefing.issue_taken" when the series
  // has that number in that year already.
  StatusOr<Briefing> Create(const NewBriefing& b, int64_t user_id);
  // NotFound "briefing.not_found"; `reader_units` gives my_read_at.
  StatusOr<Briefing> Get(int64_t id, const std::optional<std::vector<int64_t>>& reader_units = std::nullopt);
  // Newest first.
  StatusOr<Page<Briefing>> List(const BriefingFilter& f, const PageRequest& page);
  // Unread published ones addressed to these units.
  StatusOr<int64_t> Unread(const std::vector<int64_t>& units);
  // Drafts only (Conflict "briefing.published"); at `version` ("briefing.stale").
  StatusOr<Briefing> Update(int64_t id, const BriefingEdit& e);
  // Replaces a draft's document (regenerated), at `version`.
  StatusOr<Briefing> SetDocument(int64_t id, int64_t version, const std::string& document, bool snapshot_locked);
  // Publishes a draft and tells every enabled user of its recipient units, in one transaction.
  StatusOr<Briefing> Publish(int64_t id, int64_t version, int64_t user_id);
  // The receipt of `unit_id` (a recipient): the first read counts. NotFound when the
  // briefing is not published to that unit.
  Status MarkRead(int64_t id, int64_t unit_id, int64_t user_id);
  // Drafts only.
  Status Delete(int64_t id);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
