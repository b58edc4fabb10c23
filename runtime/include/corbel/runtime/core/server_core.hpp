// The server half of the protocol, without I/O: decoding requests, the duplicate filter,
// the reply history and error replies (spec/protocol.md section 6).
//
// The host passes every datagram to on_datagram(); a new request comes back for execution
// (getRequest), everything else (history hits, error replies, acknowledgements, garbage) is
// handled here. When the request has run, the host calls complete() (sendReply). After
// each event it sends what pop_outgoing() gives, calls remember_sent() and arms its timer
// for next_expiry().
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/cdr/byte_order.hpp>
#include <corbel/cdr/reader.hpp>
#include <corbel/method_id.hpp>
#include <corbel/runtime/counters.hpp>
#include <corbel/runtime/object_ref.hpp>
#include <corbel/runtime/types.hpp>
#include <corbel/runtime/core/datagram_queue.hpp>
#include <corbel/runtime/core/message.hpp>
#include <corbel/runtime/core/reply_history.hpp>
#include <corbel/runtime/core/request_index.hpp>
#include <corbel/runtime/core/request_key.hpp>

#include <optional>
#include <vector>

namespace corbel::runtime::core {

struct ServerCoreConfig {
    std::size_t max_datagram = max_udp_payload;
    HistoryLimits history;
    // New requests beyond this many executing at once are dropped (the client retransmits).
    std::size_t max_executing = 4096;
};

// A request to execute: getRequest's result.
struct IncomingRequest {
    RequestKey key;  // key.client is the client's address and port
    Protocol protocol = Protocol::rr;
    bool idempotent = false;
    RemoteObjectRef target;
    MethodId method = 0;
    cdr::ByteOrder byte_order = cdr::native_byte_order();
    cdr::ByteBuffer arguments;

    cdr::Reader arguments_reader() const { return cdr::Reader(arguments.view(), byte_order); }
};

class ServerCore {
public:
    // Throws std::invalid_argument if the history's byte limit cannot hold one largest reply.
    explicit ServerCore(ServerCoreConfig config = {});

    // `truncated`: the socket cut the datagram short (it was larger than the receive buffer).
    std::optional<IncomingRequest> on_datagram(TimePoint now, Endpoint from, cdr::ByteView datagram,
                                               bool truncated = false);
    // The same, filling `request` (true: a new request to execute), so that a host serving
    // many requests reuses one IncomingRequest's buffers.
    bool on_datagram(TimePoint now, Endpoint from, cdr::ByteView datagram, bool truncated, IncomingRequest& request);
    // The reply to a request on_datagram returned: sent unless the protocol is R, kept in
    // the history by remember_sent() unless the request is idempotent. `body` is in `body_order`. A reply too
    // large for a datagram is replaced by a message_too_large error reply.
    void complete(TimePoint now, const IncomingRequest& request, ReplyStatus status, cdr::ByteView body,
                  cdr::ByteOrder body_order = cdr::native_byte_order());
    void on_timer(TimePoint now);
    // Keeps in the history the replies complete() left pending. complete() does not keep
    // them itself so that keeping (an index insert, evictions, while the history grows an
    // allocation) costs the client no waiting: the host sends first, then calls this. A
    // duplicate never misses a reply, because on_datagram() and on_timer() call it first.
    void remember_sent();

    std::optional<TimePoint> next_expiry() const { return history_.next_expiry(); }
    bool pop_outgoing(Datagram& out);

    ServerCounters counters() const;
    ServerCounters& mutable_counters() noexcept { return counters_; }
    const ReplyHistory& history() const noexcept { return history_; }
    std::size_t executing() const noexcept { return executing_.size(); }
    const ServerCoreConfig& config() const noexcept { return config_; }

private:
    void send_error(const MessageHeader& header, Endpoint to, ReplyStatus status, const std::string& detail);
    void remember(TimePoint now, const RequestKey& key, const cdr::ByteBuffer& reply);

    // A reply sent but not yet in the history; the buffers are reused.
    struct PendingReply {
        RequestKey key;
        TimePoint completed;
        cdr::ByteBuffer reply;
    };

    ServerCoreConfig config_;
    ReplyHistory history_;
    RequestIndex executing_;  // a set: the value is unused
    DatagramQueue outgoing_;
    std::vector<PendingReply> pending_;
    std::size_t pending_count_ = 0;
    ServerCounters counters_;
};

}  // namespace corbel::runtime::core
