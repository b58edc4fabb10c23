// Client and server in threads of one process, over real sockets on 127.0.0.1: the Account
// model, every error reply, the built-in operations, asynchronous calls, RRA and R,
// message size limits at both ends, the worker pool, and how the server's threads serve
// (batches, several serving threads, stopping, faults injected on its side).
#include "account.hpp"
#include "account_impl.hpp"
#include "loopback.hpp"

#include <corbel/runtime/client.hpp>
#include <corbel/runtime/exceptions.hpp>
#include <corbel/runtime/server.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <thread>
#include <vector>

using namespace corbel::runtime;
using namespace std::chrono_literals;
using corbel_test::AccountImpl;
using corbel_test::WatchedAccount;
using corbel_test::loopback_client;
using corbel_test::loopback_server;

namespace {

struct Fixture {
    std::shared_ptr<AccountImpl> account = std::make_shared<AccountImpl>();
    Server server{loopback_server()};
    RemoteObjectRef ref;
    std::shared_ptr<Client> client = std::make_shared<Client>(loopback_client());
    Bank::AccountProxy proxy;

    Fixture() : ref(server.add(account)), proxy(client, ref) { server.start(); }
    explicit Fixture(ServerConfig config)
        : server(config), ref(server.add(account)), proxy(client, ref) {
        server.start();
    }
};

}  // namespace

TEST_CASE("deposit, withdraw and an attribute through the proxy; the user exception comes back typed") {
    Fixture f;
    CHECK(f.ref.to_string().rfind("corbel://127.0.0.1:", 0) == 0);
    CHECK(f.proxy.deposit(100) == 100);
    CHECK(f.proxy.withdraw(30) == 70);
    CHECK(f.proxy.balance() == 70);
    try {
        f.proxy.withdraw(500);
        FAIL("no exception");
    } catch (const Bank::InsufficientFunds& e) {
        CHECK(e.balance == 70);
        CHECK(e.requested == 500);
    }
    CHECK(f.proxy.balance() == 70);
    // a reference parsed from its string form reaches the same object
    Bank::AccountProxy again(f.client, RemoteObjectRef::parse(f.ref.to_string()));
    CHECK(again.balance() == 70);
}

TEST_CASE("each kind of error reply becomes its own exception") {
    Fixture f;
    SUBCASE("unknown object") {
        RemoteObjectRef missing = f.ref;
        missing.object_number = 42;
        CHECK_THROWS_AS(Bank::AccountProxy(f.client, missing).balance(), UnknownObject);
        CHECK(f.server.counters().error_replies == 1);
    }
    SUBCASE("another interface at that object number") {
        RemoteObjectRef other = f.ref;
        other.repository_id = "IDL:Bank/Branch:1.0";
        CHECK_THROWS_WITH_AS(Bank::AccountProxy(f.client, other).balance(),
                             doctest::Contains("is a IDL:Bank/Account:1.0"), UnknownObject);
        // an id that only starts like the servant's, or is cut short of it
        other.repository_id = f.ref.repository_id + "x";
        CHECK_THROWS_AS(Bank::AccountProxy(f.client, other).deposit(5), UnknownObject);
        other.repository_id = f.ref.repository_id.substr(0, f.ref.repository_id.size() - 1);
        CHECK_THROWS_AS(Bank::AccountProxy(f.client, other).deposit(5), UnknownObject);
        CHECK(f.account->executions == 0);
        CHECK(f.proxy.deposit(5) == 5);  // the real id still gets through
    }
    SUBCASE("a null servant is refused when added, not when called") {
        CHECK_THROWS_AS(f.server.add(nullptr), std::invalid_argument);
    }
    SUBCASE("stale reference: another incarnation") {
        RemoteObjectRef old = f.ref;
        old.incarnation -= 1;
        CHECK_THROWS_AS(Bank::AccountProxy(f.client, old).balance(), StaleReference);
        CHECK(f.account->executions == 0);
    }
    SUBCASE("unknown operation") {
        const Reply reply = f.client->call(f.ref, corbel::method_id("close"), corbel::cdr::ByteView());
        CHECK(reply.status == ReplyStatus::unknown_operation);
        CHECK_THROWS_AS(throw_if_system_error(reply), UnknownOperation);
    }
    SUBCASE("arguments that do not decode") {
        const std::uint8_t two_bytes[] = {1, 2};
        const Reply reply = f.client->call(f.ref, Bank::Account_ids::deposit, corbel::cdr::ByteView(two_bytes, 2));
        CHECK_THROWS_AS(throw_if_system_error(reply), RemoteMarshalError);
    }
    SUBCASE("a servant failing with a standard exception") {
        CHECK_THROWS_WITH_AS(f.proxy.deposit(-1), doctest::Contains("negative deposit"), InternalError);
    }
    SUBCASE("a user exception the client does not know") {
        corbel::cdr::Writer body;
        body.write_string("IDL:Bank/Frozen:1.0");
        Reply reply;
        reply.status = ReplyStatus::user_exception;
        reply.body = body.take();
        corbel::cdr::Reader r = reply.reader();
        CHECK(read_user_exception_id(r) == "IDL:Bank/Frozen:1.0");
        const UnknownUserException e("IDL:Bank/Frozen:1.0");
        CHECK(e.repository_id() == "IDL:Bank/Frozen:1.0");
    }
}

TEST_CASE("no server: the call times out and says how often it sent") {
    Server placeholder(loopback_server());
    const Endpoint silent = placeholder.endpoint();  // bound but never started: nobody answers
    Client client(loopback_client());
    CallOptions options;
    options.deadline = 200ms;
    try {
        client.call(RemoteObjectRef{silent, 1, 1, "IDL:X:1.0"}, 1, corbel::cdr::ByteView(), options);
        FAIL("no timeout");
    } catch (const TimeoutError& e) {
        CHECK(e.sends() >= 2);
        CHECK(std::string(e.what()).find("sent " + std::to_string(e.sends()) + " times") != std::string::npos);
    }
    CHECK(client.counters().timeouts == 1);
    CHECK(client.counters().retransmissions >= 1);
}

TEST_CASE("ping and statistics are answered without any servant") {
    Server server(loopback_server());
    server.start();
    Client client(loopback_client());
    std::uint32_t incarnation = 0;
    const Duration rtt = client.ping(server.endpoint(), &incarnation);
    CHECK(rtt > Duration::zero());
    CHECK(incarnation == server.incarnation());
    const auto stats = nlohmann::json::parse(client.statistics(server.endpoint()));
    CHECK(stats.at("requests_received").get<int>() >= 2);
    CHECK(stats.contains("history_bytes"));
    CHECK(nlohmann::json::parse(client.counters_json()).at("replies_received").get<int>() == 2);
}

TEST_CASE("asynchronous calls: futures and callbacks, many in flight at once") {
    Fixture f;
    std::vector<std::future<Reply>> futures;
    corbel::cdr::Writer one;
    one.write(std::int32_t{1});
    for (int i = 0; i < 200; ++i) futures.push_back(f.client->call_async(f.ref, Bank::Account_ids::deposit, one.view()));
    std::vector<std::int32_t> values;
    for (auto& future : futures) {
        const Reply reply = future.get();
        REQUIRE(reply.status == ReplyStatus::ok);
        corbel::cdr::Reader r = reply.reader();
        values.push_back(r.read<std::int32_t>());
    }
    std::sort(values.begin(), values.end());
    for (int i = 0; i < 200; ++i) CHECK(values[i] == i + 1);

    std::promise<std::int32_t> done;
    f.client->call_async(f.ref, Bank::Account_ids::get_balance, corbel::cdr::ByteView(), f.client->defaults(),
                         [&done](std::optional<Reply> reply, std::exception_ptr error) {
                             if (error) {
                                 done.set_exception(error);
                                 return;
                             }
                             corbel::cdr::Reader r = reply->reader();
                             done.set_value(r.read<std::int32_t>());
                         });
    CHECK(done.get_future().get() == 200);
}

TEST_CASE("calls started by a handler, on the loop thread: chains of two-way and oneway calls all run") {
    Fixture f;
    corbel::cdr::Writer one;
    one.write(std::int32_t{1});
    constexpr int chain = 300;

    // Each reply's handler starts the next deposit, which the same turn of the loop sends.
    std::vector<std::int32_t> balances;  // the loop thread's until the promise is kept
    std::promise<void> two_way_done;
    std::function<void()> deposit_next = [&] {
        f.client->call_async(f.ref, Bank::Account_ids::deposit, one.view(), f.client->defaults(),
                             [&](std::optional<Reply> reply, std::exception_ptr error) {
                                 if (error) return two_way_done.set_exception(error);
                                 corbel::cdr::Reader r = reply->reader();
                                 balances.push_back(r.read<std::int32_t>());
                                 if (balances.size() < chain) return deposit_next();
                                 two_way_done.set_value();
                             });
    };
    deposit_next();
    std::future<void> two_way = two_way_done.get_future();
    REQUIRE(two_way.wait_for(30s) == std::future_status::ready);
    two_way.get();
    REQUIRE(balances.size() == chain);
    for (int i = 0; i < chain; ++i) CHECK(balances[i] == i + 1);

    // A oneway call's handler runs as soon as it is sent, inside the loop's turn: a chain of
    // them is spread over turns instead of holding the loop (or the stack) for good.
    CallPolicy oneway = f.client->defaults();
    oneway.protocol = Protocol::r;
    int sent = 0;
    std::promise<void> oneway_done;
    std::function<void()> note_next = [&] {
        f.client->call_async(f.ref, Bank::Account_ids::deposit, one.view(), oneway,
                             [&](std::optional<Reply>, std::exception_ptr error) {
                                 if (error) return oneway_done.set_exception(error);
                                 if (++sent < chain) return note_next();
                                 oneway_done.set_value();
                             });
    };
    note_next();
    std::future<void> oneways = oneway_done.get_future();
    REQUIRE(oneways.wait_for(30s) == std::future_status::ready);
    oneways.get();
    CHECK(f.client->counters().requests_sent == 2 * chain);
    // Oneway calls are sent once: on a busy machine the server's receive queue may overflow
    // and lose some, but the first couple of hundred fit in it even if it never ran.
    const auto give_up = std::chrono::steady_clock::now() + 2s;
    while (f.account->balance() < 2 * chain && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(1ms);
    CHECK(f.account->balance() > chain + chain / 2);
    CHECK(f.account->balance() <= 2 * chain);
    CHECK(f.client->counters().send_failures == 0);
}

TEST_CASE("an asynchronous call to nobody ends in a TimeoutError through the future") {
    Server placeholder(loopback_server());
    Client client(loopback_client());
    CallOptions options;
    options.deadline = 100ms;
    auto future = client.call_async(RemoteObjectRef{placeholder.endpoint(), 1, 1, "IDL:X:1.0"}, 1,
                                    corbel::cdr::ByteView(), options);
    CHECK_THROWS_AS(future.get(), TimeoutError);
}

TEST_CASE("blocking calls from several threads at once") {
    Fixture f;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&f] {
            for (int i = 0; i < 100; ++i) f.proxy.deposit(1);
        });
    }
    for (auto& t : threads) t.join();
    CHECK(f.proxy.balance() == 400);
    CHECK(f.account->executions == 400);
}

TEST_CASE("blocking calls with spin poll for their replies once the round trip is known; without, never") {
    Fixture f;
    cpu_set_t process_cpus;
    CPU_ZERO(&process_cpus);
    REQUIRE(sched_getaffinity(getpid(), sizeof process_cpus, &process_cpus) == 0);
    const int cpus = CPU_COUNT(&process_cpus);  // a process with one never polls
    for (int i = 0; i < 50; ++i) REQUIRE(f.proxy.deposit(1) == i + 1);
    CHECK(f.client->counters().spins == 0);  // the default: a send and a receive

    // A generous limit, so that a loopback round trip on a busy machine is still within it.
    f.proxy.policy().spin = 20ms;
    for (int i = 0; i < 200; ++i) REQUIRE(f.proxy.deposit(1) == 51 + i);
    const ClientCounters spinning = f.client->counters();
    CHECK(spinning.replies_received == 250);
    CHECK(f.account->executions == 250);
    if (cpus >= 2) {
        // The first call measured the round trip; misses skip later polls, but not all.
        CHECK(spinning.spins > 0);
        CHECK(spinning.spins_missed < spinning.spins);
    } else {
        CHECK(spinning.spins == 0);
    }

    // Per call, through CallOptions: the proxy still has spin set, these calls do not poll.
    CallOptions no_spin;
    no_spin.spin = Duration::zero();
    for (int i = 0; i < 20; ++i) f.proxy.deposit(1, no_spin);
    CHECK(f.client->counters().spins == spinning.spins);
}

TEST_CASE("a server with spin polls for the next request once requests come quickly; without, never") {
    cpu_set_t process_cpus;
    CPU_ZERO(&process_cpus);
    REQUIRE(sched_getaffinity(getpid(), sizeof process_cpus, &process_cpus) == 0);
    const int cpus = CPU_COUNT(&process_cpus);  // a process with one never polls
    {
        Fixture sleeping;
        for (int i = 0; i < 50; ++i) REQUIRE(sleeping.proxy.deposit(1) == i + 1);
        CHECK(sleeping.server.counters().spins == 0);  // the default: a receive and a send
    }

    ServerConfig config = loopback_server();
    config.spin = 20ms;  // generous, so that a client's next call on a busy machine is within it
    Fixture f(config);
    for (int i = 0; i < 200; ++i) REQUIRE(f.proxy.deposit(1) == i + 1);
    CHECK(f.account->executions == 200);
    const ServerCounters counters = f.server.counters();
    CHECK(counters.requests_executed == 200);
    CHECK(nlohmann::json::parse(counters.to_json()).at("spins") == counters.spins);
    if (cpus >= 2) {
        // The first request measured the wait; misses skip later polls, but not all.
        CHECK(counters.spins > 0);
        CHECK(counters.spins_missed < counters.spins);
    } else {
        CHECK(counters.spins == 0);
    }
}

TEST_CASE("RRA acknowledgements empty the history at once; R is not answered") {
    Fixture f;
    CallOptions rra;
    rra.protocol = Protocol::rra;
    for (int i = 0; i < 10; ++i) f.proxy.deposit(1, rra);
    f.proxy.note("hello");
    f.proxy.note("world");
    // The acknowledgements and the oneways travel after the replies: wait (bounded) for them.
    for (int i = 0; i < 200 && (f.server.counters().acknowledgements < 10 || f.account->notes_seen().size() < 2); ++i) {
        std::this_thread::sleep_for(5ms);
    }
    const ServerCounters c = f.server.counters();
    CHECK(c.acknowledgements == 10);
    CHECK(c.history_bytes <= (10 + 2) * corbel::runtime::core::ReplyHistory::entry_overhead);
    CHECK(c.oneways_received == 2);
    CHECK(f.account->notes_seen() == std::vector<std::string>{"hello", "world"});
    CHECK(f.client->counters().oneways_sent == 2);
}

TEST_CASE("messages over the datagram limit are refused at both ends, naming the limit") {
    ServerConfig small = loopback_server();
    small.max_datagram = 1000;
    small.history.max_bytes = 1u << 20;
    Fixture f(small);
    std::string long_note(2000, 'x');
    SUBCASE("the client refuses to send more than its limit") {
        ClientConfig tiny = loopback_client();
        tiny.max_datagram = 500;
        auto client = std::make_shared<Client>(tiny);
        CHECK_THROWS_WITH_AS(Bank::AccountProxy(client, f.ref).note(long_note), doctest::Contains("limit of 500 bytes"),
                             MessageTooLarge);
    }
    SUBCASE("the server answers an oversized request with message_too_large") {
        corbel::cdr::Writer args;
        args.write_string(long_note);
        const Reply reply = f.client->call(f.ref, Bank::Account_ids::note, args.view());
        CHECK(reply.status == ReplyStatus::message_too_large);
        CHECK_THROWS_WITH_AS(throw_if_system_error(reply), doctest::Contains("limit of 1000 bytes"), MessageTooLarge);
        CHECK(f.account->notes_seen().empty());
    }
}

TEST_CASE("a slow operation does not hold up the others") {
    ServerConfig config = loopback_server();
    SUBCASE("on a worker pool") { config.worker_threads = 2; }
    SUBCASE("on a second serving thread, without a pool") { config.serving_threads = 2; }
    Fixture f(config);
    auto slow = std::async(std::launch::async, [&f] { return f.proxy.deposit(AccountImpl::slow_amount); });
    for (int i = 0; i < 5000 && !f.account->slow_started; ++i) std::this_thread::sleep_for(1ms);
    REQUIRE(f.account->slow_started);
    for (int i = 0; i < 20; ++i) f.proxy.deposit(1);
    // the 20 quick deposits finished while the slow one was still executing
    CHECK(f.account->executions == 20);
    f.account->release_slow = true;
    CHECK(slow.get() == AccountImpl::slow_amount + 20);
}

TEST_CASE("ping and the counters get through while every worker is busy") {
    ServerConfig config = loopback_server();
    config.worker_threads = 1;
    Fixture f(config);
    auto slow = std::async(std::launch::async, [&f] { return f.proxy.deposit(AccountImpl::slow_amount); });
    for (int i = 0; i < 5000 && !f.account->slow_started; ++i) std::this_thread::sleep_for(1ms);
    REQUIRE(f.account->slow_started);
    // the only worker is held: the built-ins are answered by the serving thread itself
    CallOptions patient;
    patient.deadline = std::chrono::seconds(30);  // the slow deposit is released only after these
    std::uint32_t incarnation = 0;
    f.client->ping(f.server.endpoint(), &incarnation, patient);
    CHECK(incarnation == f.server.incarnation());
    CHECK(nlohmann::json::parse(f.client->statistics(f.server.endpoint(), patient)).contains("requests_executed"));
    // answered while the deposit still held the worker: queued behind it, they would have
    // waited for its end (at most 10 s), and it would have counted as executed
    CHECK(f.account->executions == 0);
    f.account->release_slow = true;
    CHECK(slow.get() == AccountImpl::slow_amount);
}

TEST_CASE("a server needs at least one serving thread") {
    ServerConfig config = loopback_server();
    config.serving_threads = 0;
    CHECK_THROWS_WITH_AS(Server{config}, "serving_threads must be at least 1", std::invalid_argument);
}

TEST_CASE("stop() ends run() and all its serving threads") {
    ServerConfig config = loopback_server();
    config.serving_threads = 4;
    Server server(config);
    std::thread serving([&server] { server.run(); });
    Client client(loopback_client());
    client.ping(server.endpoint());  // it is serving
    server.stop();
    serving.join();  // run() has joined its 3 helpers
    CHECK(server.counters().datagrams_received == 1);
}

TEST_CASE("a server serves once: a second run() or start() is refused") {
    Fixture f;  // started
    CHECK_THROWS_AS(f.server.run(), std::logic_error);
    CHECK_THROWS_AS(f.server.start(), std::logic_error);
    CHECK(f.proxy.deposit(3) == 3);  // and it still serves
}

TEST_CASE("stop() ends run(), and the datagram that wakes the server is not counted as garbage") {
    Server server(loopback_server());
    std::thread serving([&server] { server.run(); });
    Client client(loopback_client());
    client.ping(server.endpoint());  // it is serving
    server.stop();
    serving.join();
    const ServerCounters c = server.counters();
    CHECK(c.datagrams_received == 1);  // the ping only
    CHECK(c.malformed_datagrams == 0);
}

TEST_CASE("a burst from 64 sockets at once: each request executed once and answered") {
    ServerConfig config = loopback_server();
    SUBCASE("one serving thread") {}
    SUBCASE("three serving threads") { config.serving_threads = 3; }
    Fixture f(config);
    const int senders = 64;
    std::vector<std::future<Reply>> replies;
    for (int i = 0; i < senders; ++i) {
        // Separate clients: separate sockets, so the requests queue up at the server together.
        auto client = std::make_shared<Client>(loopback_client());
        replies.push_back(std::async(std::launch::async, [client, ref = f.ref] {
            corbel::cdr::Writer args;
            args.write(std::int32_t{1});
            return client->call(ref, Bank::Account_ids::deposit, args.view());
        }));
    }
    std::vector<std::int32_t> balances;
    for (auto& reply : replies) {
        const Reply r = reply.get();
        REQUIRE(r.status == ReplyStatus::ok);
        balances.push_back(r.reader().read<std::int32_t>());
    }
    std::sort(balances.begin(), balances.end());
    for (int i = 0; i < senders; ++i) CHECK(balances[static_cast<std::size_t>(i)] == i + 1);
    CHECK(f.account->executions == senders);
}

TEST_CASE("server-side faults with a worker pool: replies held back by the injector still leave") {
    ServerConfig config = loopback_server();
    config.worker_threads = 2;
    config.faults = FaultConfig::parse("loss=0.2,dup=0.1,reorder=0.2,delay=3,seed=11,direction=both");
    Fixture f(config);
    for (int i = 1; i <= 200; ++i) CHECK(f.proxy.deposit(1) == i);
    CHECK(f.account->executions == 200);
    const ServerCounters c = f.server.counters();
    CHECK(c.requests_executed == 200);
    CHECK(c.history_hits + c.duplicates_in_progress > 0);  // the injected loss made clients retransmit
}

TEST_CASE("server-side faults with three serving threads: every deposit executed once") {
    ServerConfig config = loopback_server();
    config.serving_threads = 3;
    config.faults = FaultConfig::parse("loss=0.2,dup=0.2,reorder=0.2,delay=3,seed=5,direction=both");
    Fixture f(config);
    std::vector<std::future<std::vector<std::int32_t>>> callers;
    for (int t = 0; t < 4; ++t) {
        callers.push_back(std::async(std::launch::async, [&f] {
            std::vector<std::int32_t> balances;
            for (int i = 0; i < 50; ++i) balances.push_back(f.proxy.deposit(1));
            return balances;
        }));
    }
    std::vector<std::int32_t> balances;
    for (auto& caller : callers) {
        const std::vector<std::int32_t> some = caller.get();
        balances.insert(balances.end(), some.begin(), some.end());
    }
    std::sort(balances.begin(), balances.end());
    for (std::size_t i = 0; i < balances.size(); ++i) CHECK(balances[i] == static_cast<std::int32_t>(i + 1));
    CHECK(f.account->executions == 200);
    const ServerCounters c = f.server.counters();
    CHECK(c.requests_executed == 200);
    CHECK(c.history_hits + c.duplicates_in_progress > 0);  // the injected loss made clients retransmit
}

TEST_CASE("a server restarted at once on the same port gets a new incarnation, and old references are stale") {
    auto client = std::make_shared<Client>(loopback_client());
    ServerConfig fixed = loopback_server();
    {
        Server probe{loopback_server()};  // a free port, to reuse
        fixed.port = probe.endpoint().port;
    }
    RemoteObjectRef old;
    {
        Server first{fixed};
        old = first.add(std::make_shared<AccountImpl>());
        first.start();
        CHECK(Bank::AccountProxy(client, old).deposit(5) == 5);
    }
    Server second{fixed};  // within milliseconds of the first one's end
    const RemoteObjectRef fresh = second.add(std::make_shared<AccountImpl>());
    second.start();
    CHECK(fresh.endpoint == old.endpoint);
    CHECK(fresh.incarnation > old.incarnation);
    CHECK_THROWS_AS(Bank::AccountProxy(client, old).balance(), StaleReference);
    CHECK(Bank::AccountProxy(client, fresh).deposit(7) == 7);
}

// A port on 127.0.0.1 that nothing listens on (it was free a moment ago).
std::uint16_t closed_port() {
    Server probe{loopback_server()};
    return probe.endpoint().port;
}

TEST_CASE("a call to a port nothing listens on ends at once as ServerUnreachable, not at its deadline") {
    ClientConfig config = loopback_client();
    SUBCASE("a client bound to 127.0.0.1, whose socket is connected to the server") {}
    SUBCASE("a client bound to the wildcard address (the default), whose socket is not") { config.bind_address = "0.0.0.0"; }
    auto client = std::make_shared<Client>(config);
    const RemoteObjectRef nowhere{Endpoint{0x7f000001, closed_port()}, 1, 1, "IDL:Bank/Account:1.0"};
    CallOptions patient;
    patient.deadline = std::chrono::seconds(30);  // the test would hang for it if the refusal were missed
    try {
        Bank::AccountProxy(client, nowhere).balance(patient);
        FAIL("the call returned");
    } catch (const ServerUnreachable& error) {
        CHECK(error.sends() == 2);  // the first refusal may be old news: the request went once more
        CHECK(std::string(error.what()).find("nothing listens at that port") != std::string::npos);
    }
    CHECK(client->counters().refused == 1);
    CHECK(client->counters().timeouts == 0);

    // an asynchronous call hears it too, on the loop's own socket, which asks for reports
    std::future<Reply> later = client->call_async(nowhere, corbel::method_id("balance"), corbel::cdr::ByteView(), patient);
    CHECK_THROWS_AS(later.get(), ServerUnreachable);
    CHECK(client->counters().refused == 2);
}

TEST_CASE("a refusal left over from an earlier request does not fail the next call") {
    ServerConfig config = loopback_server();
    config.port = closed_port();
    ClientConfig client_config = loopback_client();
    std::uint16_t refused_port = config.port;
    SUBCASE("connected: news of the port the server then takes") {}
    SUBCASE("not connected: news of another port") {
        client_config.bind_address = "0.0.0.0";
        refused_port = closed_port();
    }
    auto client = std::make_shared<Client>(client_config);
    // a oneway to a closed port: the port-unreachable news waits on the client's socket
    CallOptions oneway;
    oneway.protocol = Protocol::r;
    client->call(RemoteObjectRef{Endpoint{0x7f000001, refused_port}, 1, 1, "IDL:Bank/Account:1.0"},
                 corbel::method_id("deposit"), corbel::cdr::ByteView(), oneway);
    Server server{config};
    const RemoteObjectRef ref = server.add(std::make_shared<AccountImpl>());
    server.start();
    CallOptions patient;
    patient.deadline = std::chrono::seconds(30);
    CHECK(Bank::AccountProxy(client, ref).deposit(3, patient) == 3);
    const ClientCounters counters = client->counters();
    INFO(counters.to_json());
    CHECK(counters.refused == 0);
    CHECK(counters.timeouts == 0);
    CHECK(counters.send_failures == 0);  // the news came with the send: it was sent again at once
    CHECK(counters.retransmissions <= 1);  // or with the receive: the request went once more
}

TEST_CASE("thousands of reports of a closed port do not pile up and crowd out replies") {
    ClientConfig config = loopback_client();
    config.bind_address = "0.0.0.0";  // the socket asks for reports (IP_RECVERR), which queue up unless taken
    auto client = std::make_shared<Client>(config);
    CallOptions oneway;
    oneway.protocol = Protocol::r;
    const RemoteObjectRef nowhere{Endpoint{0x7f000001, closed_port()}, 1, 1, "IDL:Bank/Account:1.0"};
    for (int i = 0; i < 5000; ++i) client->call(nowhere, corbel::method_id("deposit"), corbel::cdr::ByteView(), oneway);
    CHECK(client->counters().send_failures == 0);  // each report came with the next send, which went again

    Server server{loopback_server()};
    const RemoteObjectRef ref = server.add(std::make_shared<AccountImpl>());
    server.start();
    CallOptions patient;
    patient.deadline = std::chrono::seconds(30);
    for (int i = 1; i <= 100; ++i) CHECK(Bank::AccountProxy(client, ref).deposit(1, patient) == i);
    CHECK(client->counters().timeouts == 0);
    CHECK(client->counters().retransmissions <= 1);  // at most once, for the last oneway's report
}

TEST_CASE("run_until_signal serves until SIGTERM, then stops and returns it") {
    Server server{loopback_server()};
    const RemoteObjectRef ref = server.add(std::make_shared<AccountImpl>());
    std::promise<int> returned;
    std::thread serving([&] { returned.set_value(server.run_until_signal()); });
    auto client = std::make_shared<Client>(loopback_client());
    CallOptions patient;
    patient.deadline = std::chrono::seconds(30);
    // an answer means the serving thread has blocked the signal and started serving
    CHECK(Bank::AccountProxy(client, ref).deposit(2, patient) == 2);
    pthread_kill(serving.native_handle(), SIGTERM);  // to that thread alone, which waits for it
    serving.join();
    CHECK(returned.get_future().get() == SIGTERM);
    CallOptions quick;
    quick.deadline = std::chrono::milliseconds(100);
    CHECK_THROWS_AS(Bank::AccountProxy(client, ref).balance(quick), TimeoutError);  // stopped
}

TEST_CASE("endpoints created in the same second still get distinct incarnations") {
    std::vector<std::uint32_t> incarnations;
    for (int i = 0; i < 5; ++i) {
        Server server{loopback_server()};  // one after another, within milliseconds
        incarnations.push_back(server.incarnation());
    }
    for (std::size_t i = 1; i < incarnations.size(); ++i) CHECK(incarnations[i] > incarnations[i - 1]);
}

TEST_CASE("a removed servant gets no more calls, and a quiet serving thread lets go of it") {
    std::atomic<bool> destroyed{false};
    Server server(loopback_server());
    const RemoteObjectRef ref = server.add(std::make_shared<WatchedAccount>([&destroyed] { destroyed = true; }));
    const RemoteObjectRef kept = server.add(std::make_shared<AccountImpl>());
    server.start();
    auto client = std::make_shared<Client>(loopback_client());
    Bank::AccountProxy proxy(client, ref);
    CHECK(proxy.deposit(5) == 5);  // the serving thread now remembers this servant
    CHECK(server.remove(ref.object_number));
    CHECK_FALSE(server.remove(ref.object_number));
    // No request comes: the serving thread must let go of it on its own, after its sleep.
    // (The bound only keeps a broken server from hanging the test.)
    for (int i = 0; i < 500 && !destroyed; ++i) std::this_thread::sleep_for(10ms);
    CHECK(destroyed);
    CHECK_THROWS_AS(proxy.deposit(1), UnknownObject);
    CHECK(Bank::AccountProxy(client, kept).deposit(2) == 2);
}
