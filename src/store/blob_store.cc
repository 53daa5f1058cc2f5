#include "store/blob_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/crypto.h"

namespace tuijin::store {

std::string BlobStore::PathFor(const std::string& sha) const { return root_ + "/" + sha.substr(0, 2) + "/" + sha.substr(2); }

StatusOr<std::string> BlobStore::Put(std::string_view bytes) {
  const std::string sha = Sha256Hex(bytes);
  const std::string path = PathFor(sha);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return sha;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) return Status::Internal("无法创建附件目录:" + ec.message());
  const std::string tmp = path + ".tmp" + RandomHex(4);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0640);
  if (fd < 0) return Status::Internal("无法写入附件");
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::Internal("写入附件失败(磁盘已满?)");
    }
    written += static_cast<size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::Internal("保存附件失败:" + ec.message());
  return sha;
}

StatusOr<std::string> BlobStore::Read(const std::string& sha) const {
  if (sha.size() != 64 || sha.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Status::NotFound("attachment.not_found", "附件不存在");
  }
  std::ifstream in(PathFor(sha), std::ios::binary);
  if (!in) return Status::NotFound("attachment.missing", "附件文件已丢失");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace tuijin::store
