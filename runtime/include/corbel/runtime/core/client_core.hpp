// The client half of the protocol, without I/O: the table of calls in flight, their
// retransmission timers, the per-server round-trip estimators, and the matching of replies.
//
// The host feeds it events, each with the current time: a call starts, a datagram arrives,
// the timer fires. After each event the host sends what pop_outgoing() gives, delivers what
// pop_completion() gives, and arms its timer for next_expiry(). Nothing here blocks, sleeps
// or reads a clock, so tests drive it with a manual clock and a fake network.
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/method_id.hpp>
#include <corbel/runtime/call_policy.hpp>
#include <corbel/runtime/counters.hpp>
#include <corbel/runtime/object_ref.hpp>
#include <corbel/runtime/reply.hpp>
#include <corbel/runtime/types.hpp>
#include <corbel/runtime/core/datagram.hpp>
#include <corbel/runtime/core/datagram_queue.hpp>
#include <corbel/runtime/core/rtt_estimator.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace corbel::runtime::core {

enum class CallOutcome { replied, timed_out };

struct Completion {
    std::uint32_t request_id = 0;
    CallOutcome outcome = CallOutcome::replied;
    Reply reply;                  // when replied (sends and round_trip are set either way)
    std::string target;           // when timed out: the reference, for the error message
};

struct ClientCoreConfig {
    std::size_t max_datagram = max_udp_payload;
    // How many of the latest finished calls are remembered to tell duplicate and late replies
    // from stray ones (a reply to a forgotten call counts as stray; it is dropped either way).
    std::size_t remembered_calls = 4096;
};

class ClientCore {
public:
    explicit ClientCore(std::uint32_t incarnation, ClientCoreConfig config = {});

    // Encodes and sends a request; returns its requestId. With Protocol::r the request is
    // sent once and nothing more happens. Throws MessageTooLarge if the request does not fit
    // in a datagram.
    std::uint32_t start_call(TimePoint now, const RemoteObjectRef& target, MethodId method,
                             cdr::ByteView arguments, const CallPolicy& policy);
    void on_datagram(TimePoint now, Endpoint from, cdr::ByteView datagram);
    void on_timer(TimePoint now);
    // Forgets a call (its completion will not be reported); false if it is not in flight.
    bool cancel(std::uint32_t request_id);

    std::optional<TimePoint> next_expiry() const;
    bool pop_outgoing(Datagram& out);
    bool pop_completion(Completion& out);

    std::size_t calls_in_flight() const noexcept { return calls_.size(); }
    bool is_in_flight(std::uint32_t request_id) const { return calls_.count(request_id) != 0; }
    std::uint32_t incarnation() const noexcept { return incarnation_; }
    const ClientCounters& counters() const noexcept { return counters_; }
    ClientCounters& counters() noexcept { return counters_; }
    // The estimator for `server`, or nullptr if no call to it has been made.
    const RttEstimator* rtt(Endpoint server) const;

private:
    struct Call {
        Endpoint destination;
        RttEstimator* rtt = nullptr;  // the destination's, in rtt_
        cdr::ByteBuffer request;
        CallPolicy policy;
        TimePoint first_send;
        TimePoint deadline;
        TimePoint next_send;
        TimePoint timer;  // min(next_send, deadline): its key in timers_
        Duration timeout{};
        std::uint32_t sends = 0;
    };
    using CallTable = std::unordered_map<std::uint32_t, Call>;
    using TimerSet = std::set<std::pair<TimePoint, std::uint32_t>>;
    enum class Finished : std::uint8_t { replied, timed_out };

    // The latest finished calls, by request id modulo the table's size: ids are consecutive,
    // so the last `remembered_calls` ids have a slot each (0 marks an empty slot).
    struct FinishedCall {
        std::uint32_t request_id = 0;
        Finished how = Finished::replied;
    };

    static std::string describe_target(const Call& call);
    Call& new_call(std::uint32_t request_id);
    void end_call(CallTable::iterator call);
    // Arms the call's timer in `node`: the call's own timer node when it is rescheduled,
    // empty for a new call (a spare node is then reused).
    void schedule(std::uint32_t request_id, Call& call, TimerSet::node_type node);
    void remember(std::uint32_t request_id, Finished how);
    std::optional<Finished> finished(std::uint32_t request_id) const;
    std::uint32_t next_request_id();

    std::uint32_t incarnation_;
    ClientCoreConfig config_;
    std::uint32_t last_request_id_ = 0;
    CallTable calls_;
    TimerSet timers_;
    // The nodes of ended calls and timers (a Call keeps its request buffer's room), reused
    // by the next ones so that a steady stream of calls does not allocate.
    std::vector<CallTable::node_type> spare_calls_;
    std::vector<TimerSet::node_type> spare_timers_;
    std::unordered_map<Endpoint, RttEstimator> rtt_;
    std::vector<FinishedCall> finished_;
    DatagramQueue outgoing_;
    std::vector<Completion> completions_;  // those from next_completion_ on are not yet popped
    std::size_t next_completion_ = 0;
    ClientCounters counters_;
    cdr::ByteBuffer encoded_;  // a request being encoded, before it has a Call
};

}  // namespace corbel::runtime::core
