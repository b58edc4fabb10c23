// Generated proxies calling generated skeletons over real UDP sockets on 127.0.0.1: every
// parameter direction with each kind of type, results, user and system exceptions, oneway,
// @idempotent and @protocol(RRA), attributes, inheritance (a diamond), object references and
// the asynchronous forms.
#include "everything_servant.hpp"
#include "old_checker.rpc.hpp"
#include "shapes.rpc.hpp"

#include <corbel/runtime/exceptions.hpp>
#include <corbel/runtime/server.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace corbel::runtime;
using namespace std::chrono_literals;
using corbel_test::CheckerServant;
using corbel_test::EverythingServant;

namespace {

ClientConfig loopback_client() {
    ClientConfig config;
    config.bind_address = "127.0.0.1";
    config.defaults.initial_timeout = 20ms;
    config.defaults.max_timeout = 100ms;
    config.faults = FaultConfig{};  // these tests are about the generated code, not loss
    return config;
}

ServerConfig loopback_server() {
    ServerConfig config;
    config.address = "127.0.0.1";
    config.faults = FaultConfig{};
    return config;
}

struct Fixture {
    std::shared_ptr<EverythingServant> servant = std::make_shared<EverythingServant>();
    std::shared_ptr<CheckerServant> checker_servant = std::make_shared<CheckerServant>();
    Server server{loopback_server()};
    std::shared_ptr<Client> client = std::make_shared<Client>(loopback_client());
    RemoteObjectRef reference = server.add(servant);
    RemoteObjectRef checker_reference = server.add(checker_servant);
    Shapes::EverythingProxy proxy{client, reference};

    Fixture() {
        servant->self = reference;
        server.start();
    }

    // Waits (at most 2 s) for a server counter that moves after the reply was sent.
    template <class Condition>
    bool eventually(Condition condition) {
        for (int i = 0; i < 200; ++i) {
            if (condition(server.counters())) return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }
};

Shapes::Value text_value(const std::string& text) {
    Shapes::Value v;
    v.text(text);
    return v;
}

}  // namespace

TEST_CASE_FIXTURE(Fixture, "in, out and inout parameters and results, for each kind of type") {
    SUBCASE("primitives") {
        std::int32_t b = 0, c = 10;
        CHECK(proxy.primitives(5, b, c) == 15);
        CHECK(b == 5);
        CHECK(c == 11);
    }
    SUBCASE("strings") {
        std::string b, c = "world";
        CHECK(proxy.strings("hello ", b, c) == "hello world");
        CHECK(b == "hello ");
        CHECK(c == "world!");
    }
    SUBCASE("sequences") {
        Shapes::Longs b, c{7, 8};
        CHECK(proxy.sequences({1, 2, 3}, b, c) == Shapes::Longs{1, 2, 3, 7, 8});
        CHECK(b == Shapes::Longs{1, 2, 3});
        CHECK(c == Shapes::Longs{7, 8, 2});
    }
    SUBCASE("structs") {
        Shapes::Point b, c{10, 20};
        CHECK(proxy.structs({1, 2}, b, c) == Shapes::Point{11, 22});
        CHECK(b == Shapes::Point{1, 2});
        CHECK(c == Shapes::Point{11, 20});
    }
    SUBCASE("unions") {
        Shapes::Value a, b, c = text_value("inout");
        a.number(42);
        const Shapes::Value result = proxy.unions(a, b, c);
        CHECK(result.number() == 42);
        CHECK(b.text() == "inout");
        CHECK(c.where() == Shapes::Point{1, 2});
        CHECK(c._d() != 1);
        CHECK(c._d() != 2);
    }
    SUBCASE("enums") {
        Shapes::Color b = Shapes::Color::red, c = Shapes::Color::blue;
        CHECK(proxy.enums(Shapes::Color::green, b, c) == Shapes::Color::green);
        CHECK(b == Shapes::Color::blue);
        CHECK(c == Shapes::Color::red);
    }
    SUBCASE("only out parameters, and a sequence of structs both ways") {
        double d = 0;
        bool flag = false;
        std::uint8_t small = 0;
        Shapes::Points points;
        proxy.outputs_only(d, flag, small, points);
        CHECK(d == 2.5);
        CHECK(flag);
        CHECK(small == 200);
        CHECK(points == Shapes::Points{{1, 2}, {3, 4}});
        CHECK(proxy.reversed(points) == Shapes::Points{{3, 4}, {1, 2}});
    }
    SUBCASE("no parameters, no result") {
        proxy.nothing();
        proxy.nothing();
        CHECK(servant->nothing_calls == 2);
    }
}

TEST_CASE_FIXTURE(Fixture, "asynchronous forms: futures of results, of outputs, of void and of exceptions") {
    auto sum = proxy.primitives_async(5, 10);
    auto joined = proxy.strings_async("a", "b");
    auto nothing = proxy.nothing_async();
    auto refused = proxy.ratio_async(1, 0);
    auto counter = proxy.counter_async(9);
    const auto p = sum.get();
    CHECK(p._return == 15);
    CHECK(p.b == 5);
    CHECK(p.c == 11);
    const auto s = joined.get();
    CHECK(s._return == "ab");
    CHECK(s.b == "a");
    CHECK(s.c == "b!");
    nothing.get();
    CHECK(servant->nothing_calls == 1);
    CHECK_THROWS_AS(refused.get(), Shapes::Refused);
    counter.get();
    CHECK(proxy.counter_async().get() == 9);
    CHECK(proxy.ratio_async(1, 4).get() == 0.25);
    CHECK(proxy.reversed_async({{1, 1}, {2, 2}}).get() == Shapes::Points{{2, 2}, {1, 1}});
}

TEST_CASE_FIXTURE(Fixture, "user exceptions arrive as their generated types with their members") {
    try {
        proxy.refuse(1);
        FAIL("refuse(1) returned");
    } catch (const Shapes::Refused& e) {
        CHECK(e.reason == "refused on purpose");
        CHECK(e.code == 1);
        CHECK(std::string(e.repository_id()) == "IDL:Shapes/Refused:1.0");
    }
    CHECK_THROWS_AS(proxy.refuse(2), Shapes::Other);
    CHECK_NOTHROW(proxy.refuse(0));
    try {
        proxy.ratio(1, 0);
        FAIL("ratio(1, 0) returned");
    } catch (const Shapes::Refused& e) {
        CHECK(e.reason == "division by zero");
    }
    CHECK(proxy.ratio(3, 2) == 1.5);
}

TEST_CASE_FIXTURE(Fixture, "exceptions the client's IDL does not declare, and each system failure") {
    SUBCASE("the servant throws an exception its operation does not declare: internal error") {
        CHECK_THROWS_AS(proxy.undeclared(), InternalError);
    }
    SUBCASE("a newer server raises what this client's older IDL does not declare") {
        Old::CheckerProxy old(client, checker_reference);
        CHECK_NOTHROW(old.check(0));
        try {
            old.check(7);
            FAIL("check(7) returned");
        } catch (const UnknownUserException& e) {
            CHECK(e.repository_id() == "IDL:Shapes/Refused:1.0");
        }
        CHECK_THROWS_AS(old.removed(), UnknownOperation);
    }
    SUBCASE("arguments the server cannot decode") {
        Old::ConfusedProxy confused(client, checker_reference);
        CHECK_THROWS_AS(confused.check("not a long"), RemoteMarshalError);
    }
    SUBCASE("unknown object and stale reference") {
        RemoteObjectRef missing = reference;
        missing.object_number = 99;
        CHECK_THROWS_AS(Shapes::EverythingProxy(client, missing).nothing(), UnknownObject);
        RemoteObjectRef stale = reference;
        stale.incarnation += 1;
        CHECK_THROWS_AS(Shapes::EverythingProxy(client, stale).nothing(), StaleReference);
    }
    SUBCASE("a request too large for a datagram") {
        std::int32_t b = 0, c = 1;
        Shapes::Longs out, inout;
        CHECK_THROWS_AS(proxy.sequences(Shapes::Longs(20000, 1), out, inout), MessageTooLarge);
        CHECK(proxy.primitives(1, b, c) == 2);  // the proxy still works
    }
    SUBCASE("a bad stringified reference") {
        CHECK_THROWS_AS(Shapes::EverythingProxy(client, "corbel://nowhere"), BadReference);
    }
}

TEST_CASE("timeouts: per-proxy and per-call settings, with the number of sends") {
    Server silent(loopback_server());  // bound but never started: nobody answers
    auto client = std::make_shared<Client>(loopback_client());
    RemoteObjectRef nowhere{silent.endpoint(), silent.incarnation(), 1, "IDL:Shapes/Everything:1.0"};
    Shapes::EverythingProxy proxy(client, nowhere.to_string());
    proxy.policy().deadline = 150ms;
    proxy.policy().initial_timeout = 20ms;
    try {
        proxy.nothing();
        FAIL("no timeout");
    } catch (const TimeoutError& e) {
        CHECK(e.sends() >= 2);
    }
    CallOptions once;
    once.deadline = 100ms;
    once.initial_timeout = 500ms;  // longer than the deadline: a single send
    once.max_timeout = 1s;
    try {
        proxy.describe(once);
        FAIL("no timeout");
    } catch (const TimeoutError& e) {
        CHECK(e.sends() == 1);
    }
    CHECK_THROWS_AS(proxy.ticket_async(once).get(), TimeoutError);
}

TEST_CASE_FIXTURE(Fixture, "oneway, @idempotent, @protocol(RRA) and the proxy's protocol setting") {
    // Exact counts need calls that are sent once: on a loaded machine a 20 ms timeout can
    // fire, and the duplicate reply it draws is acknowledged (and kept) as well.
    proxy.policy().initial_timeout = 2s;
    proxy.policy().min_timeout = 2s;
    proxy.policy().max_timeout = 4s;
    proxy.policy().deadline = 10s;
    proxy.notify("first");
    CHECK(eventually([](const ServerCounters& c) { return c.oneways_received == 1; }));
    CHECK(proxy.notes() == std::vector<std::string>{"first"});

    const auto entries = [&] { return server.counters().history_entries; };
    const auto before = entries();
    proxy.ticket();     // @idempotent: no reply kept
    proxy.counter();    // attribute getter: idempotent as well
    CHECK(entries() == before);
    proxy.plain();      // at-most-once: its reply is kept
    CHECK(entries() == before + 1);

    // A blocking RRA call sends its acknowledgement before it returns, so the client's count
    // is exact at once; the server's follows when the datagram arrives.
    const auto acks = [&] { return client->counters().acknowledgements_sent; };
    proxy.acknowledged();  // @protocol(RRA): the client acknowledges the reply
    CHECK(acks() == 1);
    proxy.plain();
    CHECK(acks() == 1);
    proxy.policy().protocol = Protocol::rra;  // the proxy setting applies to the others
    proxy.plain();
    CHECK(acks() == 2);
    CallOptions rr;
    rr.protocol = Protocol::rr;  // and a call's option overrides both
    proxy.acknowledged(rr);
    proxy.plain(rr);
    CHECK(acks() == 2);
    proxy.policy().protocol = Protocol::rra;
    const auto kept = entries();
    proxy.never_acknowledged();  // @protocol(RR) wins over the proxy's RRA: no acknowledgement,
    CHECK(acks() == 2);
    CHECK(entries() == kept + 1);  // and the reply stays kept
    proxy.policy().protocol = Protocol::rr;
    proxy.cached(5);  // @idempotent on an attribute: its setter's reply is not kept either
    CHECK(proxy.cached() == 5);
    CHECK(entries() == kept + 1);
    proxy.nothing();
    CHECK(acks() == 2);
    CHECK(eventually([](const ServerCounters& c) { return c.acknowledgements == 2; }));
}

TEST_CASE_FIXTURE(Fixture, "attributes and operations inherited through a diamond, on both sides") {
    CHECK(proxy.describe() == "everything");
    CHECK(proxy.label() == "diamond");
    proxy.counter(41);
    CHECK(proxy.counter() == 41);
    CHECK(proxy.to_left(10) == 9);
    CHECK(proxy.to_right(10) == 11);

    // The same object through proxies of its bases.
    Shapes::LeftProxy left(client, reference);
    Shapes::RightProxy right(client, reference);
    Shapes::BaseProxy& base = left;
    CHECK(left.to_left(1) == 0);
    CHECK(right.to_right(1) == 2);
    CHECK(base.counter() == 41);
    const Shapes::BaseProxy& through_everything = proxy;
    CHECK(through_everything.describe() == "everything");
}

TEST_CASE_FIXTURE(Fixture, "object references as results and arguments") {
    const RemoteObjectRef me = proxy.myself();
    CHECK(me == reference);
    CHECK(Shapes::BaseProxy(client, me).label() == "diamond");
    CHECK(proxy.describe_other(checker_reference) == checker_reference.to_string());

    // sequences of sequences of references: in, out (bounded) and as the result
    const std::vector<std::vector<RemoteObjectRef>> groups = {{reference, checker_reference}, {}, {checker_reference}};
    corbel::cdr::BoundedSequence<std::vector<RemoteObjectRef>, 2> firsts;
    const auto reversed = proxy.regroup(groups, firsts);
    CHECK(reversed == std::vector<std::vector<RemoteObjectRef>>{{checker_reference}, {}, {reference, checker_reference}});
    CHECK(firsts == std::vector<std::vector<RemoteObjectRef>>{{reference, checker_reference}, {}});
}
