#include "config/config.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <toml++/toml.h>
#include <variant>

#include "domain/status_rules.h"

extern char** environ;

namespace tuijin::config {
namespace {

using Member = std::variant<std::string Config::*, int64_t Config::*, bool Config::*>;

struct Option {
  const char* name;
  const char* env;
  const char* default_value;
  const char* help;
  Member member;
  int64_t min = 0;  // integers only
  int64_t max = 0;
  bool secret = false;
  bool may_be_empty = false;  // strings only
};

// The one table of options.
const Option kOptions[] = {
    {"listen", "TUIJIN_LISTEN", "127.0.0.1:8080", "监听地址 host:port", &Config::listen},
    {"db", "TUIJIN_DB", "data/tuijin.db", "SQLite 文件路径或 postgresql:// 连接串", &Config::db, 0, 0, true},
    {"data_dir", "TUIJIN_DATA_DIR", "data", "数据目录(附件、上传文件)", &Config::data_dir},
    {"log_level", "TUIJIN_LOG_LEVEL", "info", "日志级别 trace|debug|info|warn|error", &Config::log_level},
    {"io_threads", "TUIJIN_IO_THREADS", "2", "网络 I/O 线程数", &Config::io_threads, 1, 64},
    {"workers", "TUIJIN_WORKERS", "16", "请求处理线程数", &Config::workers, 1, 256},
    {"db_pool_size", "TUIJIN_DB_POOL_SIZE", "16", "数据库连接池大小", &Config::db_pool_size, 1, 256},
    {"max_connections", "TUIJIN_MAX_CONNECTIONS", "4096", "最大并发连接数", &Config::max_connections, 1, 100000},
    {"max_body_bytes", "TUIJIN_MAX_BODY_BYTES", "1048576", "普通请求体上限(字节)", &Config::max_body_bytes, 1024, 1LL << 30},
    {"max_upload_bytes", "TUIJIN_MAX_UPLOAD_BYTES", "52428800", "上传文件请求体上限(字节)", &Config::max_upload_bytes, 1024, 1LL << 32},
    {"max_header_bytes", "TUIJIN_MAX_HEADER_BYTES", "16384", "请求头上限(字节)", &Config::max_header_bytes, 1024, 1 << 20},
    {"read_timeout_seconds", "TUIJIN_READ_TIMEOUT_SECONDS", "30", "读取一个请求的超时(秒)", &Config::read_timeout_seconds, 1, 3600},
    {"idle_timeout_seconds", "TUIJIN_IDLE_TIMEOUT_SECONDS", "60", "空闲长连接的超时(秒)", &Config::idle_timeout_seconds, 1, 3600},
    {"shutdown_timeout_seconds", "TUIJIN_SHUTDOWN_TIMEOUT_SECONDS", "30", "优雅停机等待进行中请求的上限(秒)", &Config::shutdown_timeout_seconds, 1, 3600},
    {"session_idle_minutes", "TUIJIN_SESSION_IDLE_MINUTES", "120", "会话空闲超时(分钟)", &Config::session_idle_minutes, 1, 100000},
    {"session_max_hours", "TUIJIN_SESSION_MAX_HOURS", "12", "会话最长有效期(小时)", &Config::session_max_hours, 1, 10000},
    {"login_max_failures", "TUIJIN_LOGIN_MAX_FAILURES", "5", "同一账号在窗口内允许的失败登录次数", &Config::login_max_failures, 1, 1000},
    {"login_max_failures_per_ip", "TUIJIN_LOGIN_MAX_FAILURES_PER_IP", "30", "同一地址在窗口内允许的失败登录次数", &Config::login_max_failures_per_ip, 1, 100000},
    {"login_window_minutes", "TUIJIN_LOGIN_WINDOW_MINUTES", "15", "失败登录计数窗口(分钟)", &Config::login_window_minutes, 1, 10000},
    {"report_deadline_day", "TUIJIN_REPORT_DEADLINE_DAY", "5", "月度进度填报截止:次月几日", &Config::report_deadline_day, 1, 28},
    {"report_deadline_hour", "TUIJIN_REPORT_DEADLINE_HOUR", "17", "填报截止时刻(北京时间,时)", &Config::report_deadline_hour, 0, 23},
    {"schedule_granularity", "TUIJIN_SCHEDULE_GRANULARITY", "month", "序时进度的计算粒度 month|half_month|day", &Config::schedule_granularity},
    {"delivery_retry_seconds", "TUIJIN_DELIVERY_RETRY_SECONDS", "30", "消息推送失败后首次重试的等待(秒,之后每次×4)", &Config::delivery_retry_seconds, 1, 86400},
    {"delivery_max_attempts", "TUIJIN_DELIVERY_MAX_ATTEMPTS", "5", "消息推送最多尝试次数", &Config::delivery_max_attempts, 1, 20},
    {"delivery_timeout_seconds", "TUIJIN_DELIVERY_TIMEOUT_SECONDS", "10", "一次推送(群机器人或邮件)的超时(秒,连接最多 5 秒)", &Config::delivery_timeout_seconds, 1, 300},
    {"cookie_secure", "TUIJIN_COOKIE_SECURE", "false", "会话 Cookie 加 Secure(经 HTTPS 反向代理时打开)", &Config::cookie_secure},
    {"daily_reminders", "TUIJIN_DAILY_REMINDERS", "true", "每天按设定时刻发出督办提醒(多实例部署时只需一台打开)", &Config::daily_reminders},
    {"district", "TUIJIN_DISTRICT", "云河区", "本区(县)名称,用于台账标题和专报正文", &Config::district},
    {"office", "TUIJIN_OFFICE", "云河区发展和改革局", "发文机关名称,用于专报、通报的落款", &Config::office},
    {"trusted_proxies", "TUIJIN_TRUSTED_PROXIES", "", "可信反向代理地址(逗号分隔):只有来自它们的 X-Forwarded-For 才作为客户端地址", &Config::trusted_proxies, 0, 0, false, true},
    {"expensive_per_minute", "TUIJIN_EXPENSIVE_PER_MINUTE", "60", "每个用户每分钟最多的导入、导出和文档生成请求数", &Config::expensive_per_minute, 1, 100000},
    {"audit_retention_days", "TUIJIN_AUDIT_RETENTION_DAYS", "0", "操作日志保留天数(0 为永久保留)", &Config::audit_retention_days, 0, 36500},
    {"map_tile_url", "TUIJIN_MAP_TILE_URL", "", "项目作战地图的底图瓦片地址(XYZ 模板,含 {z} {x} {y},可含 {s};天地图等 WMTS 亦可);留空为离线模式,只用上传的边界和道路图层", &Config::map_tile_url, 0, 0, false, true},
    {"map_tile_attribution", "TUIJIN_MAP_TILE_ATTRIBUTION", "", "底图版权说明,显示在地图右下角(如 天地图 © 国家地理信息公共服务平台)", &Config::map_tile_attribution, 0, 0, false, true},
    {"map_tile_subdomains", "TUIJIN_MAP_TILE_SUBDOMAINS", "abc", "瓦片地址中 {s} 依次取的字符(天地图为 01234567)", &Config::map_tile_subdomains},
    {"map_tile_max_zoom", "TUIJIN_MAP_TILE_MAX_ZOOM", "18", "底图最大缩放级别", &Config::map_tile_max_zoom, 1, 22},
};

Status SetValue(Config& config, const Option& opt, const std::string& value, const std::string& source) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("config.invalid",
                                   fmt::format("配置项 {} 的值 \"{}\" 无效({}):{}", opt.name,
                                               opt.secret ? "****" : value, source, why));
  };
  if (auto* s = std::get_if<std::string Config::*>(&opt.member)) {
    if (value.empty() && !opt.may_be_empty && std::string_view(opt.name) != "data_dir") return bad("不能为空");
    config.*(*s) = value;
  } else if (auto* i = std::get_if<int64_t Config::*>(&opt.member)) {
    int64_t n = 0;
    size_t used = 0;
    try {
      n = std::stoll(value, &used);
    } catch (const std::exception&) {
      return bad("应为整数");
    }
    if (used != value.size()) return bad("应为整数");
    if (n < opt.min || n > opt.max) return bad(fmt::format("应在 {} 到 {} 之间", opt.min, opt.max));
    config.*(*i) = n;
  } else if (auto* b = std::get_if<bool Config::*>(&opt.member)) {
    if (value == "true" || value == "1" || value == "yes" || value == "on") {
      config.*(*b) = true;
    } else if (value == "false" || value == "0" || value == "no" || value == "off") {
      config.*(*b) = false;
    } else {
      return bad("应为 true 或 false");
    }
  }
  return Status::Ok();
}

Status Validate(const Config& c) {
  const auto colon = c.listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == c.listen.size()) {
    return Status::InvalidArgument("config.invalid", "配置项 listen 应为 host:port,例如 127.0.0.1:8080");
  }
  static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
  bool level_ok = false;
  for (const char* l : kLevels) level_ok |= c.log_level == l;
  if (!level_ok) return Status::InvalidArgument("config.invalid", "配置项 log_level 应为 trace|debug|info|warn|error|off");
  if (!domain::ParseGranularity(c.schedule_granularity)) {
    return Status::InvalidArgument("config.invalid", "配置项 schedule_granularity 应为 month、half_month 或 day");
  }
  if (!c.map_tile_url.empty()) {
    const std::string& u = c.map_tile_url;
    const bool scheme = u.starts_with("http://") || u.starts_with("https://") || u.starts_with("/");
    const bool xyz = u.find("{z}") != std::string::npos && u.find("{x}") != std::string::npos &&
                     (u.find("{y}") != std::string::npos || u.find("{-y}") != std::string::npos);
    if (!scheme || !xyz) {
      return Status::InvalidArgument("config.invalid",
                                     "配置项 map_tile_url 应为以 http://、https:// 或 / 开头、含 {z} {x} {y} 的瓦片地址模板");
    }
  }
  return Status::Ok();
}

std::string TomlValueAsString(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  if (auto i = node.value<int64_t>()) return std::to_string(*i);
  if (auto b = node.value<bool>()) return *b ? "true" : "false";
  return {};
}

}  // namespace

std::vector<OptionInfo> Options() {
  std::vector<OptionInfo> out;
  for (const Option& o : kOptions) out.push_back({o.name, o.env, o.default_value, o.help, o.secret});
  return out;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string_view::npos) env.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return env;
}

StatusOr<Config> Load(const std::string& file, const std::map<std::string, std::string>& env,
                      const std::map<std::string, std::string>& flags) {
  Config config;
  for (const Option& o : kOptions) RETURN_IF_ERROR(SetValue(config, o, o.default_value, "默认值"));

  std::string path = file;
  if (path.empty()) {
    if (auto it = env.find("TUIJIN_CONFIG"); it != env.end()) path = it->second;
  }
  if (path.empty() && std::filesystem::exists("tuijin.toml")) path = "tuijin.toml";
  if (!path.empty()) {
    if (!std::filesystem::exists(path)) {
      return Status::InvalidArgument("config.file_missing", fmt::format("配置文件不存在:{}", path));
    }
    toml::table table;
    try {
      table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      return Status::InvalidArgument(
          "config.file_invalid",
          fmt::format("配置文件 {} 第 {} 行格式错误:{}", path, e.source().begin.line, e.description()));
    }
    for (const auto& [key, node] : table) {
      const Option* opt = nullptr;
      for (const Option& o : kOptions) {
        if (key.str() == o.name) opt = &o;
      }
      if (!opt) {
        return Status::InvalidArgument("config.unknown_option",
                                       fmt::format("配置文件 {} 中有未知配置项 {}", path, key.str()));
      }
      RETURN_IF_ERROR(SetValue(config, *opt, TomlValueAsString(node), "配置文件 " + path));
    }
  }
  for (const Option& o : kOptions) {
    if (auto it = env.find(o.env); it != env.end()) {
      RETURN_IF_ERROR(SetValue(config, o, it->second, std::string("环境变量 ") + o.env));
    }
  }
  for (const auto& [name, value] : flags) {
    const Option* opt = nullptr;
    for (const Option& o : kOptions) {
      if (name == o.name) opt = &o;
    }
    if (!opt) return Status::InvalidArgument("config.unknown_option", "未知配置项 " + name);
    RETURN_IF_ERROR(SetValue(config, *opt, value, "命令行参数 --" + name));
  }
  RETURN_IF_ERROR(Validate(config));
  return config;
}

std::string MaskDatabaseUrl(const std::string& db) {
  // postgresql://user:password@host/db → postgresql://user:****@host/db
  const auto scheme = db.find("://");
  if (scheme == std::string::npos) return db;
  const auto at = db.find('@', scheme + 3);
  if (at == std::string::npos) return db;
  const auto colon = db.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return db;
  return db.substr(0, colon + 1) + "****" + db.substr(at);
}

std::string Dump(const Config& config) {
  std::string out;
  for (const Option& o : kOptions) {
    std::string value;
    if (auto* s = std::get_if<std::string Config::*>(&o.member)) value = config.*(*s);
    if (auto* i = std::get_if<int64_t Config::*>(&o.member)) value = std::to_string(config.*(*i));
    if (auto* b = std::get_if<bool Config::*>(&o.member)) value = config.*(*b) ? "true" : "false";
    if (o.secret) value = std::string_view(o.name) == "db" ? MaskDatabaseUrl(value) : "****";
    out += fmt::format("{} = {}\n", o.name, value);
  }
  return out;
}

}  // namespace tuijin::config
