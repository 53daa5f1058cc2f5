// What every handler gets: the request, the services, and the signed-in user.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "base/status.h"
#include "api/delivery_sender.h"
#include "api/import_plan.h"
#include "config/config.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/login_throttle.h"
#include "domain/rate_limiter.h"
#include "http/request.h"
#include "store/attachment_store.h"
#include "store/audit_store.h"
#include "store/blob_store.h"
#include "store/briefing_store.h"
#include "store/calendar_store.h"
#include "store/delivery_store.h"
#include "store/dictionary_store.h"
#include "store/notification_store.h"
#include "store/map_store.h"
#include "store/meeting_store.h"
#include "store/plan_store.h"
#include "store/project_store.h"
#include "store/ranking_store.h"
#include "store/reminder_store.h"
#include "store/report_store.h"
#include "store/saved_filter_store.h"
#include "store/status_store.h"
#include "store/supervision_store.h"
#include "store/task_ledger_store.h"
#include "store/unit_store.h"
#include "api/response_cache.h"
#include "api/year_cache.h"
#include "store/user_store.h"
#include "store/warning_store.h"

namespace tuijin::api {

// When the warnings were last brought in line with the colours (warning_api.cc SyncWarnings):
// the data generation and the month then. Guarded by `mutex`.
struct WarningSyncState {
  std::mutex mutex;
  bool synced = false;
  uint64_t generation = 0;
  std::string period;
  int due_through = 0;  // the months whose reports were due then (a deadline passing changes 未报)

  std::string Period() {
    std::lock_guard<std::mutex> lock(mutex);
    return period;
  }
};

// A task-ledger sheet checked and waiting for its commit (task_ledger_api.cc).
struct PendingTaskImport {
  int64_t ledger_id = 0, user_id = 0, created = 0;
  bool valid = false;  // every row fine, at least one
  std::vector<store::NewItem> tasks;
};
struct TaskImports {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<PendingTaskImport>> pending;
};

// Long-lived objects shared by all requests. Thread-safe.
struct Services {
  Services(const config::Config& config, db::Database& db);

  const config::Config& config;
  db::Database& db;
  store::UnitStore units;
  store::UserStore users;
  store::DictionaryStore dictionaries;
  store::ProjectStore projects;
  store::AttachmentStore attachments;
  store::SavedFilterStore saved_filters;
  store::ReportStore reports;
  store::NotificationStore notifications;
  store::PlanStore plans;
  store::StatusStore statuses;
  store::WarningStore warnings;
  store::RankingStore rankings;
  store::SupervisionStore supervision;
  store::CalendarStore calendar;
  store::MeetingStore meetings;
  store::TaskLedgerStore task_ledgers;
  store::ReminderStore reminders;
  store::BlobStore blobs;
  store::DeliveryStore deliveries;
  store::BriefingStore briefings;
  store::AuditStore audit;
  store::MapStore maps;
  // Pokes the delivery sender after a commit that queued a message (delivery_sender.h).
  DeliveryWakeup delivery_wakeup;
  domain::LoginThrottle login_throttle;
  // Imports, exports and generated documents per user and minute (api.cc).
  domain::RateLimiter expensive_limiter;
  // Import previews between preview and commit (import_plan.h).
  ImportPlanCache import_plans{4, 30 * 60};
  // Bumped after every request that may have written data; see import_plan.h.
  std::atomic<uint64_t> data_generation{0};
  WarningSyncState warning_sync;
  TaskImports task_imports;
  // The dashboard's answers (dashboard_api.cc).
  ResponseCache dashboard_cache{256};
  // Every project's year for the colours (month_status.cc).
  YearCache year_cache;
  // Their colours for a month, computed once per read of the years (month_status.cc).
  MonthStatusCache month_statuses;
  // Verified against when a login names no user, so that both cases take the same time.
  std::string dummy_password_hash;
};

struct Principal {
  store::User user;
  domain::Role role;
  int64_t session_id = 0;
  std::string csrf_token;
};

struct Context {
  http::Request& req;
  Services& svc;
  std::optional<Principal> principal;  // always set on routes that need a login

  const Principal& me() const { return *principal; }
};

using HandlerFn = StatusOr<http::Response> (*)(Context&);

}  // namespace tuijin::api
