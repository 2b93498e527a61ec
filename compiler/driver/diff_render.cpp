// Text, Markdown and JSON views of a tree diff. All three list files in path order, the
// objects of a YAML file in document order (added and changed first, removed last) and
// the fields of an object as the comparison found them.
#include "driver/diff_render.hpp"

#include <fmt/core.h>

#include <nlohmann/json.hpp>

namespace hlab::driver {
namespace {

using emit::Change;
using emit::DiffLine;
using emit::FieldChange;
using emit::FileDiff;
using emit::ObjectDiff;

struct Counts {
  std::size_t added = 0, removed = 0, changed = 0, text_files = 0;
};

Counts count(const std::vector<FileDiff>& diffs) {
  Counts c;
  for (const auto& f : diffs) {
    if (!f.yaml) ++c.text_files;
    for (const auto& o : f.objects) {
      if (o.change == Change::Added) ++c.added;
      else if (o.change == Change::Removed) ++c.removed;
      else ++c.changed;
    }
  }
  return c;
}

std::string plural(std::size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

std::string summary(const std::vector<FileDiff>& diffs) {
  Counts c = count(diffs);
  std::string s = fmt::format("{} {}: {} changed, {} added, {} removed", plural(diffs.size(), "file", "files"),
                              diffs.size() == 1 ? "differs" : "differ",
                              plural(c.changed, "object", "objects"), c.added, c.removed);
  if (c.text_files) s += fmt::format("; {} compared line by line", plural(c.text_files, "other file", "other files"));
  return s;
}

const char* change_word(Change c) {
  switch (c) {
    case Change::Added: return "added";
    case Change::Removed: return "removed";
    case Change::Changed: return "changed";
  }
  return "changed";
}

char change_sign(Change c) { return c == Change::Added ? '+' : c == Change::Removed ? '-' : '~'; }

// "HelmRelease kube-system/cilium (helm.toolkit.fluxcd.io/v2)".
std::string object_title(const ObjectDiff& o) {
  std::string name = o.ns.empty() ? o.name : o.ns + "/" + o.name;
  std::string kind = o.kind.empty() ? "" : o.kind + " ";
  return o.api_version.empty() ? kind + name : fmt::format("{}{} ({})", kind, name, o.api_version);
}

// ---- text ------------------------------------------------------------------------------

struct Paint {
  bool on;
  std::string operator()(const char* code, const std::string& s) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : s;
  }
  const char* of(char op) const { return op == '+' ? "32" : op == '-' ? "31" : op == '@' ? "36" : op == '~' ? "33" : "0"; }
};

void text_lines(std::string& out, const std::vector<DiffLine>& lines, const char* indent, const Paint& paint) {
  for (const auto& l : lines) {
    std::string s = l.op == '@' ? l.text : std::string(1, l.op) + l.text;
    out += indent + (l.op == ' ' ? s : paint(paint.of(l.op), s)) + "\n";
  }
}

void text_field(std::string& out, const FieldChange& f, const Paint& paint) {
  if (!f.lines.empty()) {
    out += fmt::format("      {}:\n", f.path);
    text_lines(out, f.lines, "        ", paint);
  } else if (!f.old_value) {
    out += "      " + paint("32", fmt::format("+ {}: {}", f.path, *f.new_value)) + "\n";
  } else if (!f.new_value) {
    out += "      " + paint("31", fmt::format("- {}: {}", f.path, *f.old_value)) + "\n";
  } else {
    out += fmt::format("      {}: {} → {}\n", f.path, paint("31", *f.old_value), paint("32", *f.new_value));
  }
}

// ---- Markdown --------------------------------------------------------------------------

// An inline code span that holds any text: the fence is longer than any backtick run in it.
std::string code(const std::string& s) {
  std::size_t run = 0, longest = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  bool pad = s.starts_with('`') || s.ends_with('`') || s.empty();
  return fence + (pad ? " " : "") + s + (pad ? " " : "") + fence;
}

// A fenced block whose fence is longer than any backtick run of the lines.
std::string fenced(const std::vector<DiffLine>& lines, const char* indent) {
  std::string body;
  std::size_t longest = 0;
  for (const auto& l : lines) {
    std::string s = l.op == '@' ? l.text : std::string(1, l.op) + l.text;
    std::size_t run = 0;
    for (char c : s) longest = std::max(longest, run = c == '`' ? run + 1 : 0);
    body += indent + s + "\n";
  }
  std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  return fmt::format("{0}{1}diff\n{2}{0}{1}\n", indent, fence, body);
}

nlohmann::json json_lines(const std::vector<DiffLine>& lines) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : lines) out.push_back(l.op == '@' ? l.text : std::string(1, l.op) + l.text);
  return out;
}

}  // namespace

std::string render_diff_text(const std::vector<FileDiff>& diffs, bool color) {
  if (diffs.empty()) return "";
  Paint paint{color};
  std::string out;
  for (const auto& f : diffs) {
    std::string head = fmt::format("{} {}", change_sign(f.change), f.path);
    if (f.change != Change::Changed) head += fmt::format(" ({} file)", f.change == Change::Added ? "new" : "removed");
    out += paint(f.change == Change::Changed ? "1" : paint.of(change_sign(f.change)), head) + "\n";
    for (const auto& o : f.objects) {
      char sign = change_sign(o.change);
      out += "    " + paint(paint.of(sign), fmt::format("{} {}", sign, object_title(o))) + "\n";
      for (const auto& fc : o.fields) text_field(out, fc, paint);
    }
    text_lines(out, f.lines, "    ", paint);
  }
  return out + summary(diffs) + "\n";
}

std::string render_diff_markdown(const std::vector<FileDiff>& diffs, const std::string& against) {
  if (diffs.empty()) return "";
  std::string out = fmt::format("### hlabc diff against {}\n\n{}\n", against, summary(diffs));
  for (const auto& f : diffs) {
    out += fmt::format("\n#### {}{}\n\n", code(f.path), f.change == Change::Changed ? "" : " (" + std::string(change_word(f.change)) + ")");
    for (const auto& o : f.objects) {
      out += fmt::format("- {} **{}** {}\n", change_word(o.change), o.kind.empty() ? "document" : o.kind,
                         code(o.ns.empty() ? o.name : o.ns + "/" + o.name));
      for (const auto& fc : o.fields) {
        if (!fc.lines.empty()) out += fmt::format("  - {}:\n\n", code(fc.path)) + fenced(fc.lines, "    ");
        else if (!fc.old_value) out += fmt::format("  - {} added: {}\n", code(fc.path), code(*fc.new_value));
        else if (!fc.new_value) out += fmt::format("  - {} removed (was {})\n", code(fc.path), code(*fc.old_value));
        else out += fmt::format("  - {}: {} → {}\n", code(fc.path), code(*fc.old_value), code(*fc.new_value));
      }
    }
    if (!f.lines.empty()) out += fenced(f.lines, "");
  }
  return out;
}

std::string render_diff_json(const std::vector<FileDiff>& diffs, const std::string& against) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : diffs) {
    nlohmann::json jf = {{"path", f.path}, {"change", change_word(f.change)}};
    if (f.yaml) {
      jf["objects"] = nlohmann::json::array();
      for (const auto& o : f.objects) {
        nlohmann::json jo = {{"change", change_word(o.change)}, {"apiVersion", o.api_version}, {"kind", o.kind},
                             {"namespace", o.ns}, {"name", o.name}, {"fields", nlohmann::json::array()}};
        for (const auto& fc : o.fields) {
          nlohmann::json jc = {{"path", fc.path}};
          jc["old"] = fc.old_value ? nlohmann::json(*fc.old_value) : nlohmann::json(nullptr);
          jc["new"] = fc.new_value ? nlohmann::json(*fc.new_value) : nlohmann::json(nullptr);
          if (!fc.lines.empty()) jc["lines"] = json_lines(fc.lines);
          jo["fields"].push_back(std::move(jc));
        }
        jf["objects"].push_back(std::move(jo));
      }
    } else {
      jf["lines"] = json_lines(f.lines);
    }
    files.push_back(std::move(jf));
  }
  Counts c = count(diffs);
  nlohmann::json doc = {{"against", against}, {"files", files},
                        {"objects", {{"changed", c.changed}, {"added", c.added}, {"removed", c.removed}}}};
  return doc.dump(2) + "\n";
}

}  // namespace hlab::driver
