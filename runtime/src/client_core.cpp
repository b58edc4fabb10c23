#include <corbel/runtime/core/client_core.hpp>

#include <corbel/runtime/core/message.hpp>
#include <corbel/runtime/exceptions.hpp>

#include <algorithm>
#include <chrono>
#include <utility>

namespace corbel::runtime::core {
namespace {

// Call slots kept when no call is in flight: enough for the calls a busy asynchronous client
// has out at once, few enough that a burst gives its memory back.
constexpr std::size_t kept_call_slots = 64;

// Earliest first on top of the heap.
constexpr auto later = [](const auto& a, const auto& b) { return a.first > b.first; };

}  // namespace

ClientCore::ClientCore(std::uint32_t incarnation, ClientCoreConfig config)
    : incarnation_(incarnation), config_(config), calls_(kept_call_slots), finished_(config.remembered_calls) {}

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
    call.refusals = 0;
    call.policy = policy;
    call.first_send = now;
    call.deadline = now + policy.deadline;
    call.rtt = &rtt_for(call.destination);
    call.timeout = call.rtt->timeout(policy);
    call.next_send = now + call.timeout;
    outgoing_.push(call.destination, call.request.view());
    schedule(id, call);
    return id;
}

RttEstimator& ClientCore::rtt_for(Endpoint server) {
    if (last_server_ != server) {
        last_rtt_ = &rtt_[server];  // map nodes stay put: the pointer outlives rehashing
        last_server_ = server;
    }
    return *last_rtt_;
}

ClientCore::Call* ClientCore::find_call(std::uint32_t request_id) {
    return const_cast<Call*>(std::as_const(*this).find_call(request_id));
}

const ClientCore::Call* ClientCore::find_call(std::uint32_t request_id) const {
    const CallSlot& slot = calls_[request_id & (calls_.size() - 1)];
    if (slot.request_id == request_id && request_id != 0) return &slot.call;
    if (displaced_.empty()) return nullptr;
    const auto found = displaced_.find(request_id);
    return found == displaced_.end() ? nullptr : &found->second;
}

ClientCore::Call& ClientCore::new_call(std::uint32_t request_id) {
    if (calls_in_flight_ >= calls_.size() / 2) grow_calls();
    CallSlot& slot = calls_[request_id & (calls_.size() - 1)];
    // The slot is still taken only by a call that has outlived a whole ring of later ones:
    // it moves aside, so that a slow call among many quick ones costs one map entry and not
    // a ring as long as the ids between them.
    if (slot.request_id != 0) displaced_.emplace(slot.request_id, std::move(slot.call));
    slot.request_id = request_id;
    ++calls_in_flight_;
    return slot.call;
}

void ClientCore::grow_calls() {
    // Ids in different slots of a ring are in different slots of one twice as long.
    std::vector<CallSlot> larger(calls_.size() * 2);
    for (CallSlot& slot : calls_) {
        if (slot.request_id != 0) larger[slot.request_id & (larger.size() - 1)] = std::move(slot);
    }
    calls_.swap(larger);
}

void ClientCore::end_call(std::uint32_t request_id) {
    CallSlot& slot = calls_[request_id & (calls_.size() - 1)];
    if (slot.request_id == request_id) {
        slot.request_id = 0;
    } else {
        displaced_.erase(request_id);
    }
    --calls_in_flight_;
    drop_stale_timers();
    if (calls_in_flight_ == 0 && calls_.size() > kept_call_slots) {
        calls_ = std::vector<CallSlot>(kept_call_slots);
        timers_ = std::vector<TimerEntry>();
    }
}

void ClientCore::drop_stale_timers() {
    while (!timers_.empty()) {
        const auto [time, id] = timers_.front();
        const Call* call = find_call(id);
        if (call != nullptr && call->timer == time) return;
        std::pop_heap(timers_.begin(), timers_.end(), later);
        timers_.pop_back();
    }
}

std::string ClientCore::describe_target(const Call& call) {
    // Only failures need the reference as text, so it is rebuilt from the request then
    // rather than formatted for every call.
    MessageHeader header;
    return decode_request(call.request.view(), header).target.to_ref().to_string();
}

void ClientCore::schedule(std::uint32_t request_id, Call& call) {
    call.timer = std::min(call.next_send, call.deadline);
    timers_.emplace_back(call.timer, request_id);
    std::push_heap(timers_.begin(), timers_.end(), later);
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
    // The top is always live (drop_stale_timers), so each round handles a call's timer.
    while (!timers_.empty() && timers_.front().first <= now) {
        const std::uint32_t id = timers_.front().second;
        std::pop_heap(timers_.begin(), timers_.end(), later);
        timers_.pop_back();
        Call& call = *find_call(id);
        if (now >= call.deadline) {
            fail_call(now, id, call, CallOutcome::timed_out);
            continue;
        }
        resend(call);
        const auto grown = std::chrono::duration_cast<Duration>(call.timeout * std::max(1.0, call.policy.backoff));
        call.timeout = std::min(grown, std::max(call.policy.max_timeout, call.policy.min_timeout));
        call.next_send = now + call.timeout;
        schedule(id, call);
        drop_stale_timers();
    }
}

void ClientCore::on_refused(TimePoint now, Endpoint destination) {
    std::vector<std::uint32_t> refused;  // ended below: ending a call changes the tables
    auto hear = [&](std::uint32_t id, Call& call) {
        if (call.destination != destination) return;
        if (++call.refusals == 1) {
            resend(call);
        } else {
            refused.push_back(id);
        }
    };
    for (CallSlot& slot : calls_) {
        if (slot.request_id != 0) hear(slot.request_id, slot.call);
    }
    for (auto& [id, call] : displaced_) hear(id, call);
    for (const std::uint32_t id : refused) {
        if (Call* call = find_call(id)) fail_call(now, id, *call, CallOutcome::refused);  // end_call drops its timer
    }
}

void ClientCore::fail_call(TimePoint now, std::uint32_t request_id, Call& call, CallOutcome outcome) {
    completions_.emplace_back();
    Completion& completion = completions_.back();
    completion.request_id = request_id;
    completion.outcome = outcome;
    completion.reply.sends = call.sends;
    completion.reply.round_trip = now - call.first_send;
    completion.target = describe_target(call);
    ++(outcome == CallOutcome::refused ? counters_.refused : counters_.timeouts);
    end_call(request_id);
    remember(request_id, Finished::timed_out);  // a reply after all is late either way
}

void ClientCore::resend(Call& call) {
    ++call.sends;
    ++counters_.requests_sent;
    ++counters_.retransmissions;
    outgoing_.push(call.destination, call.request.view());
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
    Call* found = find_call(id);
    if (found == nullptr || found->destination != from) {
        const std::optional<Finished> how = found == nullptr ? finished(id) : std::nullopt;
        if (!how) {
            ++counters_.stray_replies;
        } else if (*how == Finished::replied) {
            ++counters_.duplicate_replies;
        } else {
            ++counters_.late_replies;
        }
        return;
    }
    Call& call = *found;
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
    end_call(id);
    remember(id, Finished::replied);
}

bool ClientCore::cancel(std::uint32_t request_id) {
    if (find_call(request_id) == nullptr) return false;
    end_call(request_id);
    remember(request_id, Finished::timed_out);
    return true;
}

std::optional<TimePoint> ClientCore::next_expiry() const {
    if (timers_.empty()) return std::nullopt;
    return timers_.front().first;
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
    if (last_server_ == server) return last_rtt_;  // the server of the latest call, mostly
    const auto found = rtt_.find(server);
    return found == rtt_.end() ? nullptr : &found->second;
}

}  // namespace corbel::runtime::core
