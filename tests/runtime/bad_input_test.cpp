// Bad input over a real socket: truncated, oversized, empty, random and wrong-magic
// datagrams, a reply sent to a server, unknown objects and methods. The server answers what
// it can address with an error reply, counts and drops the rest, and keeps serving.
#include "account.hpp"
#include "account_impl.hpp"
#include "loopback.hpp"

#include <corbel/cdr.hpp>
#include <corbel/runtime/core/message.hpp>
#include <corbel/runtime/exceptions.hpp>
#include <corbel/runtime/server.hpp>

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>
#include <vector>

using namespace corbel::runtime;
using namespace corbel::runtime::core;
using namespace std::chrono_literals;

namespace {

// A bare UDP socket on 127.0.0.1, to send what no corbel client would.
class RawSocket {
public:
    RawSocket() {
        fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    }
    ~RawSocket() { ::close(fd_); }
    void send(Endpoint to, const std::vector<std::uint8_t>& bytes) {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(to.address);
        a.sin_port = htons(to.port);
        ::sendto(fd_, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
    }
    // The next datagram, waiting at most `wait`; empty if none came.
    std::vector<std::uint8_t> receive(std::chrono::milliseconds wait) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(wait.count())) != 1) return {};
        std::vector<std::uint8_t> buffer(70000);
        const ssize_t got = ::recv(fd_, buffer.data(), buffer.size(), 0);
        buffer.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
        return buffer;
    }

private:
    int fd_;
};

std::vector<std::uint8_t> request_bytes(const RemoteObjectRef& target, corbel::MethodId method, std::uint32_t id,
                                        std::size_t argument_bytes = 4) {
    MessageHeader header;
    header.client_incarnation = 5;
    header.request_id = id;
    RequestFields fields;
    fields.method = method;
    corbel::cdr::ByteBuffer out;
    const std::vector<std::uint8_t> arguments(argument_bytes, 0);
    encode_request(out, header, target, fields, corbel::cdr::ByteView(arguments));
    return out.to_vector();
}

ReplyStatus status_of(const std::vector<std::uint8_t>& reply) {
    REQUIRE_FALSE(reply.empty());
    return decode_reply(corbel::cdr::ByteView(reply)).status;
}

}  // namespace

TEST_CASE("the server answers or drops every kind of bad datagram and keeps serving") {
    ServerConfig config = corbel_test::loopback_server();
    config.max_datagram = 1000;
    config.history.max_bytes = 1u << 20;
    Server server(config);
    auto account = std::make_shared<corbel_test::AccountImpl>();
    const RemoteObjectRef ref = server.add(account);
    server.start();
    RawSocket raw;
    const Endpoint to = server.endpoint();

    // Answered with an error reply: the header could be read.
    raw.send(to, request_bytes(ref, corbel::method_id("deposit"), 1, 5000));  // oversized
    CHECK(status_of(raw.receive(5000ms)) == ReplyStatus::message_too_large);
    auto truncated = request_bytes(ref, corbel::method_id("deposit"), 2);
    truncated.resize(30);
    raw.send(to, truncated);
    CHECK(status_of(raw.receive(5000ms)) == ReplyStatus::marshal_error);
    RemoteObjectRef nowhere = ref;
    nowhere.object_number = 77;
    raw.send(to, request_bytes(nowhere, corbel::method_id("deposit"), 3));
    CHECK(status_of(raw.receive(5000ms)) == ReplyStatus::unknown_object);
    raw.send(to, request_bytes(ref, corbel::method_id("explode"), 4));
    CHECK(status_of(raw.receive(5000ms)) == ReplyStatus::unknown_operation);
    raw.send(to, request_bytes(ref, corbel::method_id("deposit"), 5, 1));  // a long cut to one byte
    CHECK(status_of(raw.receive(5000ms)) == ReplyStatus::marshal_error);

    // Dropped and counted: nothing to address a reply to.
    int dropped = 0;
    raw.send(to, {});
    ++dropped;
    auto wrong_magic = request_bytes(ref, corbel::method_id("deposit"), 6);
    wrong_magic[0] = 'G';
    raw.send(to, wrong_magic);
    ++dropped;
    MessageHeader header;
    corbel::cdr::ByteBuffer reply;
    encode_reply(reply, header, ReplyStatus::ok, corbel::cdr::ByteView());
    raw.send(to, reply.to_vector());  // a reply sent to a server
    ++dropped;
    std::mt19937 random(2024);
    for (int i = 0; i < 500; ++i) {
        std::vector<std::uint8_t> noise(random() % 300);
        for (auto& b : noise) b = static_cast<std::uint8_t>(random());
        raw.send(to, noise);
        ++dropped;
        // in small batches, so that the socket's receive buffer never overflows
        if (i % 20 == 19) {
            const auto sent = static_cast<std::uint64_t>(dropped + 5);
            for (int wait = 0; wait < 2000 && server.counters().datagrams_received < sent; ++wait) {
                std::this_thread::sleep_for(1ms);
            }
        }
    }
    CHECK(raw.receive(200ms).empty());

    // Still serving, and the counters saw it all.
    auto client = std::make_shared<Client>(corbel_test::loopback_client());
    Bank::AccountProxy proxy(client, ref);
    CHECK(proxy.deposit(3) == 3);
    const ServerCounters c = server.counters();
    CHECK(c.oversized_datagrams == 1);
    CHECK(c.truncated_datagrams == 1);  // the kernel cut it to the 1,001-byte receive buffer
    CHECK(c.malformed_datagrams == static_cast<std::uint64_t>(dropped) + 1);  // + the truncated request
    CHECK(c.error_replies == 5);
    CHECK(account->executions == 1);
}
