#include <corbel/runtime/server.hpp>

#include <corbel/runtime/dispatcher.hpp>
#include <corbel/runtime/core/server_core.hpp>

#include "fault_link.hpp"
#include "uv_endpoint.hpp"
#include "worker_pool.hpp"

#include <algorithm>
#include <atomic>
#include <ctime>
#include <mutex>
#include <vector>

namespace corbel::runtime {
namespace {

// Seconds since 1970, made unique within the process so that two endpoints created in the
// same second (a quick restart on the same port) still tell their references apart.
std::uint32_t new_incarnation() {
    static std::atomic<std::uint32_t> last{0};
    const auto now = static_cast<std::uint32_t>(std::time(nullptr));
    std::uint32_t previous = last.load();
    std::uint32_t chosen;
    do {
        chosen = std::max(now, previous + 1);
    } while (!last.compare_exchange_weak(previous, chosen));
    return chosen;
}

core::ServerCoreConfig core_config(const ServerConfig& config) {
    core::ServerCoreConfig c;
    c.max_datagram = config.max_datagram;
    c.history = config.history;
    c.max_executing = config.max_executing;
    return c;
}

}  // namespace

struct Server::Impl final : detail::UvEndpoint::Handler {
    struct Finished {
        core::IncomingRequest request;
        ReplyStatus status;
        cdr::ByteBuffer body;
    };

    explicit Impl(const ServerConfig& configuration)
        : config(configuration),
          incarnation(new_incarnation()),
          dispatcher(incarnation),
          core(core_config(configuration)),
          faults(detail::resolve_faults(configuration.faults)) {
        endpoint = std::make_unique<detail::UvEndpoint>(Endpoint{parse_ipv4(config.address), config.port}, *this);
        if (config.worker_threads > 0) pool = std::make_unique<detail::WorkerPool>(config.worker_threads);
        dispatcher.set_statistics_source([this] { return counters().to_json(); });
    }

    ~Impl() override {
        endpoint->stop_and_join();
        pool.reset();  // its jobs wake the endpoint, so it goes first
        endpoint.reset();
    }

    ServerCounters counters() const {
        std::lock_guard lock(core_mutex);
        return core.counters();
    }

    void on_datagram(TimePoint now, Endpoint from, cdr::ByteView bytes, bool truncated) override {
        if (!faults.receive.enabled() || truncated) {
            handle(now, from, bytes, truncated);
        } else {
            core::Datagram copy{from, cdr::ByteBuffer()};
            copy.bytes.assign(bytes.data, bytes.size);
            std::vector<core::Datagram> arrived;
            faults.receive.submit(now, std::move(copy), arrived);
            for (const core::Datagram& d : arrived) handle(now, d.peer, d.bytes.view(), false);
        }
        flush(now);
    }

    void handle(TimePoint now, Endpoint from, cdr::ByteView bytes, bool truncated) {
        std::optional<core::IncomingRequest> request;
        {
            std::lock_guard lock(core_mutex);
            request = core.on_datagram(now, from, bytes, truncated);
        }
        if (request) execute(now, std::move(*request));
    }

    void execute(TimePoint now, core::IncomingRequest request) {
        if (pool) {
            pool->post([this, r = std::move(request)]() {
                Finished finished{r, ReplyStatus::ok, cdr::ByteBuffer()};
                finished.status = dispatcher.dispatch(finished.request, finished.body);
                {
                    std::lock_guard lock(finished_mutex);
                    finished_requests.push_back(std::move(finished));
                }
                endpoint->wake();
            });
            return;
        }
        const ReplyStatus status = dispatcher.dispatch(request, body);
        std::lock_guard lock(core_mutex);
        core.complete(now, request, status, body.view());
    }

    void on_wake(TimePoint now) override {
        std::vector<Finished> done;
        {
            std::lock_guard lock(finished_mutex);
            done.swap(finished_requests);
        }
        {
            std::lock_guard lock(core_mutex);
            for (const Finished& f : done) core.complete(now, f.request, f.status, f.body.view());
        }
        flush(now);
    }

    void on_timer(TimePoint now) override {
        {
            std::lock_guard lock(core_mutex);
            core.on_timer(now);
        }
        std::vector<core::Datagram> arrived;
        faults.receive.release_due(now, arrived);
        for (const core::Datagram& d : arrived) handle(now, d.peer, d.bytes.view(), false);
        flush(now);
    }

    std::optional<TimePoint> next_expiry() override {
        std::lock_guard lock(core_mutex);
        return detail::earliest(core.next_expiry(), faults.next_expiry());
    }

    // Sends what the core has queued, through the sending fault injector.
    void flush(TimePoint now) {
        ready.clear();
        {
            std::lock_guard lock(core_mutex);
            core::Datagram d;
            while (core.pop_outgoing(d)) faults.send.submit(now, std::move(d), ready);
        }
        faults.send.release_due(now, ready);
        std::uint64_t failures = 0;
        for (const core::Datagram& d : ready) {
            if (!endpoint->send(d.peer, d.bytes.view())) ++failures;
        }
        ready.clear();
        if (failures != 0) {
            std::lock_guard lock(core_mutex);
            core.mutable_counters().send_failures += failures;
        }
    }

    ServerConfig config;
    std::uint32_t incarnation;
    Dispatcher dispatcher;
    mutable std::mutex core_mutex;
    core::ServerCore core;
    detail::FaultLink faults;
    std::unique_ptr<detail::WorkerPool> pool;
    std::unique_ptr<detail::UvEndpoint> endpoint;
    std::mutex finished_mutex;
    std::vector<Finished> finished_requests;
    std::vector<core::Datagram> ready;  // scratch, loop thread only
    cdr::ByteBuffer body;               // scratch, loop thread only
};

Server::Server(ServerConfig config) : impl_(std::make_unique<Impl>(config)) {}
Server::~Server() = default;

Endpoint Server::endpoint() const { return impl_->endpoint->local(); }
std::uint32_t Server::incarnation() const { return impl_->incarnation; }
RemoteObjectRef Server::endpoint_reference() const { return {endpoint(), incarnation(), 0, ""}; }

RemoteObjectRef Server::add(std::shared_ptr<Servant> servant) {
    RemoteObjectRef ref{endpoint(), incarnation(), 0, servant->repository_id()};
    ref.object_number = impl_->dispatcher.add(std::move(servant));
    return ref;
}

bool Server::remove(std::uint32_t object_number) { return impl_->dispatcher.remove(object_number); }

void Server::run() { impl_->endpoint->run(); }
void Server::start() { impl_->endpoint->start_thread(); }
void Server::stop() { impl_->endpoint->stop(); }

ServerCounters Server::counters() const { return impl_->counters(); }
std::string Server::counters_json() const { return impl_->counters().to_json(); }

}  // namespace corbel::runtime
