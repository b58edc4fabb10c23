// A corbel server: a UDP endpoint that executes each request at most once on the servant its
// reference names, keeps a bounded reply history, and answers ping and statistics itself.
//
//   corbel::runtime::Server server;                      // binds 127.0.0.1, a free port
//   auto ref = server.add(std::make_shared<AccountImpl>());
//   std::cout << ref.to_string() << "\n";                // corbel://127.0.0.1:PORT/TIME/1#IDL:...
//   server.run();                                         // or start() for a thread of its own
#pragma once

#include <corbel/runtime/core/reply_history.hpp>
#include <corbel/runtime/counters.hpp>
#include <corbel/runtime/faults.hpp>
#include <corbel/runtime/object_ref.hpp>
#include <corbel/runtime/servant.hpp>
#include <corbel/runtime/types.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace corbel::runtime {

struct ServerConfig {
    std::string address = "127.0.0.1";
    std::uint16_t port = 0;  // 0: any free port
    // Larger requests and replies are refused with message_too_large (at most max_udp_payload).
    std::size_t max_datagram = max_udp_payload;
    core::HistoryLimits history;
    // New requests beyond this many executing at once are dropped (clients retransmit).
    std::size_t max_executing = 4096;
    // Threads that receive, run the servants and reply, all on the one socket (at least 1).
    // More than one serves requests in parallel, on as many CPUs.
    unsigned serving_threads = 1;
    // 0: servants run on the serving threads. Otherwise on a pool of this many threads, so
    // that a slow operation does not hold up the others.
    unsigned worker_threads = 0;
    // How long a serving thread looks for the next request without sleeping once it has
    // replied; zero (the default): it sleeps at once. A request found so skips the wake-up
    // of a sleeping thread, about a third of a loopback round trip, but the thread keeps a
    // CPU busy while it looks. It yields that CPU between looks, polls only while requests
    // have been coming within this long of its replies, polls less after polls that found
    // nothing, and never in a process that may run on one CPU (runtime/README.md; counters
    // spins and spins_missed). Like CallPolicy::spin for a client's replies.
    Duration spin{};
    // Faults to inject; when unset, those of the CORBEL_FAULTS environment variable.
    std::optional<FaultConfig> faults;
};

class Server {
public:
    // Binds the endpoint. Its incarnation is the time of this call in seconds, never reused
    // for the same address and port: on a port given in `config` (not 0) it is the next
    // second, and the constructor waits for that second to begin (half a second on average),
    // so that a server restarted at once still makes its predecessor's references stale.
    // Throws std::system_error if it cannot bind and std::invalid_argument for a bad
    // configuration.
    explicit Server(ServerConfig config = {});
    ~Server();  // stops and joins
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    Endpoint endpoint() const;
    std::uint32_t incarnation() const;
    // A reference to object 0 of this endpoint: the built-in operations.
    RemoteObjectRef endpoint_reference() const;

    // Registers `servant`; thread-safe, also while the server runs. Throws
    // std::invalid_argument for a null servant.
    RemoteObjectRef add(std::shared_ptr<Servant> servant);
    // Unregisters the servant (false: no such object); requests to it then get
    // unknown_object, and a call already running on it finishes. Thread-safe. A serving
    // thread that last ran it lets go of it at its next request or within half a second, so
    // a servant with no other owner is destroyed then, on that thread.
    bool remove(std::uint32_t object_number);

    // Serves on the calling thread until stop(), and on serving_threads - 1 more that it
    // joins before returning; stop() and let run() return before the Server is destroyed.
    // A serving thread receives, runs the servants unless worker_threads says otherwise,
    // and replies. run() or start() a second time throws std::logic_error.
    void run();
    // Serves on serving_threads threads of its own; the destructor stops and joins them.
    void start();
    // Thread-safe and idempotent; a server does not serve again once stopped.
    void stop();
    // For a server program: serves (as start() does) until SIGINT or SIGTERM arrives, then
    // stops, and returns that signal. The two signals are blocked in the calling thread, and
    // so in the serving threads it starts; a thread started earlier that does not block them
    // may still be killed by one, so a program with other threads blocks them first, with
    // pthread_sigmask, at the start of main.
    int run_until_signal();

    ServerCounters counters() const;
    std::string counters_json() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace corbel::runtime
