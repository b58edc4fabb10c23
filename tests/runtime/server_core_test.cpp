// The server state machine on a fake network with a manual clock: new requests, duplicates
// while executing and after completion, idempotent re-execution, acknowledgements, every
// eviction cause, error replies and garbage.
#include <corbel/cdr.hpp>
#include <corbel/runtime/core/client_core.hpp>
#include <corbel/runtime/core/message.hpp>
#include <corbel/runtime/core/server_core.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <vector>

using namespace corbel::runtime;
using namespace corbel::runtime::core;
using namespace std::chrono_literals;
using corbel::cdr::ByteBuffer;
using corbel::cdr::ByteView;

namespace {

const Endpoint server{0x7f000001, 7000};
const Endpoint client{0x7f000001, 40000};
const RemoteObjectRef target{server, 1732190000, 3, "IDL:Bank/Account:1.0"};

// Makes requests the way a real client does.
struct RequestMaker {
    ClientCore core{1234};
    ByteBuffer make(Protocol protocol = Protocol::rr, bool idempotent = false, std::size_t argument_bytes = 0) {
        CallPolicy p;
        p.protocol = protocol;
        p.idempotent = idempotent;
        const std::vector<std::uint8_t> args(argument_bytes, 7);
        core.start_call(TimePoint{}, target, corbel::method_id("deposit"), ByteView(args), p);
        Datagram d;
        REQUIRE(core.pop_outgoing(d));
        return std::move(d.bytes);
    }
};

// What a host does after each event: sends what is queued, then keeps the replies.
std::vector<Datagram> drain(ServerCore& core) {
    std::vector<Datagram> sent;
    Datagram d;
    while (core.pop_outgoing(d)) sent.push_back(std::move(d));
    core.remember_sent();
    return sent;
}

void answer(ServerCore& core, TimePoint now, const IncomingRequest& request, std::int32_t value,
            std::size_t padding = 0) {
    corbel::cdr::Writer body;
    body.write(value);
    for (std::size_t i = 0; i < padding; ++i) body.write_octet(0);
    core.complete(now, request, ReplyStatus::ok, body.view());
}

ServerCoreConfig small_config() {
    ServerCoreConfig config;
    config.max_datagram = 1000;
    config.history.max_entries = 3;
    config.history.max_bytes = 10000;
    config.history.max_age = 10s;
    return config;
}

}  // namespace

TEST_CASE("a new request is delivered once, answered, and its duplicates come from the history") {
    ServerCore core(small_config());
    RequestMaker maker;
    const ByteBuffer request = maker.make(Protocol::rr, false, 3);
    TimePoint now{};
    auto delivered = core.on_datagram(now, client, request.view());
    REQUIRE(delivered.has_value());
    CHECK(delivered->key.client == client);
    CHECK(delivered->key.client_incarnation == 1234);
    CHECK(delivered->method == corbel::method_id("deposit"));
    CHECK(delivered->target == target);
    CHECK(delivered->arguments.size() == 3);

    SUBCASE("duplicates of a request still executing are dropped") {
        CHECK_FALSE(core.on_datagram(now, client, request.view()).has_value());
        CHECK(core.counters().duplicates_in_progress == 1);
        CHECK(drain(core).empty());
    }
    SUBCASE("duplicates of a completed request are answered from the history without executing") {
        answer(core, now, *delivered, 5);
        const auto reply = drain(core);
        REQUIRE(reply.size() == 1);
        CHECK(reply[0].peer == client);
        for (int i = 0; i < 3; ++i) {
            CHECK_FALSE(core.on_datagram(now + 1ms, client, request.view()).has_value());
            const auto again = drain(core);
            REQUIRE(again.size() == 1);
            CHECK(again[0].bytes.to_vector() == reply[0].bytes.to_vector());
        }
        const ServerCounters c = core.counters();
        CHECK(c.history_hits == 3);
        CHECK(c.requests_executed == 1);
        CHECK(c.replies_sent == 4);
        CHECK(c.history_entries == 1);
    }
    SUBCASE("the same request id from another port or incarnation is another request") {
        CHECK(core.on_datagram(now, Endpoint{client.address, 40001}, request.view()).has_value());
        RequestMaker other;
        other.core = ClientCore(999);
        CHECK(core.on_datagram(now, client, other.make().view()).has_value());
    }
}

TEST_CASE("idempotent requests are not kept, so their duplicates execute again") {
    ServerCore core(small_config());
    RequestMaker maker;
    const ByteBuffer request = maker.make(Protocol::rr, true);
    auto first = core.on_datagram(TimePoint{}, client, request.view());
    REQUIRE(first);
    answer(core, TimePoint{}, *first, 1);
    auto second = core.on_datagram(TimePoint{}, client, request.view());
    REQUIRE(second);
    answer(core, TimePoint{}, *second, 2);
    CHECK(drain(core).size() == 2);
    CHECK(core.counters().requests_executed == 2);
    CHECK(core.history().entries() == 0);
}

TEST_CASE("an acknowledgement leaves a tombstone that still stops a delayed duplicate") {
    ServerCore core(small_config());
    RequestMaker maker;
    const ByteBuffer request = maker.make(Protocol::rra, false, 0);
    auto delivered = core.on_datagram(TimePoint{}, client, request.view());
    REQUIRE(delivered);
    answer(core, TimePoint{}, *delivered, 1, 400);
    const auto reply = drain(core);
    const std::size_t full = core.history().bytes();
    CHECK(full > 400);
    // the client's acknowledgement
    maker.core.on_datagram(TimePoint{}, server, reply[0].bytes.view());
    Datagram ack;
    REQUIRE(maker.core.pop_outgoing(ack));
    core.on_datagram(TimePoint{}, client, ack.bytes.view());
    CHECK(core.counters().acknowledgements == 1);
    CHECK(core.history().bytes() == ReplyHistory::entry_overhead);
    CHECK_FALSE(core.on_datagram(TimePoint{}, client, request.view()).has_value());
    CHECK(drain(core).empty());
    CHECK(core.counters().duplicates_after_ack == 1);
}

TEST_CASE("requests to the built-ins of object 0 are never kept, even when not marked idempotent") {
    ServerCore core(small_config());
    ClientCore client_core(77);
    const RemoteObjectRef endpoint_itself{server, 0, 0, ""};
    client_core.start_call(TimePoint{}, endpoint_itself, corbel::method_id("_corbel_ping"), ByteView(), CallPolicy{});
    Datagram request;
    REQUIRE(client_core.pop_outgoing(request));
    auto delivered = core.on_datagram(TimePoint{}, client, request.bytes.view());
    REQUIRE(delivered);
    CHECK(delivered->idempotent);
    answer(core, TimePoint{}, *delivered, 1);
    CHECK(drain(core).size() == 1);
    CHECK(core.history().entries() == 0);
}

TEST_CASE("oneway requests get no reply, and a duplicate is not executed again") {
    ServerCore core(small_config());
    RequestMaker maker;
    const ByteBuffer request = maker.make(Protocol::r);
    auto delivered = core.on_datagram(TimePoint{}, client, request.view());
    REQUIRE(delivered);
    core.complete(TimePoint{}, *delivered, ReplyStatus::ok, ByteView());
    CHECK(drain(core).empty());
    CHECK_FALSE(core.on_datagram(TimePoint{}, client, request.view()).has_value());
    CHECK(core.counters().oneways_received == 1);
}

TEST_CASE("a reply joins the history once sent (remember_sent), and no duplicate misses it") {
    ServerCore core(small_config());
    RequestMaker maker;
    const ByteBuffer request = maker.make();
    auto delivered = core.on_datagram(TimePoint{}, client, request.view());
    REQUIRE(delivered);
    answer(core, TimePoint{}, *delivered, 5);
    std::vector<Datagram> reply(1);
    REQUIRE(core.pop_outgoing(reply[0]));
    CHECK(core.history().entries() == 0);  // sent, not yet remembered

    SUBCASE("remember_sent() keeps it") {
        core.remember_sent();
        CHECK(core.history().entries() == 1);
        core.remember_sent();  // nothing pending: nothing changes
        CHECK(core.history().entries() == 1);
    }
    SUBCASE("a duplicate arriving first still finds it") {
        CHECK_FALSE(core.on_datagram(TimePoint{} + 1ms, client, request.view()).has_value());
        const auto again = drain(core);
        REQUIRE(again.size() == 1);
        CHECK(again[0].bytes.to_vector() == reply[0].bytes.to_vector());
        CHECK(core.counters().history_hits == 1);
        CHECK(core.counters().requests_executed == 1);
    }
    SUBCASE("the timer remembers it, and its age counts from completion") {
        core.on_timer(TimePoint{} + 9s);
        CHECK(core.history().entries() == 1);
        core.on_timer(TimePoint{} + 10s);
        CHECK(core.history().entries() == 0);
    }
    SUBCASE("a oneway is remembered as a key, an idempotent request not at all") {
        auto oneway = core.on_datagram(TimePoint{}, client, maker.make(Protocol::r).view());
        REQUIRE(oneway);
        core.complete(TimePoint{}, *oneway, ReplyStatus::ok, ByteView());
        auto idempotent = core.on_datagram(TimePoint{}, client, maker.make(Protocol::rr, true).view());
        REQUIRE(idempotent);
        answer(core, TimePoint{}, *idempotent, 6);
        core.remember_sent();
        CHECK(core.history().entries() == 2);  // the first reply and the oneway's key
        CHECK(core.history().bytes() == reply[0].bytes.size() + 2 * ReplyHistory::entry_overhead);
    }
}

TEST_CASE("the history evicts the oldest entries by count, by bytes and by age") {
    RequestMaker maker;
    TimePoint now{};
    SUBCASE("by count") {
        ServerCore core(small_config());  // 3 entries
        std::vector<ByteBuffer> requests;
        for (int i = 0; i < 4; ++i) {
            requests.push_back(maker.make());
            auto r = core.on_datagram(now, client, requests.back().view());
            REQUIRE(r);
            answer(core, now, *r, i);
        }
        drain(core);
        CHECK(core.history().entries() == 3);
        CHECK(core.history().evictions() == 1);
        // the oldest is gone (it would execute again), the newest is answered from history
        CHECK(core.on_datagram(now, client, requests[0].view()).has_value());
        CHECK_FALSE(core.on_datagram(now, client, requests[3].view()).has_value());
    }
    SUBCASE("by bytes") {
        ServerCoreConfig config = small_config();
        config.history.max_entries = 1000;
        config.history.max_bytes = 1000 + ReplyHistory::entry_overhead;  // one full-size reply
        ServerCore core(config);
        for (int i = 0; i < 10; ++i) {
            auto r = core.on_datagram(now, client, maker.make().view());
            REQUIRE(r);
            answer(core, now, *r, i, 300);
            drain(core);
            CHECK(core.history().bytes() <= config.history.max_bytes);
        }
        CHECK(core.history().entries() == 2);  // each is 24 + 4 + 300 + overhead
        CHECK(core.history().evictions() == 8);
    }
    SUBCASE("by age, on the timer the core asks for") {
        ServerCore core(small_config());
        auto r = core.on_datagram(now, client, maker.make().view());
        answer(core, now, *r, 1);
        r = core.on_datagram(now + 4s, client, maker.make().view());
        answer(core, now + 4s, *r, 2);
        REQUIRE(core.next_expiry() == now + 10s);
        core.on_timer(now + 10s - 1ms);
        CHECK(core.history().entries() == 2);
        core.on_timer(now + 10s);
        CHECK(core.history().entries() == 1);
        CHECK(core.next_expiry() == now + 14s);
        core.on_timer(now + 14s);
        CHECK(core.history().entries() == 0);
        CHECK_FALSE(core.next_expiry().has_value());
        CHECK(core.history().evictions() == 2);
    }
}

TEST_CASE("garbage is counted and dropped; a readable header gets an error reply") {
    ServerCore core(small_config());
    RequestMaker maker;
    const std::vector<std::uint8_t> good = maker.make().to_vector();
    SUBCASE("too short, wrong magic: no reply can be addressed") {
        core.on_datagram(TimePoint{}, client, ByteView(good.data(), 10));
        auto wrong = good;
        wrong[1] = 'Z';
        core.on_datagram(TimePoint{}, client, ByteView(wrong));
        CHECK(drain(core).empty());
        CHECK(core.counters().malformed_datagrams == 2);
    }
    SUBCASE("a broken request body: marshal_error") {
        CHECK_FALSE(core.on_datagram(TimePoint{}, client, ByteView(good.data(), 45)).has_value());
        const auto replies = drain(core);
        REQUIRE(replies.size() == 1);
        const DecodedReply reply = decode_reply(replies[0].bytes.view());
        CHECK(reply.status == ReplyStatus::marshal_error);
        CHECK(decode_error_detail(reply).find("malformed request") != std::string::npos);
    }
    SUBCASE("larger than the limit, or truncated by the socket: message_too_large naming the limit") {
        const ByteBuffer big = maker.make(Protocol::rr, false, 2000);
        CHECK_FALSE(core.on_datagram(TimePoint{}, client, big.view()).has_value());
        CHECK_FALSE(core.on_datagram(TimePoint{}, client, ByteView(good), true).has_value());
        const auto replies = drain(core);
        REQUIRE(replies.size() == 2);
        for (const auto& r : replies) {
            const DecodedReply reply = decode_reply(r.bytes.view());
            CHECK(reply.status == ReplyStatus::message_too_large);
            CHECK(decode_error_detail(reply).find("limit of 1000 bytes") != std::string::npos);
        }
        CHECK(core.counters().oversized_datagrams == 2);
        CHECK(core.counters().truncated_datagrams == 1);
    }
}

TEST_CASE("a reply too large for a datagram becomes a message_too_large error reply") {
    ServerCore core(small_config());
    RequestMaker maker;
    auto r = core.on_datagram(TimePoint{}, client, maker.make().view());
    REQUIRE(r);
    answer(core, TimePoint{}, *r, 1, 2000);
    const auto replies = drain(core);
    REQUIRE(replies.size() == 1);
    const DecodedReply reply = decode_reply(replies[0].bytes.view());
    CHECK(reply.status == ReplyStatus::message_too_large);
    CHECK(decode_error_detail(reply).find("limit of 1000 bytes") != std::string::npos);
}

TEST_CASE("new requests beyond the executing limit are dropped for the client to retry") {
    ServerCoreConfig config = small_config();
    config.max_executing = 2;
    ServerCore core(config);
    RequestMaker maker;
    CHECK(core.on_datagram(TimePoint{}, client, maker.make().view()).has_value());
    CHECK(core.on_datagram(TimePoint{}, client, maker.make().view()).has_value());
    CHECK_FALSE(core.on_datagram(TimePoint{}, client, maker.make().view()).has_value());
    CHECK(core.counters().overload_drops == 1);
}

TEST_CASE("a history too small for one largest reply is a configuration error") {
    ServerCoreConfig config;
    config.history.max_bytes = 1000;
    CHECK_THROWS_AS(ServerCore{config}, std::invalid_argument);
}
