// Parsers for the domain literals of .hlab: IPv4, CIDR, IP ranges, quantities,
// durations, versions, cron schedules and hostnames. Pure functions, no allocation
// beyond the result; every failure carries a one-line reason for a diagnostic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hlab::base {

// The outcome of parsing a literal: a value, or the reason it is not one.
template <class T>
struct Parsed {
  std::optional<T> value;
  std::string error;  // empty when value is set; else e.g. "octet 256 is larger than 255"
  explicit operator bool() const { return value.has_value(); }
};

// An IPv4 address as a host-order 32-bit number.
struct Ipv4 {
  std::uint32_t value = 0;
  std::string str() const;  // dotted quad
  friend bool operator==(Ipv4, Ipv4) = default;
  friend auto operator<=>(Ipv4, Ipv4) = default;
};
// "192.168.1.20": four decimal octets 0..255, no leading zeros except "0", nothing else.
Parsed<Ipv4> parse_ipv4(std::string_view text);

// An IPv4 network; the address has no bits set beyond the prefix.
struct Cidr {
  Ipv4 address;
  std::uint8_t prefix = 0;  // 0..32
  std::uint32_t first() const;
  std::uint32_t last() const;
  bool contains(Ipv4 ip) const;
  bool overlaps(const Cidr& other) const;
  std::string str() const;
};
// "10.168.0.0/16"; host bits set ("10.168.0.1/16") is an error naming the network address.
Parsed<Cidr> parse_cidr(std::string_view text);

// An inclusive range of IPv4 addresses, first <= last.
struct IpRange {
  Ipv4 first, last;
  bool contains(Ipv4 ip) const { return first <= ip && ip <= last; }
  bool overlaps(const IpRange& o) const { return !(last < o.first || o.last < first); }
  std::string str() const;  // "a.b.c.d-e.f.g.h"
};
// "192.168.1.21-192.168.1.30" (also with the en dash U+2013 the spec uses); first <= last.
Parsed<IpRange> parse_ip_range(std::string_view text);

// A Kubernetes resource quantity, e.g. "500m", "4Gi", "4GiB", "2048MB", "3".
struct Quantity {
  std::string text;          // as written
  std::string kubernetes;    // canonical Kubernetes spelling ("4GiB" -> "4Gi")
  long double value = 0;     // in base units (bytes or cores)
};
// Accepts a decimal number with optional fraction and a suffix among
// m, k, K, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei, KiB, MiB, GiB, TiB, KB, MB, GB, TB.
Parsed<Quantity> parse_quantity(std::string_view text);

// A Go-style duration, e.g. "1h", "10m0s", "300s", "1h30m", "500ms".
struct Duration {
  std::string text;
  std::int64_t milliseconds = 0;
  std::string go() const;  // Go's time.Duration String(): "1h0m0s", "10m0s", "5m0s", "500ms"
};
// Units ns, us, µs, ms, s, m, h; at least one number-unit pair; no sign; no bare number.
Parsed<Duration> parse_duration(std::string_view text);

// A version: optional "v", one to four dot-separated numbers, optional -prerelease, +build.
struct Version {
  bool v_prefix = false;
  std::vector<std::uint64_t> numbers;
  std::string prerelease;  // after '-', e.g. "beta.3-5-g07d09ec"
  std::string build;       // after '+'
  std::string str() const; // as written
  // Semver-style precedence (prerelease sorts before release; build ignored).
  int compare(const Version& o) const;
};
Parsed<Version> parse_version(std::string_view text);

// A standard five-field cron schedule (minute hour day-of-month month day-of-week),
// each field "*", numbers, ranges "a-b", lists "a,b", steps "*/n" or "a/n" or "a-b/n",
// month and weekday names (JAN, MON); also the macros @hourly, @daily, @weekly,
// @monthly, @yearly, @annually, @midnight and "@every <duration>".
struct Cron {
  std::string text;
};
Parsed<Cron> parse_cron(std::string_view text);

// A DNS hostname: labels of 1..63 of [a-z0-9-] (case-insensitive), not starting or
// ending with '-', total length <= 253, at least one label. With allow_wildcard, the
// first label may be exactly "*".
Parsed<std::string> parse_hostname(std::string_view text, bool allow_wildcard);

// True when `host` is equal to `zone` or lies below it ("a.gl.m1xxos.tech" in "gl.m1xxos.tech").
bool host_in_zone(std::string_view host, std::string_view zone);

// True when a certificate name (possibly "*.zone") covers `host`; a wildcard covers
// exactly one label ("*.a.b" covers "x.a.b" but neither "a.b" nor "y.x.a.b").
bool cert_name_covers(std::string_view cert_name, std::string_view host);

// Vault policy path glob: '*' is allowed only at the end and matches any suffix;
// '+' matches exactly one path segment; everything else matches literally.
bool vault_glob_matches(std::string_view pattern, std::string_view path);

}  // namespace hlab::base
