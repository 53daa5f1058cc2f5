// Logging: spdlog, one process-wide logger writing to stderr.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace tuijin {

// Sets the level ("trace", "debug", "info", "warn", "error", "off") and the line format.
void InitLogging(std::string_view level);

}  // namespace tuijin
