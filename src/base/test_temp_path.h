// Scratch file paths for unit tests. ctest runs each test as its own process, two at a time, so a fixed name
// in the shared temporary directory would be written by two tests at once; the process id keeps them apart.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace tuijin::testing_support {

inline std::string TestTempPath(std::string_view name) {
  return (std::filesystem::path(::testing::TempDir()) /
          ("tuijin_" + std::to_string(::getpid()) + "_" + std::string(name)))
      .string();
}

}  // namespace tuijin::testing_support
