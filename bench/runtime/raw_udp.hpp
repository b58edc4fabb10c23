// The floor: blocking UDP ping-pong on loopback, no RPC at all.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace bench {

// Pins the calling thread to `cpu` (-1: leaves it free).
inline void pin_to(int cpu) {
    if (cpu < 0) return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);  // 0: the calling thread
}

inline int bound_socket() {
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("socket");
    return fd;
}

inline std::uint16_t port_of(int fd) {
    sockaddr_in a{};
    socklen_t length = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length);
    return ntohs(a.sin_port);
}

// Answers every datagram with `reply_size` bytes until `stop` is set (checked every 50 ms).
inline void raw_echo_server(int fd, std::size_t reply_size, const std::atomic<bool>& stop) {
    timeval tv{0, 50000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::vector<std::uint8_t> buffer(65536);
    std::vector<std::uint8_t> reply(reply_size, 0x5a);
    while (!stop.load(std::memory_order_relaxed)) {
        sockaddr_in from{};
        socklen_t length = sizeof from;
        const ssize_t got = ::recvfrom(fd, buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&from), &length);
        if (got < 0) continue;
        ::sendto(fd, reply.data(), reply.size(), 0, reinterpret_cast<sockaddr*>(&from), length);
    }
}

class RawClient {
public:
    RawClient(std::uint16_t server_port, std::size_t request_size)
        : fd_(bound_socket()), request_(request_size, 0xa5), buffer_(65536) {
        server_.sin_family = AF_INET;
        server_.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        server_.sin_port = htons(server_port);
        timeval tv{1, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~RawClient() { ::close(fd_); }
    // One send and one receive; a lost datagram (rare on loopback) is sent again after 1 s.
    void round_trip() {
        for (int attempt = 0; attempt < 10; ++attempt) {
            ::sendto(fd_, request_.data(), request_.size(), 0, reinterpret_cast<const sockaddr*>(&server_),
                     sizeof server_);
            if (::recv(fd_, buffer_.data(), buffer_.size(), 0) >= 0) return;
        }
        throw std::runtime_error("the raw echo server does not answer");
    }
    // The same, but looking for the reply without sleeping for up to `poll` first, as a
    // corbel call with CallPolicy::spin does: the floor for that way of waiting.
    void polling_round_trip(std::chrono::nanoseconds poll) {
        ::sendto(fd_, request_.data(), request_.size(), 0, reinterpret_cast<const sockaddr*>(&server_), sizeof server_);
        const auto until = std::chrono::steady_clock::now() + poll;
        do {
            if (::recv(fd_, buffer_.data(), buffer_.size(), MSG_DONTWAIT) >= 0) return;
            ::sched_yield();
        } while (std::chrono::steady_clock::now() < until);
        if (::recv(fd_, buffer_.data(), buffer_.size(), 0) >= 0) return;
        round_trip();
    }

private:
    int fd_;
    sockaddr_in server_{};
    std::vector<std::uint8_t> request_;
    std::vector<std::uint8_t> buffer_;
};

}  // namespace bench
