// The CPU cost of the protocol itself, without sockets: a call goes from ClientCore through
// ServerCore and the Dispatcher to the servant and back, in memory, on one thread. Reports
// nanoseconds per call for each side, so that the user-space share of a loopback round trip
// (see corbel_round_trip_bench) can be read without kernel noise.
// Usage: corbel_protocol_path_bench [calls=200000] [--idempotent]   (idempotent: no reply history)
#include "echo_servant.hpp"

#include <corbel/runtime/core/client_core.hpp>
#include <corbel/runtime/core/server_core.hpp>
#include <corbel/runtime/dispatcher.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

using namespace corbel::runtime;
using SteadyClock = std::chrono::steady_clock;

namespace {

struct Split {
    double client_ns;
    double server_ns;
};

Split run(int calls, bool idempotent, corbel::MethodId method, corbel::cdr::ByteView arguments) {
    const Endpoint client_address{0x7f000001, 40000};
    const std::uint32_t incarnation = 1700000000;
    core::ClientCore client(7);
    // A history small enough to be full after a few calls, as on a server that has run a
    // while: every reply stored evicts one.
    core::ServerCoreConfig server_config;
    server_config.history.max_entries = 1000;
    core::ServerCore server(server_config);
    Dispatcher dispatcher(incarnation);
    const auto servant = std::make_shared<Bench::EchoServant>();
    RemoteObjectRef ref{{0x7f000001, 7000}, incarnation, 0, servant->repository_id()};
    ref.object_number = dispatcher.add(servant);
    CallPolicy policy;
    policy.idempotent = idempotent;
    corbel::cdr::ByteBuffer body;
    core::Datagram datagram;
    core::IncomingRequest request;  // reused, as the server reuses it
    core::Completion completion;
    SteadyClock::duration client_time{}, server_time{};
    for (int i = 0; i < calls; ++i) {
        const auto t0 = SteadyClock::now();
        client.start_call(t0, ref, method, arguments, policy);
        client.pop_outgoing(datagram);
        const auto t1 = SteadyClock::now();
        if (!server.on_datagram(t1, client_address, datagram.bytes.view(), false, request)) {
            throw std::runtime_error("the server core did not deliver the request");
        }
        const ReplyStatus status = dispatcher.dispatch(request, body);
        server.complete(t1, request, status, body.view());
        server.pop_outgoing(datagram);
        server.remember_sent();  // a real server does this after sending: still its CPU
        const auto t2 = SteadyClock::now();
        client.on_datagram(t2, ref.endpoint, datagram.bytes.view());
        if (!client.pop_completion(completion) || completion.reply.status != ReplyStatus::ok) {
            throw std::runtime_error("the client core did not complete the call");
        }
        const auto t3 = SteadyClock::now();
        client_time += (t1 - t0) + (t3 - t2);
        server_time += t2 - t1;
    }
    auto per_call = [calls](SteadyClock::duration d) {
        return static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count()) / calls;
    };
    return {per_call(client_time), per_call(server_time)};
}

}  // namespace

int main(int argc, char** argv) {
    int calls = 200000;
    bool idempotent = false;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--idempotent") {
            idempotent = true;
        } else {
            calls = std::max(1000, std::atoi(argv[i]));
        }
    }
    Bench::Person smith{"Smith", "London", 1934};
    corbel::cdr::Writer person;
    corbel::cdr::encode(person, smith);
    std::printf("protocol cost per call, in memory, %d %scalls (best of 5 runs), ns\n", calls,
                idempotent ? "idempotent " : "");
    std::printf("%-12s %8s %8s %8s\n", "call", "client", "server", "total");
    struct Case {
        const char* name;
        corbel::MethodId method;
        corbel::cdr::ByteView arguments;
    };
    for (const Case& c : {Case{"null call", Bench::null_op_id, {}}, Case{"Person echo", Bench::echo_id, person.view()}}) {
        Split best{1e18, 1e18};
        for (int repetition = 0; repetition < 5; ++repetition) {
            const Split s = run(calls, idempotent, c.method, c.arguments);
            best.client_ns = std::min(best.client_ns, s.client_ns);
            best.server_ns = std::min(best.server_ns, s.server_ns);
        }
        std::printf("%-12s %8.0f %8.0f %8.0f\n", c.name, best.client_ns, best.server_ns, best.client_ns + best.server_ns);
    }
    return 0;
}
