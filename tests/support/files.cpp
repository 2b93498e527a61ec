#include "support/files.hpp"

#include <stdlib.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace hlab::testing {

TempDir::TempDir() {
  std::string templ = (fs::temp_directory_path() / "hlab-test-XXXXXX").string();
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
  path_ = fs::canonical(buf.data());
}

TempDir::~TempDir() {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(path_, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec))
    if (it->is_directory(ec) && !it->is_symlink(ec)) ::chmod(it->path().c_str(), 0755);
  ::chmod(path_.c_str(), 0755);
  fs::remove_all(path_, ec);
}

CwdGuard::CwdGuard(const fs::path& dir) : old_(fs::current_path()) { fs::current_path(dir); }

CwdGuard::~CwdGuard() {
  std::error_code ec;
  fs::current_path(old_, ec);
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

void write_file(const fs::path& p, std::string_view content) {
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + p.string());
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

}  // namespace hlab::testing
