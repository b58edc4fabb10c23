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
    s.expected_in = 15us;
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
    s.expected_in.reset();
    CHECK(gate.budget(s) == Duration::zero());

    s = promising();
    s.expected_in = 51us;
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

TEST_CASE("a serving thread's smoothed wait for the next request forgets slow requests after a dozen quick ones") {
    using corbel::runtime::detail::SmoothedWait;
    SmoothedWait wait(200us);  // 4 times a poll of 50 us
    CHECK_FALSE(wait.smoothed().has_value());
    wait.add(10us);
    CHECK(wait.smoothed() == 10us);
    wait.add(90us);
    CHECK(wait.smoothed() == 20us);  // an eighth of the way

    // Requests a second apart: each wait counts as 200 us, and the gate (a 50 us poll)
    // refuses; it lets the thread poll again once requests have come quickly for a while.
    for (int i = 0; i < 100; ++i) wait.add(std::chrono::seconds(1));
    CHECK(*wait.smoothed() > 190us);
    CHECK(*wait.smoothed() <= 200us);
    int quick_requests = 0;
    while (*wait.smoothed() > 50us && quick_requests < 100) {
        wait.add(10us);
        ++quick_requests;
    }
    CHECK(quick_requests >= 10);
    CHECK(quick_requests <= 14);
}

TEST_CASE("a poll is judged by whether it found its datagram, and how far past its budget") {
    using Poll = SpinGate::Poll;
    SpinGate gate;
    CHECK(gate.polled(true, 30us, 50us) == Poll::caught);
    CHECK(gate.polled(true, 900us, 50us) == Poll::caught);  // late, but by less than a time slice
    CHECK(skipped_before_next_poll(gate) == 0);
    CHECK(gate.polled(false, 50us, 50us) == Poll::missed);
    CHECK(skipped_before_next_poll(gate) == 1);
    CHECK(gate.polled(true, 50us + SpinGate::time_slice_sign + 1us, 50us) == Poll::lost_cpu);
    CHECK(skipped_before_next_poll(gate) == 1023);
}
