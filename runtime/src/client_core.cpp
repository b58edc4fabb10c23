#include <corbel/runtime/core/client_core.hpp>

#include <corbel/runtime/core/message.hpp>
#include <corbel/runtime/exceptions.hpp>

#include <algorithm>
#include <chrono>

namespace corbel::runtime::core {
namespace {

// Spare nodes kept for reuse: enough for the calls a busy asynchronous client starts
// between two replies, few enough that a burst gives its memory back.
constexpr std::size_t max_spare_nodes = 64;

}  // namespace

ClientCore::ClientCore(std::uint32_t incarnation, ClientCoreConfig config)
    : incarnation_(incarnation), config_(config), finished_(config.remembered_calls) {}

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
    encode_request(encoded_, header, target, fields, arguments);
    if (encoded_.size() > config_.max_datagram) {
        const std::size_t size = encoded_.size();
        encoded_ = cdr::ByteBuffer();  // do not keep the room of a request that cannot be sent
        throw MessageTooLarge(size, config_.max_datagram,
                              "the request to " + target.to_string() + " takes " + std::to_string(size) +
                                  " bytes, more than the datagram limit of " + std::to_string(config_.max_datagram) +
                                  " bytes");
    }
    ++counters_.requests_sent;
    if (policy.protocol == Protocol::r) {
        ++counters_.oneways_sent;
        outgoing_.push(target.endpoint, encoded_.view());
        return id;
    }
    ++counters_.calls_started;
    Call& call = new_call(id);
    std::swap(call.request, encoded_);  // encoded_ takes the old buffer's room for the next request
    call.destination = target.endpoint;
    call.sends = 1;
    call.policy = policy;
    call.first_send = now;
    call.deadline = now + policy.deadline;
    call.rtt = &rtt_[call.destination];  // map nodes stay put: the pointer outlives rehashing
    call.timeout = call.rtt->timeout(policy);
    call.next_send = now + call.timeout;
    outgoing_.push(call.destination, call.request.view());
    schedule(id, call, {});
    return id;
}

ClientCore::Call& ClientCore::new_call(std::uint32_t request_id) {
    if (spare_calls_.empty()) return calls_.try_emplace(request_id).first->second;
    CallTable::node_type node = std::move(spare_calls_.back());
    spare_calls_.pop_back();
    node.key() = request_id;
    // A request id is in flight at most once: ids wrap only after 2^32 - 1 calls.
    return calls_.insert(std::move(node)).position->second;
}

void ClientCore::end_call(CallTable::iterator call) {
    if (auto timer = timers_.extract({call->second.timer, call->first}); timer && spare_timers_.size() < max_spare_nodes) {
        spare_timers_.push_back(std::move(timer));
    }
    if (spare_calls_.size() < max_spare_nodes) {
        spare_calls_.push_back(calls_.extract(call));
    } else {
        calls_.erase(call);
    }
}

std::string ClientCore::describe_target(const Call& call) {
    // Only failures need the reference as text, so it is rebuilt from the request then
    // rather than formatted for every call.
    MessageHeader header;
    return decode_request(call.request.view(), header).target.to_ref().to_string();
}

void ClientCore::schedule(std::uint32_t request_id, Call& call, TimerSet::node_type node) {
    if (node.empty() && !spare_timers_.empty()) {
        node = std::move(spare_timers_.back());
        spare_timers_.pop_back();
    }
    call.timer = std::min(call.next_send, call.deadline);
    if (node.empty()) {
        timers_.emplace(call.timer, request_id);
        return;
    }
    node.value() = {call.timer, request_id};
    timers_.insert(std::move(node));
}

void ClientCore::remember(std::uint32_t request_id, Finished how) {
    if (finished_.empty()) return;
    finished_[request_id % finished_.size()] = {request_id, how};
}

std::optional<ClientCore::Finished> ClientCore::finished(std::uint32_t request_id) const {
    if (finished_.empty()) return std::nullopt;
    const FinishedCall& slot = finished_[request_id % finished_.size()];
    if (slot.request_id != request_id) return std::nullopt;
    return slot.how;
}

void ClientCore::on_timer(TimePoint now) {
    while (!timers_.empty() && timers_.begin()->first <= now) {
        const std::uint32_t id = timers_.begin()->second;
        auto found = calls_.find(id);
        if (found == calls_.end()) {  // cannot happen: a call's timer goes with it
            timers_.erase(timers_.begin());
            continue;
        }
        Call& call = found->second;
        if (now >= call.deadline) {
            completions_.emplace_back();
            Completion& completion = completions_.back();
            completion.request_id = id;
            completion.outcome = CallOutcome::timed_out;
            completion.reply.sends = call.sends;
            completion.reply.round_trip = now - call.first_send;
            completion.target = describe_target(call);
            ++counters_.timeouts;
            end_call(found);
            remember(id, Finished::timed_out);
            continue;
        }
        ++call.sends;
        ++counters_.requests_sent;
        ++counters_.retransmissions;
        outgoing_.push(call.destination, call.request.view());
        const auto grown = std::chrono::duration_cast<Duration>(call.timeout * std::max(1.0, call.policy.backoff));
        call.timeout = std::min(grown, std::max(call.policy.max_timeout, call.policy.min_timeout));
        call.next_send = now + call.timeout;
        schedule(id, call, timers_.extract(timers_.begin()));  // the timer that fired is the first
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
        const std::optional<Finished> how = found == calls_.end() ? finished(id) : std::nullopt;
        if (!how) {
            ++counters_.stray_replies;
        } else if (*how == Finished::replied) {
            ++counters_.duplicate_replies;
        } else {
            ++counters_.late_replies;
        }
        return;
    }
    Call& call = found->second;
    if (call.sends == 1) call.rtt->add_sample(now - call.first_send);
    if (call.policy.protocol == Protocol::rra) {
        MessageHeader ack;
        ack.client_incarnation = incarnation_;
        ack.request_id = id;
        encode_acknowledgement(outgoing_.push(call.destination), ack);
        ++counters_.acknowledgements_sent;
    }
    completions_.emplace_back();
    Completion& completion = completions_.back();
    completion.request_id = id;
    completion.outcome = CallOutcome::replied;
    completion.reply.status = decoded.status;
    completion.reply.byte_order = decoded.header.byte_order;
    completion.reply.body.assign(decoded.body.data, decoded.body.size);
    completion.reply.sends = call.sends;
    completion.reply.round_trip = now - call.first_send;
    ++counters_.replies_received;
    end_call(found);
    remember(id, Finished::replied);
}

bool ClientCore::cancel(std::uint32_t request_id) {
    auto found = calls_.find(request_id);
    if (found == calls_.end()) return false;
    end_call(found);
    remember(request_id, Finished::timed_out);
    return true;
}

std::optional<TimePoint> ClientCore::next_expiry() const {
    if (timers_.empty()) return std::nullopt;
    return timers_.begin()->first;
}

bool ClientCore::pop_outgoing(Datagram& out) { return outgoing_.pop(out); }

bool ClientCore::pop_completion(Completion& out) {
    if (next_completion_ == completions_.size()) return false;
    out = std::move(completions_[next_completion_++]);
    if (next_completion_ == completions_.size()) {
        completions_.clear();  // keeps the room for the next ones, however the host pops
        next_completion_ = 0;
    }
    return true;
}

const RttEstimator* ClientCore::rtt(Endpoint server) const {
    const auto found = rtt_.find(server);
    return found == rtt_.end() ? nullptr : &found->second;
}

}  // namespace corbel::runtime::core
