// Configuration: one table of options (config.cc, kOptions). Each option has a name (the
// TOML key and the --flag), a TUIJIN_* environment variable, a default, a validator and a
// secret mark. Sources in increasing precedence: the TOML file, the environment, flags.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"

namespace tuijin::config {

struct Config {
  std::string listen;             // host:port
  std::string db;                 // SQLite path or postgresql:// URL
  std::string data_dir;           // attachments, uploads
  std::string log_level;
  int64_t io_threads = 0;
  int64_t workers = 0;
  int64_t db_pool_size = 0;
  int64_t max_connections = 0;
  int64_t max_body_bytes = 0;
  int64_t max_upload_bytes = 0;
  int64_t max_header_bytes = 0;
  int64_t read_timeout_seconds = 0;
  int64_t idle_timeout_seconds = 0;
  int64_t shutdown_timeout_seconds = 0;
  int64_t session_idle_minutes = 0;
  int64_t session_max_hours = 0;
  int64_t login_max_failures = 0;
  int64_t login_max_failures_per_ip = 0;
  int64_t login_window_minutes = 0;
  int64_t report_deadline_day = 0;   // monthly reports are due on this day of the next month
  int64_t report_deadline_hour = 0;  // at this hour, +08:00
  std::string schedule_granularity;  // 序时进度: month, half_month or day
  int64_t delivery_retry_seconds = 0;    // the first retry's wait; each next one waits 4× longer
  int64_t delivery_max_attempts = 0;     // then the delivery is failed
  int64_t delivery_timeout_seconds = 0;  // one attempt (connect at most 5 s of it)
  bool cookie_secure = false;
  bool daily_reminders = true;    // run the supervision reminders once a day (reminder_scheduler.h)
  std::string district;           // 云河区: ledger titles and briefing text
  std::string office;             // 云河区发展和改革局: the issuer of briefings
  std::string trusted_proxies;    // comma-separated addresses whose X-Forwarded-For is believed
  int64_t audit_retention_days = 0;  // 操作日志 kept this long; 0: forever
  int64_t expensive_per_minute = 0;  // imports, exports and documents one user may ask for a minute
  // The map's basemap: an XYZ tile URL template ({z}/{x}/{y}, {s} for subdomains; a WMTS
  // KVP URL such as 天地图's fits too); empty: offline, the admin's GeoJSON layers only.
  std::string map_tile_url;
  std::string map_tile_attribution;
  int64_t map_tile_max_zoom = 18;
  std::string map_tile_subdomains;  // what {s} takes, one character each ("abc"; 天地图 "01234567")

  bool IsPostgres() const { return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0; }
};

struct OptionInfo {
  std::string name;
  std::string env;
  std::string default_value;
  std::string help;
  bool secret;
};

// Every option, in table order (for help and for registering flags).
std::vector<OptionInfo> Options();

// Builds the configuration. `file` is the TOML path ("" = TUIJIN_CONFIG or ./tuijin.toml
// when present); `env` is the process environment as name → value; `flags` holds the
// options given on the command line by name. Fails naming the option and the source.
StatusOr<Config> Load(const std::string& file, const std::map<std::string, std::string>& env,
                      const std::map<std::string, std::string>& flags);

// The process environment as a map (for Load).
std::map<std::string, std::string> ProcessEnvironment();

// "name = value (source)" lines with secrets masked, for `tuijin config-dump`.
std::string Dump(const Config& config);

// The database setting with any password replaced by "****".
std::string MaskDatabaseUrl(const std::string& db);

}  // namespace tuijin::config
