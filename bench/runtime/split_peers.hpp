// Two half-corbel peers that split corbel's time over the raw floor into the client's share
// and the server's:
//   - a reflecting server answers corbel requests by copying bytes, at a raw echo server's
//     cost, so a corbel client calling it costs what corbel's client side adds;
//   - a request-bytes client sends ready-made corbel requests from a raw socket, so a corbel
//     server answering it costs what corbel's server side adds.
// They speak the wire format (core/wire_layout.hpp) in the host's byte order.
#pragma once

#include "raw_udp.hpp"

#include <corbel/cdr/buffer.hpp>
#include <corbel/runtime/core/message.hpp>
#include <corbel/runtime/core/wire_layout.hpp>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <vector>

namespace bench {

namespace wire {
using namespace corbel::runtime::core::wire;
constexpr std::uint8_t reply_type = static_cast<std::uint8_t>(corbel::runtime::core::MessageType::reply);
constexpr std::size_t reply_body_at = aligned_to_body(reply_status_at + 1);
}  // namespace wire

// Answers each request with an ok reply, on a thread of its own pinned to `cpu` (-1: not
// pinned). With `echo_arguments` the results are the request's arguments, which is what an
// echo returns: both are CDR streams whose origin is their first byte.
class ReflectingServer {
public:
    ReflectingServer(int cpu, bool echo_arguments) : fd_(bound_socket()) {
        timeval tv{0, 50000};  // how often the thread looks at its stop flag
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        thread_ = std::thread([this, cpu, echo_arguments] {
            pin_to(cpu);
            serve(echo_arguments);
        });
    }
    ~ReflectingServer() {
        stop_ = true;
        thread_.join();
        ::close(fd_);
    }
    ReflectingServer(const ReflectingServer&) = delete;
    ReflectingServer& operator=(const ReflectingServer&) = delete;

    std::uint16_t port() const { return port_of(fd_); }

private:
    void serve(bool echo_arguments) {
        std::vector<std::uint8_t> request(65536);
        std::vector<std::uint8_t> reply(65536);
        while (!stop_.load(std::memory_order_relaxed)) {
            sockaddr_in from{};
            socklen_t length = sizeof from;
            const ssize_t got =
                ::recvfrom(fd_, request.data(), request.size(), 0, reinterpret_cast<sockaddr*>(&from), &length);
            if (got < static_cast<ssize_t>(wire::repository_id_at + 4)) continue;
            const std::size_t size = static_cast<std::size_t>(got);
            std::uint32_t id_length = 0;
            std::memcpy(&id_length, &request[wire::repository_id_at], sizeof id_length);
            const std::size_t arguments = wire::aligned_to_body(wire::repository_id_at + 4 + id_length);
            if (arguments > size) continue;
            const std::size_t results = echo_arguments ? size - arguments : 0;
            std::memcpy(reply.data(), request.data(), corbel::runtime::core::header_size);
            reply[wire::message_type_at] = wire::reply_type;
            std::memset(&reply[wire::reply_status_at], 0, wire::reply_body_at - wire::reply_status_at);
            std::memcpy(&reply[wire::reply_body_at], &request[arguments], results);
            ::sendto(fd_, reply.data(), wire::reply_body_at + results, 0, reinterpret_cast<sockaddr*>(&from),
                     length);
        }
    }

    int fd_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

// Sends one encoded request over and over, each time as a new one (the next requestId, so
// the server executes it and keeps its reply, as for a real client), and waits for an ok
// reply to it.
class RequestBytesClient {
public:
    RequestBytesClient(std::uint16_t server_port, corbel::cdr::ByteView request)
        : fd_(bound_socket()), request_(request.data, request.data + request.size), reply_(65536) {
        if (request_.size() < wire::repository_id_at) throw std::invalid_argument("not a corbel request");
        // Not connected, like RawClient's socket: the two differ only in the server they call.
        server_.sin_family = AF_INET;
        server_.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        server_.sin_port = htons(server_port);
        timeval tv{1, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        std::memcpy(&request_id_, &request_[wire::request_id_at], sizeof request_id_);
    }
    ~RequestBytesClient() { ::close(fd_); }
    RequestBytesClient(const RequestBytesClient&) = delete;
    RequestBytesClient& operator=(const RequestBytesClient&) = delete;

    // A lost datagram (rare on loopback) is sent again after 1 s, with the same requestId.
    void round_trip() {
        ++request_id_;
        std::memcpy(&request_[wire::request_id_at], &request_id_, sizeof request_id_);
        for (int attempt = 0; attempt < 10; ++attempt) {
            ::sendto(fd_, request_.data(), request_.size(), 0, reinterpret_cast<const sockaddr*>(&server_),
                     sizeof server_);
            const ssize_t got = ::recv(fd_, reply_.data(), reply_.size(), 0);
            if (got < static_cast<ssize_t>(wire::reply_body_at)) continue;
            std::uint32_t answered = 0;
            std::memcpy(&answered, &reply_[wire::request_id_at], sizeof answered);
            if (answered != request_id_) continue;  // a late reply to an earlier request
            if (reply_[wire::message_type_at] != wire::reply_type || reply_[wire::reply_status_at] != 0) {
                throw std::runtime_error("the corbel server answered a request-bytes client with an error");
            }
            return;
        }
        throw std::runtime_error("the corbel server does not answer a request-bytes client");
    }

private:
    int fd_;
    sockaddr_in server_{};
    std::vector<std::uint8_t> request_;
    std::vector<std::uint8_t> reply_;
    std::uint32_t request_id_ = 0;
};

}  // namespace bench
