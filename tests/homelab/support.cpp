#include "support.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>
#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "base/source.hpp"
#include "check/check.hpp"
#include "diag/diagnostic.hpp"
#include "emit/writer.hpp"

namespace hlab::homelab_test {

fs::path source_homelab() { return fs::path(HLAB_SOURCE_DIR) / "homelab"; }
fs::path source_out() { return fs::path(HLAB_SOURCE_DIR) / "out"; }


std::size_t count_occurrences(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return 0;
  std::size_t n = 0;
  for (std::size_t pos = hay.find(needle); pos != std::string_view::npos; pos = hay.find(needle, pos + 1)) ++n;
  return n;
}

namespace {

std::uint32_t line_at(std::string_view text, std::size_t offset) {
  return static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n')) + 1;
}

// How a source path is shown in the tests: relative to the homelab folder, or below the stdlib.
std::string shown_path(const std::string& path, const fs::path& root) {
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(path, ec), ec);
  fs::path canon_root = fs::weakly_canonical(root, ec);
  fs::path rel = abs.lexically_relative(canon_root);
  if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  fs::path stdlib = fs::weakly_canonical(fs::path(HLAB_STDLIB_DIR), ec);
  fs::path in_std = abs.lexically_relative(stdlib);
  if (!in_std.empty() && *in_std.begin() != "..") return "<stdlib>/" + in_std.generic_string();
  return path;
}

Loc loc_of(const base::SourceSet& sources, const base::Span& span, const fs::path& root) {
  if (!span.valid()) return Loc{"<nowhere>", 0};
  return Loc{shown_path(sources.get(span.file).path, root), sources.locate(span).line};
}

std::string line_of(const FlatDiag& d) {
  return fmt::format("{} {}:{} {}", d.code, d.loc.file, d.loc.line, d.message);
}

}  // namespace

std::vector<FlatDiag> CheckResult::errors() const {
  std::vector<FlatDiag> out;
  for (const auto& d : diags)
    if (d.error) out.push_back(d);
  return out;
}

std::vector<FlatDiag> CheckResult::warnings() const {
  std::vector<FlatDiag> out;
  for (const auto& d : diags)
    if (!d.error) out.push_back(d);
  return out;
}

std::string CheckResult::listing() const {
  std::string out;
  for (const auto& d : diags) {
    out += line_of(d) + "\n";
    for (const auto& l : d.labels) out += fmt::format("    label {}:{} {}\n", l.loc.file, l.loc.line, l.message);
  }
  return out.empty() ? "(no diagnostics)\n" : out;
}

CheckResult check_folder(const fs::path& root) {
  sema::AnalysisOptions options;
  options.inputs = {root.string()};
  options.stdlib_path = {HLAB_STDLIB_DIR};
  CheckResult r{sema::analyze(options), {}, false};
  // As `hlabc check`: the cross-reference rules assume a well-typed model.
  if (!r.analysis.diags.has_errors()) {
    r.sema_clean = true;
    check::run_checks(r.analysis, r.analysis.diags);
  }
  r.analysis.diags.sort(r.analysis.sources);
  for (const auto& d : r.analysis.diags.diagnostics()) {
    FlatDiag f;
    f.code = std::string(diag::info(d.code).id);
    f.error = d.severity == diag::Severity::Error;
    f.loc = loc_of(r.analysis.sources, d.span, root);
    f.message = d.message;
    f.help = d.help;
    for (const auto& l : d.labels) f.labels.push_back(FlatLabel{loc_of(r.analysis.sources, l.span, root), l.message});
    r.diags.push_back(std::move(f));
  }
  return r;
}

Homelab::Homelab() {
  std::string templ = (fs::temp_directory_path() / "hlab-homelab-test-XXXXXX").string();
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed");
  tmp_ = buf.data();
  root_ = tmp_ / "homelab";
  fs::copy(source_homelab(), root_, fs::copy_options::recursive);
}

Homelab::~Homelab() {
  std::error_code ec;
  fs::remove_all(tmp_, ec);
}

std::string Homelab::read(const std::string& file) const { return read_file(root_ / file); }

void Homelab::replace(const std::string& file, std::string_view find, std::string_view replacement) {
  INFO("edit of homelab/" << file << ": the snippet to replace is\n" << find);
  REQUIRE(fs::exists(root_ / file));
  std::string text = read(file);
  std::size_t n = count_occurrences(text, find);
  if (n != 1) FAIL("the snippet occurs " << n << " times in homelab/" << file << "; it must occur exactly once");
  std::size_t pos = text.find(find);
  text.replace(pos, find.size(), replacement);
  write_file(root_ / file, text);
}

void Homelab::append(const std::string& file, std::string_view text) {
  std::string content = fs::exists(root_ / file) ? read(file) : std::string();
  content += text;
  write_file(root_ / file, content);
}

Loc Homelab::at(const std::string& file, std::string_view snippet, std::string_view anchor) const {
  INFO("locator in homelab/" << file << ": snippet\n" << snippet << "\nanchor: " << anchor);
  REQUIRE(fs::exists(root_ / file));
  std::string text = read(file);
  std::size_t n = count_occurrences(text, snippet);
  if (n != 1) FAIL("the locator snippet occurs " << n << " times in homelab/" << file << "; it must occur exactly once");
  std::size_t pos = text.find(snippet);
  if (!anchor.empty()) {
    std::size_t in = snippet.find(anchor);
    if (in == std::string_view::npos) FAIL("the anchor is not inside the locator snippet");
    pos += in;
  }
  return Loc{file, line_at(text, pos)};
}


std::string replace_once(std::string text, std::string_view find, std::string_view replacement) {
  INFO("replacing\n" << find);
  std::size_t n = count_occurrences(text, find);
  if (n != 1) FAIL("the snippet occurs " << n << " times; it must occur exactly once");
  text.replace(text.find(find), find.size(), replacement);
  return text;
}

std::string dev_cluster() {
  return R"~(
## A development cluster, created through Cluster API from main like gitlab.
cluster dev {
  role = workload
  managed_by = { management = main, namespace = dev-cluster, name = proxmox-dev }
  vip = 192.168.1.40
  ingress_ip = 192.168.1.42
  mesh = { id = 3, endpoint = 192.168.1.41 }
  pod_cidr = 10.169.0.0/16
  dns = "dev.\(m1xxos.zone)"
  flux_name = dev-cluster
  talos_version = talos_version
  kubernetes_version = gitlab_kubernetes_version
  control_plane = { replicas = 1, cpu = 2, memory = 4GiB, disk = 30G }
  workers = { replicas = 1, cpu = 2, memory = 4GiB, disk = 30G }
  worker_ips = 192.168.1.43-192.168.1.49
  proxmox = { node = plusha, template_id = 110 }
  oidc = { issuer = "\(authentik_url)/application/o/k8s/", client_id = "k8s" }
}
)~";
}

Files files_of(const emit::Tree& tree) {
  Files files;
  for (const auto& f : tree.files) files[f.path] = f.content;
  return files;
}

Files read_tree(const fs::path& dir) {
  Files files;
  for (fs::recursive_directory_iterator it(dir), end; it != end; ++it) {
    if (!it->is_regular_file() || it->is_symlink()) continue;
    std::string rel = it->path().lexically_relative(dir).generic_string();
    if (rel == emit::kManifestName) continue;
    files[rel] = read_file(it->path());
  }
  return files;
}

}  // namespace hlab::homelab_test
