// The low-level API of the notes: a server written with getRequest and sendReply alone
// answers a corbel client, at most once even when the client's requests are duplicated.
#include "loopback.hpp"

#include <corbel/cdr.hpp>
#include <corbel/runtime/client.hpp>
#include <corbel/runtime/request_endpoint.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace corbel::runtime;
using namespace std::chrono_literals;

TEST_CASE("getRequest and sendReply serve a counter that runs once per call") {
    RequestEndpoint endpoint;
    std::atomic<bool> stop{false};
    std::int32_t counter = 0;
    std::thread server([&] {
        while (!stop) {
            auto request = endpoint.get_request(50ms);  // bounded wait, so stop is seen
            if (!request) continue;
            CHECK(request->key.client.address == 0x7f000001u);
            corbel::cdr::Reader arguments = request->arguments_reader();
            counter += arguments.read<std::int32_t>();
            corbel::cdr::Writer results;
            results.write(counter);
            endpoint.send_reply(*request, ReplyStatus::ok, results.view());
        }
    });
    struct JoinOnExit {  // a failed REQUIRE or a throw below must not leave the thread joinable
        std::atomic<bool>& stop;
        std::thread& thread;
        ~JoinOnExit() {
            stop = true;
            if (thread.joinable()) thread.join();
        }
    } join_on_exit{stop, server};
    ClientConfig config = corbel_test::loopback_client(false);
    config.faults = FaultConfig::parse("dup=0.5,seed=3");  // every other request arrives twice
    Client client(config);
    const RemoteObjectRef target{endpoint.local(), 0, 9, "IDL:Counter:1.0"};
    for (int i = 1; i <= 100; ++i) {
        corbel::cdr::Writer one;
        one.write(std::int32_t{1});
        const Reply reply = client.call(target, corbel::method_id("add"), one.view());
        corbel::cdr::Reader r = reply.reader();
        CHECK(r.read<std::int32_t>() == i);
    }
    stop = true;
    server.join();
    CHECK(counter == 100);
    const ServerCounters c = endpoint.counters();
    CHECK(c.requests_executed == 100);
    CHECK(c.history_hits + c.duplicates_in_progress > 0);
}
