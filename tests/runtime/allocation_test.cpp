// runtime/README.md promises that a warm server allocates nothing per request, and a warm
// client nothing per call beyond the Reply it hands back. This binary counts every
// operator new (it replaces the global one, so it is a test program of its own) while
// calls go from ClientCore through ServerCore and the Dispatcher and back, in memory, with
// a history full enough that every stored reply evicts one.
#include <corbel/cdr.hpp>
#include <corbel/runtime/core/client_core.hpp>
#include <corbel/runtime/core/server_core.hpp>
#include <corbel/runtime/dispatcher.hpp>
#include <corbel/runtime/servant.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>

namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

using namespace corbel::runtime;

namespace {

// Answers `echo` with its arguments and `nothing` with no results.
class EchoServant : public Servant {
public:
    const char* repository_id() const noexcept override { return "IDL:Test/Echo:1.0"; }
    DispatchStatus dispatch(corbel::MethodId method, corbel::cdr::Reader& arguments, corbel::cdr::Writer& results,
                            const CallContext&) override {
        if (method == corbel::method_id("nothing")) return DispatchStatus::ok;
        const std::int32_t value = arguments.read<std::int32_t>();
        results.write(value);
        return DispatchStatus::ok;
    }
};

struct Counts {
    double client_per_call;
    double server_per_call;
};

Counts count_allocations(corbel::MethodId method, corbel::cdr::ByteView arguments) {
    const Endpoint client_address{0x7f000001, 40000};
    core::ClientCore client(7);
    core::ServerCoreConfig config;
    config.history.max_entries = 100;
    core::ServerCore server(config);
    Dispatcher dispatcher(1700000000);
    RemoteObjectRef ref{{0x7f000001, 7000}, 1700000000, 0, "IDL:Test/Echo:1.0"};
    ref.object_number = dispatcher.add(std::make_shared<EchoServant>());
    corbel::cdr::ByteBuffer body;
    core::Datagram datagram;
    core::IncomingRequest request;
    core::Completion completion;
    long client_allocations = 0;
    long server_allocations = 0;
    constexpr int warm_up = 1000;
    constexpr int counted = 5000;
    for (int i = 0; i < warm_up + counted; ++i) {
        const TimePoint now{};
        const long before_client = allocations.load();
        client.start_call(now, ref, method, arguments, CallPolicy{});
        client.pop_outgoing(datagram);
        const long before_server = allocations.load();
        REQUIRE(server.on_datagram(now, client_address, datagram.bytes.view(), false, request));
        server.complete(now, request, dispatcher.dispatch(request, body), body.view());
        REQUIRE(server.pop_outgoing(datagram));
        server.remember_sent();
        const long after_server = allocations.load();
        client.on_datagram(now, ref.endpoint, datagram.bytes.view());
        REQUIRE(client.pop_completion(completion));
        REQUIRE(completion.reply.status == ReplyStatus::ok);
        const long after_client = allocations.load();
        if (i >= warm_up) {
            server_allocations += after_server - before_server;
            client_allocations += (before_server - before_client) + (after_client - after_server);
        }
    }
    CHECK(server.history().entries() == config.history.max_entries);
    return {static_cast<double>(client_allocations) / counted, static_cast<double>(server_allocations) / counted};
}

}  // namespace

TEST_CASE("a warm server allocates nothing per request, a warm client only the body of the Reply it hands back") {
    SUBCASE("a call with no results") {
        const Counts counts = count_allocations(corbel::method_id("nothing"), corbel::cdr::ByteView());
        CHECK(counts.server_per_call == 0);
        CHECK(counts.client_per_call == 0);
    }
    SUBCASE("a call whose reply has a body") {
        corbel::cdr::Writer arguments;
        arguments.write(std::int32_t{42});
        const Counts counts = count_allocations(corbel::method_id("echo"), arguments.view());
        CHECK(counts.server_per_call == 0);
        CHECK(counts.client_per_call == 1);  // the Reply's body, which the caller keeps
    }
}
