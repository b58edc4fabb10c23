// Bad input over a real socket: truncated, oversized, empty, random and wrong-magic
// datagrams, a reply sent to a server, unknown objects and methods. The server answers what
// it can address with an error reply, counts and drops the rest, and keeps serving. And the
// other way round: a hostile server's replies to a client.
#include "account.hpp"
#include "account_impl.hpp"
#include "loopback.hpp"

#include <corbel/cdr.hpp>
#include <corbel/runtime/client.hpp>
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
#include <functional>
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
    int fd() const { return fd_; }
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

namespace {

// A server that answers each of a client's requests with a reply made by `answer`, from a
// bare socket: what a hostile or broken peer could send.
class ScriptedServer {
public:
    using Answer = std::function<void(ReplyStatus& status, corbel::cdr::Writer& body)>;

    explicit ScriptedServer(std::vector<Answer> answers) : answers_(std::move(answers)) {
        sockaddr_in a{};
        socklen_t length = sizeof a;
        ::getsockname(socket_.fd(), reinterpret_cast<sockaddr*>(&a), &length);
        endpoint_ = Endpoint{0x7f000001, ntohs(a.sin_port)};
        thread_ = std::thread([this] { serve(); });
    }
    ~ScriptedServer() { thread_.join(); }
    Endpoint endpoint() const { return endpoint_; }

private:
    void serve() {
        for (const Answer& answer : answers_) {
            pollfd p{socket_.fd(), POLLIN, 0};
            if (::poll(&p, 1, 10000) != 1) return;  // the test has failed already
            std::vector<std::uint8_t> request(70000);
            sockaddr_in from{};
            socklen_t length = sizeof from;
            const ssize_t got = ::recvfrom(socket_.fd(), request.data(), request.size(), 0,
                                           reinterpret_cast<sockaddr*>(&from), &length);
            if (got <= 0) return;
            MessageHeader seen;
            decode_request(corbel::cdr::ByteView(request.data(), static_cast<std::size_t>(got)), seen);
            ReplyStatus status = ReplyStatus::ok;
            corbel::cdr::Writer body;
            answer(status, body);
            corbel::cdr::ByteBuffer reply;
            encode_reply(reply, seen, status, body.view());
            ::sendto(socket_.fd(), reply.data(), reply.size(), 0, reinterpret_cast<sockaddr*>(&from), length);
        }
    }

    RawSocket socket_;
    std::vector<Answer> answers_;
    Endpoint endpoint_;
    std::thread thread_;
};

}  // namespace

TEST_CASE("a hostile server's words are escaped, and the built-ins accept nothing but their results") {
    const std::string evil = "evil\x1b]0;pwned\x07\x1b[31mRED\r\nfake line";
    ScriptedServer server({
        [&](ReplyStatus& status, corbel::cdr::Writer& body) {
            status = ReplyStatus::internal_error;
            body.write_string(evil);
        },
        [](ReplyStatus& status, corbel::cdr::Writer& body) {
            status = ReplyStatus::user_exception;
            body.write_string("IDL:Evil/\x1b[2J:1.0");
        },
        [](ReplyStatus&, corbel::cdr::Writer& body) {
            body.write(std::uint32_t{7});
            body.write(std::uint32_t{8});  // one more than a ping answers
        },
        [](ReplyStatus&, corbel::cdr::Writer& body) { body.write_string(std::string(70, '\x1b')); },
    });
    auto client = std::make_shared<Client>(corbel_test::loopback_client());
    const RemoteObjectRef ref{server.endpoint(), 1, 1, "IDL:Bank/Account:1.0"};

    const Reply failed = client->call(ref, corbel::method_id("balance"), corbel::cdr::ByteView());
    try {
        throw_if_system_error(failed);
        FAIL("no exception");
    } catch (const InternalError& error) {
        const std::string what = error.what();
        CHECK(what.find('\x1b') == std::string::npos);
        CHECK(what.find('\r') == std::string::npos);
        CHECK(what.find('\n') == std::string::npos);
        CHECK(what.find("evil\\x1b]0;pwned\\x07") != std::string::npos);
    }
    try {
        client->ping(server.endpoint());
        FAIL("no exception");
    } catch (const UnknownUserException& error) {
        CHECK(error.repository_id() == "IDL:Evil/\x1b[2J:1.0");  // kept as sent, for programs
        CHECK(std::string(error.what()).find('\x1b') == std::string::npos);
    }
    CHECK_THROWS_AS(client->ping(server.endpoint()), corbel::cdr::MarshalError);
    // the statistics text is the server's to choose: it is returned as sent, for the caller to show with care
    CHECK(client->statistics(server.endpoint()) == std::string(70, '\x1b'));
}
