// When a blocking call polls for its reply before it sleeps (a private class of the
// runtime, tested here directly), and how long: the decision alone, no socket.
#include "spin_gate.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace corbel::runtime;
using namespace std::chrono_literals;
using corbel::runtime::detail::SpinGate;

namespace {

SpinGate::Situation promising() {
    SpinGate::Situation s;
    s.limit = 50us;
    s.wait = 20ms;
    s.smoothed_rtt = 15us;
    s.usable_cpus = 2;
    return s;
}

// The calls the gate skips before it lets one poll again; -1 if it still refuses after
// far more than it ever should skip.
int skipped_before_next_poll(SpinGate& gate) {
    for (int skipped = 0; skipped <= 5000; ++skipped) {
        if (gate.budget(promising()) != Duration::zero()) return skipped;
    }
    return -1;
}

}  // namespace

TEST_CASE("a call polls for the whole limit when the reply is expected within it") {
    SpinGate gate;
    CHECK(gate.budget(promising()) == 50us);
    SpinGate::Situation short_wait = promising();
    short_wait.wait = 30us;  // the retransmission timer comes first
    CHECK(gate.budget(short_wait) == 30us);
}

TEST_CASE("no poll without a limit, on one CPU, before a measured round trip, or for a slower server") {
    SpinGate gate;
    SpinGate::Situation s = promising();
    s.limit = Duration::zero();
    CHECK(gate.budget(s) == Duration::zero());

    s = promising();
    s.usable_cpus = 1;
    CHECK(gate.budget(s) == Duration::zero());

    s = promising();
    s.smoothed_rtt.reset();
    CHECK(gate.budget(s) == Duration::zero());

    s = promising();
    s.smoothed_rtt = 51us;
    CHECK(gate.budget(s) == Duration::zero());

    s = promising();
    s.wait = Duration::zero();
    CHECK(gate.budget(s) == Duration::zero());

    CHECK(gate.budget(promising()) == 50us);  // none of these counted as a miss
}

TEST_CASE("misses in a row skip the polls of 1, 3, 7 ... 1,023 calls; a catch ends the run") {
    using Poll = SpinGate::Poll;
    SpinGate gate;
    REQUIRE(gate.budget(promising()) == 50us);
    gate.polled(Poll::missed);
    CHECK(skipped_before_next_poll(gate) == 1);
    gate.polled(Poll::missed);
    CHECK(skipped_before_next_poll(gate) == 3);
    gate.polled(Poll::missed);
    CHECK(skipped_before_next_poll(gate) == 7);
    for (int i = 0; i < 10; ++i) {
        gate.polled(Poll::missed);
        skipped_before_next_poll(gate);
    }
    gate.polled(Poll::missed);
    CHECK(skipped_before_next_poll(gate) == 1023);  // the cap

    gate.polled(Poll::caught);
    CHECK(gate.budget(promising()) == 50us);
    gate.polled(Poll::missed);
    CHECK(skipped_before_next_poll(gate) == 1);  // the run of misses started again
}

TEST_CASE("a poll that lost its CPU to other work skips the most calls at once") {
    using Poll = SpinGate::Poll;
    SpinGate gate;
    REQUIRE(gate.budget(promising()) == 50us);
    gate.polled(Poll::lost_cpu);
    CHECK(skipped_before_next_poll(gate) == 1023);
    gate.polled(Poll::caught);
    CHECK(gate.budget(promising()) == 50us);
}
