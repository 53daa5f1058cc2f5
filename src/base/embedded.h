// Files compiled into the binary (web assets, SQL migrations). See cmake/Embed.cmake.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace tuijin::embed {

struct EmbeddedFile {
  const char* path;  // relative to the embedded directory, '/' separated
  const char* data;  // NUL-terminated after `size` bytes
  std::size_t size;

  std::string_view Path() const { return path; }
  std::string_view Contents() const { return {data, size}; }
};

// db/migrations/**, e.g. "sqlite/0001_init.sql".
std::span<const EmbeddedFile> kMigrationFiles();
// "divisions.csv": code,name lines of administrative divisions (province, city, county).
std::span<const EmbeddedFile> kDivisionFiles();
// web/dist/**, e.g. "index.html", "assets/index-3f2a.js". Empty when web/ was not built.
std::span<const EmbeddedFile> kWebAssetFiles();

}  // namespace tuijin::embed
