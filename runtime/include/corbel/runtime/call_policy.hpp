// How a call is made: its deadline, retransmission timers, exchange protocol and whether the
// operation is idempotent. A client and each proxy hold a CallPolicy (every knob set);
// each call may override any knob with CallOptions. Defaults are those of spec/protocol.md.
#pragma once

#include <corbel/runtime/types.hpp>

#include <chrono>
#include <optional>

namespace corbel::runtime {

struct CallPolicy {
    // The call fails with TimeoutError this long after its first send.
    Duration deadline = std::chrono::seconds(5);
    // The first timeout towards a server whose round-trip time has not been measured yet.
    Duration initial_timeout = std::chrono::milliseconds(200);
    // Floor and cap of the retransmission timeout (RFC 6298's RTO, then backoff).
    Duration min_timeout = std::chrono::milliseconds(20);
    Duration max_timeout = std::chrono::seconds(1);
    // Each retransmission multiplies the timeout by this (at least 1).
    double backoff = 2.0;
    Protocol protocol = Protocol::rr;
    // The server may execute the request again instead of keeping its reply.
    bool idempotent = false;
    // A blocking call may poll its socket for up to this long before it sleeps in the
    // receive, when the server's smoothed round-trip time is shorter: the reply is then
    // taken without the wake-up of a sleeping thread (about a third of a loopback round
    // trip between CPUs here), at the price of a busy CPU and two system calls per look
    // (the look and a yield of the CPU to any thread waiting for it). Zero, the default,
    // never polls: a call then costs a send and a receive. A process that may run on one
    // CPU only never polls, and polls that miss, or that lose their CPU to other work,
    // make the next calls skip polling (runtime/README.md). Worth it where CPUs are to
    // spare; on busy ones it gains nothing and lengthens the tail. Asynchronous calls
    // never poll.
    Duration spin = Duration::zero();
};

struct CallOptions {
    std::optional<Duration> deadline;
    std::optional<Duration> initial_timeout;
    std::optional<Duration> min_timeout;
    std::optional<Duration> max_timeout;
    std::optional<double> backoff;
    std::optional<Protocol> protocol;
    std::optional<bool> idempotent;
    std::optional<Duration> spin;

    // `defaults` with every knob set here replacing the default's.
    CallPolicy applied_to(const CallPolicy& defaults) const {
        CallPolicy p = defaults;
        if (deadline) p.deadline = *deadline;
        if (initial_timeout) p.initial_timeout = *initial_timeout;
        if (min_timeout) p.min_timeout = *min_timeout;
        if (max_timeout) p.max_timeout = *max_timeout;
        if (backoff) p.backoff = *backoff;
        if (protocol) p.protocol = *protocol;
        if (idempotent) p.idempotent = *idempotent;
        if (spin) p.spin = *spin;
        return p;
    }
};

}  // namespace corbel::runtime
