// File-system helpers shared by the test executables: temporary folders, the working
// directory, whole-file reads and writes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace hlab::testing {

namespace fs = std::filesystem;

// A fresh folder below the system temp folder (its canonical path), removed with everything
// in it on destruction; permissions are restored first, so a test that made parts
// read-only still cleans up.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const fs::path& rel) const { return path_ / rel; }

 private:
  fs::path path_;
};

// Changes the working directory for its lifetime.
class CwdGuard {
 public:
  explicit CwdGuard(const fs::path& dir);
  ~CwdGuard();
  CwdGuard(const CwdGuard&) = delete;
  CwdGuard& operator=(const CwdGuard&) = delete;

 private:
  fs::path old_;
};

// The bytes of a file; throws when it cannot be read.
std::string read_file(const fs::path& p);
// Writes `content` to `p`, creating parent folders; throws when it cannot.
void write_file(const fs::path& p, std::string_view content);

}  // namespace hlab::testing
