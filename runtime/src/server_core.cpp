#include <corbel/runtime/core/server_core.hpp>

#include <stdexcept>
#include <string_view>

namespace corbel::runtime::core {
namespace {

constexpr std::size_t kept_pending_capacity = 4096;

}  // namespace
ServerCore::ServerCore(ServerCoreConfig config) : config_(config), history_(config.history) {
    if (config_.max_datagram > max_udp_payload) {
        throw std::invalid_argument("max_datagram " + std::to_string(config_.max_datagram) +
                                    " exceeds the largest UDP payload, " + std::to_string(max_udp_payload));
    }
    if (config_.history.max_bytes < config_.max_datagram + ReplyHistory::entry_overhead) {
        throw std::invalid_argument("the reply history's byte limit (" + std::to_string(config_.history.max_bytes) +
                                    ") cannot hold one reply of the datagram limit (" +
                                    std::to_string(config_.max_datagram) + " bytes)");
    }
}

void ServerCore::send_error(const MessageHeader& header, Endpoint to, ReplyStatus status, const std::string& detail) {
    MessageHeader reply_header;
    reply_header.client_incarnation = header.client_incarnation;
    reply_header.request_id = header.request_id;
    encode_error_reply(outgoing_.push(to), reply_header, status, detail);
    ++counters_.error_replies;
    ++counters_.replies_sent;
}

std::optional<IncomingRequest> ServerCore::on_datagram(TimePoint now, Endpoint from, cdr::ByteView datagram,
                                                       bool truncated) {
    IncomingRequest request;
    if (!on_datagram(now, from, datagram, truncated, request)) return std::nullopt;
    return request;
}

bool ServerCore::on_datagram(TimePoint now, Endpoint from, cdr::ByteView datagram, bool truncated,
                             IncomingRequest& request) {
    ++counters_.datagrams_received;
    remember_sent();
    history_.expire(now);
    if (truncated || datagram.size > config_.max_datagram) {
        if (truncated) ++counters_.truncated_datagrams;
        ++counters_.oversized_datagrams;
        try {
            const MessageHeader header = decode_header(datagram);
            if (header.type == MessageType::request) {
                send_error(header, from, ReplyStatus::message_too_large,
                           "the request " + (truncated ? std::string("was truncated: it is") : "of " + std::to_string(datagram.size) + " bytes is") +
                               " larger than the server's datagram limit of " + std::to_string(config_.max_datagram) + " bytes");
            }
        } catch (const MessageError&) {
        }
        return false;
    }
    MessageHeader header;
    DecodedRequest decoded;
    try {
        header = decode_header(datagram);
        if (header.type == MessageType::acknowledgement) {
            if (history_.acknowledge({from, header.client_incarnation, header.request_id})) ++counters_.acknowledgements;
            return false;
        }
        if (header.type != MessageType::request) {
            ++counters_.malformed_datagrams;  // a reply sent to a server
            return false;
        }
        decoded = decode_request_after_header(datagram, header);
    } catch (const MessageError& e) {
        ++counters_.malformed_datagrams;
        if (e.header_valid() && header.type == MessageType::request) {
            send_error(header, from, ReplyStatus::marshal_error, e.what());
        }
        return false;
    }
    const RequestKey key{from, header.client_incarnation, header.request_id};
    if (executing_.find(key)) {
        ++counters_.duplicates_in_progress;
        return false;
    }
    const cdr::ByteBuffer* stored = nullptr;
    switch (history_.find(key, stored)) {
        case ReplyHistory::Found::reply:
            ++counters_.history_hits;
            ++counters_.replies_sent;
            outgoing_.push(from, stored->view());
            return false;
        case ReplyHistory::Found::tombstone:
            ++counters_.duplicates_after_ack;
            return false;
        case ReplyHistory::Found::absent:
            break;
    }
    if (executing_.size() >= config_.max_executing) {
        ++counters_.overload_drops;
        return false;
    }
    executing_.insert(key, 0);
    ++counters_.requests_received;
    if (decoded.fields.protocol == Protocol::r) ++counters_.oneways_received;
    request.key = key;
    request.protocol = decoded.fields.protocol;
    // Object 0's built-ins change nothing (spec/protocol.md section 7): never kept, whoever asks.
    request.idempotent = decoded.fields.idempotent || decoded.target.object_number == 0;
    request.target.endpoint = decoded.target.endpoint;
    request.target.incarnation = decoded.target.incarnation;
    request.target.object_number = decoded.target.object_number;
    // A client calls the same object over and over: comparing is cheaper than copying.
    if (std::string_view(request.target.repository_id) != decoded.target.repository_id) {
        request.target.repository_id = decoded.target.repository_id;  // reuses the string's room
    }
    request.method = decoded.fields.method;
    request.byte_order = header.byte_order;
    request.arguments.assign(decoded.arguments.data, decoded.arguments.size);
    return true;
}

void ServerCore::complete(TimePoint now, const IncomingRequest& request, ReplyStatus status, cdr::ByteView body,
                          cdr::ByteOrder body_order) {
    if (!executing_.erase(request.key)) return;  // not delivered by on_datagram, or completed twice
    ++counters_.requests_executed;
    if (request.protocol == Protocol::r) {
        if (!request.idempotent) remember(now, request.key, cdr::ByteBuffer());
        return;
    }
    MessageHeader header;
    header.byte_order = body_order;
    header.client_incarnation = request.key.client_incarnation;
    header.request_id = request.key.request_id;
    cdr::ByteBuffer& reply = outgoing_.push(request.key.client);
    encode_reply(reply, header, status, body);
    if (reply.size() > config_.max_datagram) {
        const std::size_t size = reply.size();
        encode_error_reply(reply, header, ReplyStatus::message_too_large,
                           "the reply takes " + std::to_string(size) + " bytes, more than the server's datagram limit of " +
                               std::to_string(config_.max_datagram) + " bytes");
        ++counters_.error_replies;
    } else if (status != ReplyStatus::ok && status != ReplyStatus::user_exception) {
        ++counters_.error_replies;
    }
    if (!request.idempotent) remember(now, request.key, reply);
    ++counters_.replies_sent;
}

void ServerCore::remember(TimePoint now, const RequestKey& key, const cdr::ByteBuffer& reply) {
    if (pending_count_ == pending_.size()) pending_.emplace_back();
    PendingReply& pending = pending_[pending_count_++];
    pending.key = key;
    pending.completed = now;
    pending.reply.assign(reply.data(), reply.size());
}

void ServerCore::remember_sent() {
    for (std::size_t i = 0; i < pending_count_; ++i) {
        PendingReply& pending = pending_[i];
        history_.store(pending.completed, pending.key, pending.reply.view());
        // Small buffers are kept for the next replies; a large one would sit outside the
        // history's byte limit until the next reply as large, so it goes.
        if (pending.reply.capacity() > kept_pending_capacity) pending.reply = cdr::ByteBuffer();
    }
    pending_count_ = 0;
}

void ServerCore::on_timer(TimePoint now) {
    remember_sent();
    history_.expire(now);
}

bool ServerCore::pop_outgoing(Datagram& out) { return outgoing_.pop(out); }

ServerCounters ServerCore::counters() const {
    ServerCounters c = counters_;
    c.history_entries = history_.entries();
    c.history_bytes = history_.bytes();
    c.history_evictions = history_.evictions();
    return c;
}

}  // namespace corbel::runtime::core
