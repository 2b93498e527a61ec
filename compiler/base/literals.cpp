#include "base/literals.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <span>
#include <utility>

namespace hlab::base {

namespace {

// Durations are computed exactly in nanoseconds; products of a 64-bit count and a unit
// size need more than 64 bits before the range check.
__extension__ using u128 = unsigned __int128;

template <class T>
Parsed<T> fail(std::string message) {
  return Parsed<T>{std::nullopt, std::move(message)};
}

template <class T>
Parsed<T> ok(T value) {
  return Parsed<T>{std::move(value), {}};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_blank(char c) { return c == ' ' || c == '\t'; }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

bool has_leading_zero(std::string_view digits) { return digits.size() > 1 && digits[0] == '0'; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// Value of a run of digits; nullopt when it does not fit 64 bits.
std::optional<std::uint64_t> to_uint(std::string_view digits) {
  std::uint64_t v = 0;
  for (char c : digits) {
    auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

// Value of a run of digits, saturated just above `limit` so that range checks on
// arbitrarily long input stay correct without overflowing.
std::uint64_t to_uint_capped(std::string_view digits, std::uint64_t limit) {
  std::uint64_t v = 0;
  for (char c : digits) {
    auto d = static_cast<std::uint64_t>(c - '0');
    if (d > limit || v > (limit - d) / 10) return limit + 1;
    v = v * 10 + d;
  }
  return v;
}

// Length of the well-formed, printable UTF-8 sequence (two to four bytes) starting `s`,
// or 0 when there is none. C1 controls count as not printable.
std::size_t utf8_sequence_length(std::string_view s) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  if (s.empty()) return 0;
  unsigned char c = byte(0);
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    if (c == 0xC2) lo = 0xA0;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (s.size() < n || byte(1) < lo || byte(1) > hi) return 0;
  for (std::size_t i = 2; i < n; ++i)
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  return n;
}

// The character at `i` for an error message: a whole UTF-8 sequence, or one byte.
std::string_view char_at(std::string_view s, std::size_t i) {
  return s.substr(i, std::max<std::size_t>(1, utf8_sequence_length(s.substr(i))));
}

// Code point of a well-formed three-byte sequence when it is a line separator or an
// invisible formatting character (zero-width, bidi override, BOM), else 0. Shown raw, these
// would break a diagnostic's line or disguise what the user wrote.
char32_t invisible_code_point(std::string_view seq) {
  if (seq.size() != 3) return 0;
  auto cp = static_cast<char32_t>(((static_cast<unsigned char>(seq[0]) & 0x0Fu) << 12) |
                                  ((static_cast<unsigned char>(seq[1]) & 0x3Fu) << 6) |
                                  (static_cast<unsigned char>(seq[2]) & 0x3Fu));
  bool invisible = (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
                   (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
  return invisible ? cp : 0;
}

// User text in an error message: quoted, with control, invisible and malformed input
// escaped so the message stays one honest printable line, and shortened so huge input
// yields a short message.
std::string quote(std::string_view s) {
  constexpr std::size_t max_length = 40;
  std::string out = "\"";
  std::size_t i = 0;
  while (i < s.size()) {
    if (out.size() > max_length) {
      out += "...";
      break;
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += s[i++];
    } else if (c >= 0x20 && c < 0x7F) {
      out += s[i++];
    } else if (std::size_t n = utf8_sequence_length(s.substr(i)); n > 0) {
      if (char32_t cp = invisible_code_point(s.substr(i, n)); cp != 0)
        out += fmt::format("\\u{{{:04x}}}", static_cast<std::uint32_t>(cp));
      else
        out += s.substr(i, n);
      i += n;
    } else {
      out += fmt::format("\\x{:02x}", c);
      ++i;
    }
  }
  out += '"';
  return out;
}

std::uint32_t prefix_mask(std::uint8_t prefix) {
  if (prefix == 0) return 0;
  if (prefix >= 32) return 0xFFFFFFFFu;
  return 0xFFFFFFFFu << (32 - prefix);
}

struct QuantityUnit {
  std::string_view suffix;
  std::string_view kubernetes;
  long double factor;
};

// Kubernetes only knows lowercase "k" for the decimal kilo and has no "B" suffixes.
constexpr std::array<QuantityUnit, 23> quantity_units{{
    {"", "", 1.0L},
    {"m", "m", 1e-3L},
    {"k", "k", 1e3L},
    {"K", "k", 1e3L},
    {"M", "M", 1e6L},
    {"G", "G", 1e9L},
    {"T", "T", 1e12L},
    {"P", "P", 1e15L},
    {"E", "E", 1e18L},
    {"Ki", "Ki", 0x1p10L},
    {"Mi", "Mi", 0x1p20L},
    {"Gi", "Gi", 0x1p30L},
    {"Ti", "Ti", 0x1p40L},
    {"Pi", "Pi", 0x1p50L},
    {"Ei", "Ei", 0x1p60L},
    {"KiB", "Ki", 0x1p10L},
    {"MiB", "Mi", 0x1p20L},
    {"GiB", "Gi", 0x1p30L},
    {"TiB", "Ti", 0x1p40L},
    {"KB", "k", 1e3L},
    {"MB", "M", 1e6L},
    {"GB", "G", 1e9L},
    {"TB", "T", 1e12L},
}};

struct DurationUnit {
  std::string_view name;
  std::uint64_t nanoseconds;
};

// Go accepts both the micro sign U+00B5 and the Greek mu U+03BC.
constexpr std::array<DurationUnit, 8> duration_units{{
    {"ns", 1},
    {"us", 1'000},
    {"\xC2\xB5s", 1'000},
    {"\xCE\xBCs", 1'000},
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
}};

constexpr std::uint64_t ns_per_ms = 1'000'000;

// Exact nanoseconds of "<int>.<frac> <unit>"; nullopt when above `limit`. `inexact` is set
// when the value has a part below one nanosecond.
std::optional<u128> duration_term(std::string_view int_digits, std::string_view frac_digits,
                                  std::uint64_t unit, u128 limit, bool& inexact) {
  // Saturating keeps the multiplication below 2^128 for any length of input.
  u128 whole = to_uint_capped(int_digits, std::numeric_limits<std::uint64_t>::max() - 1);
  u128 total = whole * unit;
  if (total > limit) return std::nullopt;
  // 19 digits fit 64 bits; later digits are below a nanosecond for every unit.
  std::uint64_t frac = 0, scale = 1;
  for (std::size_t i = 0; i < frac_digits.size(); ++i) {
    if (i < 19) {
      frac = frac * 10 + static_cast<std::uint64_t>(frac_digits[i] - '0');
      scale *= 10;
    } else if (frac_digits[i] != '0') {
      inexact = true;
    }
  }
  u128 scaled = static_cast<u128>(frac) * unit;
  if (scaled % scale != 0) inexact = true;
  total += scaled / scale;
  if (total > limit) return std::nullopt;
  return total;
}

// Compares two semver prerelease strings identifier by identifier.
int compare_prerelease(std::string_view a, std::string_view b) {
  auto next = [](std::string_view& s) {
    auto dot = s.find('.');
    std::string_view id = s.substr(0, dot);
    s = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    return id;
  };
  while (!a.empty() && !b.empty()) {
    std::string_view x = next(a), y = next(b);
    bool xn = all_digits(x), yn = all_digits(y);
    if (xn && yn) {
      // Numeric identifiers can be arbitrarily long: compare without converting.
      while (x.size() > 1 && x[0] == '0') x.remove_prefix(1);
      while (y.size() > 1 && y[0] == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
      if (int c = x.compare(y); c != 0) return c < 0 ? -1 : 1;
    } else if (xn != yn) {
      return xn ? -1 : 1;
    } else if (int c = x.compare(y); c != 0) {
      return c < 0 ? -1 : 1;
    }
  }
  if (a.empty() && b.empty()) return 0;
  return a.empty() ? -1 : 1;
}

// Checks the dot-separated identifiers of a prerelease or build part.
std::optional<std::string> check_identifiers(std::string_view part, std::string_view what,
                                             char sep) {
  if (part.empty()) return fmt::format("empty {} after \"{}\"", what, sep);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= part.size(); ++i) {
    if (i == part.size() || part[i] == '.') {
      if (i == start) return fmt::format("empty identifier in {} {}", what, quote(part));
      start = i + 1;
    } else if (!is_alpha(part[i]) && !is_digit(part[i]) && part[i] != '-') {
      return fmt::format("unexpected character {} in {} {}", quote(char_at(part, i)), what,
                         quote(part));
    }
  }
  return std::nullopt;
}

struct CronField {
  std::string_view name;
  std::uint64_t min;
  std::uint64_t max;
  std::string_view names_kind;             // "month name", "weekday name" or empty
  std::span<const std::string_view> names;  // names[k] has the value first_name_value + k
  std::uint64_t first_name_value;
};

constexpr std::array<std::string_view, 12> month_names{
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> weekday_names{"SUN", "MON", "TUE", "WED",
                                                        "THU", "FRI", "SAT"};

constexpr std::array<CronField, 5> cron_fields{{
    {"minute", 0, 59, {}, {}, 0},
    {"hour", 0, 23, {}, {}, 0},
    {"day-of-month", 1, 31, {}, {}, 0},
    {"month", 1, 12, "month name", month_names, 1},
    {"day-of-week", 0, 7, "weekday name", weekday_names, 0},
}};

// The value of one cron number or name, or the reason it is not valid in `f`.
std::optional<std::uint64_t> cron_value(std::string_view text, const CronField& f,
                                        std::string& error) {
  if (all_digits(text)) {
    auto v = to_uint_capped(text, 1000);
    if (v < f.min || v > f.max) {
      error = fmt::format("{} field {} is outside {}-{}", f.name, quote(text), f.min, f.max);
      return std::nullopt;
    }
    return v;
  }
  for (std::size_t k = 0; k < f.names.size(); ++k)
    if (iequals(text, f.names[k])) return f.first_name_value + k;
  if (f.names_kind.empty())
    error = fmt::format("{} field {} is not a number", f.name, quote(text));
  else
    error = fmt::format("{} field {} is not a number or {}", f.name, quote(text), f.names_kind);
  return std::nullopt;
}

// Checks one list item: "*", "a", "a-b", each optionally followed by "/step".
std::optional<std::string> check_cron_item(std::string_view item, const CronField& f) {
  std::string error;
  std::string_view range = item;
  if (auto slash = item.find('/'); slash != std::string_view::npos) {
    range = item.substr(0, slash);
    std::string_view step = item.substr(slash + 1);
    std::uint64_t span = f.max - f.min + 1;
    if (step.empty())
      return fmt::format("{} field {} has no step after \"/\"", f.name, quote(item));
    if (!all_digits(step))
      return fmt::format("{} field step {} is not a number", f.name, quote(step));
    auto v = to_uint_capped(step, span);
    if (v == 0) return fmt::format("{} field step {} must be positive", f.name, quote(step));
    if (v > span)
      return fmt::format("{} field step {} is larger than {}", f.name, quote(step), span);
    if (range.empty())
      return fmt::format("{} field {} has nothing before \"/\"", f.name, quote(item));
  }
  if (range == "*") return std::nullopt;
  auto dash = range.find('-');
  if (dash == std::string_view::npos) {
    if (!cron_value(range, f, error)) return error;
    return std::nullopt;
  }
  std::string_view lo_text = range.substr(0, dash), hi_text = range.substr(dash + 1);
  if (lo_text.empty() || hi_text.empty())
    return fmt::format("{} field range {} is incomplete", f.name, quote(range));
  auto lo = cron_value(lo_text, f, error);
  if (!lo) return error;
  auto hi = cron_value(hi_text, f, error);
  if (!hi) return error;
  if (*lo > *hi) return fmt::format("{} field range {} starts after it ends", f.name, quote(range));
  return std::nullopt;
}

std::optional<std::string> check_cron_field(std::string_view field, const CronField& f) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= field.size(); ++i) {
    if (i < field.size() && field[i] != ',') continue;
    std::string_view item = field.substr(start, i - start);
    if (item.empty())
      return fmt::format("{} field {} has an empty list item", f.name, quote(field));
    if (auto error = check_cron_item(item, f)) return error;
    start = i + 1;
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 7> cron_macros{
    "@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@annually", "@midnight"};

std::optional<std::string> check_cron_macro(std::string_view spec) {
  if (std::find(cron_macros.begin(), cron_macros.end(), spec) != cron_macros.end())
    return std::nullopt;
  constexpr std::string_view every = "@every";
  if (spec.substr(0, every.size()) == every &&
      (spec.size() == every.size() || is_blank(spec[every.size()]))) {
    std::string_view rest = trim_blanks(spec.substr(every.size()));
    if (rest.empty()) return std::string("missing duration after \"@every\"");
    auto d = parse_duration(rest);
    if (!d) return "@every: " + d.error;
    if (d.value->milliseconds <= 0) return std::string("@every needs a duration above zero");
    return std::nullopt;
  }
  std::string_view word = spec.substr(0, std::min(spec.find(' '), spec.find('\t')));
  return fmt::format("unknown macro {}", quote(word));
}

}  // namespace

std::string Ipv4::str() const {
  return fmt::format("{}.{}.{}.{}", value >> 24, (value >> 16) & 0xFF, (value >> 8) & 0xFF,
                     value & 0xFF);
}

Parsed<Ipv4> parse_ipv4(std::string_view text) {
  if (text.empty()) return fail<Ipv4>("empty address");
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!is_digit(text[i]) && text[i] != '.')
      return fail<Ipv4>(
          fmt::format("unexpected character {} in address", quote(char_at(text, i))));
  if (text.front() == '.') return fail<Ipv4>("address starts with \".\"");
  if (text.back() == '.') return fail<Ipv4>("address ends with \".\"");
  if (text.find("..") != std::string_view::npos) return fail<Ipv4>("empty octet between dots");
  auto octets = static_cast<std::size_t>(std::count(text.begin(), text.end(), '.')) + 1;
  if (octets != 4) return fail<Ipv4>(fmt::format("expected 4 octets, found {}", octets));

  std::uint32_t value = 0;
  std::size_t start = 0;
  for (int k = 0; k < 4; ++k) {
    std::size_t end = std::min(text.find('.', start), text.size());
    std::string_view octet = text.substr(start, end - start);
    if (has_leading_zero(octet))
      return fail<Ipv4>(fmt::format("octet {} has a leading zero", quote(octet)));
    auto v = to_uint_capped(octet, 255);
    if (v > 255) return fail<Ipv4>(fmt::format("octet {} is larger than 255", quote(octet)));
    value = (value << 8) | static_cast<std::uint32_t>(v);
    start = end + 1;
  }
  return ok(Ipv4{value});
}

std::uint32_t Cidr::first() const { return address.value & prefix_mask(prefix); }
std::uint32_t Cidr::last() const { return first() | ~prefix_mask(prefix); }
bool Cidr::contains(Ipv4 ip) const { return (ip.value & prefix_mask(prefix)) == first(); }
bool Cidr::overlaps(const Cidr& other) const {
  return first() <= other.last() && other.first() <= last();
}
std::string Cidr::str() const { return fmt::format("{}/{}", address.str(), prefix); }

Parsed<Cidr> parse_cidr(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    if (text.empty()) return fail<Cidr>("empty network");
    return fail<Cidr>("missing \"/\" and prefix length");
  }
  auto address = parse_ipv4(text.substr(0, slash));
  if (!address) return fail<Cidr>(std::move(address.error));
  std::string_view prefix_text = text.substr(slash + 1);
  if (prefix_text.empty()) return fail<Cidr>("missing prefix length after \"/\"");
  if (!all_digits(prefix_text))
    return fail<Cidr>(fmt::format("prefix length {} is not a number", quote(prefix_text)));
  if (has_leading_zero(prefix_text))
    return fail<Cidr>(fmt::format("prefix length {} has a leading zero", quote(prefix_text)));
  auto prefix = to_uint_capped(prefix_text, 32);
  if (prefix > 32)
    return fail<Cidr>(fmt::format("prefix length {} is larger than 32", quote(prefix_text)));

  Cidr cidr{*address.value, static_cast<std::uint8_t>(prefix)};
  if (cidr.first() != cidr.address.value) {
    Cidr network{Ipv4{cidr.first()}, cidr.prefix};
    return fail<Cidr>(
        fmt::format("host bits are set; the network address is {}", network.str()));
  }
  return ok(cidr);
}

std::string IpRange::str() const { return first.str() + "-" + last.str(); }

Parsed<IpRange> parse_ip_range(std::string_view text) {
  constexpr std::string_view en_dash = "\xE2\x80\x93";
  std::size_t hyphen = text.find('-'), dash = text.find(en_dash);
  std::size_t sep = std::min(hyphen, dash);
  if (sep == std::string_view::npos) {
    if (text.empty()) return fail<IpRange>("empty range");
    return fail<IpRange>("missing \"-\" between the first and last address");
  }
  std::size_t sep_len = sep == hyphen ? 1 : en_dash.size();
  auto first = parse_ipv4(text.substr(0, sep));
  if (!first) return fail<IpRange>("first address: " + first.error);
  auto last = parse_ipv4(text.substr(sep + sep_len));
  if (!last) return fail<IpRange>("last address: " + last.error);
  if (*last.value < *first.value)
    return fail<IpRange>(fmt::format("first address {} is after last address {}",
                                     first.value->str(), last.value->str()));
  return ok(IpRange{*first.value, *last.value});
}

Parsed<Quantity> parse_quantity(std::string_view text) {
  if (text.empty()) return fail<Quantity>("empty quantity");
  if (text[0] == '+' || text[0] == '-')
    return fail<Quantity>(fmt::format("unexpected sign {}; quantities have no sign",
                                      quote(text.substr(0, 1))));
  std::size_t i = 0;
  while (i < text.size() && is_digit(text[i])) ++i;
  std::string_view int_digits = text.substr(0, i), frac_digits;
  bool has_dot = i < text.size() && text[i] == '.';
  if (has_dot) {
    std::size_t frac_start = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    frac_digits = text.substr(frac_start, i - frac_start);
  }
  std::string_view number = text.substr(0, i), suffix = text.substr(i);
  if (int_digits.empty() && frac_digits.empty())
    return fail<Quantity>(fmt::format("expected a number, found {}", quote(text)));
  if (int_digits.empty()) return fail<Quantity>("missing digits before \".\"");
  if (has_dot && frac_digits.empty()) return fail<Quantity>("missing digits after \".\"");

  auto unit = std::find_if(quantity_units.begin(), quantity_units.end(),
                           [&](const QuantityUnit& u) { return u.suffix == suffix; });
  if (unit == quantity_units.end())
    return fail<Quantity>(fmt::format("unknown unit {}", quote(suffix)));

  long double value = 0;
  for (char c : int_digits) value = value * 10 + static_cast<long double>(c - '0');
  long double scale = 0.1L;
  for (char c : frac_digits) {
    value += static_cast<long double>(c - '0') * scale;
    scale /= 10;
  }
  value *= unit->factor;
  // Kubernetes silently clamps larger quantities to this maximum.
  constexpr long double max_value = 9223372036854775807.0L;
  if (!(value <= max_value))
    return fail<Quantity>(
        fmt::format("quantity {} is too large; kubernetes allows at most 2^63-1", quote(text)));
  Quantity q;
  q.text = std::string(text);
  q.kubernetes = std::string(number) + std::string(unit->kubernetes);
  q.value = value;
  return ok(std::move(q));
}

std::string Duration::go() const {
  if (milliseconds == 0) return "0s";
  std::string sign = milliseconds < 0 ? "-" : "";
  // Negating through unsigned keeps INT64_MIN well defined.
  std::uint64_t ms = static_cast<std::uint64_t>(milliseconds);
  if (milliseconds < 0) ms = ~ms + 1;
  if (ms < 1000) return fmt::format("{}{}ms", sign, ms);
  std::string seconds = std::to_string(ms / 1000 % 60);
  if (std::uint64_t frac = ms % 1000; frac != 0) {
    std::string digits = fmt::format("{:03}", frac);
    while (digits.back() == '0') digits.pop_back();
    seconds += "." + digits;
  }
  std::uint64_t minutes = ms / 60'000;
  if (minutes == 0) return fmt::format("{}{}s", sign, seconds);
  if (minutes < 60) return fmt::format("{}{}m{}s", sign, minutes, seconds);
  return fmt::format("{}{}h{}m{}s", sign, minutes / 60, minutes % 60, seconds);
}

Parsed<Duration> parse_duration(std::string_view text) {
  if (text.empty()) return fail<Duration>("empty duration");
  if (text[0] == '+' || text[0] == '-')
    return fail<Duration>(fmt::format("unexpected sign {}; durations have no sign",
                                      quote(text.substr(0, 1))));
  // Go's limit: larger values would not survive in the tools that read them.
  const u128 limit = static_cast<u128>(std::numeric_limits<std::int64_t>::max());
  u128 total = 0;
  bool inexact = false;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    std::string_view int_digits = text.substr(start, i - start), frac_digits;
    bool has_dot = i < text.size() && text[i] == '.';
    if (has_dot) {
      std::size_t frac_start = ++i;
      while (i < text.size() && is_digit(text[i])) ++i;
      frac_digits = text.substr(frac_start, i - frac_start);
    }
    std::string_view number = text.substr(start, i - start);
    std::size_t unit_start = i;
    while (i < text.size() && !is_digit(text[i]) && text[i] != '.') ++i;
    std::string_view unit_text = text.substr(unit_start, i - unit_start);

    if (int_digits.empty() && frac_digits.empty()) {
      if (has_dot) return fail<Duration>("missing digits around \".\"");
      return fail<Duration>(fmt::format("missing number before {}", quote(unit_text)));
    }
    if (unit_text.empty())
      return fail<Duration>(fmt::format("missing unit after {}", quote(number)));
    auto unit = std::find_if(duration_units.begin(), duration_units.end(),
                             [&](const DurationUnit& u) { return u.name == unit_text; });
    if (unit == duration_units.end())
      return fail<Duration>(fmt::format("unknown unit {}", quote(unit_text)));
    auto term = duration_term(int_digits, frac_digits, unit->nanoseconds, limit - total, inexact);
    if (!term) return fail<Duration>(fmt::format("duration {} is too large", quote(text)));
    total += *term;
  }
  if (inexact || total % ns_per_ms != 0)
    return fail<Duration>(
        fmt::format("duration {} is not a whole number of milliseconds", quote(text)));
  Duration d;
  d.text = std::string(text);
  d.milliseconds = static_cast<std::int64_t>(total / ns_per_ms);
  return ok(std::move(d));
}

std::string Version::str() const {
  std::string out = v_prefix ? "v" : "";
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    if (i > 0) out += '.';
    out += std::to_string(numbers[i]);
  }
  if (!prerelease.empty()) out += "-" + prerelease;
  if (!build.empty()) out += "+" + build;
  return out;
}

int Version::compare(const Version& o) const {
  // Missing trailing numbers count as zero, so 1.2 and 1.2.0 are the same version.
  for (std::size_t i = 0; i < std::max(numbers.size(), o.numbers.size()); ++i) {
    std::uint64_t a = i < numbers.size() ? numbers[i] : 0;
    std::uint64_t b = i < o.numbers.size() ? o.numbers[i] : 0;
    if (a != b) return a < b ? -1 : 1;
  }
  if (prerelease.empty() != o.prerelease.empty()) return prerelease.empty() ? 1 : -1;
  return compare_prerelease(prerelease, o.prerelease);
}

Parsed<Version> parse_version(std::string_view text) {
  if (text.empty()) return fail<Version>("empty version");
  Version v;
  std::size_t i = 0;
  if (text[0] == 'v') {
    v.v_prefix = true;
    ++i;
  }
  while (true) {
    std::size_t start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    std::string_view digits = text.substr(start, i - start);
    if (digits.empty()) {
      if (start > 0 && text[start - 1] == '.')
        return fail<Version>("missing number after \".\"");
      if (start == text.size()) return fail<Version>("missing number after \"v\"");
      return fail<Version>(
          fmt::format("unexpected character {} in version", quote(char_at(text, start))));
    }
    if (has_leading_zero(digits))
      return fail<Version>(fmt::format("number {} has a leading zero", quote(digits)));
    auto n = to_uint(digits);
    if (!n) return fail<Version>(fmt::format("number {} is too large", quote(digits)));
    if (v.numbers.size() == 4) return fail<Version>("too many numbers; a version has at most 4");
    v.numbers.push_back(*n);
    if (i < text.size() && text[i] == '.') {
      ++i;
      continue;
    }
    break;
  }
  if (i < text.size() && text[i] == '-') {
    std::size_t end = std::min(text.find('+', i), text.size());
    std::string_view part = text.substr(i + 1, end - i - 1);
    if (auto error = check_identifiers(part, "prerelease", '-')) return fail<Version>(*error);
    v.prerelease = std::string(part);
    i = end;
  }
  if (i < text.size() && text[i] == '+') {
    std::string_view part = text.substr(i + 1);
    if (auto error = check_identifiers(part, "build", '+')) return fail<Version>(*error);
    v.build = std::string(part);
    i = text.size();
  }
  if (i < text.size())
    return fail<Version>(
        fmt::format("unexpected character {} in version", quote(char_at(text, i))));
  return ok(std::move(v));
}

Parsed<Cron> parse_cron(std::string_view text) {
  std::string_view spec = trim_blanks(text);
  if (spec.empty()) return fail<Cron>("empty schedule");
  if (spec[0] == '@') {
    if (auto error = check_cron_macro(spec)) return fail<Cron>(std::move(*error));
    return ok(Cron{std::string(text)});
  }
  std::array<std::string_view, 5> fields;
  std::size_t count = 0, i = 0;
  while (i < spec.size()) {
    std::size_t start = i;
    while (i < spec.size() && !is_blank(spec[i])) ++i;
    if (count < fields.size()) fields[count] = spec.substr(start, i - start);
    ++count;
    while (i < spec.size() && is_blank(spec[i])) ++i;
  }
  if (count != fields.size())
    return fail<Cron>(fmt::format(
        "expected 5 fields (minute hour day-of-month month day-of-week), found {}", count));
  for (std::size_t k = 0; k < fields.size(); ++k)
    if (auto error = check_cron_field(fields[k], cron_fields[k])) return fail<Cron>(*error);
  return ok(Cron{std::string(text)});
}

Parsed<std::string> parse_hostname(std::string_view text, bool allow_wildcard) {
  using Result = std::string;
  if (text.empty()) return fail<Result>("empty hostname");
  if (text.size() > 253) return fail<Result>("hostname is longer than 253 characters");
  if (text.front() == '.') return fail<Result>("hostname starts with \".\"");
  if (text.back() == '.') return fail<Result>("hostname ends with \".\"");
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '.') continue;
    std::string_view label = text.substr(start, i - start);
    bool first = start == 0;
    start = i + 1;
    if (label.empty()) return fail<Result>("empty label between dots");
    if (label == "*") {
      if (!allow_wildcard) return fail<Result>("a wildcard \"*\" is not allowed here");
      if (!first) return fail<Result>("\"*\" is only allowed as the first label");
      if (i == text.size()) return fail<Result>("a wildcard needs a domain after \"*.\"");
      continue;
    }
    if (label.size() > 63)
      return fail<Result>(fmt::format("label {} is longer than 63 characters", quote(label)));
    for (std::size_t k = 0; k < label.size(); ++k) {
      char c = label[k];
      if (is_alpha(c) || is_digit(c) || c == '-') continue;
      if (static_cast<unsigned char>(c) >= 0x80)
        return fail<Result>(fmt::format(
            "label {} has a non-ASCII character; use its punycode form", quote(label)));
      return fail<Result>(fmt::format("unexpected character {} in label {}",
                                      quote(label.substr(k, 1)), quote(label)));
    }
    if (label.front() == '-')
      return fail<Result>(fmt::format("label {} starts with \"-\"", quote(label)));
    if (label.back() == '-')
      return fail<Result>(fmt::format("label {} ends with \"-\"", quote(label)));
  }
  std::string host(text);
  std::transform(host.begin(), host.end(), host.begin(), to_lower);
  return ok(std::move(host));
}

bool host_in_zone(std::string_view host, std::string_view zone) {
  if (host.empty() || zone.empty() || host.size() < zone.size()) return false;
  if (host.size() == zone.size()) return iequals(host, zone);
  std::size_t dot = host.size() - zone.size() - 1;
  return host[dot] == '.' && iequals(host.substr(dot + 1), zone);
}

bool cert_name_covers(std::string_view cert_name, std::string_view host) {
  if (cert_name.empty() || host.empty()) return false;
  if (iequals(cert_name, host)) return true;
  if (cert_name.substr(0, 2) != "*.") return false;
  std::string_view zone = cert_name.substr(2);
  if (zone.empty() || host.size() < zone.size() + 2) return false;
  std::size_t dot = host.size() - zone.size() - 1;
  // The wildcard stands for exactly one non-empty label.
  return host[dot] == '.' && iequals(host.substr(dot + 1), zone) &&
         host.substr(0, dot).find('.') == std::string_view::npos;
}

bool vault_glob_matches(std::string_view pattern, std::string_view path) {
  std::size_t i = 0, j = 0;
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c == '*') return i + 1 == pattern.size();  // elsewhere the pattern is invalid
    bool whole_segment = (i == 0 || pattern[i - 1] == '/') &&
                         (i + 1 == pattern.size() || pattern[i + 1] == '/');
    if (c == '+' && whole_segment) {
      while (j < path.size() && path[j] != '/') ++j;
      ++i;
      continue;
    }
    if (j >= path.size() || path[j] != c) return false;
    ++i;
    ++j;
  }
  return j == path.size();
}

}  // namespace hlab::base
