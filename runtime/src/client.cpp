#include <corbel/runtime/client.hpp>

#include <corbel/runtime/core/client_core.hpp>
#include <corbel/runtime/exceptions.hpp>
#include <corbel/runtime/servant.hpp>

#include "channel_pool.hpp"
#include "fault_link.hpp"
#include "spin_gate.hpp"
#include "udp_socket.hpp"
#include "uv_endpoint.hpp"

#include <exception>
#include <mutex>
#include <random>
#include <unordered_map>
#include <vector>

namespace corbel::runtime {
namespace {

std::uint32_t random_incarnation() {
    static std::mutex mutex;
    static std::mt19937 generator{std::random_device{}()};
    std::lock_guard lock(mutex);
    return static_cast<std::uint32_t>(generator());
}

core::ClientCoreConfig core_config(const ClientConfig& config) {
    core::ClientCoreConfig c;
    c.max_datagram = config.max_datagram;
    return c;
}

// Sends everything the core has queued through the sending injector. `slot` is popped into
// and kept by the caller, so that its buffer is reused from one datagram to the next.
template <class Send>
void flush(core::ClientCore& core, detail::FaultLink& faults, TimePoint now, core::Datagram& slot, Send&& send) {
    if (!faults.send.enabled()) {
        while (core.pop_outgoing(slot)) {
            if (!send(slot)) ++core.counters().send_failures;
        }
        return;
    }
    std::vector<core::Datagram> ready;
    while (core.pop_outgoing(slot)) faults.send.submit(now, std::move(slot), ready);
    faults.send.release_due(now, ready);
    for (const core::Datagram& out : ready) {
        if (!send(out)) ++core.counters().send_failures;
    }
}

// Hands a received datagram to the core through the receiving injector.
void deliver(core::ClientCore& core, detail::FaultLink& faults, TimePoint now, Endpoint from, cdr::ByteView bytes,
             bool truncated) {
    if (truncated) {
        ++core.counters().truncated_datagrams;
        return;
    }
    if (!faults.receive.enabled()) {
        core.on_datagram(now, from, bytes);
        return;
    }
    core::Datagram copy{from, cdr::ByteBuffer()};
    copy.bytes.assign(bytes.data, bytes.size);
    std::vector<core::Datagram> arrived;
    faults.receive.submit(now, std::move(copy), arrived);
    for (const core::Datagram& d : arrived) core.on_datagram(now, d.peer, d.bytes.view());
}

void on_timer(core::ClientCore& core, detail::FaultLink& faults, TimePoint now) {
    std::vector<core::Datagram> arrived;
    faults.receive.release_due(now, arrived);
    for (const core::Datagram& d : arrived) core.on_datagram(now, d.peer, d.bytes.view());
    core.on_timer(now);
}

// The exception a call that got no reply ends with; null for a reply.
std::exception_ptr failure_of(const core::Completion& completion) {
    switch (completion.outcome) {
        case core::CallOutcome::replied:
            return nullptr;
        case core::CallOutcome::timed_out:
            return std::make_exception_ptr(
                TimeoutError(completion.reply.sends, completion.reply.round_trip, completion.target));
        case core::CallOutcome::refused:
            return std::make_exception_ptr(ServerUnreachable(completion.reply.sends, completion.target));
    }
    return nullptr;
}

// A socket and a protocol core used by one blocking caller at a time.
class BlockingChannel {
public:
    BlockingChannel(const ClientConfig& config, const FaultConfig& faults)
        : socket_(Endpoint{parse_ipv4(config.bind_address), 0}),
          core_(random_incarnation(), core_config(config)),
          faults_(faults),
          buffer_(max_udp_payload + 1) {
        // A connected socket hears of a closed port anyway; one bound to the wildcard address
        // is never connected, and hears only when it asks.
        socket_.hear_refusals();
    }

    Reply call(const RemoteObjectRef& target, MethodId method, cdr::ByteView arguments, const CallPolicy& policy) {
        struct Publish {
            BlockingChannel& channel;
            ~Publish() { channel.publish(); }
        } publish_on_exit{*this};
        socket_.connect_to(target.endpoint);
        TimePoint now = Clock::now();
        const std::uint32_t id = core_.start_call(now, target, method, arguments, policy);
        send_queued(now);
        if (policy.protocol == Protocol::r) {
            Reply sent;
            sent.sends = 1;
            return sent;
        }
        bool may_spin = policy.spin > Duration::zero();
        for (;;) {
            core::Completion completion;
            while (core_.pop_completion(completion)) {
                if (completion.request_id != id) continue;  // cannot happen: one call at a time
                if (const std::exception_ptr failed = failure_of(completion)) std::rethrow_exception(failed);
                return std::move(completion.reply);
            }
            const TimePoint expiry = *detail::earliest(core_.next_expiry(), faults_.next_expiry());
            if (expiry <= now) {
                on_timer(core_, faults_, now);
                send_queued(now);
                continue;
            }
            detail::UdpSocket::Receipt receipt;
            if (may_spin) {
                may_spin = false;  // once a call, right after the first send
                receipt = spin(target, policy, expiry, now);
            }
            if (receipt.what == detail::UdpSocket::Received::timeout) {
                if (expiry <= now) continue;  // a poll that missed ran into the timer
                // `now` is as old as the last event's work, a few microseconds: the receive may
                // wait that much past the expiry, which retransmission timers do not mind.
                receipt = socket_.receive(buffer_.data(), buffer_.size(), expiry - now);
                now = Clock::now();
            }
            if (receipt.what == detail::UdpSocket::Received::datagram) {
                deliver(core_, faults_, now, receipt.from, cdr::ByteView(buffer_.data(), receipt.size), receipt.truncated);
                send_queued(now);  // an RRA acknowledgement
            } else if (receipt.what == detail::UdpSocket::Received::refused) {
                core_.on_refused(now, receipt.from);
                send_queued(now);  // the request again, once
            }
        }
    }

    ClientCounters counters() const {
        std::lock_guard lock(published_mutex_);
        return published_;
    }

private:
    // Polls for the reply for as long as the gate allows (nothing if it says no). A poll
    // moves `now` to when it ended.
    detail::UdpSocket::Receipt spin(const RemoteObjectRef& target, const CallPolicy& policy, TimePoint expiry,
                                    TimePoint& now) {
        detail::SpinGate::Situation situation;
        situation.limit = policy.spin;
        situation.wait = expiry - now;
        if (const core::RttEstimator* rtt = core_.rtt(target.endpoint); rtt != nullptr && rtt->has_samples()) {
            situation.expected_in = rtt->smoothed();
        }
        situation.usable_cpus = detail::usable_cpus_of_process();
        const Duration budget = spin_gate_.budget(situation);
        if (budget <= Duration::zero()) return {};
        // `now` is the time of the send, a few microseconds ago: near enough to start from.
        const TimePoint start = now;
        const detail::UdpSocket::Receipt receipt = socket_.poll_receive(buffer_.data(), buffer_.size(), start + budget);
        now = Clock::now();
        const bool found = receipt.what == detail::UdpSocket::Received::datagram;
        const auto outcome = spin_gate_.polled(found, now - start, budget);
        ++core_.counters().spins;
        if (outcome != detail::SpinGate::Poll::caught) ++core_.counters().spins_missed;
        return receipt;
    }

    void send_queued(TimePoint now) {
        flush(core_, faults_, now, sending_,
              [this](const core::Datagram& d) { return socket_.send_to(d.peer, d.bytes.view()); });
    }
    void publish() {
        std::lock_guard lock(published_mutex_);
        published_ = core_.counters();
    }

    detail::UdpSocket socket_;
    core::ClientCore core_;
    detail::FaultLink faults_;
    std::vector<std::uint8_t> buffer_;
    core::Datagram sending_;
    detail::SpinGate spin_gate_;
    mutable std::mutex published_mutex_;
    ClientCounters published_;
};

// The asynchronous calls of a client: one socket served by a libuv loop thread.
class AsyncEngine final : public detail::UvEndpoint::Handler {
public:
    AsyncEngine(const ClientConfig& config, const FaultConfig& faults)
        : core_(random_incarnation(), core_config(config)),
          faults_(faults),
          endpoint_(Endpoint{parse_ipv4(config.bind_address), 0}, *this) {
        endpoint_.start_thread();
    }
    ~AsyncEngine() override { endpoint_.stop_and_join(); }

    void submit(const RemoteObjectRef& target, MethodId method, cdr::ByteView arguments, const CallPolicy& policy,
                ReplyHandler handler) {
        Submission s{target, method, cdr::ByteBuffer(), policy, std::move(handler)};
        s.arguments.assign(arguments.data, arguments.size);
        if (endpoint_.on_loop_thread()) {
            // From a handler, inside settle(): started by that settle, with no lock and no wake-up.
            started_here_.push_back(std::move(s));
            return;
        }
        {
            std::lock_guard lock(submissions_mutex_);
            submissions_.push_back(std::move(s));
        }
        endpoint_.wake();
    }

    ClientCounters counters() const {
        std::lock_guard lock(published_mutex_);
        return published_;
    }

    void on_wake(TimePoint now) override {
        {
            std::lock_guard lock(submissions_mutex_);
            starting_.swap(submissions_);
        }
        start(now);
    }

    void on_datagram(TimePoint now, Endpoint from, cdr::ByteView bytes, bool truncated) override {
        deliver(core_, faults_, now, from, bytes, truncated);
    }

    void on_timer(TimePoint now) override { runtime::on_timer(core_, faults_, now); }

    void on_refused(TimePoint now, Endpoint destination) override { core_.on_refused(now, destination); }

    void settle(TimePoint now) override {
        // Handlers may start calls (started_here_): each round sends those and finishes what
        // their replies, already queued, may end. Bounded, so that handlers that keep
        // starting oneway calls cannot hold the loop: the rest waits for the next turn.
        for (int round = 0; round < 64; ++round) {
            starting_.swap(started_here_);
            start(now);
            send_queued(now);
            {
                // Before any handler runs: whoever sees a call end also sees it counted.
                std::lock_guard lock(published_mutex_);
                published_ = core_.counters();
            }
            finish_sent_oneways();
            finish_completed();
            if (started_here_.empty()) return;
        }
        endpoint_.wake();
    }

    std::optional<TimePoint> next_expiry() override { return detail::earliest(core_.next_expiry(), faults_.next_expiry()); }

private:
    struct Submission {
        RemoteObjectRef target;
        MethodId method;
        cdr::ByteBuffer arguments;
        CallPolicy policy;
        ReplyHandler handler;
    };

    static void invoke(ReplyHandler& handler, std::optional<Reply> reply, std::exception_ptr error) {
        try {
            handler(std::move(reply), error);
        } catch (...) {
            // A handler's failure is its own; the loop must go on serving the other calls.
        }
    }

    // Starts the calls in starting_. A oneway call's handler waits in sent_oneways_ for its
    // request to be sent and counted.
    void start(TimePoint now) {
        for (Submission& s : starting_) {
            try {
                const std::uint32_t id = core_.start_call(now, s.target, s.method, s.arguments.view(), s.policy);
                if (s.policy.protocol == Protocol::r) {
                    sent_oneways_.push_back(std::move(s.handler));
                } else {
                    handlers_.emplace(id, std::move(s.handler));
                }
            } catch (...) {
                invoke(s.handler, std::nullopt, std::current_exception());
            }
        }
        starting_.clear();
    }

    void finish_sent_oneways() {
        for (ReplyHandler& handler : sent_oneways_) {
            Reply sent;
            sent.sends = 1;
            invoke(handler, std::move(sent), nullptr);
        }
        sent_oneways_.clear();
    }

    // Sends what the core queued, in as few system calls as the kernel allows. The datagrams
    // are popped into outgoing_, whose buffers go back to the core's queue in exchange: a
    // steady load sends without allocating.
    void send_queued(TimePoint now) {
        std::size_t count = 0;
        if (!faults_.send.enabled()) {
            for (;; ++count) {
                if (count == outgoing_.size()) outgoing_.emplace_back();
                if (!core_.pop_outgoing(outgoing_[count])) break;
            }
            core_.counters().send_failures += endpoint_.send_batch(outgoing_.data(), count);
            return;
        }
        std::vector<core::Datagram> ready;
        core::Datagram slot;
        while (core_.pop_outgoing(slot)) faults_.send.submit(now, std::move(slot), ready);
        faults_.send.release_due(now, ready);
        core_.counters().send_failures += endpoint_.send_batch(ready.data(), ready.size());
    }

    void finish_completed() {
        core::Completion completion;
        while (core_.pop_completion(completion)) {
            auto found = handlers_.find(completion.request_id);
            if (found == handlers_.end()) continue;
            ReplyHandler handler = std::move(found->second);
            handlers_.erase(found);
            if (const std::exception_ptr failed = failure_of(completion)) {
                invoke(handler, std::nullopt, failed);
            } else {
                invoke(handler, std::move(completion.reply), nullptr);
            }
        }
    }

    core::ClientCore core_;
    detail::FaultLink faults_;
    std::vector<core::Datagram> outgoing_;
    std::unordered_map<std::uint32_t, ReplyHandler> handlers_;
    std::mutex submissions_mutex_;
    std::vector<Submission> submissions_;  // from other threads, for on_wake
    std::vector<Submission> started_here_;  // from handlers on the loop thread, for settle
    std::vector<Submission> starting_;      // being started; kept for its capacity
    std::vector<ReplyHandler> sent_oneways_;
    mutable std::mutex published_mutex_;
    ClientCounters published_;
    detail::UvEndpoint endpoint_;  // last: its loop thread uses everything above
};

}  // namespace

struct Client::Impl {
    explicit Impl(ClientConfig configuration)
        : config(std::move(configuration)), faults(detail::resolve_faults(config.faults)) {
        parse_ipv4(config.bind_address);  // a bad address fails here, not in the first call
    }

    AsyncEngine& async() {
        std::call_once(async_started, [this] { async_engine = std::make_unique<AsyncEngine>(config, faults); });
        return *async_engine;
    }

    ClientConfig config;
    FaultConfig faults;
    detail::ChannelPool<BlockingChannel> channels{[this] { return std::make_unique<BlockingChannel>(config, faults); }};
    std::once_flag async_started;
    std::unique_ptr<AsyncEngine> async_engine;
};

Client::Client(ClientConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}
Client::~Client() = default;

const CallPolicy& Client::defaults() const { return impl_->config.defaults; }

Reply Client::call(const RemoteObjectRef& target, MethodId method, cdr::ByteView arguments, const CallPolicy& policy) {
    BlockingChannel* channel = impl_->channels.take();
    struct GiveBack {
        detail::ChannelPool<BlockingChannel>& pool;
        BlockingChannel* channel;
        ~GiveBack() { pool.give_back(channel); }
    } give_back_on_exit{impl_->channels, channel};
    return channel->call(target, method, arguments, policy);
}

Reply Client::call(const RemoteObjectRef& target, MethodId method, cdr::ByteView arguments,
                   const CallOptions& options) {
    return call(target, method, arguments, options.applied_to(impl_->config.defaults));
}

void Client::call_async(const RemoteObjectRef& target, MethodId method, cdr::ByteView arguments,
                        const CallPolicy& policy, ReplyHandler handler) {
    impl_->async().submit(target, method, arguments, policy, std::move(handler));
}

std::future<Reply> Client::call_async(const RemoteObjectRef& target, MethodId method, cdr::ByteView arguments,
                                      const CallOptions& options) {
    auto promise = std::make_shared<std::promise<Reply>>();
    std::future<Reply> future = promise->get_future();
    call_async(target, method, arguments, options.applied_to(impl_->config.defaults),
               [promise](std::optional<Reply> reply, std::exception_ptr error) {
                   if (error) {
                       promise->set_exception(error);
                   } else {
                       promise->set_value(std::move(*reply));
                   }
               });
    return future;
}

namespace {

// The results of a built-in, or the exception its reply stands for. Built-ins declare no user
// exceptions, so one in a reply is unknown here.
cdr::Reader builtin_results(const Reply& reply) {
    throw_if_system_error(reply);
    cdr::Reader r = reply.reader();
    if (reply.status == ReplyStatus::user_exception) throw UnknownUserException(read_user_exception_id(r));
    return r;
}

}  // namespace

Duration Client::ping(Endpoint server, std::uint32_t* incarnation, const CallOptions& options) {
    const Reply reply = call(RemoteObjectRef{server, 0, 0, ""}, method_id(ping_operation), cdr::ByteView(),
                             options);
    cdr::Reader r = builtin_results(reply);
    const auto answered = r.read<std::uint32_t>();
    r.expect_end();
    if (incarnation != nullptr) *incarnation = answered;
    return reply.round_trip;
}

std::string Client::statistics(Endpoint server, const CallOptions& options) {
    const Reply reply =
        call(RemoteObjectRef{server, 0, 0, ""}, method_id(statistics_operation), cdr::ByteView(),
             options);
    cdr::Reader r = builtin_results(reply);
    std::string text = r.read_string();
    r.expect_end();
    return text;
}

ClientCounters Client::counters() const {
    ClientCounters total;
    impl_->channels.for_each([&total](const BlockingChannel& channel) { total += channel.counters(); });
    if (impl_->async_engine) total += impl_->async_engine->counters();
    return total;
}

std::string Client::counters_json() const { return counters().to_json(); }

ObjectProxy::ObjectProxy(std::shared_ptr<Client> client, RemoteObjectRef reference)
    : client_(std::move(client)), reference_(std::move(reference)), policy_(client_->defaults()) {}

Reply ObjectProxy::invoke(MethodId method, const cdr::Writer& arguments, const CallOptions& options) const {
    Reply reply = client_->call(reference_, method, arguments.view(), options.applied_to(policy_));
    throw_if_system_error(reply);
    return reply;
}

}  // namespace corbel::runtime
