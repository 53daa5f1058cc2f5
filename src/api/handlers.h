// Every API handler, by resource. The route table in api.cc says which path and roles.
#pragma once

#include <boost/json/object.hpp>

#include "api/context.h"

namespace tuijin::api {

// audit_api.cc
StatusOr<http::Response> ListAuditLog(Context& ctx);
StatusOr<http::Response> ExportAuditLog(Context& ctx);

// session_api.cc
StatusOr<http::Response> Login(Context& ctx);
StatusOr<http::Response> CurrentSession(Context& ctx);
StatusOr<http::Response> Logout(Context& ctx);
StatusOr<http::Response> ChangeOwnPassword(Context& ctx);
StatusOr<http::Response> ListOwnSessions(Context& ctx);
StatusOr<http::Response> RevokeOwnSession(Context& ctx);
// A session as listed (its owner's or the administrator's view); `current`: the caller's own.
boost::json::object SessionInfoJson(const store::SessionInfo& s, int64_t current);

// unit_api.cc
StatusOr<http::Response> ListUnits(Context& ctx);
StatusOr<http::Response> GetUnit(Context& ctx);
StatusOr<http::Response> CreateUnit(Context& ctx);
StatusOr<http::Response> UpdateUnit(Context& ctx);
StatusOr<http::Response> DeleteUnit(Context& ctx);

// user_api.cc
StatusOr<http::Response> ListUsers(Context& ctx);
StatusOr<http::Response> GetUser(Context& ctx);
StatusOr<http::Response> CreateUser(Context& ctx);
StatusOr<http::Response> UpdateUser(Context& ctx);
StatusOr<http::Response> ResetUserPassword(Context& ctx);
StatusOr<http::Response> ListUserSessions(Context& ctx);
StatusOr<http::Response> RevokeUserSessions(Context& ctx);
StatusOr<http::Response> UnlockUser(Context& ctx);

// dictionary_api.cc
StatusOr<http::Response> ListAllDictionaries(Context& ctx);
StatusOr<http::Response> ListDictionary(Context& ctx);
StatusOr<http::Response> CreateDictionaryItem(Context& ctx);
StatusOr<http::Response> UpdateDictionaryItem(Context& ctx);
StatusOr<http::Response> DeleteDictionaryItem(Context& ctx);

// project_api.cc
StatusOr<http::Response> ListProjects(Context& ctx);
StatusOr<http::Response> CreateProject(Context& ctx);
StatusOr<http::Response> GetProject(Context& ctx);
StatusOr<http::Response> UpdateProject(Context& ctx);
StatusOr<http::Response> ListProjectEvents(Context& ctx);
StatusOr<http::Response> ChangeProjectStage(Context& ctx);
StatusOr<http::Response> ListProjectChanges(Context& ctx);

// attachment_api.cc
StatusOr<http::Response> ListAttachments(Context& ctx);
StatusOr<http::Response> UploadAttachment(Context& ctx);
StatusOr<http::Response> DownloadAttachment(Context& ctx);
StatusOr<http::Response> DeleteAttachment(Context& ctx);
StatusOr<http::Response> ListSavedFilters(Context& ctx);
StatusOr<http::Response> SaveFilter(Context& ctx);
StatusOr<http::Response> DeleteSavedFilter(Context& ctx);

// import_api.cc, export_api.cc
StatusOr<http::Response> UploadProjectImport(Context& ctx);
StatusOr<http::Response> PreviewProjectImport(Context& ctx);
StatusOr<http::Response> ListProjectImportRows(Context& ctx);
StatusOr<http::Response> CommitProjectImport(Context& ctx);
StatusOr<http::Response> ProjectImportTemplate(Context& ctx);
StatusOr<http::Response> ExportProjects(Context& ctx);

// report_api.cc
StatusOr<http::Response> ListPeriods(Context& ctx);
StatusOr<http::Response> GetPeriod(Context& ctx);
StatusOr<http::Response> LockPeriod(Context& ctx);
StatusOr<http::Response> UnlockPeriod(Context& ctx);
StatusOr<http::Response> ReportGrid(Context& ctx);
StatusOr<http::Response> SaveReportBatch(Context& ctx);
StatusOr<http::Response> MissingReports(Context& ctx);
StatusOr<http::Response> RemindMissingReports(Context& ctx);
StatusOr<http::Response> ListProjectReports(Context& ctx);
StatusOr<http::Response> GetProjectReport(Context& ctx);
StatusOr<http::Response> SaveReport(Context& ctx);
StatusOr<http::Response> SubmitReport(Context& ctx);
StatusOr<http::Response> AcceptReport(Context& ctx);
StatusOr<http::Response> ReturnReport(Context& ctx);
StatusOr<http::Response> SetProjectOpening(Context& ctx);
StatusOr<http::Response> SetProjectReporting(Context& ctx);
StatusOr<http::Response> DownloadReportSheet(Context& ctx);
StatusOr<http::Response> UploadReportSheet(Context& ctx);
StatusOr<http::Response> CommitReportSheet(Context& ctx);
StatusOr<http::Response> UploadReportPhoto(Context& ctx);
StatusOr<http::Response> DownloadReportPhoto(Context& ctx);
StatusOr<http::Response> DeleteReportPhoto(Context& ctx);
StatusOr<http::Response> ListNotifications(Context& ctx);
StatusOr<http::Response> ReadNotification(Context& ctx);

// project_api.cc: the units whose projects a unit user may see (its unit and sub-units);
// nullopt for roles that see everything.
StatusOr<std::optional<std::vector<int64_t>>> UnitScope(Context& ctx);
// project_api.cc: whether a project is within a UnitScope (its lead or owner unit is one of
// the scope's units; every project when the scope is nullopt).
bool InUnitScope(const std::optional<std::vector<int64_t>>& scope, const store::ProjectFields& p);
// plan_api.cc
StatusOr<http::Response> ListPlans(Context& ctx);
StatusOr<http::Response> GetPlan(Context& ctx);
StatusOr<http::Response> PutPlan(Context& ctx);
StatusOr<http::Response> SavePlans(Context& ctx);
StatusOr<http::Response> IssuePlans(Context& ctx);
StatusOr<http::Response> GetUnitTargets(Context& ctx);
StatusOr<http::Response> GetUnitTarget(Context& ctx);
StatusOr<http::Response> PutUnitTargets(Context& ctx);
StatusOr<http::Response> ExportPlans(Context& ctx);
StatusOr<http::Response> UploadPlanSheet(Context& ctx);
StatusOr<http::Response> CommitPlanSheet(Context& ctx);
// status_api.cc
StatusOr<http::Response> ListStatusRules(Context& ctx);
StatusOr<http::Response> CreateStatusRule(Context& ctx);
StatusOr<http::Response> UpdateStatusRule(Context& ctx);
StatusOr<http::Response> DeleteStatusRule(Context& ctx);
StatusOr<http::Response> ListStatuses(Context& ctx);
StatusOr<http::Response> ExportStatuses(Context& ctx);
// dashboard_api.cc
StatusOr<http::Response> GetDashboard(Context& ctx);
StatusOr<http::Response> DashboardProjects(Context& ctx);
// The dashboard's (or a drill-down's) answer when it is in the cache: nullopt otherwise, or
// for a request the handlers would refuse. Reads no database.
std::optional<http::Response> CachedDashboardResponse(Context& ctx);
// map_api.cc
StatusOr<http::Response> MapProjects(Context& ctx);
StatusOr<http::Response> MapProjectCard(Context& ctx);
StatusOr<http::Response> SetProjectLocation(Context& ctx);
StatusOr<http::Response> ListMapLayers(Context& ctx);
StatusOr<http::Response> GetMapLayer(Context& ctx);
StatusOr<http::Response> PutMapLayer(Context& ctx);
StatusOr<http::Response> DeleteMapLayer(Context& ctx);
StatusOr<http::Response> PutUnitArea(Context& ctx);
StatusOr<http::Response> DeleteUnitArea(Context& ctx);
// ranking_api.cc
StatusOr<http::Response> GetRankings(Context& ctx);
StatusOr<http::Response> GetQuarterScores(Context& ctx);
StatusOr<http::Response> ExportRankings(Context& ctx);
StatusOr<http::Response> ExportQuarterScores(Context& ctx);
StatusOr<http::Response> PutInspectionScores(Context& ctx);
StatusOr<http::Response> GetRankingSettings(Context& ctx);
StatusOr<http::Response> PutRankingSettings(Context& ctx);
StatusOr<http::Response> ListEscalations(Context& ctx);
// The step that records a month's escalations when it is locked (empty when they cannot be
// computed: the lock goes on without them).
store::InTransaction EscalationRecorder(Context& ctx, const domain::Period& month);
// warning_api.cc
StatusOr<http::Response> ListWarnings(Context& ctx);
StatusOr<http::Response> ExportWarnings(Context& ctx);
StatusOr<http::Response> AcknowledgeWarning(Context& ctx);
// Brings the warning centre in line with the colours of the month being reported when data
// changed since the last time (or the month turned); cheap otherwise.
Status SyncWarnings(Context& ctx);
// delivery_api.cc
StatusOr<http::Response> GetDeliverySettings(Context& ctx);
StatusOr<http::Response> PutDeliverySettings(Context& ctx);
StatusOr<http::Response> TestDelivery(Context& ctx);
StatusOr<http::Response> ListDeliveries(Context& ctx);

// project_api.cc: the project if the signed-in user may see it (403 otherwise: a unit user
// sees only its units' projects). Who may edit at all is the route table's roles.
StatusOr<store::Project> AccessibleProject(Context& ctx, int64_t id);

// attachment_api.cc: a file name as the user gave it, without any directory part or control
// characters, at most 200 bytes.
std::string CleanFileName(std::string_view name);

// Shared JSON shapes.
boost::json::object UserJson(const store::User& u);

// supervision_api.cc
// briefing_api.cc: ledgers, briefing templates, briefings and information release.
StatusOr<http::Response> GetLedgers(Context& ctx);
StatusOr<http::Response> DownloadLedger(Context& ctx);
StatusOr<http::Response> ListBriefingTemplates(Context& ctx);
StatusOr<http::Response> GetBriefingTemplate(Context& ctx);
StatusOr<http::Response> CreateBriefingTemplate(Context& ctx);
StatusOr<http::Response> UpdateBriefingTemplate(Context& ctx);
StatusOr<http::Response> DeleteBriefingTemplate(Context& ctx);
StatusOr<http::Response> ListBriefingPlaceholders(Context& ctx);
StatusOr<http::Response> PreviewBriefingTemplate(Context& ctx);
StatusOr<http::Response> ListBriefings(Context& ctx);
StatusOr<http::Response> CreateBriefing(Context& ctx);
StatusOr<http::Response> GetBriefing(Context& ctx);
StatusOr<http::Response> UpdateBriefing(Context& ctx);
StatusOr<http::Response> RegenerateBriefing(Context& ctx);
StatusOr<http::Response> PublishBriefing(Context& ctx);
StatusOr<http::Response> ReadBriefing(Context& ctx);
StatusOr<http::Response> DeleteBriefing(Context& ctx);
StatusOr<http::Response> BriefingDocx(Context& ctx);
StatusOr<http::Response> BriefingPdf(Context& ctx);

StatusOr<http::Response> ListSupervisionItems(Context& ctx);
StatusOr<http::Response> CreateSupervisionItem(Context& ctx);
StatusOr<http::Response> GetSupervisionItem(Context& ctx);
StatusOr<http::Response> UpdateSupervisionItem(Context& ctx);
StatusOr<http::Response> ActOnSupervisionItem(Context& ctx);
StatusOr<http::Response> UploadSupervisionAttachment(Context& ctx);
StatusOr<http::Response> DownloadSupervisionAttachment(Context& ctx);
StatusOr<http::Response> SupervisionStats(Context& ctx);

// supervision_export_api.cc
StatusOr<http::Response> SupervisionSheet(Context& ctx);
StatusOr<http::Response> ExportSupervisionItems(Context& ctx);

// task_ledger_api.cc
StatusOr<http::Response> ListTaskLedgers(Context& ctx);
StatusOr<http::Response> CreateTaskLedger(Context& ctx);
StatusOr<http::Response> GetTaskLedger(Context& ctx);
StatusOr<http::Response> UpdateTaskLedger(Context& ctx);
StatusOr<http::Response> TaskLedgerTemplate(Context& ctx);
StatusOr<http::Response> PreviewTaskImport(Context& ctx);
StatusOr<http::Response> CommitTaskImport(Context& ctx);

// meeting_api.cc
StatusOr<http::Response> ListMeetings(Context& ctx);
StatusOr<http::Response> CreateMeeting(Context& ctx);
StatusOr<http::Response> GetMeeting(Context& ctx);
StatusOr<http::Response> UpdateMeeting(Context& ctx);

// reminder_api.cc
StatusOr<http::Response> GetWorkCalendar(Context& ctx);
StatusOr<http::Response> PutWorkCalendar(Context& ctx);
StatusOr<http::Response> AddWorkingDays(Context& ctx);
StatusOr<http::Response> GetSupervisionSettings(Context& ctx);
StatusOr<http::Response> PutSupervisionSettings(Context& ctx);
StatusOr<http::Response> RunSupervisionReminders(Context& ctx);

}  // namespace tuijin::api
