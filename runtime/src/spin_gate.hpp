// Whether a blocking call polls its socket before it sleeps, and for how long (the decision
// only: the polling is UdpSocket::poll_receive). Polling takes the reply without the wake-up
// of a sleeping thread, but keeps a CPU busy: worth it only when the reply is due within the
// poll. The poll yields the CPU between looks, so a server or other callers waiting for that
// CPU run first: with 4 callers on 2 CPUs, that raised a loopback server's calls per second
// (figures in runtime/README.md).
#pragma once

#include <corbel/runtime/types.hpp>

#include <algorithm>
#include <chrono>
#include <optional>

namespace corbel::runtime::detail {

class SpinGate {
public:
    struct Situation {
        Duration limit{};                       // CallPolicy::spin
        Duration wait{};                        // until the call's next timer
        std::optional<Duration> smoothed_rtt;   // the server's, if measured
        unsigned usable_cpus = 1;               // the CPUs the process may run on
    };

    // How long to poll before sleeping; zero: sleep at once.
    Duration budget(const Situation& s) {
        if (s.limit <= Duration::zero() || s.wait <= Duration::zero()) return Duration::zero();
        // On one CPU the reply can only come while the caller sleeps or yields.
        if (s.usable_cpus < 2) return Duration::zero();
        // Not measured yet, or slower than the poll: the reply is not expected in time.
        if (!s.smoothed_rtt || *s.smoothed_rtt > s.limit) return Duration::zero();
        if (calls_to_skip_ > 0) {
            --calls_to_skip_;
            return Duration::zero();
        }
        return std::min(s.limit, s.wait);
    }

    enum class Poll {
        caught,    // the reply came within the poll
        missed,    // the poll ended without it
        lost_cpu,  // it came, but the poll found it long past its budget: other work had the CPU
    };
    // How far past its budget a poll must find its reply to count as lost_cpu: a scheduler
    // time slice is milliseconds, a yield to a thread with a reply to send microseconds.
    static constexpr Duration time_slice_sign = std::chrono::milliseconds(1);
    // After a poll. Misses in a row skip the polls of the next 1, 3, 7 ... 1,023 calls; a
    // poll that lost its CPU skips 1,023 at once, since a yield to other work on that CPU
    // can cost a whole scheduler time slice (milliseconds) and busy CPUs stay busy for a
    // while. A catch ends the run of misses.
    void polled(Poll outcome) {
        switch (outcome) {
            case Poll::caught:
                misses_in_a_row_ = 0;
                return;
            case Poll::missed:
                misses_in_a_row_ = std::min(misses_in_a_row_ + 1, max_misses_counted);
                break;
            case Poll::lost_cpu:
                misses_in_a_row_ = max_misses_counted;
                break;
        }
        calls_to_skip_ = (1u << misses_in_a_row_) - 1;
    }

private:
    static constexpr unsigned max_misses_counted = 10;
    unsigned misses_in_a_row_ = 0;
    unsigned calls_to_skip_ = 0;
};

// The CPUs the process may run on, looked up again every 1,024 calls on a thread so that
// a change is noticed without a system call per call.
unsigned usable_cpus_of_process();

}  // namespace corbel::runtime::detail
