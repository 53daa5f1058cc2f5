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
// Whether a successful call may have changed library data (GET never does): kept import
// plans are valid only while nothing has (import_plan.h).
enum class Effect { kWrites, kNoDataChange };

struct Route {
  const char* method;
  const char* pattern;
  HandlerFn handler;
  unsigned roles;  // kPublic: no login needed
  BodyKind body = BodyKind::kJson;
  Effect effect = Effect::kWrites;
};

// clang-format off
const Route kRoutes[] = {
    {"POST",   "/api/v1/session",                 Login,             kPublic},
    {"GET",    "/api/v1/session",                 CurrentSession,    kSignedIn},
    {"DELETE", "/api/v1/session",                 Logout,            kSignedIn},
    {"PUT",    "/api/v1/session/password",        ChangeOwnPassword, kSignedIn},
    {"GET",    "/api/v1/session/sessions",        ListOwnSessions,   kSignedIn},
    {"DELETE", "/api/v1/session/sessions/{id}",   RevokeOwnSession,  kSignedIn},

    {"GET",    "/api/v1/units",                   ListUnits,         kSignedIn},
    {"GET",    "/api/v1/units/{id}",              GetUnit,           kSignedIn},
    {"POST",   "/api/v1/units",                   CreateUnit,        kAdmin},
    {"PUT",    "/api/v1/units/{id}",              UpdateUnit,        kAdmin},
    {"DELETE", "/api/v1/units/{id}",              DeleteUnit,        kAdmin},

    {"GET",    "/api/v1/users",                   ListUsers,         kAdmin},
    {"GET",    "/api/v1/users/{id}",              GetUser,           kAdmin},
    {"POST",   "/api/v1/users",                   CreateUser,        kAdmin},
    {"PUT",    "/api/v1/users/{id}",              UpdateUser,        kAdmin},
    {"PUT",    "/api/v1/users/{id}/password",     ResetUserPassword, kAdmin},
    {"GET",    "/api/v1/users/{id}/sessions",     ListUserSessions,  kAdmin},
    {"DELETE", "/api/v1/users/{id}/sessions",     RevokeUserSessions, kAdmin},
    {"POST",   "/api/v1/users/{id}/unlock",       UnlockUser,        kAdmin},

    {"GET",    "/api/v1/dictionaries",            ListAllDictionaries,  kSignedIn},
    {"GET",    "/api/v1/dictionaries/{name}",     ListDictionary,       kSignedIn},
    {"POST",   "/api/v1/dictionaries/{name}",     CreateDictionaryItem, kAdmin},
    {"PUT",    "/api/v1/dictionaries/{name}/{id}", UpdateDictionaryItem, kAdmin},
    {"DELETE", "/api/v1/dictionaries/{name}/{id}", DeleteDictionaryItem, kAdmin},

    {"GET",    "/api/v1/projects",                ListProjects,       kProjectReaders},
    {"POST",   "/api/v1/projects",                CreateProject,      kStaff},
    {"GET",    "/api/v1/projects/{id}",           GetProject,         kProjectReaders},
    {"PUT",    "/api/v1/projects/{id}",           UpdateProject,      kProjectEditors},
    {"GET",    "/api/v1/projects/{id}/events",    ListProjectEvents,  kProjectReaders},
    {"POST",   "/api/v1/projects/{id}/events",    ChangeProjectStage, kStaff},
    {"GET",    "/api/v1/projects/{id}/changes",   ListProjectChanges, kProjectReaders},
    {"GET",    "/api/v1/projects/{id}/attachments", ListAttachments,  kProjectReaders},
    {"POST",   "/api/v1/projects/{id}/attachments", UploadAttachment, kProjectEditors, BodyKind::kUpload},
    {"GET",    "/api/v1/attachments/{id}",        DownloadAttachment, kProjectReaders},
    {"DELETE", "/api/v1/attachments/{id}",        DeleteAttachment,   kProjectEditors},

    {"POST",   "/api/v1/imports/projects",        UploadProjectImport,  kStaff, BodyKind::kUpload, Effect::kNoDataChange},
    {"POST",   "/api/v1/imports/projects/{import_id}/preview", PreviewProjectImport, kStaff, BodyKind::kJson, Effect::kNoDataChange},
    {"GET",    "/api/v1/imports/projects/{import_id}/rows",    ListProjectImportRows, kStaff},
    {"POST",   "/api/v1/imports/projects/{import_id}/commit",  CommitProjectImport,  kStaff},
    {"GET",    "/api/v1/imports/projects/template", ProjectImportTemplate, kStaff},
    {"GET",    "/api/v1/exports/projects",        ExportProjects,     kProjectReaders},

    {"GET",    "/api/v1/periods",                 ListPeriods,        kProjectReaders},
    {"GET",    "/api/v1/periods/{period}",        GetPeriod,          kProjectReaders},
    {"POST",   "/api/v1/periods/{period}/lock",   LockPeriod,         kStaff},
    {"POST",   "/api/v1/periods/{period}/unlock", UnlockPeriod,       kStaff},
    {"GET",    "/api/v1/reports",                 ReportGrid,         kProjectReaders},
    {"POST",   "/api/v1/reports/batch",           SaveReportBatch,    kProjectEditors},
    {"GET",    "/api/v1/reports/missing",         MissingReports,     kProjectReaders},
    {"GET",    "/api/v1/reports/sheet",           DownloadReportSheet, kProjectReaders},
    {"POST",   "/api/v1/imports/reports",         UploadReportSheet,  kProjectEditors, BodyKind::kUpload, Effect::kNoDataChange},
    {"POST",   "/api/v1/imports/reports/{import_id}/commit", CommitReportSheet, kProjectEditors},
    {"POST",   "/api/v1/reports/missing/remind",  RemindMissingReports, kStaff},
    {"GET",    "/api/v1/projects/{id}/reports",   ListProjectReports, kProjectReaders},
    {"GET",    "/api/v1/projects/{id}/reports/{period}", GetProjectReport, kProjectReaders},
    {"PUT",    "/api/v1/projects/{id}/reports/{period}", SaveReport,   kProjectEditors},
    {"POST",   "/api/v1/projects/{id}/reports/{period}/submit", SubmitReport, kProjectEditors},
    {"POST",   "/api/v1/projects/{id}/reports/{period}/accept", AcceptReport, kStaff},
    {"POST",   "/api/v1/projects/{id}/reports/{period}/return", ReturnReport, kStaff},
    {"POST",   "/api/v1/projects/{id}/reports/{period}/photos", UploadReportPhoto, kProjectEditors, BodyKind::kUpload},
    {"GET",    "/api/v1/report-photos/{id}",      DownloadReportPhoto, kProjectReaders},
    {"DELETE", "/api/v1/report-photos/{id}",      DeleteReportPhoto,  kProjectEditors},
    {"PUT",    "/api/v1/projects/{id}/opening",   SetProjectOpening,  kStaff},
    {"PUT",    "/api/v1/projects/{id}/reporting", SetProjectReporting, kStaff},
    {"GET",    "/api/v1/notifications",           ListNotifications,  kSignedIn},
    {"POST",   "/api/v1/notifications/{id}/read", ReadNotification,   kSignedIn, BodyKind::kJson, Effect::kNoDataChange},
    {"GET",    "/api/v1/plans",                   ListPlans,          kProjectReaders},
    {"POST",   "/api/v1/plans/batch",             SavePlans,          kStaff},
    {"POST",   "/api/v1/plans/issue",             IssuePlans,         kStaff},
    {"GET",    "/api/v1/exports/plans",           ExportPlans,        kProjectReaders},
    {"POST",   "/api/v1/imports/plans",           UploadPlanSheet,    kStaff, BodyKind::kUpload, Effect::kNoDataChange},
    {"POST",   "/api/v1/imports/plans/{import_id}/commit", CommitPlanSheet, kStaff},
    {"GET",    "/api/v1/projects/{id}/plans/{year}", GetPlan,         kProjectReaders},
    {"PUT",    "/api/v1/projects/{id}/plans/{year}", PutPlan,         kStaff},
    {"GET",    "/api/v1/status-rules",            ListStatusRules,    kProjectReaders},
    {"POST",   "/api/v1/status-rules",            CreateStatusRule,   kAdmin},
    {"PUT",    "/api/v1/status-rules/{id}",       UpdateStatusRule,   kAdmin},
    {"DELETE", "/api/v1/status-rules/{id}",       DeleteStatusRule,   kAdmin},
    {"GET",    "/api/v1/statuses",                ListStatuses,       kProjectReaders},
    {"GET",    "/api/v1/exports/statuses",        ExportStatuses,     kProjectReaders},
    {"GET",    "/api/v1/warnings",                ListWarnings,       kProjectReaders},
    {"GET",    "/api/v1/exports/warnings",        ExportWarnings,     kProjectReaders},
    {"GET",    "/api/v1/dashboard",               GetDashboard,       kProjectReaders},
    {"GET",    "/api/v1/rankings",                GetRankings,        kProjectReaders},
    {"GET",    "/api/v1/rankings/quarters",       GetQuarterScores,   kProjectReaders},
    {"GET",    "/api/v1/exports/rankings",        ExportRankings,     kProjectReaders},
    {"GET",    "/api/v1/exports/rankings/quarters", ExportQuarterScores, kProjectReaders},
    {"PUT",    "/api/v1/rankings/inspection",     PutInspectionScores, kStaff},
    {"GET",    "/api/v1/ranking-settings",        GetRankingSettings, kProjectReaders},
    {"PUT",    "/api/v1/ranking-settings",        PutRankingSettings, kAdmin},
    {"GET",    "/api/v1/escalations",             ListEscalations,    kProjectReaders},
    {"GET",    "/api/v1/dashboard/projects",      DashboardProjects,  kProjectReaders},
    {"POST",   "/api/v1/warnings/{id}/acknowledge", AcknowledgeWarning, kStaff},
    {"GET",    "/api/v1/map/projects",            MapProjects,        kProjectReaders},
    {"GET",    "/api/v1/map/projects/{id}",       MapProjectCard,     kProjectReaders},
    {"PUT",    "/api/v1/projects/{id}/location",  SetProjectLocation, kProjectEditors},
    {"GET",    "/api/v1/map/layers",              ListMapLayers,      kProjectReaders},
    {"GET",    "/api/v1/map/layers/{kind}",       GetMapLayer,        kProjectReaders},
    {"PUT",    "/api/v1/map/layers/{kind}",       PutMapLayer,        kAdmin, BodyKind::kUpload},
    {"DELETE", "/api/v1/map/layers/{kind}",       DeleteMapLayer,     kAdmin},
    {"PUT",    "/api/v1/map/layers/units/{unit_id}", PutUnitArea,     kAdmin, BodyKind::kUpload},
    {"DELETE", "/api/v1/map/layers/units/{unit_id}", DeleteUnitArea,  kAdmin},
    {"GET",    "/api/v1/unit-targets",            GetUnitTargets,     kProjectReaders},
    {"GET",    "/api/v1/unit-targets/{year}/units/{unit_id}", GetUnitTarget, kProjectReaders},
    {"PUT",    "/api/v1/unit-targets/{year}",     PutUnitTargets,     kStaff},

    {"GET",    "/api/v1/ledgers",                 GetLedgers,             kLedgerReaders},
    {"GET",    "/api/v1/ledgers/{kind}",          DownloadLedger,         kLedgerReaders},
    {"GET",    "/api/v1/briefing-templates",      ListBriefingTemplates,  kStaff},
    {"POST",   "/api/v1/briefing-templates",      CreateBriefingTemplate, kAdmin},
    {"GET",    "/api/v1/briefing-templates/placeholders", ListBriefingPlaceholders, kStaff},
    {"POST",   "/api/v1/briefing-templates/preview", PreviewBriefingTemplate, kStaff, BodyKind::kJson, Effect::kNoDataChange},
    {"GET",    "/api/v1/briefing-templates/{id}", GetBriefingTemplate,    kStaff},
    {"PUT",    "/api/v1/briefing-templates/{id}", UpdateBriefingTemplate, kAdmin},
    {"DELETE", "/api/v1/briefing-templates/{id}", DeleteBriefingTemplate, kAdmin},
    {"GET",    "/api/v1/briefings",               ListBriefings,          kProjectReaders},
    {"POST",   "/api/v1/briefings",               CreateBriefing,         kStaff},
    {"GET",    "/api/v1/briefings/{id}",          GetBriefing,            kProjectReaders},
    {"PUT",    "/api/v1/briefings/{id}",          UpdateBriefing,         kStaff},
    {"DELETE", "/api/v1/briefings/{id}",          DeleteBriefing,         kStaff},
    {"POST",   "/api/v1/briefings/{id}/regenerate", RegenerateBriefing,   kStaff},
    {"POST",   "/api/v1/briefings/{id}/publish",  PublishBriefing,        kStaff},
    {"POST",   "/api/v1/briefings/{id}/read",     ReadBriefing,           kProjectReaders},
    {"GET",    "/api/v1/briefings/{id}/document.docx", BriefingDocx,      kProjectReaders},
    {"GET",    "/api/v1/briefings/{id}/document.pdf",  BriefingPdf,       kProjectReaders},

    {"GET",    "/api/v1/supervision-items",       ListSupervisionItems,   kProjectReaders},
    {"POST",   "/api/v1/supervision-items",       CreateSupervisionItem,  kStaff},
    {"GET",    "/api/v1/supervision-items/{id}",  GetSupervisionItem,     kProjectReaders},
    {"PUT",    "/api/v1/supervision-items/{id}",  UpdateSupervisionItem,  kStaff},
    {"POST",   "/api/v1/supervision-items/{id}/actions", ActOnSupervisionItem, kProjectEditors},
    {"POST",   "/api/v1/supervision-items/{id}/attachments", UploadSupervisionAttachment, kProjectEditors, BodyKind::kUpload},
    {"GET",    "/api/v1/supervision-attachments/{id}", DownloadSupervisionAttachment, kProjectReaders},
    {"GET",    "/api/v1/supervision-stats",       SupervisionStats,       kProjectReaders},
    {"GET",    "/api/v1/supervision-items/{id}/sheet.pdf", SupervisionSheet, kProjectReaders},
    {"GET",    "/api/v1/exports/supervision-items", ExportSupervisionItems, kProjectReaders},
    {"GET",    "/api/v1/task-ledgers",            ListTaskLedgers,        kProjectReaders},
    {"POST",   "/api/v1/task-ledgers",            CreateTaskLedger,       kStaff},
    {"GET",    "/api/v1/task-ledgers/{id}",       GetTaskLedger,          kProjectReaders},
    {"PUT",    "/api/v1/task-ledgers/{id}",       UpdateTaskLedger,       kStaff},
    {"GET",    "/api/v1/imports/task-ledgers/template", TaskLedgerTemplate, kStaff},
    {"POST",   "/api/v1/task-ledgers/{id}/import", PreviewTaskImport,     kStaff, BodyKind::kUpload, Effect::kNoDataChange},
    {"POST",   "/api/v1/task-ledgers/{id}/import/{import_id}/commit", CommitTaskImport, kStaff},
    {"GET",    "/api/v1/meetings",                ListMeetings,           kProjectReaders},
    {"POST",   "/api/v1/meetings",                CreateMeeting,          kStaff},
    {"GET",    "/api/v1/meetings/{id}",           GetMeeting,             kProjectReaders},
    {"PUT",    "/api/v1/meetings/{id}",           UpdateMeeting,          kStaff},
    {"GET",    "/api/v1/work-calendar",           GetWorkCalendar,        kSignedIn},
    {"GET",    "/api/v1/work-calendar/add-working-days", AddWorkingDays,  kSignedIn},
    {"PUT",    "/api/v1/work-calendar/{year}",    PutWorkCalendar,        kAdmin},
    {"GET",    "/api/v1/supervision-settings",    GetSupervisionSettings, kSignedIn},
    {"PUT",    "/api/v1/supervision-settings",    PutSupervisionSettings, kAdmin},
    {"POST",   "/api/v1/supervision-reminders/run", RunSupervisionReminders, kAdmin},

    {"GET",    "/api/v1/delivery-settings",       GetDeliverySettings, kAdmin},
    {"PUT",    "/api/v1/delivery-settings",       PutDeliverySettings, kAdmin, BodyKind::kJson, Effect::kNoDataChange},
    {"POST",   "/api/v1/delivery-settings/test",  TestDelivery,       kAdmin, BodyKind::kJson, Effect::kNoDataChange},
    {"GET",    "/api/v1/deliveries",              ListDeliveries,     kAdmin},

    {"GET",    "/api/v1/audit-log",               ListAuditLog,       kAdmin},
    {"GET",    "/api/v1/exports/audit-log",       ExportAuditLog,     kAdmin},

    {"GET",    "/api/v1/saved-filters",           ListSavedFilters,   kSignedIn},
    {"POST",   "/api/v1/saved-filters",           SaveFilter,         kSignedIn},
    {"DELETE", "/api/v1/saved-filters/{id}",      DeleteSavedFilter,  kSignedIn},
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
