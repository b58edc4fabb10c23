// Whether a thread polls its socket before it sleeps, and for how long (the decision only:
// the polling is UdpSocket::poll_receive and poll_batch): a blocking call waiting for its
// reply (CallPolicy::spin), or a serving thread waiting for the next request
// (ServerConfig::spin). Polling takes the datagram without the wake-up of a sleeping
// thread, but keeps a CPU busy: worth it only when the datagram is due within the poll. The
// poll yields the CPU between looks, so a server or other callers waiting for that CPU run
// first: with 4 callers on 2 CPUs, that raised a loopback server's calls per second
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
        // When the datagram is expected, if known: for a call, the server's smoothed round
        // trip; for a serving thread, its smoothed wait from a reply to the next request.
        std::optional<Duration> expected_in;
        unsigned usable_cpus = 1;               // the CPUs the process may run on
    };

    // How long to poll before sleeping; zero: sleep at once.
    Duration budget(const Situation& s) {
        if (s.limit <= Duration::zero() || s.wait <= Duration::zero()) return Duration::zero();
        // On one CPU the reply can only come while the caller sleeps or yields.
        if (s.usable_cpus < 2) return Duration::zero();
        // Not measured yet, or slower than the poll: the datagram is not expected in time.
        if (!s.expected_in || *s.expected_in > s.limit) return Duration::zero();
        if (waits_to_skip_ > 0) {
            --waits_to_skip_;
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
    // After a poll that looked for `looked` with `budget`: a datagram found well past the
    // budget means a yield lost the CPU to other work for a scheduler time slice, where a
    // sleeping thread would have been woken at once. Counts the outcome (below) and returns it.
    Poll polled(bool found, Duration looked, Duration budget) {
        const Poll outcome = !found ? Poll::missed : looked <= budget + time_slice_sign ? Poll::caught : Poll::lost_cpu;
        polled(outcome);
        return outcome;
    }
    // After a poll. Misses in a row skip the polls of the next 1, 3, 7 ... 1,023 waits; a
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
        waits_to_skip_ = (1u << misses_in_a_row_) - 1;
    }

private:
    static constexpr unsigned max_misses_counted = 10;
    unsigned misses_in_a_row_ = 0;
    unsigned waits_to_skip_ = 0;
};

// A smoothed wait (gain 1/8, as for round trips): for a serving thread, from its replies to
// the next request, which tells whether that request is likely to come within a poll. A
// longer wait counts as `longest_counted`: with 4 polls' worth, requests that came seconds
// apart are forgotten after a dozen quick ones.
class SmoothedWait {
public:
    explicit SmoothedWait(Duration longest_counted) : longest_counted_(longest_counted) {}
    void add(Duration sample) {
        sample = std::min(sample, longest_counted_);
        smoothed_ = smoothed_ ? *smoothed_ + (sample - *smoothed_) / 8 : sample;
    }
    std::optional<Duration> smoothed() const { return smoothed_; }

private:
    Duration longest_counted_;
    std::optional<Duration> smoothed_;
};

// The CPUs the process may run on, looked up again every 1,024 calls on a thread so that
// a change is noticed without a system call per call.
unsigned usable_cpus_of_process();

}  // namespace corbel::runtime::detail
