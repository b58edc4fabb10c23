// A blocking UDP socket for the client's blocking call path, which sends and receives on the
// caller's thread: one sendto and one recvfrom per call when the reply is on time.
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/runtime/types.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace corbel::runtime::detail {

class UdpSocket {
public:
    // Binds to `local` (port 0: any free port). Throws std::system_error.
    explicit UdpSocket(Endpoint local);
    ~UdpSocket();
    UdpSocket(const UdpSocket&) = delete;
    UdpSocket& operator=(const UdpSocket&) = delete;

    Endpoint local() const noexcept { return local_; }
    // False if the kernel refused it (the protocol treats that as a loss).
    bool send_to(Endpoint to, cdr::ByteView bytes);

    enum class Received { datagram, timeout };
    struct Receipt {
        Received what = Received::timeout;
        Endpoint from;
        std::size_t size = 0;
        bool truncated = false;  // larger than `capacity`; the first `capacity` bytes are in `buffer`
    };
    // Waits at most about `wait` (never longer) for one datagram.
    Receipt receive(std::uint8_t* buffer, std::size_t capacity, Duration wait);

    // Waits at least this long use SO_RCVTIMEO and a plain blocking recvfrom (two system
    // calls per on-time call); shorter ones need ppoll's precision.
    static constexpr Duration coarse_timeout_floor = std::chrono::milliseconds(10);

private:
    void set_receive_timeout(Duration wait);

    int fd_ = -1;
    Endpoint local_;
    Duration receive_timeout_{};  // what SO_RCVTIMEO is set to; zero = not set
};

}  // namespace corbel::runtime::detail
