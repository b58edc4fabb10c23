// The client state machine on a fake network with a manual clock: retransmission timers,
// backoff, cap, deadline, round-trip estimation, duplicate, late and stray replies, RRA.
#include <corbel/cdr.hpp>
#include <corbel/runtime/core/client_core.hpp>
#include <corbel/runtime/core/message.hpp>
#include <corbel/runtime/exceptions.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <vector>

using namespace corbel::runtime;
using namespace corbel::runtime::core;
using namespace std::chrono_literals;
using corbel::cdr::ByteBuffer;
using corbel::cdr::ByteView;

namespace {

const Endpoint server{0x7f000001, 7000};
const RemoteObjectRef target{server, 1732190000, 3, "IDL:Bank/Account:1.0"};

CallPolicy test_policy() {
    CallPolicy p;
    p.deadline = 1000ms;
    p.initial_timeout = 100ms;
    p.min_timeout = 10ms;
    p.max_timeout = 400ms;
    p.backoff = 2.0;
    return p;
}

std::vector<Datagram> drain(ClientCore& core) {
    std::vector<Datagram> sent;
    Datagram d;
    while (core.pop_outgoing(d)) sent.push_back(std::move(d));
    return sent;
}

// The reply a server would send to `request`, with `status` and a one-long body.
ByteBuffer reply_to(const Datagram& request, ReplyStatus status = ReplyStatus::ok, std::int32_t value = 42) {
    MessageHeader seen;
    decode_request(request.bytes.view(), seen);
    corbel::cdr::Writer body;
    body.write(value);
    ByteBuffer out;
    encode_reply(out, seen, status, body.view());
    return out;
}

}  // namespace

TEST_CASE("a reply on time completes the call after one send and feeds the estimator") {
    ClientCore core(77);
    TimePoint now{};
    const auto id = core.start_call(now, target, 1, ByteView(), test_policy());
    auto sent = drain(core);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].peer == server);
    CHECK(core.next_expiry() == now + 100ms);
    now += 3ms;
    core.on_datagram(now, server, reply_to(sent[0]).view());
    Completion c;
    REQUIRE(core.pop_completion(c));
    CHECK(c.request_id == id);
    CHECK(c.outcome == CallOutcome::replied);
    CHECK(c.reply.sends == 1);
    CHECK(c.reply.round_trip == 3ms);
    CHECK(c.reply.reader().read<std::int32_t>() == 42);
    CHECK(core.calls_in_flight() == 0);
    CHECK_FALSE(core.next_expiry().has_value());
    REQUIRE(core.rtt(server) != nullptr);
    CHECK(core.rtt(server)->smoothed() == 3ms);
    // next call: RTO = 3 + 4 * 1.5 = 9 ms, raised to the 10 ms floor
    core.start_call(now, target, 1, ByteView(), test_policy());
    CHECK(core.next_expiry() == now + 10ms);
}

TEST_CASE("lost requests are retransmitted with backoff up to the cap, then time out with the send count") {
    ClientCore core(77);
    TimePoint start{};
    core.start_call(start, target, 1, ByteView(), test_policy());
    REQUIRE(drain(core).size() == 1);
    // timeouts 100, 200, 400, 400 (cap): sends at 0, 100, 300, 700; deadline at 1000
    const std::vector<std::chrono::milliseconds> expected_sends = {100ms, 300ms, 700ms};
    for (const auto at : expected_sends) {
        REQUIRE(core.next_expiry() == start + at);
        core.on_timer(start + at - 1ms);  // early firing does nothing
        CHECK(drain(core).empty());
        core.on_timer(start + at);
        const auto sent = drain(core);
        REQUIRE(sent.size() == 1);
    }
    CHECK(core.counters().retransmissions == 3);
    REQUIRE(core.next_expiry() == start + 1000ms);  // 700 + 400 is past the deadline
    core.on_timer(start + 1000ms);
    Completion c;
    REQUIRE(core.pop_completion(c));
    CHECK(c.outcome == CallOutcome::timed_out);
    CHECK(c.reply.sends == 4);
    CHECK(core.counters().timeouts == 1);
    CHECK(core.calls_in_flight() == 0);
    const TimeoutError error(c.reply.sends, c.reply.round_trip, c.target);
    CHECK(std::string(error.what()).find("sent 4 times") != std::string::npos);
}

TEST_CASE("a closed port: the first refusal sends again at once, the second ends the call as refused") {
    ClientCore core(77);
    TimePoint start{};
    const Endpoint elsewhere{0x7f000001, 7001};
    const auto id = core.start_call(start, target, 1, ByteView(), test_policy());
    const auto other = core.start_call(start, RemoteObjectRef{elsewhere, 1, 1, "IDL:X:1.0"}, 1, ByteView(), test_policy());
    REQUIRE(drain(core).size() == 2);
    const auto timer = core.next_expiry();

    // perhaps news of an earlier call's request: this one is sent again, and its timer stands
    core.on_refused(start + 1ms, server);
    auto again = drain(core);
    REQUIRE(again.size() == 1);
    CHECK(again[0].peer == server);
    CHECK(core.next_expiry() == timer);
    Completion c;
    CHECK_FALSE(core.pop_completion(c));

    core.on_refused(start + 2ms, server);
    REQUIRE(core.pop_completion(c));
    CHECK(c.request_id == id);
    CHECK(c.outcome == CallOutcome::refused);
    CHECK(c.reply.sends == 2);
    CHECK(core.counters().refused == 1);
    CHECK(core.counters().timeouts == 0);
    CHECK(core.counters().retransmissions == 1);
    CHECK(drain(core).empty());
    const ServerUnreachable error(c.reply.sends, c.target);
    CHECK(std::string(error.what()).find("nothing listens at that port") != std::string::npos);

    // the call to another port is untouched, and a late reply to the refused one is dropped as late
    CHECK(core.is_in_flight(other));
    CHECK_FALSE(core.is_in_flight(id));
    CHECK_FALSE(core.pop_completion(c));
}

TEST_CASE("a reply to a retransmitted request completes the call but is not an RTT sample (Karn)") {
    ClientCore core(77);
    TimePoint now{};
    core.start_call(now, target, 1, ByteView(), test_policy());
    const auto first = drain(core);
    core.on_timer(now + 100ms);
    const auto second = drain(core);
    REQUIRE(second.size() == 1);
    CHECK(second[0].bytes.to_vector() == first[0].bytes.to_vector());  // same request id, same bytes
    core.on_datagram(now + 101ms, server, reply_to(first[0]).view());
    Completion c;
    REQUIRE(core.pop_completion(c));
    CHECK(c.reply.sends == 2);
    CHECK_FALSE(core.rtt(server)->has_samples());
}

TEST_CASE("duplicate, late, stray and malformed replies are dropped and counted") {
    ClientCore core(77);
    TimePoint now{};
    CallPolicy policy = test_policy();
    core.start_call(now, target, 1, ByteView(), policy);
    const auto answered = drain(core);
    policy.deadline = 50ms;
    core.start_call(now, target, 1, ByteView(), policy);
    const auto abandoned = drain(core);
    core.on_datagram(now + 1ms, server, reply_to(answered[0]).view());
    core.on_datagram(now + 2ms, server, reply_to(answered[0]).view());
    CHECK(core.counters().duplicate_replies == 1);
    core.on_timer(now + 50ms);
    core.on_datagram(now + 60ms, server, reply_to(abandoned[0]).view());
    CHECK(core.counters().late_replies == 1);

    core.start_call(now + 60ms, target, 1, ByteView(), test_policy());
    const auto third = drain(core);
    core.on_datagram(now + 61ms, Endpoint{0x7f000001, 7001}, reply_to(third[0]).view());  // from elsewhere
    CHECK(core.counters().stray_replies == 1);
    CHECK(core.calls_in_flight() == 1);
    ClientCore other(78);  // another incarnation's reply
    other.start_call(now, target, 1, ByteView(), test_policy());
    core.on_datagram(now + 61ms, server, reply_to(drain(other)[0]).view());
    CHECK(core.counters().stray_replies == 2);
    const std::uint8_t garbage[] = {1, 2, 3};
    core.on_datagram(now + 61ms, server, ByteView(garbage, sizeof garbage));
    CHECK(core.counters().malformed_datagrams == 1);
    CHECK(core.calls_in_flight() == 1);
    Completion c;
    int completions = 0;
    while (core.pop_completion(c)) ++completions;
    CHECK(completions == 2);
}

TEST_CASE("only the latest remembered_calls finished calls tell a duplicate reply from a stray one") {
    ClientCoreConfig config;
    config.remembered_calls = 4;
    ClientCore core(77, config);
    std::vector<Datagram> requests;
    for (int i = 0; i < 5; ++i) {
        core.start_call(TimePoint{}, target, 1, ByteView(), test_policy());
        requests.push_back(std::move(drain(core)[0]));
        core.on_datagram(TimePoint{} + 1ms, server, reply_to(requests.back()).view());
    }
    core.on_datagram(TimePoint{} + 2ms, server, reply_to(requests[4]).view());  // the latest: remembered
    CHECK(core.counters().duplicate_replies == 1);
    core.on_datagram(TimePoint{} + 2ms, server, reply_to(requests[1]).view());  // 4 calls ago: still remembered
    CHECK(core.counters().duplicate_replies == 2);
    core.on_datagram(TimePoint{} + 2ms, server, reply_to(requests[0]).view());  // 5 calls ago: forgotten
    CHECK(core.counters().stray_replies == 1);
    CHECK(core.counters().duplicate_replies == 2);
}

TEST_CASE("many calls in flight are matched by request id whatever the order of replies") {
    ClientCore core(77);
    TimePoint now{};
    std::vector<std::uint32_t> ids;
    std::vector<Datagram> requests;
    for (int i = 0; i < 5; ++i) {
        ids.push_back(core.start_call(now, target, 1, ByteView(), test_policy()));
        requests.push_back(std::move(drain(core)[0]));
    }
    for (int i = 4; i >= 0; --i) core.on_datagram(now + 1ms, server, reply_to(requests[i], ReplyStatus::ok, i).view());
    Completion c;
    for (int i = 4; i >= 0; --i) {
        REQUIRE(core.pop_completion(c));
        CHECK(c.request_id == ids[i]);
        CHECK(c.reply.reader().read<std::int32_t>() == i);
    }
}

TEST_CASE("RRA acknowledges the reply; R sends once and keeps nothing") {
    ClientCore core(77);
    TimePoint now{};
    CallPolicy policy = test_policy();
    policy.protocol = Protocol::rra;
    const auto id = core.start_call(now, target, 1, ByteView(), policy);
    const auto request = drain(core);
    core.on_datagram(now + 1ms, server, reply_to(request[0]).view());
    const auto ack = drain(core);
    REQUIRE(ack.size() == 1);
    const MessageHeader h = decode_header(ack[0].bytes.view());
    CHECK(h.type == MessageType::acknowledgement);
    CHECK(h.request_id == id);
    CHECK(h.client_incarnation == 77);

    policy.protocol = Protocol::r;
    core.start_call(now, target, 1, ByteView(), policy);
    CHECK(drain(core).size() == 1);
    CHECK(core.calls_in_flight() == 0);
    CHECK_FALSE(core.next_expiry().has_value());
    CHECK(core.counters().oneways_sent == 1);
}

TEST_CASE("a request larger than the datagram limit is refused before anything is sent") {
    ClientCoreConfig config;
    config.max_datagram = 100;
    ClientCore core(77, config);
    const std::vector<std::uint8_t> big(200, 0);
    try {
        core.start_call(TimePoint{}, target, 1, ByteView(big), test_policy());
        FAIL("accepted");
    } catch (const MessageTooLarge& e) {
        CHECK(e.limit() == 100);
        CHECK(std::string(e.what()).find("limit of 100 bytes") != std::string::npos);
    }
    CHECK(drain(core).empty());
    CHECK(core.calls_in_flight() == 0);
}

TEST_CASE("a cancelled call reports nothing and a reply to it counts as late") {
    ClientCore core(77);
    const auto id = core.start_call(TimePoint{}, target, 1, ByteView(), test_policy());
    const auto request = drain(core);
    CHECK(core.cancel(id));
    CHECK_FALSE(core.cancel(id));
    core.on_timer(TimePoint{} + 10s);
    core.on_datagram(TimePoint{} + 10s, server, reply_to(request[0]).view());
    Completion c;
    CHECK_FALSE(core.pop_completion(c));
    CHECK(core.counters().late_replies == 1);
}

TEST_CASE("hundreds of calls in flight each complete once, answered in reverse order") {
    ClientCore core(77);
    const TimePoint now{};
    std::vector<std::uint32_t> ids;
    std::vector<Datagram> requests;
    for (int i = 0; i < 300; ++i) {  // more than the 64 slots the table starts with
        ids.push_back(core.start_call(now, target, 1, ByteView(), test_policy()));
        for (Datagram& d : drain(core)) requests.push_back(std::move(d));
    }
    REQUIRE(requests.size() == 300);
    CHECK(core.calls_in_flight() == 300);
    for (auto request = requests.rbegin(); request != requests.rend(); ++request) {
        core.on_datagram(now + 1ms, server, reply_to(*request).view());
    }
    std::vector<std::uint32_t> completed;
    Completion c;
    while (core.pop_completion(c)) {
        CHECK(c.outcome == CallOutcome::replied);
        completed.push_back(c.request_id);
    }
    CHECK(completed == std::vector<std::uint32_t>(ids.rbegin(), ids.rend()));
    CHECK(core.calls_in_flight() == 0);
    CHECK(core.counters().stray_replies == 0);
    CHECK_FALSE(core.next_expiry().has_value());
}

TEST_CASE("a slow call outlives thousands of quick ones and keeps its timers and its reply") {
    ClientCore core(77);
    TimePoint now{};
    const std::uint32_t slow = core.start_call(now, target, 1, ByteView(), test_policy());
    const std::vector<Datagram> slow_request = drain(core);
    REQUIRE(slow_request.size() == 1);
    // 5,000 quick calls: their ids pass the slow call's slot many times over.
    for (int i = 0; i < 5000; ++i) {
        core.start_call(now, target, 1, ByteView(), test_policy());
        const std::vector<Datagram> quick = drain(core);
        REQUIRE(quick.size() == 1);
        core.on_datagram(now, server, reply_to(quick[0]).view());
        Completion done;
        REQUIRE(core.pop_completion(done));
        CHECK(done.request_id != slow);
    }
    CHECK(core.calls_in_flight() == 1);
    CHECK(core.is_in_flight(slow));
    // Its retransmission timer still fires, and its reply still completes it.
    REQUIRE(core.next_expiry().has_value());
    now = *core.next_expiry();
    core.on_timer(now);
    const std::vector<Datagram> resent = drain(core);
    REQUIRE(resent.size() == 1);
    CHECK(resent[0].bytes.to_vector() == slow_request[0].bytes.to_vector());
    core.on_datagram(now + 1ms, server, reply_to(resent[0]).view());
    Completion c;
    REQUIRE(core.pop_completion(c));
    CHECK(c.request_id == slow);
    CHECK(c.reply.sends == 2);
    CHECK(core.calls_in_flight() == 0);
    CHECK_FALSE(core.next_expiry().has_value());
}
