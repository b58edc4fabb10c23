// Fault injection: the CORBEL_FAULTS syntax, and the injector's decisions (seeded, so the
// same seed gives the same run) for loss, duplication, reordering and delay.
#include <corbel/runtime/faults.hpp>
#include <corbel/runtime/core/fault_injector.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <vector>

using namespace corbel::runtime;
using namespace corbel::runtime::core;
using namespace std::chrono_literals;

namespace {

Datagram numbered(std::uint8_t n) {
    Datagram d;
    d.peer = Endpoint{0x7f000001, 7000};
    d.bytes.append(&n, 1);
    return d;
}

}  // namespace

TEST_CASE("the fault string of the issue parses, and bad ones are refused by name") {
    const FaultConfig c = FaultConfig::parse("loss=0.3,dup=0.1,reorder=0.1,seed=7");
    CHECK(c.loss == doctest::Approx(0.3));
    CHECK(c.duplicate == doctest::Approx(0.1));
    CHECK(c.reorder == doctest::Approx(0.1));
    CHECK(c.seed == 7);
    CHECK(c.on_send);
    CHECK(c.on_receive);
    CHECK(c.active());
    const FaultConfig d = FaultConfig::parse("delay=5,direction=send");
    CHECK(d.delay == 5ms);
    CHECK_FALSE(d.on_receive);
    CHECK_FALSE(FaultConfig::parse("").active());
    for (const char* bad : {"loss=1.5", "loss=", "loss", "drop=0.1", "seed=-1", "direction=up", "dup=0.1x"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(FaultConfig::parse(bad), std::invalid_argument);
    }
}

TEST_CASE("CORBEL_FAULTS is read from the environment, and a bad value names the variable") {
    ::setenv("CORBEL_FAULTS", "loss=0.25,seed=3", 1);
    const auto c = FaultConfig::from_environment();
    REQUIRE(c.has_value());
    CHECK(c->loss == doctest::Approx(0.25));
    ::setenv("CORBEL_FAULTS", "loss=2", 1);
    CHECK_THROWS_WITH(FaultConfig::from_environment(), doctest::Contains("CORBEL_FAULTS"));
    ::unsetenv("CORBEL_FAULTS");
    CHECK_FALSE(FaultConfig::from_environment().has_value());
}

TEST_CASE("loss and duplication happen at the configured rates, the same way for the same seed") {
    FaultConfig config = FaultConfig::parse("loss=0.3,dup=0.1,seed=7");
    auto run = [&config] {
        FaultInjector injector(config, true, 1);
        std::vector<Datagram> out;
        for (int i = 0; i < 10000; ++i) injector.submit(TimePoint{}, numbered(static_cast<std::uint8_t>(i)), out);
        return std::make_pair(out.size(), injector.dropped());
    };
    const auto [delivered, dropped] = run();
    CHECK(dropped > 2700);
    CHECK(dropped < 3300);
    // each survivor is duplicated with probability 0.1: about 7000 * 1.1
    CHECK(delivered > 7300);
    CHECK(delivered < 8100);
    CHECK(run() == std::make_pair(delivered, dropped));
}

TEST_CASE("a reordered datagram goes out behind the next one, or when its hold expires") {
    FaultConfig config;
    config.reorder = 1.0;  // hold every datagram
    FaultInjector holding(config, true, 1);
    std::vector<Datagram> out;
    holding.submit(TimePoint{}, numbered(1), out);
    CHECK(out.empty());
    REQUIRE(holding.next_expiry() == TimePoint{} + FaultInjector::reorder_hold);
    holding.release_due(TimePoint{} + FaultInjector::reorder_hold, out);
    REQUIRE(out.size() == 1);

    config.reorder = 0.5;
    config.seed = 11;
    FaultInjector mixed(config, true, 1);
    out.clear();
    for (std::uint8_t i = 0; i < 100; ++i) mixed.submit(TimePoint{}, numbered(i), out);
    mixed.release_due(TimePoint{} + 1s, out);
    REQUIRE(out.size() == 100);
    int out_of_order = 0;
    for (std::size_t i = 1; i < out.size(); ++i) out_of_order += out[i].bytes[0] < out[i - 1].bytes[0];
    CHECK(out_of_order > 10);
}

TEST_CASE("delay holds every datagram for the configured time; a disabled injector passes all") {
    FaultConfig config;
    config.delay = 5ms;
    FaultInjector delaying(config, true, 1);
    std::vector<Datagram> out;
    delaying.submit(TimePoint{}, numbered(1), out);
    CHECK(out.empty());
    delaying.release_due(TimePoint{} + 4ms, out);
    CHECK(out.empty());
    delaying.release_due(TimePoint{} + 5ms, out);
    CHECK(out.size() == 1);
    FaultInjector off(FaultConfig::parse("loss=1"), false, 1);
    off.submit(TimePoint{}, numbered(1), out);
    CHECK(out.size() == 2);
}
