// The route table: every endpoint on one line, with the roles that may call it.
#include "api/app.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "api/audit.h"
#include "api/errors.h"
#include "api/handlers.h"
#include "api/json.h"
#include "base/crypto.h"
#include "base/time.h"
#include "db/migrate.h"

namespace tuijin::api {
namespace {

using domain::Role;
using domain::RoleBit;

constexpr unsigned kPublic = 0;
constexpr unsigned kAdmin = RoleBit(Role::kAdmin);
constexpr unsigned kStaff = kAdmin | RoleBit(Role::kStaff);
constexpr unsigned kSignedIn = kStaff | RoleBit(Role::kUnit) | RoleBit(Role::kLeader) | RoleBit(Role::kExpert);
// Who may read projects (units only their own: checked in the handlers).
constexpr unsigned kProjectReaders = kStaff | RoleBit(Role::kUnit) | RoleBit(Role::kLeader);
// Who reads the bureau's ledgers (台账): the bureau and the leaders.
constexpr unsigned kLedgerReaders = kStaff | RoleBit(Role::kLeader);
constexpr unsigned kProjectEditors = kStaff | RoleBit(Role::kUnit);

enum class BodyKind { kJson, kUpload };
using enum RouteScope;
// Whether a successful call may have changed library data (GET never does): kept import
// plans are valid only while nothing has (import_plan.h).
enum class Effect { kWrites, kNoDataChange };

struct Route {
  const char* method;
  const char* pattern;
  HandlerFn handler;
  unsigned roles;  // kPublic: no login needed
  RouteScope scope;
  BodyKind body = BodyKind::kJson;
  Effect effect = Effect::kWrites;
};

// The authorization matrix. Each line says who may call the endpoint (`roles`, enforced here
// in Dispatch: no session 401 auth.required, a role not in the set 403 auth.forbidden) and how
// a unit user (单位用户) is scoped on it (`scope`, enforced by the handler):
//   kOwnUnit  the path names a resource that belongs to a unit: a project (its 责任单位 or
//             建设单位) and what hangs off it (reports, photos, attachments, plans, location),
//             a supervision item (its lead or co-units) and its attachments, a unit's targets.
//             A unit user reaches only those of its own unit and its sub-units; another unit's
//             answers 404, the same as one that does not exist (a unit learns nothing of it).
//   kAny      nothing of a unit in the path. Lists, exports and statistics still show a unit
//             user only its own unit's rows (filtered in the handlers); a body naming another
//             unit's project (a report batch) is refused as a whole with 403 project.forbidden.
// `tuijin routes --json` prints the table; tests/api/authz.test.mjs walks every route × role
// × own/other unit against it, so a new route needs its line here and its fixture there.
// clang-format off
const Route kRoutes[] = {
    {"POST",   "/api/v1/session",                 Login,             kPublic, kAny},
    {"GET",    "/api/v1/session",                 CurrentSession,    kSignedIn, kAny},
    {"DELETE", "/api/v1/session",                 Logout,            kSignedIn, kAny},
    {"PUT",    "/api/v1/session/password",        ChangeOwnPassword, kSignedIn, kAny},
    {"GET",    "/api/v1/session/sessions",        ListOwnSessions,   kSignedIn, kAny},
    {"DELETE", "/api/v1/session/sessions/{id}",   RevokeOwnSession,  kSignedIn, kAny},

    {"GET",    "/api/v1/units",                   ListUnits,         kSignedIn, kAny},
    {"GET",    "/api/v1/units/{id}",              GetUnit,           kSignedIn, kAny},
    {"POST",   "/api/v1/units",                   CreateUnit,        kAdmin, kAny},
    {"PUT",    "/api/v1/units/{id}",              UpdateUnit,        kAdmin, kAny},
    {"DELETE", "/api/v1/units/{id}",              DeleteUnit,        kAdmin, kAny},

    {"GET",    "/api/v1/users",                   ListUsers,         kAdmin, kAny},
    {"GET",    "/api/v1/users/{id}",              GetUser,           kAdmin, kAny},
    {"POST",   "/api/v1/users",                   CreateUser,        kAdmin, kAny},
    {"PUT",    "/api/v1/users/{id}",              UpdateUser,        kAdmin, kAny},
    {"PUT",    "/api/v1/users/{id}/password",     ResetUserPassword, kAdmin, kAny},
    {"GET",    "/api/v1/users/{id}/sessions",     ListUserSessions,  kAdmin, kAny},
    {"DELETE", "/api/v1/users/{id}/sessions",     RevokeUserSessions, kAdmin, kAny},
    {"POST",   "/api/v1/users/{id}/unlock",       UnlockUser,        kAdmin, kAny},

    {"GET",    "/api/v1/dictionaries",            ListAllDictionaries,  kSignedIn, kAny},
    {"GET",    "/api/v1/dictionaries/{name}",     ListDictionary,       kSignedIn, kAny},
    {"POST",   "/api/v1/dictionaries/{name}",     CreateDictionaryItem, kAdmin, kAny},
    {"PUT",    "/api/v1/dictionaries/{name}/{id}", UpdateDictionaryItem, kAdmin, kAny},
    {"DELETE", "/api/v1/dictionaries/{name}/{id}", DeleteDictionaryItem, kAdmin, kAny},

    {"GET",    "/api/v1/projects",                ListProjects,       kProjectReaders, kAny},
    {"POST",   "/api/v1/projects",                CreateProject,      kStaff, kAny},
    {"GET",    "/api/v1/projects/{id}",           GetProject,         kProjectReaders, kOwnUnit},
    {"PUT",    "/api/v1/projects/{id}",           UpdateProject,      kProjectEditors, kOwnUnit},
    {"GET",    "/api/v1/projects/{id}/events",    ListProjectEvents,  kProjectReaders, kOwnUnit},
    {"POST",   "/api/v1/projects/{id}/events",    ChangeProjectStage, kStaff, kOwnUnit},
    {"GET",    "/api/v1/projects/{id}/changes",   ListProjectChanges, kProjectReaders, kOwnUnit},
    {"GET",    "/api/v1/projects/{id}/attachments", ListAttachments,  kProjectReaders, kOwnUnit},
    {"POST",   "/api/v1/projects/{id}/attachments", UploadAttachment, kProjectEditors, kOwnUnit, BodyKind::kUpload},
    {"GET",    "/api/v1/attachments/{id}",        DownloadAttachment, kProjectReaders, kOwnUnit},
    {"DELETE", "/api/v1/attachments/{id}",        DeleteAttachment,   kProjectEditors, kOwnUnit},

    {"POST",   "/api/v1/imports/projects",        UploadProjectImport,  kStaff, kAny, BodyKind::kUpload, Effect::kNoDataChange},
    {"POST",   "/api/v1/imports/projects/{import_id}/preview", PreviewProjectImport, kStaff, kAny, BodyKind::kJson, Effect::kNoDataChange},
    {"GET",    "/api/v1/imports/projects/{import_id}/rows",    ListProjectImportRows, kStaff, kAny},
    {"POST",   "/api/v1/imports/projects/{import_id}/commit",  CommitProjectImport,  kStaff, kAny},
    {"GET",    "/api/v1/imports/projects/template", ProjectImportTemplate, kStaff, kAny},
    {"GET",    "/api/v1/exports/projects",        ExportProjects,     kProjectReaders, kAny},

    {"GET",    "/api/v1/periods",                 ListPeriods,        kProjectReaders, kAny},
    {"GET",    "/api/v1/periods/{period}",        GetPeriod,          kProjectReaders, kAny},
    {"POST",   "/api/v1/periods/{period}/lock",   LockPeriod,         kStaff, kAny},
    {"POST",   "/api/v1/periods/{period}/unlock", UnlockPeriod,       kStaff, kAny},
    {"GET",    "/api/v1/reports",                 ReportGrid,         kProjectReaders, kAny},
    {"POST",   "/api/v1/reports/batch",           SaveReportBatch,    kProjectEditors, kAny},
    {"GET",    "/api/v1/reports/missing",         MissingReports,     kProjectReaders, kAny},
    {"GET",    "/api/v1/reports/sheet",           DownloadReportSheet, kProjectReaders, kAny},
    {"POST",   "/api/v1/imports/reports",         UploadReportSheet,  kProjectEditors, kAny, BodyKind::kUpload, Effect::kNoDataChange},
    {"POST",   "/api/v1/imports/reports/{import_id}/commit", CommitReportSheet, kProjectEditors, kAny},
    {"POST",   "/api/v1/reports/missing/remind",  RemindMissingReports, kStaff, kAny},
    {"GET",    "/api/v1/projects/{id}/reports",   ListProjectReports, kProjectReaders, kOwnUnit},
    {"GET",    "/api/v1/projects/{id}/reports/{period}", GetProjectReport, kProjectReaders, kOwnUnit},
    {"PUT",    "/api/v1/projects/{id}/reports/{period}", SaveReport,   kProjectEditors, kOwnUnit},
    {"POST",   "/api/v1/projects/{id}/reports/{period}/submit", SubmitReport, kProjectEditors, kOwnUnit},
    {"POST",   "/api/v1/projects/{id}/reports/{period}/accept", AcceptReport, kStaff, kOwnUnit},
    {"POST",   "/api/v1/projects/{id}/reports/{period}/return", ReturnReport, kStaff, kOwnUnit},
    {"POST",   "/api/v1/projects/{id}/reports/{period}/photos", UploadReportPhoto, kProjectEditors, kOwnUnit, BodyKind::kUpload},
    {"GET",    "/api/v1/report-photos/{id}",      DownloadReportPhoto, kProjectReaders, kOwnUnit},
    {"DELETE", "/api/v1/report-photos/{id}",      DeleteReportPhoto,  kProjectEditors, kOwnUnit},
    {"PUT",    "/api/v1/projects/{id}/opening",   SetProjectOpening,  kStaff, kOwnUnit},
    {"PUT",    "/api/v1/projects/{id}/reporting", SetProjectReporting, kStaff, kOwnUnit},
    {"GET",    "/api/v1/notifications",           ListNotifications,  kSignedIn, kAny},
    {"POST",   "/api/v1/notifications/{id}/read", ReadNotification,   kSignedIn, kAny, BodyKind::kJson, Effect::kNoDataChange},
    {"GET",    "/api/v1/plans",                   ListPlans,          kProjectReaders, kAny},
    {"POST",   "/api/v1/plans/batch",             SavePlans,          kStaff, kAny},
    {"POST",   "/api/v1/plans/issue",             IssuePlans,         kStaff, kAny},
    {"GET",    "/api/v1/exports/plans",           ExportPlans,        kProjectReaders, kAny},
    {"POST",   "/api/v1/imports/plans",           UploadPlanSheet,    kStaff, kAny, BodyKind::kUpload, Effect::kNoDataChange},
    {"POST",   "/api/v1/imports/plans/{import_id}/commit", CommitPlanSheet, kStaff, kAny},
    {"GET",    "/api/v1/projects/{id}/plans/{year}", GetPlan,         kProjectReaders, kOwnUnit},
    {"PUT",    "/api/v1/projects/{id}/plans/{year}", PutPlan,         kStaff, kOwnUnit},
    {"GET",    "/api/v1/status-rules",            ListStatusRules,    kProjectReaders, kAny},
    {"POST",   "/api/v1/status-rules",            CreateStatusRule,   kAdmin, kAny},
    {"PUT",    "/api/v1/status-rules/{id}",       UpdateStatusRule,   kAdmin, kAny},
    {"DELETE", "/api/v1/status-rules/{id}",       DeleteStatusRule,   kAdmin, kAny},
    {"GET",    "/api/v1/statuses",                ListStatuses,       kProjectReaders, kAny},
    {"GET",    "/api/v1/exports/statuses",        ExportStatuses,     kProjectReaders, kAny},
    {"GET",    "/api/v1/warnings",                ListWarnings,       kProjectReaders, kAny},
    {"GET",    "/api/v1/exports/warnings",        ExportWarnings,     kProjectReaders, kAny},
    {"GET",    "/api/v1/dashboard",               GetDashboard,       kProjectReaders, kAny},
    {"GET",    "/api/v1/rankings",                GetRankings,        kProjectReaders, kAny},
    {"GET",    "/api/v1/rankings/quarters",       GetQuarterScores,   kProjectReaders, kAny},
    {"GET",    "/api/v1/exports/rankings",        ExportRankings,     kProjectReaders, kAny},
    {"GET",    "/api/v1/exports/rankings/quarters", ExportQuarterScores, kProjectReaders, kAny},
    {"PUT",    "/api/v1/rankings/inspection",     PutInspectionScores, kStaff, kAny},
    {"GET",    "/api/v1/ranking-settings",        GetRankingSettings, kProjectReaders, kAny},
    {"PUT",    "/api/v1/ranking-settings",        PutRankingSettings, kAdmin, kAny},
    {"GET",    "/api/v1/escalations",             ListEscalations,    kProjectReaders, kAny},
    {"GET",    "/api/v1/dashboard/projects",      DashboardProjects,  kProjectReaders, kAny},
    {"POST",   "/api/v1/warnings/{id}/acknowledge", AcknowledgeWarning, kStaff, kAny},
    {"GET",    "/api/v1/map/projects",            MapProjects,        kProjectReaders, kAny},
    {"GET",    "/api/v1/map/projects/{id}",       MapProjectCard,     kProjectReaders, kOwnUnit},
    {"PUT",    "/api/v1/projects/{id}/location",  SetProjectLocation, kProjectEditors, kOwnUnit},
    {"GET",    "/api/v1/map/layers",              ListMapLayers,      kProjectReaders, kAny},
    {"GET",    "/api/v1/map/layers/{kind}",       GetMapLayer,        kProjectReaders, kAny},
    {"PUT",    "/api/v1/map/layers/{kind}",       PutMapLayer,        kAdmin, kAny, BodyKind::kUpload},
    {"DELETE", "/api/v1/map/layers/{kind}",       DeleteMapLayer,     kAdmin, kAny},
    {"PUT",    "/api/v1/map/layers/units/{unit_id}", PutUnitArea,     kAdmin, kAny, BodyKind::kUpload},
    {"DELETE", "/api/v1/map/layers/units/{unit_id}", DeleteUnitArea,  kAdmin, kAny},
    {"GET",    "/api/v1/unit-targets",            GetUnitTargets,     kProjectReaders, kAny},
    {"GET",    "/api/v1/unit-targets/{year}/units/{unit_id}", GetUnitTarget, kProjectReaders, kOwnUnit},
    {"PUT",    "/api/v1/unit-targets/{year}",     PutUnitTargets,     kStaff, kAny},

    {"GET",    "/api/v1/ledgers",                 GetLedgers,             kLedgerReaders, kAny},
    {"GET",    "/api/v1/ledgers/{kind}",          DownloadLedger,         kLedgerReaders, kAny},
    {"GET",    "/api/v1/briefing-templates",      ListBriefingTemplates,  kStaff, kAny},
    {"POST",   "/api/v1/briefing-templates",      CreateBriefingTemplate, kAdmin, kAny},
    {"GET",    "/api/v1/briefing-templates/placeholders", ListBriefingPlaceholders, kStaff, kAny},
    {"POST",   "/api/v1/briefing-templates/preview", PreviewBriefingTemplate, kStaff, kAny, BodyKind::kJson, Effect::kNoDataChange},
    {"GET",    "/api/v1/briefing-templates/{id}", GetBriefingTemplate,    kStaff, kAny},
    {"PUT",    "/api/v1/briefing-templates/{id}", UpdateBriefingTemplate, kAdmin, kAny},
    {"DELETE", "/api/v1/briefing-templates/{id}", DeleteBriefingTemplate, kAdmin, kAny},
    {"GET",    "/api/v1/briefings",               ListBriefings,          kProjectReaders, kAny},
    {"POST",   "/api/v1/briefings",               CreateBriefing,         kStaff, kAny},
    {"GET",    "/api/v1/briefings/{id}",          GetBriefing,            kProjectReaders, kAny},
    {"PUT",    "/api/v1/briefings/{id}",          UpdateBriefing,         kStaff, kAny},
    {"DELETE", "/api/v1/briefings/{id}",          DeleteBriefing,         kStaff, kAny},
    {"POST",   "/api/v1/briefings/{id}/regenerate", RegenerateBriefing,   kStaff, kAny},
    {"POST",   "/api/v1/briefings/{id}/publish",  PublishBriefing,        kStaff, kAny},
    {"POST",   "/api/v1/briefings/{id}/read",     ReadBriefing,           kProjectReaders, kAny},
    {"GET",    "/api/v1/briefings/{id}/document.docx", BriefingDocx,      kProjectReaders, kAny},
    {"GET",    "/api/v1/briefings/{id}/document.pdf",  BriefingPdf,       kProjectReaders, kAny},

    {"GET",    "/api/v1/supervision-items",       ListSupervisionItems,   kProjectReaders, kAny},
    {"POST",   "/api/v1/supervision-items",       CreateSupervisionItem,  kStaff, kAny},
    {"GET",    "/api/v1/supervision-items/{id}",  GetSupervisionItem,     kProjectReaders, kOwnUnit},
    {"PUT",    "/api/v1/supervision-items/{id}",  UpdateSupervisionItem,  kStaff, kOwnUnit},
    {"POST",   "/api/v1/supervision-items/{id}/actions", ActOnSupervisionItem, kProjectEditors, kOwnUnit},
    {"POST",   "/api/v1/supervision-items/{id}/attachments", UploadSupervisionAttachment, kProjectEditors, kOwnUnit, BodyKind::kUpload},
    {"GET",    "/api/v1/supervision-attachments/{id}", DownloadSupervisionAttachment, kProjectReaders, kOwnUnit},
    {"GET",    "/api/v1/supervision-stats",       SupervisionStats,       kProjectReaders, kAny},
    {"GET",    "/api/v1/supervision-items/{id}/sheet.pdf", SupervisionSheet, kProjectReaders, kOwnUnit},
    {"GET",    "/api/v1/exports/supervision-items", ExportSupervisionItems, kProjectReaders, kAny},
    {"GET",    "/api/v1/task-ledgers",            ListTaskLedgers,        kProjectReaders, kAny},
    {"POST",   "/api/v1/task-ledgers",            CreateTaskLedger,       kStaff, kAny},
    {"GET",    "/api/v1/task-ledgers/{id}",       GetTaskLedger,          kProjectReaders, kAny},
    {"PUT",    "/api/v1/task-ledgers/{id}",       UpdateTaskLedger,       kStaff, kAny},
    {"GET",    "/api/v1/imports/task-ledgers/template", TaskLedgerTemplate, kStaff, kAny},
    {"POST",   "/api/v1/task-ledgers/{id}/import", PreviewTaskImport,     kStaff, kAny, BodyKind::kUpload, Effect::kNoDataChange},
    {"POST",   "/api/v1/task-ledgers/{id}/import/{import_id}/commit", CommitTaskImport, kStaff, kAny},
    {"GET",    "/api/v1/meetings",                ListMeetings,           kProjectReaders, kAny},
    {"POST",   "/api/v1/meetings",                CreateMeeting,          kStaff, kAny},
    {"GET",    "/api/v1/meetings/{id}",           GetMeeting,             kProjectReaders, kAny},
    {"PUT",    "/api/v1/meetings/{id}",           UpdateMeeting,          kStaff, kAny},
    {"GET",    "/api/v1/work-calendar",           GetWorkCalendar,        kSignedIn, kAny},
    {"GET",    "/api/v1/work-calendar/add-working-days", AddWorkingDays,  kSignedIn, kAny},
    {"PUT",    "/api/v1/work-calendar/{year}",    PutWorkCalendar,        kAdmin, kAny},
    {"GET",    "/api/v1/supervision-settings",    GetSupervisionSettings, kSignedIn, kAny},
    {"PUT",    "/api/v1/supervision-settings",    PutSupervisionSettings, kAdmin, kAny},
    {"POST",   "/api/v1/supervision-reminders/run", RunSupervisionReminders, kAdmin, kAny},

    {"GET",    "/api/v1/delivery-settings",       GetDeliverySettings, kAdmin, kAny},
    {"PUT",    "/api/v1/delivery-settings",       PutDeliverySettings, kAdmin, kAny, BodyKind::kJson, Effect::kNoDataChange},
    {"POST",   "/api/v1/delivery-settings/test",  TestDelivery,       kAdmin, kAny, BodyKind::kJson, Effect::kNoDataChange},
    {"GET",    "/api/v1/deliveries",              ListDeliveries,     kAdmin, kAny},

    {"GET",    "/api/v1/audit-log",               ListAuditLog,       kAdmin, kAny},
    {"GET",    "/api/v1/exports/audit-log",       ExportAuditLog,     kAdmin, kAny},

    {"GET",    "/api/v1/saved-filters",           ListSavedFilters,   kSignedIn, kAny},
    {"POST",   "/api/v1/saved-filters",           SaveFilter,         kSignedIn, kAny},
    {"DELETE", "/api/v1/saved-filters/{id}",      DeleteSavedFilter,  kSignedIn, kAny},
};
// clang-format on

constexpr const char* kSessionCookie = "tuijin_session";

bool IsStateChanging(std::string_view method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

// What costs the server seconds of work or a large answer: uploads and imports, exports and
// ledgers, generated documents. Each user may ask for so many a minute (expensive_per_minute).
bool IsExpensive(const Route& route) {
  const std::string_view p = route.pattern;
  return route.body == BodyKind::kUpload || p.find("/exports/") != std::string_view::npos ||
         p.find("/imports/") != std::string_view::npos || p.ends_with(".pdf") || p.ends_with(".docx") ||
         p == "/api/v1/ledgers/{kind}" || p == "/api/v1/reports/sheet";
}

// The origin of the map's tile server for img-src ("http://t{s}.tianditu.gov.cn/…" →
// "http://*.tianditu.gov.cn"); empty when there is none or it is this server ("/tiles/…").
std::string TileSource(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  const size_t end = url.find('/', scheme + 3);
  std::string host = url.substr(scheme + 3, end == std::string::npos ? std::string::npos : end - scheme - 3);
  if (const size_t brace = host.find('{'); brace != std::string::npos) {
    const size_t dot = host.find('.', brace);
    if (dot == std::string::npos) return {};
    host = "*" + host.substr(dot);
  }
  return url.substr(0, scheme + 3) + host;
}

std::string ContentSecurityPolicy(const config::Config& cfg) {
  std::string tiles = TileSource(cfg.map_tile_url);
  if (!tiles.empty()) tiles = " " + tiles;
  return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:" + tiles +
         "; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
}

void AddSecurityHeaders(http::Response& res, const std::string& csp) {
  res.SetHeader("x-content-type-options", "nosniff");
  res.SetHeader("referrer-policy", "same-origin");
  res.SetHeader("x-frame-options", "DENY");
  res.SetHeader("content-security-policy", csp);
}

}  // namespace

std::vector<RouteInfo> RouteTable() {
  std::vector<RouteInfo> out;
  for (const Route& r : kRoutes) {
    RouteInfo info{r.method, r.pattern, {}, r.roles == kPublic, r.scope};
    for (Role role : {Role::kAdmin, Role::kStaff, Role::kUnit, Role::kLeader, Role::kExpert}) {
      if (r.roles & RoleBit(role)) info.roles.emplace_back(domain::RoleName(role));
    }
    out.push_back(std::move(info));
  }
  return out;
}

Services::Services(const config::Config& cfg, db::Database& database)
    : config(cfg),
      db(database),
      units(database),
      users(database),
      dictionaries(database),
      projects(database),
      attachments(database),
      saved_filters(database),
      reports(database),
      notifications(database),
      plans(database),
      statuses(database),
      warnings(database),
      rankings(database),
      supervision(database),
      calendar(database),
      meetings(database),
      task_ledgers(database),
      reminders(database),
      blobs(cfg.data_dir),
      deliveries(database),
      briefings(database),
      audit(database),
      maps(database),
      login_throttle(static_cast<int>(cfg.login_max_failures), static_cast<int>(cfg.login_max_failures_per_ip),
                     cfg.login_window_minutes * 60),
      expensive_limiter(static_cast<int>(cfg.expensive_per_minute), 60) {
  auto hash = HashPassword(RandomToken());
  if (hash.ok()) dummy_password_hash = *hash;
}

App::App(Services& services)
    : svc_(services), static_files_(embed::kWebAssetFiles()), csp_(ContentSecurityPolicy(services.config)) {
  for (size_t i = 0; i < std::size(kRoutes); ++i) router_.Add(kRoutes[i].method, kRoutes[i].pattern, static_cast<int>(i));
  if (static_files_.empty()) spdlog::warn("no web assets embedded: build web/ first (make build)");
}

size_t App::BodyLimit(std::string_view method, std::string_view path) const {
  const auto m = router_.Match(method, path);
  if (m.route >= 0 && kRoutes[m.route].body == BodyKind::kUpload) {
    return static_cast<size_t>(svc_.config.max_upload_bytes);
  }
  return static_cast<size_t>(svc_.config.max_body_bytes);
}

http::Response App::Reject(const http::Request&, const Status& status) {
  http::Response res = ErrorResponse(status);
  AddSecurityHeaders(res, csp_);
  return res;
}

StatusOr<std::optional<Principal>> App::Authenticate(const http::Request& req) {
  auto token = req.Cookie(kSessionCookie);
  if (!token || token->empty() || token->size() > 128) return std::optional<Principal>();
  const int64_t now = NowUnix();
  const std::string hash = Sha256Hex(*token);
  // Every request handled on the workers reads its session, so that a revocation by another
  // process (tuijin user passwd, another instance) holds at once; the read refreshes the cache
  // that HandleInline answers from. Read before the database: a write that lands meanwhile
  // makes the entry stale at once.
  const uint64_t generation = svc_.data_generation.load();
  ASSIGN_OR_RETURN(auto found, svc_.users.FindSession(hash, now, svc_.config.session_idle_minutes * 60));
  if (!found) return std::optional<Principal>();
  // Refresh the idle clock at most once a minute: most requests then write nothing.
  int64_t last_seen = found->last_seen_at;
  if (now - last_seen >= 60) {
    RETURN_IF_ERROR(svc_.users.TouchSession(found->session_id, now));
    last_seen = now;
  }
  auto role = domain::ParseRole(found->user.role);
  if (!role) return Status::Internal("未知角色 " + found->user.role);
  Principal principal{std::move(found->user), *role, found->session_id, found->csrf_token};
  sessions_.Put(hash, generation, now, last_seen, principal);
  return std::optional<Principal>(std::move(principal));
}

std::optional<http::Response> App::HandleInline(http::Request& req) {
  if (req.method != "GET" || !req.path.starts_with("/api/v1/dashboard")) return std::nullopt;
  const auto match = router_.Match(req.method, req.path);
  if (match.route < 0) return std::nullopt;
  const Route& route = kRoutes[match.route];
  auto token = req.Cookie(kSessionCookie);
  if (!token || token->empty() || token->size() > 128) return std::nullopt;
  auto principal = sessions_.Get(Sha256Hex(*token), svc_.data_generation.load(), NowUnix());
  if (!principal || (route.roles & RoleBit(principal->role)) == 0) return std::nullopt;
  req.params = match.params;
  Context ctx{req, svc_, std::move(principal)};
  auto res = CachedDashboardResponse(ctx);
  if (res) AddSecurityHeaders(*res, csp_);
  return res;
}

http::Response App::HandleApi(http::Request& req) {
  Trace trace;
  http::Response res = Dispatch(req, trace);
  if (IsAudited(req.method, res)) {
    if (res.status >= 400) trace.before.reset();  // refused: nothing changed
    if (trace.tracked && res.status < 400 && req.method != "DELETE") trace.after = ReadResource(req, *trace.principal);
    RecordAudit(svc_, {req, trace.principal, trace.pattern, res, trace.upload, std::move(trace.before),
                       std::move(trace.after)});
  }
  return res;
}

std::optional<json::value> App::ReadResource(const http::Request& req, const Principal& principal) {
  const auto match = router_.Match("GET", req.path);
  if (match.route < 0) return std::nullopt;
  const Route& route = kRoutes[match.route];
  // Files are not read for the trail (and may be large).
  if (route.handler == DownloadAttachment || route.handler == DownloadReportPhoto ||
      route.handler == DownloadSupervisionAttachment || (route.roles & RoleBit(principal.role)) == 0) {
    return std::nullopt;
  }
  http::Request get;
  get.method = "GET";
  get.target = req.path;
  get.path = req.path;
  get.headers = req.headers;
  get.remote_address = req.remote_address;
  get.params = match.params;
  Context ctx{get, svc_, principal};
  auto res = route.handler(ctx);
  if (!res.ok() || res->status != 200 || !res->HeaderValue("content-type").value_or("").starts_with("application/json")) {
    return std::nullopt;
  }
  boost::system::error_code ec;
  json::value v = json::parse(res->Body(), ec);
  if (ec) return std::nullopt;
  return v;
}

http::Response App::Dispatch(http::Request& req, Trace& trace) {
  const auto match = router_.Match(req.method, req.path);
  if (match.route < 0) {
    if (match.path_matched) return ErrorResponse(Status::MethodNotAllowed("route.method_not_allowed", "该地址不支持此请求方法"));
    return ErrorResponse(Status::NotFound("route.not_found", "接口不存在:" + req.path));
  }
  const Route& route = kRoutes[match.route];
  trace.pattern = route.pattern;
  trace.upload = route.body == BodyKind::kUpload;
  req.params = match.params;
  Context ctx{req, svc_, std::nullopt};
  if (route.roles != kPublic) {
    auto principal = Authenticate(req);
    if (!principal.ok()) return ErrorResponse(principal.status());
    if (!*principal) return ErrorResponse(Status::Unauthenticated("auth.required", "请先登录"));
    ctx.principal = std::move(**principal);
    trace.principal = ctx.principal;
    if ((route.roles & RoleBit(ctx.principal->role)) == 0) {
      return ErrorResponse(Status::PermissionDenied("auth.forbidden", "无权限执行此操作"));
    }
    if (IsExpensive(route)) {
      if (const int64_t wait = svc_.expensive_limiter.Admit("u:" + std::to_string(ctx.principal->user.id), NowUnix());
          wait > 0) {
        return ErrorResponse(Status::ResourceExhausted("rate.limited",
                                                       fmt::format("导入导出请求过于频繁,请 {} 秒后再试", wait))
                                 .WithRetryAfter(static_cast<int>(wait)));
      }
    }
    // A password the administrator set is changed before anything else is done.
    if (ctx.principal->user.must_change_password && route.handler != CurrentSession && route.handler != Logout &&
        route.handler != ChangeOwnPassword) {
      return ErrorResponse(Status::PermissionDenied("auth.password_change_required", "请先修改初始密码后再使用系统"));
    }
    if (IsStateChanging(req.method)) {
      auto header = req.HeaderValue("x-csrf-token");
      if (!header || !SecretsEqual(*header, ctx.principal->csrf_token)) {
        return ErrorResponse(Status::PermissionDenied("auth.csrf", "请求缺少有效的 CSRF 令牌,请刷新页面后重试"));
      }
      // A change to a resource that can be read at the same path: read it first, for the
      // audit trail's old values (and again after, for the new).
      if (req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE") {
        trace.before = ReadResource(req, *ctx.principal);
        trace.tracked = trace.before.has_value();
      }
    }
  }
  auto result = route.handler(ctx);
  // Even a failed write may have written something (it should not); a bump only costs a
  // rebuilt import plan.
  if (IsStateChanging(req.method) && route.effect == Effect::kWrites) ++svc_.data_generation;
  if (!result.ok()) return ErrorResponse(result.status());
  return std::move(result).value();
}

http::Response App::Handle(http::Request& req) {
  http::Response res;
  if (req.path.starts_with("/api/")) {
    res = HandleApi(req);
    // Answers are not to be stored, unless a handler said how (an ETag'd dashboard).
    if (!res.HeaderValue("cache-control")) res.SetHeader("cache-control", "no-store");
  } else if (req.path == "/healthz") {
    res = JsonResponse(json::object{{"status", "ok"}});
  } else if (req.path == "/readyz") {
    Status st = svc_.db.Ping();
    if (st.ok()) st = db::CheckSchema(svc_.db);
    res = st.ok() ? JsonResponse(json::object{{"status", "ready"}})
                  : ErrorResponse(Status::Unavailable("not_ready", st.message()));
  } else if (auto file = static_files_.Serve(req)) {
    res = std::move(*file);
  } else {
    res = ErrorResponse(Status::NotFound("not_found", "页面不存在"));
  }
  AddSecurityHeaders(res, csp_);
  return res;
}

}  // namespace tuijin::api
