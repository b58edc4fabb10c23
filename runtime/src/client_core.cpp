#include <corbel/runtime/core/client_core.hpp>

#include <corbel/runtime/core/message.hpp>
#include <corbel/runtime/exceptions.hpp>

#include <algorithm>
#include <chrono>

namespace corbel::runtime::core {

ClientCore::ClientCore(std::uint32_t incarnation, ClientCoreConfig config)
    : incarnation_(incarnation), config_(config) {}

std::uint32_t ClientCore::next_request_id() {
    if (++last_request_id_ == 0) ++last_request_id_;  // 0 is never used
    return last_request_id_;
}

std::uint32_t ClientCore::start_call(TimePoint now, const RemoteObjectRef& target, MethodId method,
                                     cdr::ByteView arguments, const CallPolicy& policy) {
    MessageHeader header;
    header.client_incarnation = incarnation_;
    const std::uint32_t id = next_request_id();
    header.request_id = id;
    RequestFields fields;
    fields.protocol = policy.protocol;
    fields.idempotent = policy.idempotent;
    fields.method = method;
    Call call;
    encode_request(call.request, header, target, fields, arguments);
    if (call.request.size() > config_.max_datagram) {
        throw MessageTooLarge(call.request.size(), config_.max_datagram,
                              "the request to " + target.to_string() + " takes " +
                                  std::to_string(call.request.size()) +
                                  " bytes, more than the datagram limit of " +
                                  std::to_string(config_.max_datagram) + " bytes");
    }
    call.destination = target.endpoint;
    call.sends = 1;
    ++counters_.requests_sent;
    if (policy.protocol == Protocol::r) {
        ++counters_.oneways_sent;
        outgoing_.push_back({call.destination, std::move(call.request)});
        return id;
    }
    ++counters_.calls_started;
    call.policy = policy;
    call.first_send = now;
    call.deadline = now + policy.deadline;
    call.timeout = rtt_[call.destination].timeout(policy);
    call.next_send = now + call.timeout;
    send(call);
    auto [slot, inserted] = calls_.emplace(id, std::move(call));
    (void)inserted;
    schedule(id, slot->second);
    return id;
}

std::string ClientCore::describe_target(const Call& call) {
    // Only failures need the reference as text, so it is rebuilt from the request then
    // rather than formatted for every call.
    MessageHeader header;
    return decode_request(call.request.view(), header).target.to_ref().to_string();
}

void ClientCore::send(const Call& call) {
    Datagram datagram;
    datagram.peer = call.destination;
    datagram.bytes = call.request;
    outgoing_.push_back(std::move(datagram));
}

void ClientCore::schedule(std::uint32_t request_id, Call& call) {
    timers_.erase({call.timer, request_id});
    call.timer = std::min(call.next_send, call.deadline);
    timers_.insert({call.timer, request_id});
}

void ClientCore::remember(std::uint32_t request_id, Finished how) {
    if (config_.remembered_calls == 0) return;
    if (finished_.emplace(request_id, how).second) finished_order_.push_back(request_id);
    while (finished_order_.size() > config_.remembered_calls) {
        finished_.erase(finished_order_.front());
        finished_order_.pop_front();
    }
}

void ClientCore::on_timer(TimePoint now) {
    while (!timers_.empty() && timers_.begin()->first <= now) {
        const std::uint32_t id = timers_.begin()->second;
        timers_.erase(timers_.begin());
        auto found = calls_.find(id);
        if (found == calls_.end()) continue;
        Call& call = found->second;
        if (now >= call.deadline) {
            Completion completion;
            completion.request_id = id;
            completion.outcome = CallOutcome::timed_out;
            completion.reply.sends = call.sends;
            completion.reply.round_trip = now - call.first_send;
            completion.target = describe_target(call);
            completions_.push_back(std::move(completion));
            ++counters_.timeouts;
            calls_.erase(found);
            remember(id, Finished::timed_out);
            continue;
        }
        ++call.sends;
        ++counters_.requests_sent;
        ++counters_.retransmissions;
        send(call);
        const auto grown = std::chrono::duration_cast<Duration>(call.timeout * std::max(1.0, call.policy.backoff));
        call.timeout = std::min(grown, std::max(call.policy.max_timeout, call.policy.min_timeout));
        call.next_send = now + call.timeout;
        call.timer = std::min(call.next_send, call.deadline);
        timers_.insert({call.timer, id});
    }
}

void ClientCore::on_datagram(TimePoint now, Endpoint from, cdr::ByteView datagram) {
    DecodedReply decoded;
    try {
        decoded = decode_reply(datagram);
    } catch (const MessageError&) {
        ++counters_.malformed_datagrams;
        return;
    }
    if (decoded.header.client_incarnation != incarnation_) {
        ++counters_.stray_replies;
        return;
    }
    const std::uint32_t id = decoded.header.request_id;
    auto found = calls_.find(id);
    if (found == calls_.end() || found->second.destination != from) {
        const auto finished = finished_.find(id);
        if (found != calls_.end() || finished == finished_.end()) {
            ++counters_.stray_replies;
        } else if (finished->second == Finished::replied) {
            ++counters_.duplicate_replies;
        } else {
            ++counters_.late_replies;
        }
        return;
    }
    Call& call = found->second;
    if (call.sends == 1) rtt_[call.destination].add_sample(now - call.first_send);
    if (call.policy.protocol == Protocol::rra) {
        MessageHeader ack;
        ack.client_incarnation = incarnation_;
        ack.request_id = id;
        Datagram ack_datagram;
        ack_datagram.peer = call.destination;
        encode_acknowledgement(ack_datagram.bytes, ack);
        outgoing_.push_back(std::move(ack_datagram));
        ++counters_.acknowledgements_sent;
    }
    Completion completion;
    completion.request_id = id;
    completion.outcome = CallOutcome::replied;
    completion.reply.status = decoded.status;
    completion.reply.byte_order = decoded.header.byte_order;
    completion.reply.body.assign(decoded.body.data, decoded.body.size);
    completion.reply.sends = call.sends;
    completion.reply.round_trip = now - call.first_send;
    completions_.push_back(std::move(completion));
    ++counters_.replies_received;
    timers_.erase({call.timer, id});
    calls_.erase(found);
    remember(id, Finished::replied);
}

bool ClientCore::cancel(std::uint32_t request_id) {
    auto found = calls_.find(request_id);
    if (found == calls_.end()) return false;
    timers_.erase({found->second.timer, request_id});
    calls_.erase(found);
    remember(request_id, Finished::timed_out);
    return true;
}

std::optional<TimePoint> ClientCore::next_expiry() const {
    if (timers_.empty()) return std::nullopt;
    return timers_.begin()->first;
}

bool ClientCore::pop_outgoing(Datagram& out) {
    if (outgoing_.empty()) return false;
    out = std::move(outgoing_.front());
    outgoing_.pop_front();
    return true;
}

bool ClientCore::pop_completion(Completion& out) {
    if (completions_.empty()) return false;
    out = std::move(completions_.front());
    completions_.pop_front();
    return true;
}

const RttEstimator* ClientCore::rtt(Endpoint server) const {
    const auto found = rtt_.find(server);
    return found == rtt_.end() ? nullptr : &found->second;
}

}  // namespace corbel::runtime::core
