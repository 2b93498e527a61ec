#include "base/literals.hpp"

#include <arpa/inet.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace hlab::base;
using Catch::Matchers::Contains;

namespace {

using namespace std::string_literals;

// The error of a failed parse; fails the test when the parse unexpectedly succeeded.
template <class T>
std::string error_of(const Parsed<T>& p) {
  INFO("expected a parse error");
  CHECK_FALSE(p);
  return p.error;
}

// Errors go into one-line diagnostics: never empty, short, no control bytes. Returns what
// is wrong with `p`, or an empty string.
template <class T>
std::string malformed(const Parsed<T>& p) {
  if (p) return p.error.empty() ? "" : "an error next to a value: " + p.error;
  if (p.error.empty()) return "no value and no error";
  if (p.error.size() >= 200) return "a long error: " + p.error;
  for (char c : p.error)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return "a control byte in: " + p.error;
  return "";
}

template <class T>
void check_well_formed(const Parsed<T>& p) {
  CHECK(malformed(p) == "");
}

std::uint32_t ip(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

Ipv4 addr(std::string_view text) {
  auto p = parse_ipv4(text);
  REQUIRE(p);
  return *p.value;
}

Cidr net(std::string_view text) {
  auto p = parse_cidr(text);
  REQUIRE(p);
  return *p.value;
}

Version ver(std::string_view text) {
  auto p = parse_version(text);
  INFO(text);
  REQUIRE(p);
  return *p.value;
}

std::int64_t ms(std::string_view text) {
  auto p = parse_duration(text);
  INFO(text << ": " << p.error);
  REQUIRE(p);
  return p.value->milliseconds;
}

std::string go(std::string_view text) {
  auto p = parse_duration(text);
  INFO(text << ": " << p.error);
  REQUIRE(p);
  return p.value->go();
}

std::string go_ms(std::int64_t milliseconds) {
  Duration d;
  d.milliseconds = milliseconds;
  return d.go();
}

bool cron_ok(std::string_view text) {
  auto p = parse_cron(text);
  INFO(text << ": " << p.error);
  return static_cast<bool>(p);
}

}  // namespace

TEST_CASE("parse_ipv4 accepts dotted quads", "[literals][ipv4]") {
  CHECK(addr("192.168.1.20").value == ip(192, 168, 1, 20));
  CHECK(addr("0.0.0.0").value == 0);
  CHECK(addr("255.255.255.255").value == 0xFFFFFFFFu);
  CHECK(addr("10.0.0.1").value == ip(10, 0, 0, 1));
  CHECK(addr("1.2.3.4").value == 0x01020304u);
  CHECK(addr("100.64.0.0").value == ip(100, 64, 0, 0));
  CHECK(addr("0.0.0.1").value == 1);
}

TEST_CASE("Ipv4::str round-trips", "[literals][ipv4]") {
  for (std::string_view s : {"192.168.1.20", "0.0.0.0", "255.255.255.255", "10.0.100.9"})
    CHECK(addr(s).str() == s);
  CHECK(Ipv4{}.str() == "0.0.0.0");
  CHECK(Ipv4{0x7F000001}.str() == "127.0.0.1");
}

TEST_CASE("Ipv4 orders numerically", "[literals][ipv4]") {
  CHECK(addr("10.0.0.9") < addr("10.0.0.10"));
  CHECK(addr("9.255.255.255") < addr("10.0.0.0"));
  CHECK(addr("1.2.3.4") == addr("1.2.3.4"));
}

TEST_CASE("parse_ipv4 rejects malformed addresses", "[literals][ipv4]") {
  CHECK_THAT(error_of(parse_ipv4("256.1.1.1")), Contains("octet \"256\" is larger than 255"));
  CHECK_THAT(error_of(parse_ipv4("1.1.1.300")), Contains("octet \"300\" is larger than 255"));
  CHECK_THAT(error_of(parse_ipv4("1.1.1.1000")), Contains("larger than 255"));
  CHECK_THAT(error_of(parse_ipv4("01.2.3.4")), Contains("octet \"01\" has a leading zero"));
  CHECK_THAT(error_of(parse_ipv4("1.2.3.00")), Contains("leading zero"));
  CHECK_THAT(error_of(parse_ipv4("1.2.3.010")), Contains("leading zero"));
  CHECK_THAT(error_of(parse_ipv4("1.2.3")), Contains("expected 4 octets, found 3"));
  CHECK_THAT(error_of(parse_ipv4("1")), Contains("found 1"));
  CHECK_THAT(error_of(parse_ipv4("1.2.3.4.5")), Contains("found 5"));
  CHECK_THAT(error_of(parse_ipv4("1.2.3.4.")), Contains("ends with"));
  CHECK_THAT(error_of(parse_ipv4(".1.2.3.4")), Contains("starts with"));
  CHECK_THAT(error_of(parse_ipv4("1..2.3")), Contains("empty octet"));
  CHECK_THAT(error_of(parse_ipv4("1.2.3.a")), Contains("unexpected character \"a\""));
  CHECK_THAT(error_of(parse_ipv4("1.2.3.4/24")), Contains("\"/\""));
  CHECK_THAT(error_of(parse_ipv4(" 1.2.3.4")), Contains("\" \""));
  CHECK_THAT(error_of(parse_ipv4("1.2.3.4 ")), Contains("\" \""));
  CHECK_THAT(error_of(parse_ipv4("-1.2.3.4")), Contains("\"-\""));
  CHECK_THAT(error_of(parse_ipv4("+1.2.3.4")), Contains("\"+\""));
  CHECK_THAT(error_of(parse_ipv4("0x1.2.3.4")), Contains("\"x\""));
  CHECK_THAT(error_of(parse_ipv4("")), Contains("empty"));
  CHECK_FALSE(parse_ipv4("."));
  CHECK_FALSE(parse_ipv4("..."));
  CHECK_FALSE(parse_ipv4("...."));
  CHECK_FALSE(parse_ipv4("1.2.3.4\n"));
  CHECK_FALSE(parse_ipv4("::1"));
  CHECK_FALSE(parse_ipv4("localhost"));
}

TEST_CASE("parse_ipv4 survives overflow and junk", "[literals][ipv4][robustness]") {
  std::string forty(40, '9');
  CHECK_THAT(error_of(parse_ipv4("1.2.3." + forty)), Contains("larger than 255"));
  CHECK_THAT(error_of(parse_ipv4("4294967297.0.0.0")), Contains("larger than 255"));
  // A 2^64 + 1 octet must not wrap around to a small value.
  CHECK_FALSE(parse_ipv4("18446744073709551617.0.0.0"));
  auto nul = parse_ipv4("1.2.3\0.4"s);
  CHECK_THAT(error_of(nul), Contains("\\x00"));
  check_well_formed(nul);
  auto binary = parse_ipv4("1.2.\xff\xfe.4");
  CHECK_THAT(error_of(binary), Contains("\\xff"));
  check_well_formed(binary);
  // A bidi override or line separator in the input must not reorder or split the message.
  CHECK_THAT(error_of(parse_ipv4("1.2.3.4\xE2\x80\xAE")), Contains("\\u{202e}"));
  CHECK_THAT(error_of(parse_ipv4("1.2.3.4\xE2\x80\xA8")), Contains("\\u{2028}"));
  CHECK_THAT(error_of(parse_ipv4("\xEF\xBB\xBF" "1.2.3.4")), Contains("\\u{feff}"));
  // Full-width digits are shown as they are, not as escaped bytes.
  CHECK_THAT(error_of(parse_ipv4("\xEF\xBC\x91.2.3.4")), Contains("\"\xEF\xBC\x91\""));
  auto huge = parse_ipv4(std::string(1'000'000, '1'));
  check_well_formed(huge);
  CHECK_FALSE(huge);
  auto dots = parse_ipv4(std::string(100'000, '.'));
  check_well_formed(dots);
}

TEST_CASE("parse_cidr accepts networks", "[literals][cidr]") {
  Cidr c = net("10.168.0.0/16");
  CHECK(c.address == addr("10.168.0.0"));
  CHECK(c.prefix == 16);
  CHECK(c.first() == ip(10, 168, 0, 0));
  CHECK(c.last() == ip(10, 168, 255, 255));
  CHECK(c.str() == "10.168.0.0/16");

  Cidr all = net("0.0.0.0/0");
  CHECK(all.prefix == 0);
  CHECK(all.first() == 0);
  CHECK(all.last() == 0xFFFFFFFFu);
  CHECK(all.str() == "0.0.0.0/0");

  Cidr host = net("192.168.1.20/32");
  CHECK(host.first() == ip(192, 168, 1, 20));
  CHECK(host.last() == ip(192, 168, 1, 20));

  CHECK(net("255.255.255.255/32").last() == 0xFFFFFFFFu);
  CHECK(net("1.2.3.4/31").last() == ip(1, 2, 3, 5));
  CHECK(net("128.0.0.0/1").first() == 0x80000000u);
  CHECK(net("0.0.0.0/1").last() == 0x7FFFFFFFu);
  CHECK(net("192.168.1.0/24").str() == "192.168.1.0/24");
  CHECK(net("10.0.0.0/8").last() == ip(10, 255, 255, 255));
}

TEST_CASE("parse_cidr names the network when host bits are set", "[literals][cidr]") {
  CHECK_THAT(error_of(parse_cidr("10.168.0.1/16")),
             Contains("host bits are set; the network address is 10.168.0.0/16"));
  CHECK_THAT(error_of(parse_cidr("192.168.1.20/24")), Contains("192.168.1.0/24"));
  CHECK_THAT(error_of(parse_cidr("0.0.0.1/0")), Contains("0.0.0.0/0"));
  CHECK_THAT(error_of(parse_cidr("1.2.3.5/31")), Contains("1.2.3.4/31"));
  CHECK_THAT(error_of(parse_cidr("255.255.255.255/1")), Contains("128.0.0.0/1"));
}

TEST_CASE("parse_cidr rejects malformed networks", "[literals][cidr]") {
  CHECK_THAT(error_of(parse_cidr("10.0.0.0/33")),
             Contains("prefix length \"33\" is larger than 32"));
  CHECK_THAT(error_of(parse_cidr("10.0.0.0/99999999999999999999999999999999")),
             Contains("larger than 32"));
  CHECK_THAT(error_of(parse_cidr("10.0.0.0/08")), Contains("leading zero"));
  CHECK_THAT(error_of(parse_cidr("10.0.0.0/")), Contains("missing prefix length"));
  CHECK_THAT(error_of(parse_cidr("10.0.0.0")), Contains("missing \"/\""));
  CHECK_THAT(error_of(parse_cidr("10.0.0.0/-1")), Contains("not a number"));
  CHECK_THAT(error_of(parse_cidr("10.0.0.0/ 8")), Contains("not a number"));
  CHECK_THAT(error_of(parse_cidr("10.0.0.0/8 ")), Contains("not a number"));
  CHECK_THAT(error_of(parse_cidr("10.0.0.0/8/8")), Contains("not a number"));
  CHECK_THAT(error_of(parse_cidr("10.0.0.0/x")), Contains("\"x\""));
  CHECK_THAT(error_of(parse_cidr("256.0.0.0/8")), Contains("octet \"256\""));
  CHECK_THAT(error_of(parse_cidr("10.0.0/8")), Contains("found 3"));
  CHECK_FALSE(parse_cidr("/24"));
  CHECK_FALSE(parse_cidr("/"));
  CHECK_FALSE(parse_cidr(""));
  CHECK_FALSE(parse_cidr("10.0.0.0\\8"));
  check_well_formed(parse_cidr("10.0.0.0/\0"s));
  check_well_formed(parse_cidr(std::string(5000, '/')));
}

TEST_CASE("Cidr contains and overlaps", "[literals][cidr]") {
  Cidr lan = net("10.168.0.0/16");
  CHECK(lan.contains(addr("10.168.0.0")));
  CHECK(lan.contains(addr("10.168.255.255")));
  CHECK(lan.contains(addr("10.168.1.20")));
  CHECK_FALSE(lan.contains(addr("10.169.0.0")));
  CHECK_FALSE(lan.contains(addr("10.167.255.255")));

  Cidr all = net("0.0.0.0/0");
  CHECK(all.contains(addr("0.0.0.0")));
  CHECK(all.contains(addr("255.255.255.255")));
  CHECK(all.overlaps(lan));
  CHECK(lan.overlaps(all));

  Cidr one = net("1.2.3.4/32");
  CHECK(one.contains(addr("1.2.3.4")));
  CHECK_FALSE(one.contains(addr("1.2.3.5")));

  CHECK(net("10.0.0.0/8").overlaps(net("10.1.0.0/16")));
  CHECK(net("10.1.0.0/16").overlaps(net("10.0.0.0/8")));
  CHECK_FALSE(net("10.0.0.0/8").overlaps(net("11.0.0.0/8")));
  CHECK_FALSE(net("10.0.0.0/25").overlaps(net("10.0.0.128/25")));
  CHECK(net("10.0.0.0/24").overlaps(net("10.0.0.255/32")));
  CHECK(lan.overlaps(lan));
}

TEST_CASE("parse_ip_range accepts ranges", "[literals][ip_range]") {
  auto r = parse_ip_range("192.168.1.21-192.168.1.30");
  REQUIRE(r);
  CHECK(r.value->first == addr("192.168.1.21"));
  CHECK(r.value->last == addr("192.168.1.30"));
  CHECK(r.value->str() == "192.168.1.21-192.168.1.30");

  auto en = parse_ip_range("192.168.1.21–192.168.1.30");  // en dash, as in the spec
  REQUIRE(en);
  CHECK(en.value->first == addr("192.168.1.21"));
  CHECK(en.value->last == addr("192.168.1.30"));
  CHECK(en.value->str() == "192.168.1.21-192.168.1.30");
  CHECK(parse_ip_range("10.0.0.1\xE2\x80\x93" "10.0.0.2"));

  auto single = parse_ip_range("1.1.1.1-1.1.1.1");
  REQUIRE(single);
  CHECK(single.value->first == single.value->last);
  CHECK(parse_ip_range("0.0.0.0-255.255.255.255"));
  CHECK(parse_ip_range("10.0.0.255-10.0.1.0"));
}

TEST_CASE("parse_ip_range rejects bad ranges", "[literals][ip_range]") {
  CHECK_THAT(error_of(parse_ip_range("192.168.1.30-192.168.1.21")),
             Contains("first address 192.168.1.30 is after last address 192.168.1.21"));
  CHECK_THAT(error_of(parse_ip_range("192.168.1.21")), Contains("missing \"-\""));
  CHECK_THAT(error_of(parse_ip_range("192.168.1.21-")), Contains("last address"));
  CHECK_THAT(error_of(parse_ip_range("-192.168.1.21")), Contains("first address"));
  CHECK_THAT(error_of(parse_ip_range("192.168.1.256-192.168.1.30")),
             Contains("first address: octet \"256\" is larger than 255"));
  CHECK_THAT(error_of(parse_ip_range("192.168.1.1-192.168.1.01")),
             Contains("last address: octet \"01\" has a leading zero"));
  CHECK_THAT(error_of(parse_ip_range("1.2.3.4-1.2.3.5-1.2.3.6")), Contains("last address"));
  CHECK_THAT(error_of(parse_ip_range("1.2.3.4 - 1.2.3.5")), Contains("\" \""));
  CHECK_THAT(error_of(parse_ip_range("1.2.3.4\xE2\x80" "1.2.3.5")), Contains("missing"));
  CHECK_THAT(error_of(parse_ip_range("1.2.3.4\xE2\x80\x94" "1.2.3.5")), Contains("missing"));
  CHECK_FALSE(parse_ip_range("1.2.3.4-30"));
  CHECK_FALSE(parse_ip_range("1.2.3.0/24"));
  CHECK_FALSE(parse_ip_range("-"));
  CHECK_FALSE(parse_ip_range("\xE2\x80\x93"));
  CHECK_FALSE(parse_ip_range(""));
  check_well_formed(parse_ip_range("1.2.3.4-\xE2\x80\x93"));
  check_well_formed(parse_ip_range(std::string(10000, '-')));
}

TEST_CASE("IpRange contains and overlaps", "[literals][ip_range]") {
  IpRange r{addr("192.168.1.21"), addr("192.168.1.30")};
  CHECK(r.contains(addr("192.168.1.21")));
  CHECK(r.contains(addr("192.168.1.30")));
  CHECK(r.contains(addr("192.168.1.25")));
  CHECK_FALSE(r.contains(addr("192.168.1.20")));
  CHECK_FALSE(r.contains(addr("192.168.1.31")));
  CHECK(r.overlaps(IpRange{addr("192.168.1.30"), addr("192.168.1.40")}));
  CHECK(r.overlaps(IpRange{addr("192.168.1.1"), addr("192.168.1.21")}));
  CHECK(r.overlaps(IpRange{addr("192.168.1.22"), addr("192.168.1.23")}));
  CHECK_FALSE(r.overlaps(IpRange{addr("192.168.1.31"), addr("192.168.1.40")}));
  CHECK_FALSE(r.overlaps(IpRange{addr("192.168.1.1"), addr("192.168.1.20")}));
}

TEST_CASE("parse_quantity accepts Kubernetes quantities", "[literals][quantity]") {
  struct Case {
    std::string_view text, kubernetes;
    long double value;
  };
  const Case cases[] = {
      {"500m", "500m", 0.5L},
      {"4GiB", "4Gi", 4.0L * 1024 * 1024 * 1024},
      {"4Gi", "4Gi", 4.0L * 1024 * 1024 * 1024},
      {"2048MB", "2048M", 2048e6L},
      {"300Mi", "300Mi", 300.0L * 1024 * 1024},
      {"3", "3", 3.0L},
      {"0", "0", 0.0L},
      {"1.5", "1.5", 1.5L},
      {"0.25", "0.25", 0.25L},
      {"1.5Gi", "1.5Gi", 1.5L * 1024 * 1024 * 1024},
      {"100m", "100m", 0.1L},
      {"1k", "1k", 1e3L},
      {"1K", "1k", 1e3L},
      {"1KB", "1k", 1e3L},
      {"1Ki", "1Ki", 1024.0L},
      {"1KiB", "1Ki", 1024.0L},
      {"2M", "2M", 2e6L},
      {"1MiB", "1Mi", 1024.0L * 1024},
      {"1G", "1G", 1e9L},
      {"1GB", "1G", 1e9L},
      {"1T", "1T", 1e12L},
      {"1TB", "1T", 1e12L},
      {"1Ti", "1Ti", 1024.0L * 1024 * 1024 * 1024},
      {"1TiB", "1Ti", 1024.0L * 1024 * 1024 * 1024},
      {"1P", "1P", 1e15L},
      {"1Pi", "1Pi", 1024.0L * 1024 * 1024 * 1024 * 1024},
      {"1E", "1E", 1e18L},
      {"7Ei", "7Ei", 7.0L * 1024 * 1024 * 1024 * 1024 * 1024 * 1024},
      {"007", "007", 7.0L},
      {"9223372036854775807", "9223372036854775807", 9223372036854775807.0L},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto q = parse_quantity(c.text);
    INFO(q.error);
    REQUIRE(q);
    CHECK(q.value->text == c.text);
    CHECK(q.value->kubernetes == c.kubernetes);
    CHECK(static_cast<double>(q.value->value) == Approx(static_cast<double>(c.value)));
  }
}

TEST_CASE("parse_quantity rejects bad quantities", "[literals][quantity]") {
  CHECK_THAT(error_of(parse_quantity("")), Contains("empty"));
  CHECK_THAT(error_of(parse_quantity("4x")), Contains("unknown unit \"x\""));
  CHECK_THAT(error_of(parse_quantity("4gi")), Contains("unknown unit \"gi\""));
  CHECK_THAT(error_of(parse_quantity("4GIB")), Contains("unknown unit \"GIB\""));
  CHECK_THAT(error_of(parse_quantity("4 Gi")), Contains("unknown unit \" Gi\""));
  CHECK_THAT(error_of(parse_quantity("4Gi ")), Contains("unknown unit \"Gi \""));
  CHECK_THAT(error_of(parse_quantity("4B")), Contains("unknown unit \"B\""));
  CHECK_THAT(error_of(parse_quantity("4PiB")), Contains("unknown unit"));
  CHECK_THAT(error_of(parse_quantity("4PB")), Contains("unknown unit"));
  CHECK_THAT(error_of(parse_quantity("1e3")), Contains("unknown unit \"e3\""));
  CHECK_THAT(error_of(parse_quantity("1.2.3")), Contains("unknown unit \".3\""));
  CHECK_THAT(error_of(parse_quantity("-1")), Contains("sign"));
  CHECK_THAT(error_of(parse_quantity("+1")), Contains("sign"));
  CHECK_THAT(error_of(parse_quantity("Gi")), Contains("expected a number"));
  CHECK_THAT(error_of(parse_quantity(".5")), Contains("before \".\""));
  CHECK_THAT(error_of(parse_quantity("5.")), Contains("after \".\""));
  CHECK_THAT(error_of(parse_quantity("5.Gi")), Contains("after \".\""));
  CHECK_FALSE(parse_quantity("."));
  CHECK_FALSE(parse_quantity(" 4Gi"));
  CHECK_FALSE(parse_quantity("4,5"));
  CHECK_FALSE(parse_quantity("four"));
}

TEST_CASE("parse_quantity rejects values Kubernetes would clamp", "[literals][quantity]") {
  CHECK_THAT(error_of(parse_quantity("8Ei")), Contains("too large"));
  CHECK_THAT(error_of(parse_quantity("9223372036854775808")), Contains("too large"));
  CHECK_THAT(error_of(parse_quantity("10E")), Contains("too large"));
  std::string forty = "1234567890123456789012345678901234567890";
  CHECK_THAT(error_of(parse_quantity(forty)), Contains("too large"));
  CHECK_FALSE(parse_quantity(forty + "Gi"));
  // Thousands of digits overflow long double to infinity; that must still be an error.
  auto inf = parse_quantity(std::string(6000, '9'));
  CHECK_FALSE(inf);
  check_well_formed(inf);
  auto tiny = parse_quantity("0." + std::string(6000, '0') + "1");
  REQUIRE(tiny);
  CHECK(tiny.value->value >= 0);
  CHECK(tiny.value->value < 1e-300L);
}

TEST_CASE("parse_quantity survives junk", "[literals][quantity][robustness]") {
  auto nul = parse_quantity("4\0Gi"s);
  CHECK_THAT(error_of(nul), Contains("\\x00"));
  check_well_formed(nul);
  check_well_formed(parse_quantity("\xff\xfe\xfd"));
  check_well_formed(parse_quantity("4\xC2\xB5"));
  check_well_formed(parse_quantity(std::string(100'000, 'G')));
  check_well_formed(parse_quantity("1" + std::string(100'000, 'i')));
}

TEST_CASE("parse_duration accepts Go durations", "[literals][duration]") {
  CHECK(ms("1h") == 3'600'000);
  CHECK(ms("10m0s") == 600'000);
  CHECK(ms("300s") == 300'000);
  CHECK(ms("1h30m") == 5'400'000);
  CHECK(ms("500ms") == 500);
  CHECK(ms("1.5h") == 5'400'000);
  CHECK(ms("1.5s") == 1'500);
  CHECK(ms(".5s") == 500);
  CHECK(ms("1.s") == 1'000);
  CHECK(ms("0s") == 0);
  CHECK(ms("0h0m0s") == 0);
  CHECK(ms("0.000s") == 0);
  CHECK(ms("1h1h") == 7'200'000);
  CHECK(ms("30s1m") == 90'000);
  CHECK(ms("1000000ns") == 1);
  CHECK(ms("1000us") == 1);
  CHECK(ms("1000\xC2\xB5s") == 1);  // micro sign
  CHECK(ms("1000\xCE\xBCs") == 1);  // Greek mu
  CHECK(ms("2500000ns500us") == 3);
  CHECK(ms("0.001s") == 1);
  CHECK(ms("1.0000000000000000000000000000s") == 1'000);
  CHECK(ms("0.1h") == 360'000);
  CHECK(ms("0.0001h") == 360);
  CHECK(ms("168h") == 604'800'000);
  CHECK(ms("0000001h") == 3'600'000);
  CHECK(ms("2562047h") == 2'562'047LL * 3'600'000);
  CHECK(ms("9223372036854ms") == 9'223'372'036'854LL);

  auto d = parse_duration("10m0s");
  REQUIRE(d);
  CHECK(d.value->text == "10m0s");
}

TEST_CASE("parse_duration rejects bad durations", "[literals][duration]") {
  CHECK_THAT(error_of(parse_duration("")), Contains("empty"));
  CHECK_THAT(error_of(parse_duration("10")), Contains("missing unit after \"10\""));
  CHECK_THAT(error_of(parse_duration("0")), Contains("missing unit"));
  CHECK_THAT(error_of(parse_duration("1h30")), Contains("missing unit after \"30\""));
  CHECK_THAT(error_of(parse_duration("1.2.3s")), Contains("missing unit after \"1.2\""));
  CHECK_THAT(error_of(parse_duration("-1h")), Contains("sign"));
  CHECK_THAT(error_of(parse_duration("+1h")), Contains("sign"));
  CHECK_THAT(error_of(parse_duration("1x")), Contains("unknown unit \"x\""));
  CHECK_THAT(error_of(parse_duration("1d")), Contains("unknown unit \"d\""));
  CHECK_THAT(error_of(parse_duration("1H")), Contains("unknown unit \"H\""));
  CHECK_THAT(error_of(parse_duration("1sec")), Contains("unknown unit \"sec\""));
  CHECK_THAT(error_of(parse_duration("1h 30m")), Contains("unknown unit \"h \""));
  CHECK_THAT(error_of(parse_duration("h")), Contains("missing number before \"h\""));
  CHECK_THAT(error_of(parse_duration(" 1h")), Contains("missing number"));
  CHECK_THAT(error_of(parse_duration(".s")), Contains("missing digits"));
  CHECK_THAT(error_of(parse_duration("1h-30m")), Contains("unknown unit \"h-\""));
  CHECK_FALSE(parse_duration("1,5s"));
  CHECK_FALSE(parse_duration("PT1H"));
}

TEST_CASE("parse_duration keeps millisecond precision", "[literals][duration]") {
  CHECK_THAT(error_of(parse_duration("500us")), Contains("whole number of milliseconds"));
  CHECK_THAT(error_of(parse_duration("1ns")), Contains("whole number of milliseconds"));
  CHECK_THAT(error_of(parse_duration("0.5ms")), Contains("whole number of milliseconds"));
  CHECK_THAT(error_of(parse_duration("1.0001s")), Contains("whole number of milliseconds"));
  CHECK_FALSE(parse_duration("1s1ns"));
  // The offending digit lies far below a nanosecond; it still makes the value inexact.
  CHECK_FALSE(parse_duration("1.00000000000000000000000001s"));
  CHECK_FALSE(parse_duration("0.0000000000000000000000000001h"));
}

TEST_CASE("parse_duration rejects what Go cannot hold", "[literals][duration]") {
  CHECK_THAT(error_of(parse_duration("2562048h")), Contains("too large"));
  CHECK_THAT(error_of(parse_duration("9223372036855ms")), Contains("too large"));
  CHECK_THAT(error_of(parse_duration("2562047h2562047h")), Contains("too large"));
  CHECK_FALSE(parse_duration("1234567890123456789012345678901234567890s"));
  CHECK_FALSE(parse_duration("1234567890123456789012345678901234567890ns"));
  CHECK_FALSE(parse_duration("99999999999999999999999999h"));
  CHECK_FALSE(parse_duration(std::string(10'000, '9') + "h"));
  CHECK_FALSE(parse_duration("1." + std::string(10'000, '9') + "h9999999h"));
  CHECK_THAT(error_of(parse_duration("2000000h2000000h")), Contains("too large"));
  std::string many;
  for (int i = 0; i < 100'000; ++i) many += "1h";
  CHECK(ms(many) == 100'000LL * 3'600'000);
  for (int i = 0; i < 30; ++i) many += "100000h";
  CHECK_THAT(error_of(parse_duration(many)), Contains("too large"));
}

TEST_CASE("parse_duration survives junk", "[literals][duration][robustness]") {
  auto nul = parse_duration("1\0s"s);
  CHECK_THAT(error_of(nul), Contains("\\x00"));
  check_well_formed(nul);
  check_well_formed(parse_duration("1\xC2"));
  check_well_formed(parse_duration("1\xB5s"));
  check_well_formed(parse_duration(std::string(100'000, '.')));
  check_well_formed(parse_duration(std::string(100'000, 's')));
}

TEST_CASE("Duration::go matches Go's time.Duration String", "[literals][duration]") {
  CHECK(go("1h") == "1h0m0s");
  CHECK(go("10m") == "10m0s");
  CHECK(go("10m0s") == "10m0s");
  CHECK(go("300s") == "5m0s");
  CHECK(go("500ms") == "500ms");
  CHECK(go("0s") == "0s");
  CHECK(go("1h30m") == "1h30m0s");
  CHECK(go("90s") == "1m30s");
  CHECK(go("1.5s") == "1.5s");
  CHECK(go("1500ms") == "1.5s");
  CHECK(go("1s") == "1s");
  CHECK(go("59s") == "59s");
  CHECK(go("60s") == "1m0s");
  CHECK(go("3600s") == "1h0m0s");
  CHECK(go("24h") == "24h0m0s");
  CHECK(go("1000000ns") == "1ms");
  CHECK(go("1h0m0.25s") == "1h0m0.25s");
  CHECK(go("1h2m3.004s") == "1h2m3.004s");
  CHECK(go("61m") == "1h1m0s");
  CHECK(go("2562047h") == "2562047h0m0s");

  CHECK(go_ms(0) == "0s");
  CHECK(go_ms(1) == "1ms");
  CHECK(go_ms(999) == "999ms");
  CHECK(go_ms(1000) == "1s");
  CHECK(go_ms(1010) == "1.01s");
  CHECK(go_ms(1001) == "1.001s");
  CHECK(go_ms(60'500) == "1m0.5s");
  CHECK(go_ms(-1500) == "-1.5s");
  CHECK(go_ms(-5) == "-5ms");
  CHECK(go_ms(std::numeric_limits<std::int64_t>::max()) == "2562047788015h12m55.807s");
  CHECK(go_ms(std::numeric_limits<std::int64_t>::min()) == "-2562047788015h12m55.808s");
}

TEST_CASE("parse_version accepts versions", "[literals][version]") {
  Version a = ver("v1.12.2");
  CHECK(a.v_prefix);
  CHECK(a.numbers == std::vector<std::uint64_t>{1, 12, 2});
  CHECK(a.prerelease.empty());
  CHECK(a.build.empty());

  Version b = ver("9.9.0");
  CHECK_FALSE(b.v_prefix);
  CHECK(b.numbers == std::vector<std::uint64_t>{9, 9, 0});

  CHECK(ver("2025.12.4").numbers == std::vector<std::uint64_t>{2025, 12, 4});
  CHECK(ver("1").numbers == std::vector<std::uint64_t>{1});
  CHECK(ver("v0").numbers == std::vector<std::uint64_t>{0});
  CHECK(ver("1.2.3.4").numbers == std::vector<std::uint64_t>{1, 2, 3, 4});
  CHECK(ver("18446744073709551615").numbers ==
        std::vector<std::uint64_t>{std::numeric_limits<std::uint64_t>::max()});

  Version c = ver("v0.1.0-beta.3-5-g07d09ec");
  CHECK(c.numbers == std::vector<std::uint64_t>{0, 1, 0});
  CHECK(c.prerelease == "beta.3-5-g07d09ec");
  CHECK(c.build.empty());

  Version d = ver("1.2.3-rc.1+build.5");
  CHECK(d.prerelease == "rc.1");
  CHECK(d.build == "build.5");

  Version e = ver("1.0.0+20130313144700");
  CHECK(e.prerelease.empty());
  CHECK(e.build == "20130313144700");

  CHECK(ver("1.0.0-x-y-z.--").prerelease == "x-y-z.--");
  CHECK(ver("1.0.0-0A.is.legal").prerelease == "0A.is.legal");
}

TEST_CASE("Version::str gives back the text", "[literals][version]") {
  for (std::string_view s : {"v1.12.2", "9.9.0", "2025.12.4", "v0.1.0-beta.3-5-g07d09ec", "1",
                             "1.2.3.4", "1.2.3-rc.1+build.5", "1.0.0+abc", "v0-a"})
    CHECK(ver(s).str() == s);
}

TEST_CASE("parse_version rejects bad versions", "[literals][version]") {
  CHECK_THAT(error_of(parse_version("")), Contains("empty"));
  CHECK_THAT(error_of(parse_version("v")), Contains("missing number after \"v\""));
  CHECK_THAT(error_of(parse_version("1.2.3.4.5")), Contains("at most 4"));
  CHECK_THAT(error_of(parse_version("01.2")), Contains("number \"01\" has a leading zero"));
  CHECK_THAT(error_of(parse_version("1.02")), Contains("leading zero"));
  CHECK_THAT(error_of(parse_version("1..2")), Contains("missing number after \".\""));
  CHECK_THAT(error_of(parse_version("1.2.")), Contains("missing number after \".\""));
  CHECK_THAT(error_of(parse_version(".1")), Contains("unexpected character \".\""));
  CHECK_THAT(error_of(parse_version("V1.2")), Contains("unexpected character \"V\""));
  CHECK_THAT(error_of(parse_version("vv1")), Contains("unexpected character \"v\""));
  CHECK_THAT(error_of(parse_version("1.2a")), Contains("unexpected character \"a\""));
  CHECK_THAT(error_of(parse_version("1.2 ")), Contains("unexpected character \" \""));
  CHECK_THAT(error_of(parse_version("1.2-")), Contains("empty prerelease"));
  CHECK_THAT(error_of(parse_version("1.2+")), Contains("empty build"));
  CHECK_THAT(error_of(parse_version("1.2-beta+")), Contains("empty build"));
  CHECK_THAT(error_of(parse_version("1.2-+b")), Contains("empty prerelease"));
  CHECK_THAT(error_of(parse_version("1.2-a..b")), Contains("empty identifier"));
  CHECK_THAT(error_of(parse_version("1.2-a.")), Contains("empty identifier"));
  CHECK_THAT(error_of(parse_version("1.2+.a")), Contains("empty identifier"));
  CHECK_THAT(error_of(parse_version("1.2-a_b")), Contains("unexpected character \"_\""));
  CHECK_THAT(error_of(parse_version("1.2+a+b")), Contains("unexpected character \"+\""));
  CHECK_THAT(error_of(parse_version("1.0-\xC3\xBC")), Contains("\"\xC3\xBC\""));
  CHECK_THAT(error_of(parse_version("18446744073709551616")), Contains("too large"));
  CHECK_THAT(error_of(parse_version("1.1234567890123456789012345678901234567890")),
             Contains("too large"));
  CHECK_FALSE(parse_version("-1"));
  CHECK_FALSE(parse_version("+1"));
  CHECK_FALSE(parse_version("latest"));
}

TEST_CASE("parse_version survives junk", "[literals][version][robustness]") {
  auto nul = parse_version("1.2\0"s);
  CHECK_THAT(error_of(nul), Contains("\\x00"));
  check_well_formed(nul);
  check_well_formed(parse_version("1.0-\xff"));
  check_well_formed(parse_version(std::string(100'000, '1')));
  check_well_formed(parse_version("1-" + std::string(100'000, '.')));
  std::string many_dots;
  for (int i = 0; i < 10'000; ++i) many_dots += "1.";
  check_well_formed(parse_version(many_dots + "1"));
}

TEST_CASE("Version::compare follows semver precedence", "[literals][version]") {
  CHECK(ver("1.2.3").compare(ver("1.2.4")) < 0);
  CHECK(ver("1.2.4").compare(ver("1.2.3")) > 0);
  CHECK(ver("1.10.0").compare(ver("1.9.0")) > 0);
  CHECK(ver("2.0.0").compare(ver("1.99.99")) > 0);
  CHECK(ver("1.2").compare(ver("1.2.0")) == 0);
  CHECK(ver("1.2.0.0").compare(ver("1.2")) == 0);
  CHECK(ver("1.2.3.4").compare(ver("1.2.3")) > 0);
  CHECK(ver("v1.2.3").compare(ver("1.2.3")) == 0);
  CHECK(ver("2025.12.4").compare(ver("2025.9.30")) > 0);
  CHECK(ver("1.0.0+a").compare(ver("1.0.0+b")) == 0);
  CHECK(ver("1.0.0-rc.1+a").compare(ver("1.0.0-rc.1")) == 0);
  CHECK(ver("1.0.0-alpha").compare(ver("1.0.0")) < 0);
  CHECK(ver("1.0.0").compare(ver("1.0.0-alpha")) > 0);
  CHECK(ver("1.0.1-alpha").compare(ver("1.0.0")) > 0);
  CHECK(ver("18446744073709551615").compare(ver("18446744073709551614")) > 0);
  CHECK(ver("1.0-99999999999999999999999").compare(ver("1.0-9")) > 0);
  CHECK(ver("1.0-010").compare(ver("1.0-9")) > 0);
  CHECK(ver("1.0-01").compare(ver("1.0-1")) == 0);
  CHECK(ver("v0.1.0-beta.3-5-g07d09ec").compare(ver("v0.1.0-beta.3")) > 0);
  CHECK(ver("v0.1.0-beta.3-5-g07d09ec").compare(ver("v0.1.0")) < 0);

  // The precedence example from semver.org, in increasing order.
  const std::vector<std::string_view> ordered = {
      "1.0.0-alpha",  "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
      "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",       "1.0.0"};
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    for (std::size_t j = 0; j < ordered.size(); ++j) {
      INFO(ordered[i] << " vs " << ordered[j]);
      int c = ver(ordered[i]).compare(ver(ordered[j]));
      if (i < j) CHECK(c < 0);
      if (i == j) CHECK(c == 0);
      if (i > j) CHECK(c > 0);
    }
  }
}

TEST_CASE("parse_cron accepts schedules", "[literals][cron]") {
  for (std::string_view s : {
           "0/30 * * * *",
           "* * * * *",
           "*/5 * * * *",
           "0 0 * * *",
           "0 0 1 1 *",
           "59 23 31 12 7",
           "0 0 1 1 0",
           "0-59/15 * * * *",
           "1,2,3 * * * *",
           "0 9-17 * * MON-FRI",
           "0 0 1 JAN,jul *",
           "0 0 * dec sun",
           "0 0 * * Sat",
           "0 0 * * 5-7",
           "00 05 * * *",
           "5-10/2 */2 1-15 */3 1-5",
           "0 0 1-31/2 * *",
           "*/60 * * * *",
           "0 */24 * * *",
           "0 0 * JAN/3 *",
           "0 0 * * MON/2",
           "0,30 8,12,18 * * 1-5",
           "  0 0 * * *  ",
           "0\t0 * *\t*",
           "0   0  *  *  *",
       }) {
    INFO(s);
    CHECK(cron_ok(s));
  }
  auto p = parse_cron("0/30 * * * *");
  REQUIRE(p);
  CHECK(p.value->text == "0/30 * * * *");
}

TEST_CASE("parse_cron accepts macros", "[literals][cron]") {
  for (std::string_view s : {"@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@annually",
                             "@midnight", "@every 1h", "@every 90s", "@every 1h30m",
                             "@every  5m", "@every\t5m", " @daily "}) {
    INFO(s);
    CHECK(cron_ok(s));
  }
}

TEST_CASE("parse_cron checks field ranges", "[literals][cron]") {
  CHECK_THAT(error_of(parse_cron("61 * * * *")), Contains("minute field \"61\" is outside 0-59"));
  CHECK_THAT(error_of(parse_cron("60 * * * *")), Contains("minute field \"60\" is outside 0-59"));
  CHECK_THAT(error_of(parse_cron("* 24 * * *")), Contains("hour field \"24\" is outside 0-23"));
  CHECK_THAT(error_of(parse_cron("* * 0 * *")),
             Contains("day-of-month field \"0\" is outside 1-31"));
  CHECK_THAT(error_of(parse_cron("* * 32 * *")), Contains("day-of-month field \"32\""));
  CHECK_THAT(error_of(parse_cron("* * * 13 *")), Contains("month field \"13\" is outside 1-12"));
  CHECK_THAT(error_of(parse_cron("* * * 0 *")), Contains("month field \"0\""));
  CHECK_THAT(error_of(parse_cron("* * * * 8")), Contains("day-of-week field \"8\" is outside 0-7"));
  CHECK_THAT(error_of(parse_cron("1-60 * * * *")), Contains("minute field \"60\""));
  CHECK_THAT(error_of(parse_cron("0,30,75 * * * *")), Contains("minute field \"75\""));
  CHECK_THAT(error_of(parse_cron("* * * * 1-8")), Contains("day-of-week field \"8\""));
  CHECK_THAT(error_of(parse_cron("99999999999999999999999999999999999999 * * * *")),
             Contains("is outside 0-59"));
}

TEST_CASE("parse_cron checks steps, ranges, lists and names", "[literals][cron]") {
  CHECK_THAT(error_of(parse_cron("*/0 * * * *")), Contains("step \"0\" must be positive"));
  CHECK_THAT(error_of(parse_cron("0-30/00 * * * *")), Contains("must be positive"));
  CHECK_THAT(error_of(parse_cron("*/ * * * *")), Contains("no step"));
  CHECK_THAT(error_of(parse_cron("*/x * * * *")), Contains("step \"x\" is not a number"));
  CHECK_THAT(error_of(parse_cron("*/-1 * * * *")), Contains("not a number"));
  CHECK_THAT(error_of(parse_cron("*/61 * * * *")), Contains("step \"61\" is larger than 60"));
  CHECK_THAT(error_of(parse_cron("*/99999999999999999999999 * * * *")), Contains("larger"));
  CHECK_THAT(error_of(parse_cron("/5 * * * *")), Contains("nothing before \"/\""));
  CHECK_THAT(error_of(parse_cron("*/5/5 * * * *")), Contains("not a number"));
  CHECK_THAT(error_of(parse_cron("5-2 * * * *")), Contains("range \"5-2\" starts after it ends"));
  CHECK_THAT(error_of(parse_cron("0 0 * * SAT-SUN")), Contains("starts after it ends"));
  CHECK_THAT(error_of(parse_cron("0 0 * DEC-JAN *")), Contains("starts after it ends"));
  CHECK_THAT(error_of(parse_cron("-5 * * * *")), Contains("incomplete"));
  CHECK_THAT(error_of(parse_cron("5- * * * *")), Contains("incomplete"));
  CHECK_THAT(error_of(parse_cron("1-2-3 * * * *")), Contains("\"2-3\" is not a number"));
  CHECK_THAT(error_of(parse_cron("*-5 * * * *")), Contains("\"*\" is not a number"));
  CHECK_THAT(error_of(parse_cron("1,,2 * * * *")), Contains("empty list item"));
  CHECK_THAT(error_of(parse_cron("1, * * * *")), Contains("empty list item"));
  CHECK_THAT(error_of(parse_cron(",1 * * * *")), Contains("empty list item"));
  CHECK_THAT(error_of(parse_cron("a * * * *")), Contains("minute field \"a\" is not a number"));
  CHECK_THAT(error_of(parse_cron("? * * * *")), Contains("not a number"));
  CHECK_THAT(error_of(parse_cron("L * * * *")), Contains("not a number"));
  CHECK_THAT(error_of(parse_cron("* * * FOO *")), Contains("not a number or month name"));
  CHECK_THAT(error_of(parse_cron("* * * MON *")), Contains("month field \"MON\""));
  CHECK_THAT(error_of(parse_cron("* * * * JAN")), Contains("not a number or weekday name"));
  CHECK_THAT(error_of(parse_cron("* * * * MONDAY")), Contains("weekday name"));
  CHECK_THAT(error_of(parse_cron("* * MON * *")), Contains("day-of-month field \"MON\""));
}

TEST_CASE("parse_cron checks the shape", "[literals][cron]") {
  CHECK_THAT(error_of(parse_cron("")), Contains("empty"));
  CHECK_THAT(error_of(parse_cron(" \t ")), Contains("empty"));
  CHECK_THAT(error_of(parse_cron("* * * *")), Contains("expected 5 fields"));
  CHECK_THAT(error_of(parse_cron("* * * *")), Contains("found 4"));
  CHECK_THAT(error_of(parse_cron("0 * * * * *")), Contains("found 6"));
  CHECK_THAT(error_of(parse_cron("*")), Contains("found 1"));
  CHECK_THAT(error_of(parse_cron("@foo")), Contains("unknown macro \"@foo\""));
  CHECK_THAT(error_of(parse_cron("@daily2")), Contains("unknown macro"));
  CHECK_THAT(error_of(parse_cron("@DAILY")), Contains("unknown macro"));
  CHECK_THAT(error_of(parse_cron("@daily *")), Contains("unknown macro \"@daily\""));
  CHECK_THAT(error_of(parse_cron("@")), Contains("unknown macro"));
  CHECK_THAT(error_of(parse_cron("@every")), Contains("missing duration"));
  CHECK_THAT(error_of(parse_cron("@every ")), Contains("missing duration"));
  CHECK_THAT(error_of(parse_cron("@every 0s")), Contains("above zero"));
  CHECK_THAT(error_of(parse_cron("@every x")), Contains("@every: "));
  CHECK_THAT(error_of(parse_cron("@every -1h")), Contains("sign"));
  CHECK_THAT(error_of(parse_cron("@every 1h 5m")), Contains("@every: "));
  CHECK_THAT(error_of(parse_cron("@every5m")), Contains("unknown macro"));
  CHECK_FALSE(parse_cron("0 0 * * *\n"));
  CHECK_FALSE(parse_cron("TZ=UTC 0 0 * * *"));
}

TEST_CASE("parse_cron survives junk", "[literals][cron][robustness]") {
  auto nul = parse_cron("0 0 * * \0"s);
  CHECK_THAT(error_of(nul), Contains("\\x00"));
  check_well_formed(nul);
  check_well_formed(parse_cron("\xff \xff \xff \xff \xff"));
  check_well_formed(parse_cron(std::string(100'000, ' ') + "x"));
  check_well_formed(parse_cron(std::string(100'000, ',') + " * * * *"));
  check_well_formed(parse_cron(std::string(100'000, '*')));
  std::string many_fields;
  for (int i = 0; i < 10'000; ++i) many_fields += "* ";
  CHECK_THAT(error_of(parse_cron(many_fields)), Contains("found 10000"));
  std::string long_list = "0";
  for (int i = 0; i < 10'000; ++i) long_list += ",59";
  CHECK(cron_ok(long_list + " * * * *"));
}

TEST_CASE("parse_hostname accepts hostnames", "[literals][hostname]") {
  auto host = [](std::string_view text, bool wildcard = false) {
    auto p = parse_hostname(text, wildcard);
    INFO(text << ": " << p.error);
    REQUIRE(p);
    return *p.value;
  };
  CHECK(host("example.com") == "example.com");
  CHECK(host("gl.m1xxos.tech") == "gl.m1xxos.tech");
  CHECK(host("Example.COM") == "example.com");
  CHECK(host("a") == "a");
  CHECK(host("localhost") == "localhost");
  CHECK(host("a-b.c-d") == "a-b.c-d");
  CHECK(host("a--b.example") == "a--b.example");
  CHECK(host("xn--bcher-kva.example") == "xn--bcher-kva.example");
  CHECK(host("123.example") == "123.example");
  CHECK(host("1.2.3.4") == "1.2.3.4");
  CHECK(host("*.example.com", true) == "*.example.com");
  CHECK(host("*.COM", true) == "*.com");
  CHECK(host("example.com", true) == "example.com");
  CHECK(host(std::string(63, 'a') + ".b") == std::string(63, 'a') + ".b");

  std::string label63(63, 'x');
  std::string longest = label63 + "." + label63 + "." + label63 + "." + std::string(61, 'y');
  REQUIRE(longest.size() == 253);
  CHECK(host(longest) == longest);
}

TEST_CASE("parse_hostname rejects bad hostnames", "[literals][hostname]") {
  auto error = [](std::string_view text, bool wildcard = false) {
    return error_of(parse_hostname(text, wildcard));
  };
  CHECK_THAT(error(""), Contains("empty"));
  CHECK_THAT(error("*.example.com"), Contains("not allowed"));
  CHECK_THAT(error("a.*.b", true), Contains("only allowed as the first label"));
  CHECK_THAT(error("a.*", true), Contains("first label"));
  CHECK_THAT(error("*", true), Contains("needs a domain"));
  CHECK_THAT(error("*", false), Contains("not allowed"));
  CHECK_THAT(error("*a.b", true), Contains("unexpected character \"*\""));
  CHECK_THAT(error("**.a", true), Contains("unexpected character \"*\""));
  CHECK_THAT(error("*.*.a", true), Contains("first label"));
  CHECK_THAT(error("-a.b"), Contains("label \"-a\" starts with \"-\""));
  CHECK_THAT(error("a-.b"), Contains("label \"a-\" ends with \"-\""));
  CHECK_THAT(error("a.-"), Contains("starts with \"-\""));
  CHECK_THAT(error("a..b"), Contains("empty label"));
  CHECK_THAT(error(".a"), Contains("starts with \".\""));
  CHECK_THAT(error("a."), Contains("ends with \".\""));
  CHECK_THAT(error("."), Contains("\".\""));
  CHECK_THAT(error("a_b.c"), Contains("unexpected character \"_\" in label \"a_b\""));
  CHECK_THAT(error("a b"), Contains("unexpected character \" \""));
  CHECK_THAT(error("a/b"), Contains("\"/\""));
  CHECK_THAT(error("b\xC3\xBC" "cher.de"), Contains("non-ASCII"));
  CHECK_THAT(error(std::string(64, 'a') + ".b"), Contains("longer than 63"));
  std::string label63(63, 'x');
  std::string too_long = label63 + "." + label63 + "." + label63 + "." + std::string(62, 'y');
  REQUIRE(too_long.size() == 254);
  CHECK_THAT(error(too_long), Contains("longer than 253"));
  CHECK_FALSE(parse_hostname("https://example.com", false));
  CHECK_FALSE(parse_hostname("example.com:443", false));
}

TEST_CASE("parse_hostname survives junk", "[literals][hostname][robustness]") {
  auto nul = parse_hostname("a\0b"s, true);
  CHECK_THAT(error_of(nul), Contains("\\x00"));
  check_well_formed(nul);
  check_well_formed(parse_hostname("\xff.com", false));
  check_well_formed(parse_hostname(std::string(1'000'000, 'a'), false));
  check_well_formed(parse_hostname(std::string(200, '.'), true));
  check_well_formed(parse_hostname(std::string(200, '*'), true));
}

TEST_CASE("host_in_zone", "[literals][hostname]") {
  CHECK(host_in_zone("a.gl.m1xxos.tech", "gl.m1xxos.tech"));
  CHECK(host_in_zone("gl.m1xxos.tech", "gl.m1xxos.tech"));
  CHECK(host_in_zone("b.a.gl.m1xxos.tech", "gl.m1xxos.tech"));
  CHECK(host_in_zone("A.GL.m1xxos.tech", "gl.M1XXOS.tech"));
  CHECK(host_in_zone("*.gl.m1xxos.tech", "gl.m1xxos.tech"));
  CHECK_FALSE(host_in_zone("xgl.m1xxos.tech", "gl.m1xxos.tech"));
  CHECK_FALSE(host_in_zone("gl.m1xxos.tech", "a.gl.m1xxos.tech"));
  CHECK_FALSE(host_in_zone("m1xxos.tech", "gl.m1xxos.tech"));
  CHECK_FALSE(host_in_zone("gl.m1xxos.tech.evil", "gl.m1xxos.tech"));
  CHECK_FALSE(host_in_zone("", "gl.m1xxos.tech"));
  CHECK_FALSE(host_in_zone("a.b", ""));
  CHECK_FALSE(host_in_zone("", ""));
}

TEST_CASE("cert_name_covers", "[literals][hostname]") {
  CHECK(cert_name_covers("a.b", "a.b"));
  CHECK(cert_name_covers("A.B", "a.b"));
  CHECK(cert_name_covers("*.a.b", "x.a.b"));
  CHECK(cert_name_covers("*.a.b", "X.A.B"));
  CHECK(cert_name_covers("*.b", "a.b"));
  CHECK(cert_name_covers("*.gl.m1xxos.tech", "gitlab.gl.m1xxos.tech"));
  CHECK(cert_name_covers("*.a.b", "*.a.b"));
  CHECK_FALSE(cert_name_covers("*.a.b", "a.b"));
  CHECK_FALSE(cert_name_covers("*.a.b", "y.x.a.b"));
  CHECK_FALSE(cert_name_covers("*.a.b", ".a.b"));
  CHECK_FALSE(cert_name_covers("*.a.b", "xa.b"));
  CHECK_FALSE(cert_name_covers("*.a.b", "x.ab"));
  CHECK_FALSE(cert_name_covers("*.a.b", "x.a.c"));
  CHECK_FALSE(cert_name_covers("x.a.b", "*.a.b"));
  CHECK_FALSE(cert_name_covers("x.a.b", "y.a.b"));
  CHECK_FALSE(cert_name_covers("a.b", "x.a.b"));
  CHECK_FALSE(cert_name_covers("*", "a"));
  CHECK_FALSE(cert_name_covers("*.", "a."));
  CHECK_FALSE(cert_name_covers("", ""));
  CHECK_FALSE(cert_name_covers("", "a"));
  CHECK_FALSE(cert_name_covers("a", ""));
}

TEST_CASE("vault_glob_matches", "[literals][vault]") {
  CHECK(vault_glob_matches("secret/data/app", "secret/data/app"));
  CHECK_FALSE(vault_glob_matches("secret/data/app", "secret/data/app2"));
  CHECK_FALSE(vault_glob_matches("secret/data/app", "secret/data/ap"));
  CHECK_FALSE(vault_glob_matches("secret/data/app", "Secret/data/app"));

  CHECK(vault_glob_matches("secret/*", "secret/foo"));
  CHECK(vault_glob_matches("secret/*", "secret/"));
  CHECK(vault_glob_matches("secret/*", "secret/a/b/c"));
  CHECK_FALSE(vault_glob_matches("secret/*", "secret"));
  CHECK_FALSE(vault_glob_matches("secret/*", "other/foo"));
  CHECK(vault_glob_matches("secret/data/app*", "secret/data/app-two"));
  CHECK(vault_glob_matches("*", "anything/at/all"));
  CHECK(vault_glob_matches("*", ""));

  CHECK(vault_glob_matches("secret/+/config", "secret/app/config"));
  CHECK_FALSE(vault_glob_matches("secret/+/config", "secret/a/b/config"));
  CHECK_FALSE(vault_glob_matches("secret/+/config", "secret/app/other"));
  CHECK_FALSE(vault_glob_matches("secret/+/config", "secret/config"));
  CHECK(vault_glob_matches("secret/+", "secret/app"));
  CHECK_FALSE(vault_glob_matches("secret/+", "secret/app/x"));
  CHECK(vault_glob_matches("secret/+/*", "secret/app/x/y"));
  CHECK(vault_glob_matches("+/+", "a/b"));
  CHECK(vault_glob_matches("+/data/*", "kv/data/x"));
  CHECK_FALSE(vault_glob_matches("+/+", "a/b/c"));

  // '+' is a wildcard only as a whole segment; elsewhere it is an ordinary character.
  CHECK(vault_glob_matches("a+b", "a+b"));
  CHECK_FALSE(vault_glob_matches("a+b", "axb"));
  CHECK_FALSE(vault_glob_matches("secret/foo+", "secret/foox"));
  CHECK(vault_glob_matches("secret/foo+", "secret/foo+"));

  // '*' before the end makes the pattern invalid: it matches nothing.
  CHECK_FALSE(vault_glob_matches("secret/d*ta", "secret/data"));
  CHECK_FALSE(vault_glob_matches("secret/*/x", "secret/a/x"));
  CHECK_FALSE(vault_glob_matches("**", "a"));

  CHECK(vault_glob_matches("", ""));
  CHECK_FALSE(vault_glob_matches("", "a"));
  CHECK_FALSE(vault_glob_matches("a", ""));
}

TEST_CASE("literals: parsers never crash and round-trip their results", "[literals][robustness]") {
  // Characters that matter to some parser, plus NUL, malformed UTF-8, the en dash and µ.
  const std::vector<std::string> alphabet = {
      "0", "1", "2", "5", "9", ".", "/", "-", "+", "*", ",", " ", "\t", "@", "a", "e", "h",
      "i", "k", "m", "n", "s", "u", "v", "x", "B", "E", "G", "K", "M", "T", "JAN", "MON",
      "every ", std::string(1, '\0'), "\xff", "\xC2", "\xE2\x80\x93", "\xC2\xB5", "255",
      "256", "00", "99999999999999999999"};
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 24);
  // One assertion per failure only: millions of passing CHECKs would make this slow.
  auto expect_well_formed = [](const auto& p) {
    if (std::string m = malformed(p); !m.empty()) FAIL_CHECK(m);
  };
  for (int n = 0; n < 20'000; ++n) {
    std::string s;
    for (int k = length(rng); k > 0; --k) s += alphabet[pick(rng)];
    INFO("input: " << s);

    auto a = parse_ipv4(s);
    expect_well_formed(a);
    if (a) CHECK(a.value->str() == s);

    auto c = parse_cidr(s);
    expect_well_formed(c);
    if (c) CHECK(c.value->str() == s);

    auto r = parse_ip_range(s);
    expect_well_formed(r);
    if (r) CHECK(r.value->first <= r.value->last);

    auto q = parse_quantity(s);
    expect_well_formed(q);
    if (q) {
      auto again = parse_quantity(q.value->kubernetes);
      REQUIRE(again);
      CHECK(again.value->value == q.value->value);
    }

    auto d = parse_duration(s);
    expect_well_formed(d);
    if (d) {
      auto again = parse_duration(d.value->go());
      REQUIRE(again);
      CHECK(again.value->milliseconds == d.value->milliseconds);
    }

    auto v = parse_version(s);
    expect_well_formed(v);
    if (v) {
      CHECK(v.value->str() == s);
      CHECK(v.value->compare(*v.value) == 0);
    }

    expect_well_formed(parse_cron(s));
    expect_well_formed(parse_cron("@every " + s));
    expect_well_formed(parse_cron(s + " * * * *"));
    expect_well_formed(parse_hostname(s, true));
    expect_well_formed(parse_hostname(s, false));
    (void)host_in_zone(s, "a.b");
    (void)cert_name_covers(s, "x.a.b");
    (void)cert_name_covers("*.a.b", s);
    (void)vault_glob_matches(s, "a/b/c");
    (void)vault_glob_matches("a/+/*", s);
  }
}

TEST_CASE("literals: parsers agree with simple models", "[literals][robustness]") {
  std::mt19937 rng(7);
  auto one_of = [&](const std::vector<std::string>& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
  };
  auto chance = [&](int percent) {
    return std::uniform_int_distribution<int>(0, 99)(rng) < percent;
  };
  const std::vector<std::string> octets = {"0",   "1",  "9",  "10", "99", "100", "199", "255",
                                           "256", "01", "00", "",   "a",  "1000", " 1"};
  auto random_ip = [&] {
    std::string s = one_of(octets);
    int parts = chance(90) ? 4 : std::uniform_int_distribution<int>(1, 6)(rng);
    for (int k = 1; k < parts; ++k) s += "." + one_of(octets);
    return s;
  };

  // glibc's inet_pton accepts exactly four decimal octets without leading zeros.
  for (int n = 0; n < 5'000; ++n) {
    std::string s = random_ip();
    INFO("input: " << s);
    in_addr reference{};
    bool expected = inet_pton(AF_INET, s.c_str(), &reference) == 1;
    auto p = parse_ipv4(s);
    if (static_cast<bool>(p) != expected) FAIL_CHECK(p.error);
    if (p && expected && p.value->value != ntohl(reference.s_addr)) FAIL_CHECK(p.value->str());
  }

  const std::vector<std::string> prefixes = {"0", "1", "8", "16", "24", "31", "32", "33", "08", ""};
  for (int n = 0; n < 5'000; ++n) {
    std::string s = random_ip() + "/" + one_of(prefixes);
    INFO("input: " << s);
    auto p = parse_cidr(s);
    if (std::string m = malformed(p); !m.empty()) FAIL_CHECK(m);
    if (p && p.value->str() != s) FAIL_CHECK(p.value->str());
    if (p && !p.value->contains(p.value->address)) FAIL_CHECK("network excludes its address");
  }

  for (int n = 0; n < 5'000; ++n) {
    std::string s = random_ip() + one_of({"-", "\xE2\x80\x93", "--", " - "}) + random_ip();
    INFO("input: " << s);
    auto p = parse_ip_range(s);
    if (std::string m = malformed(p); !m.empty()) FAIL_CHECK(m);
    if (p && p.value->first > p.value->last) FAIL_CHECK(p.value->str());
  }

  // Durations: compare with a floating-point sum of the terms.
  const std::vector<std::string> numbers = {"0", "1", "1.5", ".5", "5.", "90", "1000000", "0.001",
                                            "2562047", "007", "", "."};
  const std::vector<std::pair<std::string, long double>> duration_units = {
      {"h", 3600e3L}, {"m", 60e3L},      {"s", 1e3L},  {"ms", 1.0L},
      {"us", 1e-3L},  {"\xC2\xB5s", 1e-3L}, {"ns", 1e-6L}, {"d", 0}, {"", 0}};
  for (int n = 0; n < 5'000; ++n) {
    std::string s;
    long double expected_ms = 0;
    long double fractions = 0;  // summed per term: the total is too large to keep them
    bool plausible = true;
    bool merged = false;  // an empty number or unit glues neighbouring terms together
    for (int k = std::uniform_int_distribution<int>(1, 3)(rng); k > 0; --k) {
      std::string number = one_of(numbers);
      auto unit = duration_units[std::uniform_int_distribution<std::size_t>(
          0, duration_units.size() - 1)(rng)];
      s += number + unit.first;
      merged = merged || number.empty() || unit.first.empty();
      if (number.empty() || number == "." || unit.second == 0)
        plausible = false;
      else {
        long double term = std::strtold(number.c_str(), nullptr) * unit.second;
        expected_ms += term;
        fractions += term - std::floor(term);
      }
    }
    if (merged) {
      check_well_formed(parse_duration(s));
      continue;
    }
    INFO("input: " << s);
    auto p = parse_duration(s);
    if (std::string m = malformed(p); !m.empty()) FAIL_CHECK(m);
    if (p && !plausible) FAIL_CHECK("accepted");
    if (p && std::fabs(static_cast<long double>(p.value->milliseconds) - expected_ms) > 1e-6L)
      FAIL_CHECK(p.value->milliseconds);
    bool whole = std::fabs(fractions - std::round(fractions)) < 1e-12L;
    bool fits = expected_ms <= 9223372036854.0L;  // Go's limit in milliseconds
    if (plausible && whole && fits && !p) FAIL_CHECK(p.error);
  }

  // Quantities: compare with strtold times the unit factor.
  const std::vector<std::pair<std::string, long double>> quantity_units = {
      {"", 1},          {"m", 1e-3L},     {"k", 1e3L},      {"K", 1e3L},  {"Mi", 0x1p20L},
      {"GiB", 0x1p30L}, {"MB", 1e6L},     {"Ei", 0x1p60L},  {"gi", 0},    {"B", 0}};
  for (int n = 0; n < 5'000; ++n) {
    std::string number = one_of(numbers);
    auto unit = quantity_units[std::uniform_int_distribution<std::size_t>(
        0, quantity_units.size() - 1)(rng)];
    std::string s = number + unit.first;
    INFO("input: " << s);
    long double expected = std::strtold(number.c_str(), nullptr) * unit.second;
    bool plausible = !number.empty() && number[0] != '.' && number.back() != '.' &&
                     unit.second != 0 && expected <= 9223372036854775807.0L;
    auto p = parse_quantity(s);
    if (std::string m = malformed(p); !m.empty()) FAIL_CHECK(m);
    if (static_cast<bool>(p) != plausible) FAIL_CHECK(p.error);
    if (p && std::fabs(p.value->value - expected) > std::fabs(expected) * 1e-15L) FAIL_CHECK(s);
  }

  // Cron: plain numbers decide validity by their field's range.
  const std::vector<std::string> cron_items = {"*", "0", "1", "7", "12", "23", "31", "59", "60",
                                               "*/5", "1-5", "5-1", "*/0", "MON", "JAN", ""};
  const int lows[] = {0, 0, 1, 1, 0}, highs[] = {59, 23, 31, 12, 7};
  for (int n = 0; n < 5'000; ++n) {
    std::string s;
    bool expected = true;
    for (int f = 0; f < 5; ++f) {
      std::string item = one_of(cron_items);
      s += (f ? " " : "") + item;
      if (item == "*" || item == "*/5") continue;
      if (item == "" || item == "5-1" || item == "*/0") expected = false;
      else if (item == "MON") expected = expected && f == 4;
      else if (item == "JAN") expected = expected && f == 3;
      else if (item == "1-5") expected = expected && lows[f] <= 1;
      else expected = expected && lows[f] <= std::stoi(item) && std::stoi(item) <= highs[f];
    }
    INFO("input: " << s);
    auto p = parse_cron(s);
    if (std::string m = malformed(p); !m.empty()) FAIL_CHECK(m);
    if (static_cast<bool>(p) != expected) FAIL_CHECK(p.error);
  }
}
