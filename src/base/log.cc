#include "base/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace tuijin {

void InitLogging(std::string_view level) {
  auto logger = spdlog::get("tuijin");
  if (!logger) logger = spdlog::stderr_color_mt("tuijin");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%-5l%$ %v");
  logger->set_level(spdlog::level::from_str(std::string(level)));
  spdlog::set_default_logger(logger);
}

}  // namespace tuijin
