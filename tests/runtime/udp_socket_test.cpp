// The blocking socket under the client's channels and the server's threads (a private class
// of the runtime, tested here directly): connecting to the peer of the moment, news of closed
// ports, polls and batches, and waits that stay each thread's own when several threads share
// the socket.
#include "udp_socket.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

using namespace corbel::runtime;
using namespace std::chrono_literals;
using corbel::runtime::detail::UdpSocket;

namespace {

const Endpoint any_loopback_port{0x7f000001, 0};

corbel::cdr::ByteView text(const char* bytes) {
    return {reinterpret_cast<const std::uint8_t*>(bytes), std::char_traits<char>::length(bytes)};
}

struct Received {
    bool any = false;
    Endpoint from;
    std::string bytes;
};

Received receive(UdpSocket& socket, Duration wait) {
    std::vector<std::uint8_t> buffer(2048);
    const UdpSocket::Receipt r = socket.receive(buffer.data(), buffer.size(), wait);
    if (r.what != UdpSocket::Received::datagram) return {};
    return {true, r.from, std::string(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(r.size))};
}

}  // namespace

TEST_CASE("a socket connected to its peer hears only that peer, and keeps its port") {
    UdpSocket channel(any_loopback_port);
    UdpSocket server_a(any_loopback_port);
    UdpSocket server_b(any_loopback_port);
    const Endpoint port_before = channel.local();

    channel.connect_to(server_a.local());
    REQUIRE(channel.send_to(server_a.local(), text("to a")));
    const Received at_a = receive(server_a, 2s);
    REQUIRE(at_a.any);
    CHECK(at_a.bytes == "to a");
    CHECK(at_a.from == port_before);

    // b is not the peer: the kernel drops what it sends; a's datagram behind it arrives
    REQUIRE(server_b.send_to(channel.local(), text("from b")));
    REQUIRE(server_a.send_to(channel.local(), text("from a")));
    const Received first = receive(channel, 2s);
    REQUIRE(first.any);
    CHECK(first.bytes == "from a");
    CHECK(first.from == server_a.local());

    // Connecting to b, the next call's server, moves the filter and keeps the port: a
    // client's identity (address, port, incarnation) must not change between calls.
    channel.connect_to(server_b.local());
    CHECK(channel.local() == port_before);
    REQUIRE(channel.send_to(server_b.local(), text("to b")));
    const Received at_b = receive(server_b, 2s);
    REQUIRE(at_b.any);
    CHECK(at_b.from == port_before);
    REQUIRE(server_b.send_to(channel.local(), text("b again")));
    const Received second = receive(channel, 2s);
    REQUIRE(second.any);
    CHECK(second.bytes == "b again");

    // Sending elsewhere than the peer still works (a delayed retransmission of an earlier call).
    REQUIRE(channel.send_to(server_a.local(), text("late")));
    const Received late = receive(server_a, 2s);
    REQUIRE(late.any);
    CHECK(late.bytes == "late");
}

TEST_CASE("a socket bound to the wildcard address is not connected: it keeps hearing everyone") {
    UdpSocket channel(Endpoint{0, 0});
    UdpSocket server_a(any_loopback_port);
    UdpSocket server_b(any_loopback_port);
    const Endpoint channel_on_loopback{0x7f000001, channel.local().port};
    channel.connect_to(server_a.local());
    REQUIRE(server_b.send_to(channel_on_loopback, text("from b")));
    const Received r = receive(channel, 2s);
    REQUIRE(r.any);
    CHECK(r.bytes == "from b");
}

// A loopback port nothing listens on (it was free a moment ago).
Endpoint closed_loopback_port() {
    UdpSocket probe(any_loopback_port);
    return probe.local();
}

TEST_CASE("a closed port is heard of: by a connected socket, and by a wildcard one that asks") {
    const Endpoint closed = closed_loopback_port();
    const Endpoint other_closed = closed_loopback_port();
    std::vector<std::uint8_t> buffer(2048);
    SUBCASE("connected, without asking") {
        UdpSocket socket(any_loopback_port);
        socket.connect_to(closed);
        REQUIRE(socket.send_to(closed, text("anyone?")));
        const UdpSocket::Receipt r = socket.receive(buffer.data(), buffer.size(), 2s);
        CHECK(r.what == UdpSocket::Received::refused);
        CHECK(r.from == closed);
    }
    SUBCASE("not connected: the error queue names the port, and is emptied") {
        UdpSocket socket(Endpoint{0, 0});
        socket.hear_refusals();
        REQUIRE(socket.send_to(other_closed, text("first")));
        REQUIRE(socket.send_to(closed, text("second")));  // the first's news is handed to this send: sent again
        const UdpSocket::Receipt r = socket.receive(buffer.data(), buffer.size(), 2s);
        CHECK(r.what == UdpSocket::Received::refused);
        CHECK(r.from == closed);  // the latest
        // nothing left over: the next receive just waits
        CHECK(socket.receive(buffer.data(), buffer.size(), 20ms).what == UdpSocket::Received::timeout);
    }
    SUBCASE("not connected and not asking: nothing is heard") {
        UdpSocket socket(Endpoint{0, 0});
        REQUIRE(socket.send_to(closed, text("anyone?")));
        CHECK(socket.receive(buffer.data(), buffer.size(), 20ms).what == UdpSocket::Received::timeout);
    }
}

TEST_CASE("with the receive timeout fixed, a shorter wait still ends on time") {
    UdpSocket socket(any_loopback_port);
    socket.fix_receive_timeout(60s);
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(receive(socket, 20ms).any);
    // Waiting for the fixed 60 s instead would show here; the bound is loose on purpose.
    CHECK(std::chrono::steady_clock::now() - start < 30s);

    UdpSocket sender(any_loopback_port);
    REQUIRE(sender.send_to(socket.local(), text("x")));
    CHECK(receive(socket, 2s).bytes == "x");
}

TEST_CASE("a poll takes a datagram already queued, one sent while it looks, and ends empty after its budget") {
    UdpSocket socket(any_loopback_port);
    UdpSocket sender(any_loopback_port);
    socket.connect_to(sender.local());
    std::vector<std::uint8_t> buffer(2048);

    REQUIRE(sender.send_to(socket.local(), text("queued")));
    UdpSocket::Receipt r = socket.poll_receive(buffer.data(), buffer.size(), Clock::now() + 2s);
    REQUIRE(r.what == UdpSocket::Received::datagram);
    CHECK(std::string(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(r.size)) == "queued");
    CHECK(r.from == sender.local());

    std::thread late([&sender, &socket] {
        std::this_thread::sleep_for(5ms);
        sender.send_to(socket.local(), text("while polling"));
    });
    r = socket.poll_receive(buffer.data(), buffer.size(), Clock::now() + 10s);
    late.join();
    REQUIRE(r.what == UdpSocket::Received::datagram);
    CHECK(std::string(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(r.size)) == "while polling");

    CHECK(socket.poll_receive(buffer.data(), buffer.size(), Clock::now() + 1ms).what == UdpSocket::Received::timeout);

    // A datagram larger than the buffer is marked truncated here too.
    const std::string big(100, 'x');
    REQUIRE(sender.send_to(socket.local(), text(big.c_str())));
    r = socket.poll_receive(buffer.data(), 10, Clock::now() + 2s);
    REQUIRE(r.what == UdpSocket::Received::datagram);
    CHECK(r.truncated);
    CHECK(r.size == 10);
}

TEST_CASE("a batch poll takes what is queued, at most `most`, one sent while it looks, and ends empty after its budget") {
    UdpSocket socket(any_loopback_port);
    UdpSocket sender(any_loopback_port);
    detail::ReceiveBatch batch(8, 64);
    for (const char* text_sent : {"one", "two", "three"}) REQUIRE(sender.send_to(socket.local(), text(text_sent)));

    REQUIRE(socket.poll_batch(batch, Clock::now() + 2s, 2) == 2);  // two of the three: `most`
    CHECK(std::string(batch.bytes(0).data, batch.bytes(0).data + batch.bytes(0).size) == "one");
    CHECK(std::string(batch.bytes(1).data, batch.bytes(1).data + batch.bytes(1).size) == "two");
    CHECK(batch.from(1) == sender.local());
    REQUIRE(socket.poll_batch(batch, Clock::now() + 2s, 8) == 1);
    CHECK(std::string(batch.bytes(0).data, batch.bytes(0).data + batch.bytes(0).size) == "three");

    std::thread late([&sender, &socket] {
        std::this_thread::sleep_for(5ms);
        sender.send_to(socket.local(), text("while polling"));
    });
    const std::size_t arrived = socket.poll_batch(batch, Clock::now() + 10s, 8);
    late.join();
    REQUIRE(arrived == 1);
    CHECK(std::string(batch.bytes(0).data, batch.bytes(0).data + batch.bytes(0).size) == "while polling");

    const auto start = Clock::now();
    CHECK(socket.poll_batch(batch, start + 1ms, 8) == 0);
    CHECK(Clock::now() >= start + 1ms);  // it kept looking for its whole budget

    const std::string big(100, 'x');
    REQUIRE(sender.send_to(socket.local(), text(big.c_str())));
    REQUIRE(socket.poll_batch(batch, Clock::now() + 2s, 8) == 1);
    CHECK(batch.truncated(0));
    CHECK(batch.bytes(0).size == 64);
}

TEST_CASE("a batch send that is handed news of an earlier datagram takes it and sends everything") {
    UdpSocket socket(Endpoint{0, 0});
    socket.hear_refusals();  // unconnected: the news waits on the socket as an error for its next call
    UdpSocket sink(any_loopback_port);
    detail::SendBatch scratch;
    std::vector<core::Datagram> to_nobody(2);
    for (auto& d : to_nobody) {
        d.peer = closed_loopback_port();
        d.bytes.assign(reinterpret_cast<const std::uint8_t*>("?"), 1);
    }
    REQUIRE(socket.send_batch(scratch, to_nobody.data(), to_nobody.size()) == 0);
    std::this_thread::sleep_for(20ms);  // loopback answers at once; this is to be sure

    std::vector<core::Datagram> to_sink(3);
    for (std::size_t i = 0; i < to_sink.size(); ++i) {
        to_sink[i].peer = sink.local();
        const char tag = static_cast<char>('a' + i);
        to_sink[i].bytes.assign(reinterpret_cast<const std::uint8_t*>(&tag), 1);
    }
    CHECK(socket.send_batch(scratch, to_sink.data(), to_sink.size()) == 0);
    std::string heard;
    for (Received r = receive(sink, 2s); r.any; r = receive(sink, 100ms)) heard += r.bytes;
    CHECK(heard == "abc");
}

TEST_CASE("two threads send batches on one socket at once, each with its own scratch") {
    UdpSocket shared(any_loopback_port);
    UdpSocket sink(any_loopback_port);
    constexpr int per_thread = 40;  // all queued at the sink at once: well within its buffer
    auto send_some = [&](char tag) {
        detail::SendBatch scratch;
        std::vector<core::Datagram> batch(4);
        for (auto& d : batch) {
            d.peer = sink.local();
            d.bytes.assign(reinterpret_cast<const std::uint8_t*>(&tag), 1);
        }
        std::size_t failures = 0;
        for (int i = 0; i < per_thread / 4; ++i) failures += shared.send_batch(scratch, batch.data(), batch.size());
        return failures;
    };
    std::size_t failures_a = 0, failures_b = 0;
    std::thread a([&] { failures_a = send_some('a'); });
    std::thread b([&] { failures_b = send_some('b'); });
    a.join();
    b.join();
    CHECK(failures_a + failures_b == 0);
    int from_a = 0, from_b = 0;
    for (Received r = receive(sink, 2s); r.any; r = receive(sink, 200ms)) {
        if (r.bytes == "a") ++from_a;
        if (r.bytes == "b") ++from_b;
    }
    CHECK(from_a == per_thread);
    CHECK(from_b == per_thread);
}
