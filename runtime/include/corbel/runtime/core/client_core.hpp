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
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace corbel::runtime::core {

enum class CallOutcome { replied, timed_out, refused };

struct Completion {
    std::uint32_t request_id = 0;
    CallOutcome outcome = CallOutcome::replied;
    Reply reply;                  // when replied (sends and round_trip are set either way)
    std::string target;           // when timed out or refused: the reference, for the error message
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
    // Nothing listens at `destination`'s port: the network said so (an ICMP port unreachable)
    // for a request sent there. That may be news of an earlier call's request, so a call that
    // hears it the first time sends again at once; hearing it again, it ends as refused.
    void on_refused(TimePoint now, Endpoint destination);
    // Forgets a call (its completion will not be reported); false if it is not in flight.
    bool cancel(std::uint32_t request_id);

    std::optional<TimePoint> next_expiry() const;
    bool pop_outgoing(Datagram& out);
    bool pop_completion(Completion& out);

    std::size_t calls_in_flight() const noexcept { return calls_in_flight_; }
    bool is_in_flight(std::uint32_t request_id) const { return find_call(request_id) != nullptr; }
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
        std::uint32_t refusals = 0;  // on_refused
    };
    // Calls in flight, at `request id & (size - 1)`: ids are consecutive, so calls started
    // close together never share a slot, and a lookup is one index and one compare. The ring
    // is kept at least twice as long as the calls in flight. A slot's request buffer keeps
    // its room for the call that takes the slot next.
    struct CallSlot {
        std::uint32_t request_id = 0;  // 0: free
        Call call;
    };
    // A min-heap of (time, request id). An entry is stale once its call has ended or been
    // rescheduled: stale entries are dropped when they reach the top, which is always live.
    using TimerEntry = std::pair<TimePoint, std::uint32_t>;
    enum class Finished : std::uint8_t { replied, timed_out };

    // The latest finished calls, by request id modulo the table's size: ids are consecutive,
    // so the last `remembered_calls` ids have a slot each (0 marks an empty slot).
    struct FinishedCall {
        std::uint32_t request_id = 0;
        Finished how = Finished::replied;
    };

    static std::string describe_target(const Call& call);
    Call* find_call(std::uint32_t request_id);
    const Call* find_call(std::uint32_t request_id) const;
    Call& new_call(std::uint32_t request_id);
    // Ends a call that failed (timed out or refused), with its completion.
    void fail_call(TimePoint now, std::uint32_t request_id, Call& call, CallOutcome outcome);
    // Sends the call's request again now; its timer stays as it was.
    void resend(Call& call);
    void end_call(std::uint32_t request_id);
    void grow_calls();  // doubles the ring
    // Arms the call's timer at min(next_send, deadline).
    void schedule(std::uint32_t request_id, Call& call);
    void drop_stale_timers();
    RttEstimator& rtt_for(Endpoint server);
    void remember(std::uint32_t request_id, Finished how);
    std::optional<Finished> finished(std::uint32_t request_id) const;
    std::uint32_t next_request_id();

    std::uint32_t incarnation_;
    ClientCoreConfig config_;
    std::uint32_t last_request_id_ = 0;
    std::vector<CallSlot> calls_;  // a power of two in size
    std::unordered_map<std::uint32_t, Call> displaced_;  // calls whose slot a newer one took
    std::size_t calls_in_flight_ = 0;
    std::vector<TimerEntry> timers_;  // a heap, earliest first
    std::unordered_map<Endpoint, RttEstimator> rtt_;
    // The last server called, and its estimator: a blocking caller calls one server again
    // and again, and a compare is cheaper than hashing an endpoint.
    std::optional<Endpoint> last_server_;
    RttEstimator* last_rtt_ = nullptr;
    std::vector<FinishedCall> finished_;
    DatagramQueue outgoing_;
    std::vector<Completion> completions_;  // those from next_completion_ on are not yet popped
    std::size_t next_completion_ = 0;
    ClientCounters counters_;
    cdr::ByteBuffer encoded_;  // a request being encoded, before it has a Call
};

}  // namespace corbel::runtime::core
