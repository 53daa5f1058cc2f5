// The command table. Each command registers its flags on a CLI11 app and runs; `help` is
// generated from the table.
#include "cli/cli.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <malloc.h>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <iostream>
#include <map>
#include <memory>

#include "api/app.h"
#include "api/report_jobs.h"
#include "base/crypto.h"
#include "base/log.h"
#include "config/config.h"
#include "db/backup.h"
#include "db/migrate.h"
#include "demo/demo.h"
#include "demo/demo_map.h"
#include "demo/demo_projects.h"
#include "store/plan_store.h"
#include "domain/account.h"
#include "api/reminder_scheduler.h"
#include "demo/demo_supervision.h"
#include "http/server.h"

namespace tuijin::cli {
namespace {

// What a command's flags fill in.
struct Args {
  std::string config_file;
  std::map<std::string, std::string> config_flags;
  bool migrate = false;
  bool demo = false;
  // user add / passwd
  std::string username, password, role, display_name;
  int64_t unit_id = 0;
  // demo
  int projects = demo::kDefaultProjectCount;
  int report_months = -1;
  // report
  std::string report_what, report_period, report_out, report_kind = "projects", report_group = "level";
  int64_t report_template = 0, report_briefing = 0;
  // backup / restore
  std::string backup_out, restore_from;
  bool force = false;
  // routes
  bool json = false;
};

struct Command {
  const char* name;
  const char* summary;
  void (*setup)(CLI::App& app, Args& args);
  int (*run)(Args& args);
};

// Flags for every configuration option (--db, --listen, …) and --config.
void AddConfigFlags(CLI::App& app, Args& args) {
  app.add_option("--config", args.config_file, "TOML 配置文件(默认 TUIJIN_CONFIG 或 ./tuijin.toml)");
  for (const auto& o : config::Options()) {
    std::string name = o.name;
    app.add_option_function<std::string>(
           "--" + name, [&args, name](const std::string& v) { args.config_flags[name] = v; },
           fmt::format("{} (环境变量 {},默认 {})", o.help, o.env, o.default_value))
        ->type_name("VALUE");
  }
}

StatusOr<config::Config> LoadConfig(const Args& args) {
  auto cfg = config::Load(args.config_file, config::ProcessEnvironment(), args.config_flags);
  if (!cfg.ok()) return cfg.status();
  InitLogging(cfg->log_level);
  return cfg;
}

int Fail(const Status& st) {
  std::cerr << "错误:" << st.message() << "\n";
  for (const auto& [field, why] : st.fields()) std::cerr << "  " << field << ":" << why << "\n";
  return st.code() == StatusCode::kInvalidArgument ? 2 : 1;
}

// Opens the database and, unless `migrate`, insists on the current schema.
StatusOr<std::unique_ptr<db::Database>> OpenDatabase(const config::Config& cfg, bool migrate) {
  ASSIGN_OR_RETURN(auto database, db::Database::Open(cfg.db, static_cast<size_t>(cfg.db_pool_size)));
  if (migrate) {
    RETURN_IF_ERROR(db::Migrate(*database, [](const db::Migration& m) { spdlog::info("applied migration {}", m.name); }));
  }
  RETURN_IF_ERROR(db::CheckSchema(*database));
  return database;
}

void PrintDemoLogins(std::ostream& out) {
  out << "演示账号(密码均为 " << demo::kDemoPassword << "):\n";
  for (const auto& l : demo::DemoLogins()) out << fmt::format("  {:<10} {:<7} {}\n", l.username, l.role, l.description);
}

// serve ---------------------------------------------------------------------------------

void SetupServe(CLI::App& app, Args& args) {
  AddConfigFlags(app, args);
  app.add_flag("--migrate", args.migrate, "启动前执行数据库迁移");
  app.add_flag("--demo", args.demo, "启动前迁移数据库并载入演示数据(已存在的不重复载入)");
}

int RunServe(Args& args) {
  // glibc gives each thread that allocates its own arena and keeps what it freed there: with
  // 16 workers each rendering a ledger or a PDF once, the server held 16 peaks (435 MB after
  // ten briefing PDFs, bench/briefings.mjs); even two arenas kept a PDF's 30 MB of font
  // subsetting twice (158 MB against 131 MB with one). One arena: small blocks come from each
  // thread's tcache without its lock, so the workers hardly contend for it.
  mallopt(M_ARENA_MAX, 1);
  auto cfg = LoadConfig(args);
  if (!cfg.ok()) return Fail(cfg.status());
  auto database = OpenDatabase(*cfg, args.migrate || args.demo);
  if (!database.ok()) return Fail(database.status());
  api::Services services(*cfg, **database);
  // 操作日志 retention: the triggers let only entries older than this go (0: none ever).
  if (Status st = services.audit.SetRetention(cfg->audit_retention_days); !st.ok()) return Fail(st);
  if (auto purged = services.audit.Purge(); !purged.ok()) {
    return Fail(purged.status());
  } else if (*purged > 0) {
    spdlog::info("操作日志:清理超过 {} 天保留期限的记录 {} 条", cfg->audit_retention_days, *purged);
  }
  if (args.demo) {
    const Status st = demo::LoadAll(
        {services.units, services.users, services.dictionaries, services.projects, services.plans, services.reports},
        demo::kDefaultProjectCount, /*report_months=*/-1, std::cout);
    if (!st.ok()) return Fail(st);
    if (Status m = demo::LoadMapLayers(services.units, services.users, services.maps, std::cout); !m.ok()) return Fail(m);
    const Status sup = demo::LoadSupervision({services.units, services.users, services.projects, services.reports,
                                              services.supervision, services.calendar, services.meetings,
                                              services.task_ledgers},
                                             std::cout);
    if (!sup.ok()) return Fail(sup);
    if (Status b = api::LoadDemoBriefings(services, std::cout); !b.ok()) return Fail(b);
  }

  http::ServerOptions opts;
  const auto colon = cfg->listen.rfind(':');
  opts.host = cfg->listen.substr(0, colon);
  if (opts.host.size() > 2 && opts.host.front() == '[') opts.host = opts.host.substr(1, opts.host.size() - 2);
  opts.port = static_cast<uint16_t>(std::stoi(cfg->listen.substr(colon + 1)));
  opts.io_threads = static_cast<int>(cfg->io_threads);
  opts.workers = static_cast<int>(cfg->workers);
  opts.max_connections = static_cast<int>(cfg->max_connections);
  opts.max_header_bytes = static_cast<size_t>(cfg->max_header_bytes);
  opts.read_timeout_seconds = static_cast<int>(cfg->read_timeout_seconds);
  opts.idle_timeout_seconds = static_cast<int>(cfg->idle_timeout_seconds);
  opts.shutdown_timeout_seconds = static_cast<int>(cfg->shutdown_timeout_seconds);

  api::App app(services);
  http::Server server(opts, app);
  if (Status st = server.Listen(); !st.ok()) return Fail(st);
  std::cout << fmt::format("tuijin {} 已启动:http://{}:{}  (数据库:{})\n", TUIJIN_VERSION, opts.host, server.port(),
                           config::MaskDatabaseUrl(cfg->db));
  if (args.demo) PrintDemoLogins(std::cout);
  std::cout << "按 Ctrl+C 停止。" << std::endl;
  std::optional<api::ReminderScheduler> reminders;
  if (cfg->daily_reminders) reminders.emplace(services);
  // Outgoing messages go out on their own thread; it stops after the last request drained.
  api::DeliverySender sender(services.deliveries, *cfg, services.delivery_wakeup);
  sender.Start();
  server.Run();
  sender.Stop();
  return 0;
}

// migrate -------------------------------------------------------------------------------

void SetupMigrate(CLI::App& app, Args& args) { AddConfigFlags(app, args); }

int RunMigrate(Args& args) {
  auto cfg = LoadConfig(args);
  if (!cfg.ok()) return Fail(cfg.status());
  auto database = db::Database::Open(cfg->db, 1);
  if (!database.ok()) return Fail(database.status());
  int applied = 0;
  Status st = db::Migrate(**database, [&](const db::Migration& m) {
    std::cout << "已应用迁移 " << m.name << "\n";
    ++applied;
  });
  if (!st.ok()) return Fail(st);
  std::cout << fmt::format("数据库结构已是最新(版本 {},本次应用 {} 个迁移)\n", db::RequiredVersion((*database)->dialect()), applied);
  return 0;
}

// demo ----------------------------------------------------------------------------------

void SetupDemo(CLI::App& app, Args& args) {
  AddConfigFlags(app, args);
  app.add_option("--projects", args.projects,
                 fmt::format("项目个数(默认 {},按省/市/区重点比例生成;用于性能测试可设为 10000)", demo::kDefaultProjectCount))
      ->check(CLI::Range(0, 1000000));
  app.add_option("--report-months", args.report_months,
                 "生成多少个月的进度填报(默认 -1:今年已过的月份;性能测试可设为 36)")
      ->check(CLI::Range(-1, 120));
}

int RunDemo(Args& args) {
  auto cfg = LoadConfig(args);
  if (!cfg.ok()) return Fail(cfg.status());
  auto database = OpenDatabase(*cfg, true);
  if (!database.ok()) return Fail(database.status());
  store::UnitStore units(**database);
  store::UserStore users(**database);
  store::DictionaryStore dictionaries(**database);
  store::ProjectStore projects(**database);
  store::PlanStore plans(**database);
  store::ReportStore reports(**database);
  const Status st = demo::LoadAll({units, users, dictionaries, projects, plans, reports}, args.projects,
                                  args.report_months, std::cout);
  if (!st.ok()) return Fail(st);
  store::MapStore maps(**database);
  if (Status m = demo::LoadMapLayers(units, users, maps, std::cout); !m.ok()) return Fail(m);
  store::SupervisionStore supervision(**database);
  store::CalendarStore calendar(**database);
  store::MeetingStore meetings(**database);
  store::TaskLedgerStore task_ledgers(**database);
  const Status sup =
      demo::LoadSupervision({units, users, projects, reports, supervision, calendar, meetings, task_ledgers}, std::cout);
  if (!sup.ok()) return Fail(sup);
  api::Services services(*cfg, **database);
  if (Status b = api::LoadDemoBriefings(services, std::cout); !b.ok()) return Fail(b);
  PrintDemoLogins(std::cout);
  return 0;
}

// report ledger | briefing -------------------------------------------------------------

void SetupReport(CLI::App& app, Args& args) {
  AddConfigFlags(app, args);
  app.add_option("what", args.report_what, "ledger(台账 .xlsx)或 briefing(专报 .docx/.pdf)")
      ->required()
      ->check(CLI::IsMember({"ledger", "briefing"}));
  app.add_option("--period", args.report_period, "报告期:月份如 2026-10;台账也可按周,如 2026-W48")->required();
  app.add_option("--out", args.report_out, "输出文件;专报按扩展名输出 .docx 或 .pdf")->required();
  app.add_option("--kind", args.report_kind, "台账种类:projects|areas|lagging|missing|overdue(默认 projects)");
  app.add_option("--group", args.report_group, "台账分组:level(按级别)|unit(按地区),默认 level");
  app.add_option("--template", args.report_template, "专报模板编号(默认第一个专报模板)");
  app.add_option("--briefing", args.report_briefing, "输出已保存的某期专报(编号),而不是按模板新生成");
}

int RunReport(Args& args) {
  auto cfg = LoadConfig(args);
  if (!cfg.ok()) return Fail(cfg.status());
  auto database = OpenDatabase(*cfg, false);
  if (!database.ok()) return Fail(database.status());
  api::Services services(*cfg, **database);
  api::ReportJob job;
  job.what = args.report_what;
  job.period = args.report_period;
  job.out = args.report_out;
  job.kind = args.report_kind;
  job.group = args.report_group;
  if (args.report_template > 0) job.template_id = args.report_template;
  if (args.report_briefing > 0) job.briefing_id = args.report_briefing;
  if (Status st = api::RunReportJob(services, job); !st.ok()) return Fail(st);
  std::cout << "已写入 " << job.out << "\n";
  return 0;
}

// user add | passwd | list --------------------------------------------------------------

void SetupUser(CLI::App& app, Args& args) {
  AddConfigFlags(app, args);
  app.require_subcommand(1);
  app.fallthrough();  // --db and friends may follow the subcommand
  auto* add = app.add_subcommand("add", "新增用户");
  add->add_option("--username", args.username, "用户名")->required();
  add->add_option("--password", args.password, "初始密码")->required();
  add->add_option("--role", args.role, "角色 admin|staff|unit|leader|expert")->required();
  add->add_option("--name", args.display_name, "姓名(默认同用户名)");
  add->add_option("--unit", args.unit_id, "所属单位 ID(单位填报员必填)");
  auto* passwd = app.add_subcommand("passwd", "重设用户密码(并注销其所有会话)");
  passwd->add_option("--username", args.username, "用户名")->required();
  passwd->add_option("--password", args.password, "新密码")->required();
  app.add_subcommand("list", "列出用户");
}

int RunUser(Args& args) {
  auto cfg = LoadConfig(args);
  if (!cfg.ok()) return Fail(cfg.status());
  auto database = OpenDatabase(*cfg, false);
  if (!database.ok()) return Fail(database.status());
  store::UserStore users(**database);
  if (args.username.empty()) {  // list
    store::UserFilter f;
    f.page.page_size = 100000;
    auto page = users.List(f);
    if (!page.ok()) return Fail(page.status());
    std::cout << fmt::format("{:<5} {:<16} {:<8} {:<12} {}\n", "ID", "用户名", "角色", "姓名", "单位");
    for (const auto& u : page->items) {
      std::cout << fmt::format("{:<5} {:<16} {:<8} {:<12} {}{}\n", u.id, u.username, u.role, u.display_name,
                               u.unit_name.value_or("-"), u.disabled ? " (已停用)" : "");
    }
    return 0;
  }
  if (auto msg = domain::CheckPassword(args.password, args.username); !msg.empty()) {
    return Fail(Status::InvalidArgument("user.password", "--password:" + msg));
  }
  auto hash = HashPassword(args.password);
  if (!hash.ok()) return Fail(hash.status());
  if (args.role.empty()) {  // passwd
    auto found = users.FindForLogin(args.username);
    if (!found.ok()) return Fail(found.status());
    if (!*found) return Fail(Status::NotFound("user.not_found", "用户不存在:" + args.username));
    if (Status st = users.SetPasswordHash((*found)->first.id, *hash, /*must_change=*/false); !st.ok()) return Fail(st);
    std::cout << "已重设 " << args.username << " 的密码,并注销了其所有会话\n";
    return 0;
  }
  if (auto msg = domain::CheckUsername(args.username); !msg.empty()) {
    return Fail(Status::InvalidArgument("user.username", "--username:" + msg));
  }
  if (!domain::ParseRole(args.role)) {
    return Fail(Status::InvalidArgument("user.role", "--role 应为 admin|staff|unit|leader|expert"));
  }
  if (args.role == "unit" && args.unit_id <= 0) {
    return Fail(Status::InvalidArgument("user.unit", "单位填报员必须用 --unit 指定所属单位 ID"));
  }
  store::NewUser in;
  in.username = args.username;
  in.display_name = args.display_name.empty() ? args.username : args.display_name;
  in.role = args.role;
  if (args.unit_id > 0) in.unit_id = args.unit_id;
  in.password_hash = *hash;
  auto created = users.Create(in);
  if (!created.ok()) return Fail(created.status());
  std::cout << fmt::format("已新增用户 {}(ID {},角色 {})\n", created->username, created->id, created->role);
  return 0;
}

// backup | restore | check ------------------------------------------------------------

void SetupBackup(CLI::App& app, Args& args) {
  AddConfigFlags(app, args);
  app.add_option("--out", args.backup_out, "备份文件(先写 文件.part,检查通过后改名)")->required();
}

int RunBackup(Args& args) {
  auto cfg = LoadConfig(args);
  if (!cfg.ok()) return Fail(cfg.status());
  if (cfg->IsPostgres()) {
    // pg_dump knows PostgreSQL's consistency and formats better than anything written here;
    // the command is printed, not run, so that its version and credentials are the operator's.
    std::cerr << "PostgreSQL 数据库请用 PostgreSQL 自带的 pg_dump 备份(与服务器同一主版本):\n"
              << fmt::format("  pg_dump --format=custom --file {} {}\n", args.backup_out, config::MaskDatabaseUrl(cfg->db))
              << "密码请用 PGPASSWORD 环境变量或 ~/.pgpass 提供。恢复到新建的空库:\n"
              << "  createdb 新库名 && pg_restore --dbname postgresql://…/新库名 --no-owner " << args.backup_out << "\n"
              << "详见 README 备份与恢复。\n";
    return 2;
  }
  int last_percent = -1;
  auto info = db::BackupSqlite(cfg->db, args.backup_out, [&](const db::BackupProgress& p) {
    const int percent = p.total_pages > 0 ? static_cast<int>(p.copied_pages * 100 / p.total_pages) : 100;
    if (percent / 25 != last_percent / 25) spdlog::info("backup: {}% ({} / {} pages)", percent, p.copied_pages, p.total_pages);
    last_percent = percent;
  });
  if (!info.ok()) return Fail(info.status());
  std::cout << fmt::format("已备份到 {}(完整性检查通过,结构版本 {},{} KiB)\n", args.backup_out, info->schema_version,
                           info->pages * info->page_size / 1024);
  return 0;
}

void SetupRestore(CLI::App& app, Args& args) {
  AddConfigFlags(app, args);
  app.add_option("--from", args.restore_from, "备份文件(tuijin backup 的输出)")->required();
  app.add_flag("--force", args.force, "目标数据库已存在时覆盖它(须先停止服务)");
}

int RunRestore(Args& args) {
  auto cfg = LoadConfig(args);
  if (!cfg.ok()) return Fail(cfg.status());
  if (cfg->IsPostgres()) {
    return Fail(Status::InvalidArgument(
        "restore.postgres", "restore 只用于 SQLite。PostgreSQL 请用 pg_restore 恢复到新建的空库:"
                            "pg_restore --dbname URL --no-owner 备份文件(详见 README 备份与恢复)"));
  }
  auto info = db::RestoreSqlite(args.restore_from, cfg->db, args.force);
  if (!info.ok()) return Fail(info.status());
  std::cout << fmt::format("已从 {} 恢复到 {}(完整性检查通过,结构版本 {})\n", args.restore_from, cfg->db,
                           info->schema_version);
  if (info->schema_version < db::RequiredVersion(db::Dialect::kSqlite)) {
    std::cout << fmt::format("备份的结构版本低于本程序的 {}:请先运行 tuijin migrate --db {}\n",
                             db::RequiredVersion(db::Dialect::kSqlite), cfg->db);
  }
  std::cout << "请重新启动服务(tuijin serve)以使用恢复的数据库。\n";
  return 0;
}

void SetupCheck(CLI::App& app, Args& args) { AddConfigFlags(app, args); }

int RunCheck(Args& args) {
  auto cfg = LoadConfig(args);
  if (!cfg.ok()) return Fail(cfg.status());
  if (cfg->IsPostgres()) {
    auto database = OpenDatabase(*cfg, false);
    if (!database.ok()) return Fail(database.status());
    std::cout << fmt::format("数据库可用,结构版本 {}\n", db::RequiredVersion(db::Dialect::kPostgres));
    return 0;
  }
  auto info = db::CheckSqliteFile(cfg->db);
  if (!info.ok()) return Fail(info.status());
  const int required = db::RequiredVersion(db::Dialect::kSqlite);
  std::cout << fmt::format("完整性检查通过(PRAGMA integrity_check),结构版本 {}{}\n", info->schema_version,
                           info->schema_version == required ? "" : fmt::format("(本程序需要 {})", required));
  return info->schema_version == required ? 0 : 1;
}

// config-dump, version ------------------------------------------------------------------

void SetupConfigDump(CLI::App& app, Args& args) { AddConfigFlags(app, args); }

int RunConfigDump(Args& args) {
  auto cfg = config::Load(args.config_file, config::ProcessEnvironment(), args.config_flags);
  if (!cfg.ok()) return Fail(cfg.status());
  std::cout << config::Dump(*cfg);
  return 0;
}

void SetupNothing(CLI::App&, Args&) {}

int RunVersion(Args&) {
  std::cout << "tuijin " << TUIJIN_VERSION << "  (数据库结构版本 " << db::RequiredVersion(db::Dialect::kSqlite) << ")\n";
  return 0;
}

// routes --------------------------------------------------------------------------------

void SetupRoutes(CLI::App& app, Args& args) { app.add_flag("--json", args.json, "以 JSON 输出(每个接口一个对象)"); }

// The API's route table: who may call each endpoint and how unit users are scoped on it.
int RunRoutes(Args& args) {
  const auto table = api::RouteTable();
  auto scope_name = [](api::RouteScope s) { return s == api::RouteScope::kOwnUnit ? "own_unit" : "any"; };
  if (args.json) {
    boost::json::array out;
    for (const auto& r : table) {
      boost::json::array roles;
      for (const auto& role : r.roles) roles.emplace_back(role);
      out.push_back(boost::json::object{{"method", r.method}, {"pattern", r.pattern}, {"public", r.is_public},
                                        {"roles", std::move(roles)}, {"scope", scope_name(r.scope)}});
    }
    std::cout << boost::json::serialize(out) << "\n";
    return 0;
  }
  for (const auto& r : table) {
    std::string roles = r.is_public ? "(公开)" : "";
    for (const auto& role : r.roles) roles += (roles.empty() ? "" : ",") + role;
    std::cout << fmt::format("{:<7}{:<55} {:<32} {}\n", r.method, r.pattern, roles, scope_name(r.scope));
  }
  return 0;
}

int RunHelp(Args&);

const Command kCommands[] = {
    {"serve", "启动服务(--demo 载入演示数据,--migrate 先迁移数据库)", SetupServe, RunServe},
    {"migrate", "把数据库结构升级到本程序的版本", SetupMigrate, RunMigrate},
    {"user", "用户管理:add | passwd | list", SetupUser, RunUser},
    {"demo", "载入演示数据(云河区的单位、各角色用户和重点项目)", SetupDemo, RunDemo},
    {"report", "输出某月的台账(.xlsx)或专报(.docx/.pdf),供定时任务使用", SetupReport, RunReport},
    {"backup", "在线备份 SQLite 数据库(服务运行时也可);PostgreSQL 提示用 pg_dump", SetupBackup, RunBackup},
    {"restore", "从备份恢复 SQLite 数据库(先停止服务;已存在时须加 --force)", SetupRestore, RunRestore},
    {"check", "检查数据库:SQLite 完整性(PRAGMA integrity_check)与结构版本", SetupCheck, RunCheck},
    {"config-dump", "显示生效的配置(密钥已遮盖)", SetupConfigDump, RunConfigDump},
    {"routes", "列出 API 接口及可调用的角色与单位范围(--json)", SetupRoutes, RunRoutes},
    {"version", "显示版本", SetupNothing, RunVersion},
    {"help", "显示帮助;help 命令名 显示该命令的参数", SetupNothing, RunHelp},
};

int RunHelp(Args&) {
  std::cout << "tuijin(推进)重点项目管理平台 " << TUIJIN_VERSION << "\n\n用法:tuijin <命令> [参数]\n\n命令:\n";
  for (const Command& c : kCommands) std::cout << fmt::format("  {:<12} {}\n", c.name, c.summary);
  std::cout << "\n配置来源(优先级由低到高):配置文件 tuijin.toml、TUIJIN_* 环境变量、命令行参数。\n"
               "查看某个命令的参数:tuijin help serve\n";
  return 0;
}

}  // namespace

int Run(int argc, char** argv) {
  if (Status st = InitCrypto(); !st.ok()) return Fail(st);
  std::string name = argc > 1 ? argv[1] : "help";
  if (name == "--help" || name == "-h") name = "help";
  if (name == "--version") name = "version";
  bool help_for_command = false;
  if (name == "help" && argc > 2) {
    name = argv[2];
    help_for_command = true;
  }
  for (const Command& c : kCommands) {
    if (name != c.name) continue;
    Args args;
    CLI::App app(c.summary, std::string("tuijin ") + c.name);
    c.setup(app, args);
    if (help_for_command) {
      std::cout << app.help();
      return 0;
    }
    try {
      app.parse(argc - 1, argv + 1);
    } catch (const CLI::ParseError& e) {
      return app.exit(e);
    }
    return c.run(args);
  }
  std::cerr << "未知命令:" << name << "\n\n";
  Args none;
  RunHelp(none);
  return 2;
}

}  // namespace tuijin::cli
