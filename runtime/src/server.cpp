#include <corbel/runtime/server.hpp>

#include <corbel/runtime/dispatcher.hpp>
#include <corbel/runtime/core/server_core.hpp>

#include "fault_link.hpp"
#include "spin_gate.hpp"
#include "udp_socket.hpp"
#include "worker_pool.hpp"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace corbel::runtime {
namespace {

// An endpoint's incarnation is its creation time in seconds since 1970, and a reference is
// never to be reused (figure 4.10), so the same address and port must never see the same
// incarnation twice, not even across a quick restart. An endpoint on a port of the user's
// choosing takes the second after the one it bound in, and its constructor returns only
// once that second has begun (wait_for_incarnation). A predecessor on that port did the
// same and had to let go of the port before this one could bind it, so the predecessor's
// incarnation is at most the second this one bound in, and this one's is later. An endpoint
// on port 0 gets the kernel's pick among thousands of ports and does not wait; within a
// process its incarnations still increase, so that endpoints made in the same second differ.
std::uint32_t new_incarnation(bool port_chosen_by_user) {
    // The precise wall clock: time() may lag it by milliseconds, and wait_for_incarnation
    // must wait on the clock that chose.
    const auto now = static_cast<std::uint32_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    if (port_chosen_by_user) return now + 1;
    static std::atomic<std::uint32_t> last{0};
    std::uint32_t previous = last.load();
    std::uint32_t chosen;
    do {
        chosen = std::max(now, previous + 1);
    } while (!last.compare_exchange_weak(previous, chosen));
    return chosen;
}

// Sleeps until the second `incarnation` begins: at most about a second, and no longer than
// 1.5 s should the wall clock be set back meanwhile.
void wait_for_incarnation(std::uint32_t incarnation) {
    using std::chrono::system_clock;
    const system_clock::time_point begins{std::chrono::seconds(incarnation)};
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
    while (system_clock::now() < begins && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(
            std::min<system_clock::duration>(begins - system_clock::now(), std::chrono::milliseconds(100)));
    }
}

core::ServerCoreConfig core_config(const ServerConfig& config) {
    core::ServerCoreConfig c;
    c.max_datagram = config.max_datagram;
    c.history = config.history;
    c.max_executing = config.max_executing;
    return c;
}

// Datagrams taken per receive: under load one recvmmsg and one sendmmsg serve this many
// requests; alone, a request still costs one of each.
constexpr std::size_t receive_batch_size = 16;

// A receive that may take a batch looks at the queue once more after the first datagram,
// and on a quiet server finds it empty: about 0.3 us on every request's path. So after a
// batch of one the next receive takes one, and every `backlog_probe_interval`-th receive
// still asks for a whole batch so that a backlog is noticed; while batches come back with
// more than one datagram they stay whole.
constexpr unsigned backlog_probe_interval = 8;

// The longest a serving thread sleeps without looking at its stop flag, should the
// datagram that wakes it be lost.
constexpr Duration longest_sleep = std::chrono::milliseconds(500);

// The history drops its aged entries on every datagram anyway (ServerCore::on_datagram); its
// timer only gives memory back when the server goes quiet, so it may fire late. Firing late
// keeps a busy server, whose oldest entry is always about to age out, from shortening its
// receive timeout (a setsockopt) for every request.
constexpr Duration history_timer_slack = std::chrono::seconds(1);

}  // namespace

// A serving thread blocks in recvfrom (recvmmsg for a batch) on the endpoint's socket
// rather than in an event loop: a datagram then wakes it straight into the receive, two
// system calls per request (receive, send) like a bare echo server, where epoll costs two
// more (the wait, and the receive that finds the socket empty). Timers (history ages, delayed fault injection) bound
// the receive's wait; stop(), and a worker whose reply the fault injector holds back, wake
// it with an empty datagram from a socket of its own. Several serving threads share the
// socket (the kernel hands each datagram to one of them) and the core, under core_mutex.
struct Server::Impl {
    // Datagrams taken from the core, to send once its lock is released. Taking them in the
    // critical section that queued them saves a lock round per request on the reply's path.
    struct Outbox {
        std::vector<core::Datagram> ready;  // the first `count` are to be sent; buffers are kept
        std::size_t count = 0;
        bool held = false;  // the sending fault injector holds some back for later
        // A serving thread's polls for the next request since its last send, counted with it.
        std::uint64_t spins = 0;
        std::uint64_t spins_missed = 0;
    };

    // Whether a serving thread polls for the next request after a reply (ServerConfig::spin).
    struct Spinning {
        explicit Spinning(Duration limit) : wait(4 * limit) {}
        detail::SpinGate gate;
        detail::SmoothedWait wait;  // from a reply to the next request
        std::optional<TimePoint> replied_at;  // after the last batch's send; none after a quiet turn
    };

    // What a serving thread reuses from one datagram to the next.
    struct ServingState {
        ServingState(std::size_t max_datagram, Duration spin)
            : batch(receive_batch_size, max_datagram + 1), spinning(spin) {}
        detail::ReceiveBatch batch;
        core::IncomingRequest request;
        cdr::ByteBuffer body;
        Dispatcher::Memo dispatch_memo;
        Outbox outbox;
        detail::SendBatch sending;
        Spinning spinning;
    };

    explicit Impl(const ServerConfig& configuration)
        : config(configuration),
          socket(Endpoint{parse_ipv4(config.address), config.port}),
          incarnation(new_incarnation(config.port != 0)),
          dispatcher(incarnation),
          core(core_config(configuration)),
          faults(detail::resolve_faults(configuration.faults)),
          waker(Endpoint{parse_ipv4("127.0.0.1"), 0}) {
        if (config.serving_threads == 0) throw std::invalid_argument("serving_threads must be at least 1");
        if (config.port != 0) wait_for_incarnation(incarnation);
        socket.fix_receive_timeout(longest_sleep);  // serving threads wait side by side
        // A wildcard bind is reachable on loopback; a wake-up has to reach the socket somewhere.
        wake_target = socket.local();
        if (wake_target.address == 0) wake_target.address = parse_ipv4("127.0.0.1");
        if (config.worker_threads > 0) pool = std::make_unique<detail::WorkerPool>(config.worker_threads);
        dispatcher.set_statistics_source([this] { return counters().to_json(); });
    }

    ~Impl() {
        stop();
        join(threads);
        pool.reset();  // its jobs send through the socket, so it goes first
    }

    static void join(std::vector<std::thread>& started) {
        for (std::thread& t : started) t.join();
        started.clear();
    }

    // Replies a client may already hold are in the history's figures, even if the thread
    // that sent them has not remembered them yet.
    ServerCounters counters() {
        std::lock_guard lock(core_mutex);
        core.remember_sent();
        return core.counters();
    }

    void run() {
        if (serving.exchange(true)) throw std::logic_error("the server is already serving");
        ++active_serving_threads;  // this one
        std::vector<std::thread> helpers = start_threads(config.serving_threads - 1);
        serve();
        join(helpers);
    }

    void start() {
        if (serving.exchange(true)) throw std::logic_error("the server is already serving");
        threads = start_threads(config.serving_threads);
    }

    std::vector<std::thread> start_threads(unsigned count) {
        active_serving_threads += count;
        std::vector<std::thread> started;
        for (unsigned i = 0; i < count; ++i) {
            started.emplace_back([this] {
                pthread_setname_np(pthread_self(), "corbel-serving");  // for top -H, perf and gdb
                serve();
            });
        }
        return started;
    }

    // The serving loop, on a thread that run() or start() gave it. stop() wakes one serving
    // thread; each passes the wake-up on as it leaves, so that none sleeps on.
    void serve() {
        serve_until_stopped();
        if (--active_serving_threads > 0) wake();
    }

    void serve_until_stopped() {
        ServingState state(config.max_datagram, config.spin);
        const bool may_spin = config.spin > Duration::zero();
        std::size_t received = 0;
        unsigned receives_since_probe = 0;
        TimePoint now = Clock::now();
        std::optional<TimePoint> expiry = next_expiry();
        while (!stopping.load(std::memory_order_relaxed)) {
            if (expiry && *expiry <= now) {
                expiry = on_timer(state, now);
                now = Clock::now();
                continue;
            }
            // `now` is as old as the last batch's work, so the wait may run that many
            // microseconds past the expiry; no timer here minds.
            const Duration wait = expiry ? std::min<Duration>(*expiry - now, longest_sleep) : longest_sleep;
            std::size_t most = receive_batch_size;
            if (received <= 1 && ++receives_since_probe < backlog_probe_interval) {
                most = 1;
            } else {
                receives_since_probe = 0;
            }
            // A servant removed since the last request is let go of here, so at most one
            // longest_sleep after its removal even on a thread that gets no more requests.
            dispatcher.refresh(state.dispatch_memo);
            received = may_spin ? spin(state, expiry, most) : 0;
            if (received == 0) received = socket.receive_batch(state.batch, wait, most);
            now = Clock::now();
            if (may_spin && state.spinning.replied_at) state.spinning.wait.add(now - *state.spinning.replied_at);
            for (std::size_t i = 0; i < received; ++i) {
                const detail::ReceiveBatch& batch = state.batch;
                receive(state, now, batch.from(i), batch.bytes(i), batch.truncated(i));
            }
            expiry = send(state.outbox, &state.sending);
            if (may_spin) state.spinning.replied_at = received > 0 ? std::optional(Clock::now()) : std::nullopt;
        }
    }

    // Polls for the next request after a reply, for as long as the gate allows (nothing if
    // it says no); how many datagrams arrived.
    std::size_t spin(ServingState& state, std::optional<TimePoint> expiry, std::size_t most) {
        Spinning& spinning = state.spinning;
        if (!spinning.replied_at) return 0;
        const TimePoint start = *spinning.replied_at;
        detail::SpinGate::Situation situation;
        situation.limit = config.spin;
        situation.wait = std::min<Duration>(expiry ? *expiry - start : longest_sleep, longest_sleep);
        situation.expected_in = spinning.wait.smoothed();
        situation.usable_cpus = detail::usable_cpus_of_process();
        const Duration budget = spinning.gate.budget(situation);
        if (budget <= Duration::zero()) return 0;
        const std::size_t received = socket.poll_batch(state.batch, start + budget, most);
        const auto outcome = spinning.gate.polled(received > 0, Clock::now() - start, budget);
        ++state.outbox.spins;
        if (outcome != detail::SpinGate::Poll::caught) ++state.outbox.spins_missed;
        return received;
    }

    // When a serving thread must next wake without a datagram. The caller holds core_mutex.
    std::optional<TimePoint> next_expiry_locked() const {
        std::optional<TimePoint> history = core.next_expiry();
        if (history) *history += history_timer_slack;
        return detail::earliest(history, faults.next_expiry());
    }

    std::optional<TimePoint> next_expiry() const {
        std::lock_guard lock(core_mutex);
        return next_expiry_locked();
    }

    void stop() {
        if (!stopping.exchange(true)) wake();
    }

    void wake() { waker.send_to(wake_target, cdr::ByteView()); }

    void receive(ServingState& state, TimePoint now, Endpoint from, cdr::ByteView bytes, bool truncated) {
        if (from == waker.local() && bytes.size == 0) return;  // our own wake-up
        if (!faults.receive.enabled() || truncated) {
            accept(state, now, from, bytes, truncated);
            return;
        }
        std::vector<core::Datagram> arrived;
        {
            core::Datagram copy{from, cdr::ByteBuffer()};
            copy.bytes.assign(bytes.data, bytes.size);
            std::lock_guard lock(core_mutex);
            faults.receive.submit(now, std::move(copy), arrived);
        }
        for (const core::Datagram& d : arrived) accept(state, now, d.peer, d.bytes.view(), false);
    }

    // getRequest, then the servant: here, or on the pool.
    void accept(ServingState& state, TimePoint now, Endpoint from, cdr::ByteView bytes, bool truncated) {
        core::IncomingRequest& request = state.request;
        {
            std::lock_guard lock(core_mutex);
            const bool delivered = core.on_datagram(now, from, bytes, truncated, request);
            if (!delivered) {
                take_outgoing_locked(now, state.outbox);  // a history hit, an error reply
                return;
            }
        }
        // The built-ins (object 0) are answered here, never queued behind slow servants:
        // a ping or a look at the counters must get through a busy pool.
        if (pool && request.target.object_number != 0) {
            pool->post([this, r = request]() {
                cdr::ByteBuffer results;
                const ReplyStatus status = dispatcher.dispatch(r, results);
                Outbox outbox;
                {
                    std::lock_guard lock(core_mutex);
                    const TimePoint done = Clock::now();
                    core.complete(done, r, status, results.view());
                    take_outgoing_locked(done, outbox);
                }
                send(outbox, nullptr);
            });
            return;
        }
        const ReplyStatus status = dispatcher.dispatch(request, state.body, state.dispatch_memo);
        std::lock_guard lock(core_mutex);
        core.complete(now, request, status, state.body.view());
        take_outgoing_locked(now, state.outbox);  // sent with the rest of the batch
    }

    std::optional<TimePoint> on_timer(ServingState& state, TimePoint now) {
        std::vector<core::Datagram> arrived;
        {
            std::lock_guard lock(core_mutex);
            core.on_timer(now);
            faults.receive.release_due(now, arrived);
            take_outgoing_locked(now, state.outbox);  // datagrams the sending injector held back
        }
        for (const core::Datagram& d : arrived) accept(state, now, d.peer, d.bytes.view(), false);
        return send(state.outbox, &state.sending);
    }

    // Moves what the core has queued into `outbox`, through the sending fault injector. The
    // caller holds core_mutex.
    void take_outgoing_locked(TimePoint now, Outbox& outbox) {
        std::vector<core::Datagram>& ready = outbox.ready;
        if (!faults.send.enabled()) {
            for (;; ++outbox.count) {
                if (outbox.count == ready.size()) ready.emplace_back();
                if (!core.pop_outgoing(ready[outbox.count])) break;
            }
            return;
        }
        // The injector returns whole datagrams, so the outbox's unsent ones move along.
        ready.resize(outbox.count);
        core::Datagram d;
        while (core.pop_outgoing(d)) faults.send.submit(now, std::move(d), ready);
        faults.send.release_due(now, ready);
        outbox.count = ready.size();
        outbox.held = faults.send.next_expiry().has_value();
    }

    // Sends the outbox (sendReply): for a worker (`batch` null) one datagram at a time, for a
    // serving thread the replies of a whole batch in one sendmmsg. Then keeps the replies in
    // the history, off the clients' path. Returns the next expiry.
    std::optional<TimePoint> send(Outbox& outbox, detail::SendBatch* batch) {
        std::size_t failures = 0;
        if (batch != nullptr) {
            failures = socket.send_batch(*batch, outbox.ready.data(), outbox.count);
        } else {
            for (std::size_t i = 0; i < outbox.count; ++i) {
                failures += socket.send_to(outbox.ready[i].peer, outbox.ready[i].bytes.view()) ? 0 : 1;
            }
            // The serving threads may be asleep past the time a held datagram is due.
            if (outbox.held) wake();
        }
        outbox.count = 0;
        outbox.held = false;
        std::lock_guard lock(core_mutex);
        core.remember_sent();
        ServerCounters& counters = core.mutable_counters();
        counters.send_failures += failures;
        counters.spins += std::exchange(outbox.spins, 0);
        counters.spins_missed += std::exchange(outbox.spins_missed, 0);
        return next_expiry_locked();
    }

    ServerConfig config;
    detail::UdpSocket socket;  // bound before the incarnation is chosen (new_incarnation)
    std::uint32_t incarnation;
    Dispatcher dispatcher;
    mutable std::mutex core_mutex;  // guards core and faults
    core::ServerCore core;
    detail::FaultLink faults;
    detail::UdpSocket waker;
    Endpoint wake_target;
    std::unique_ptr<detail::WorkerPool> pool;
    std::atomic<bool> stopping{false};
    std::atomic<bool> serving{false};
    std::atomic<unsigned> active_serving_threads{0};
    std::vector<std::thread> threads;  // start()'s
};

Server::Server(ServerConfig config) : impl_(std::make_unique<Impl>(config)) {}

int Server::run_until_signal() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigset_t before;
    pthread_sigmask(SIG_BLOCK, &signals, &before);
    start();
    int received = 0;
    sigwait(&signals, &received);
    stop();
    pthread_sigmask(SIG_SETMASK, &before, nullptr);  // a signal that came meanwhile stays pending
    return received;
}
Server::~Server() = default;

Endpoint Server::endpoint() const { return impl_->socket.local(); }
std::uint32_t Server::incarnation() const { return impl_->incarnation; }
RemoteObjectRef Server::endpoint_reference() const { return {endpoint(), incarnation(), 0, ""}; }

RemoteObjectRef Server::add(std::shared_ptr<Servant> servant) {
    if (!servant) throw std::invalid_argument("no servant to add: the pointer is null");
    RemoteObjectRef ref{endpoint(), incarnation(), 0, servant->repository_id()};
    ref.object_number = impl_->dispatcher.add(std::move(servant));
    return ref;
}

bool Server::remove(std::uint32_t object_number) { return impl_->dispatcher.remove(object_number); }

void Server::run() { impl_->run(); }
void Server::start() { impl_->start(); }
void Server::stop() { impl_->stop(); }

ServerCounters Server::counters() const { return impl_->counters(); }
std::string Server::counters_json() const { return impl_->counters().to_json(); }

}  // namespace corbel::runtime
