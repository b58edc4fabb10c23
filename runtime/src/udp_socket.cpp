#include "udp_socket.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <system_error>
#include <unistd.h>

#include <chrono>

namespace corbel::runtime::detail {
namespace {

sockaddr_in to_sockaddr(Endpoint e) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(e.address);
    a.sin_port = htons(e.port);
    return a;
}

}  // namespace

UdpSocket::UdpSocket(Endpoint local) {
    fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "socket");
    sockaddr_in a = to_sockaddr(local);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        const int error = errno;
        ::close(fd_);
        throw std::system_error(error, std::generic_category(), "bind " + local.to_string());
    }
    socklen_t length = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &length);
    local_ = {ntohl(a.sin_addr.s_addr), ntohs(a.sin_port)};
}

UdpSocket::~UdpSocket() {
    if (fd_ >= 0) ::close(fd_);
}

bool UdpSocket::send_to(Endpoint to, cdr::ByteView bytes) {
    const sockaddr_in a = to_sockaddr(to);
    for (int attempt = 0; attempt < 3; ++attempt) {
        const ssize_t sent = ::sendto(fd_, bytes.data, bytes.size, 0, reinterpret_cast<const sockaddr*>(&a), sizeof a);
        if (sent >= 0) return true;
        if (errno != EINTR) return false;
    }
    return false;
}

void UdpSocket::set_receive_timeout(Duration wait) {
    // SO_RCVTIMEO costs a system call, so it is changed only when the wait must be shorter
    // than what is set, or is much longer (a shorter timeout only makes the caller loop).
    if (receive_timeout_ != Duration::zero() && wait >= receive_timeout_ && wait <= receive_timeout_ * 4) return;
    const auto micros = std::max<std::int64_t>(1, std::chrono::duration_cast<std::chrono::microseconds>(wait).count());
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(micros / 1000000);
    tv.tv_usec = static_cast<suseconds_t>(micros % 1000000);
    if (::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0) {
        receive_timeout_ = std::chrono::microseconds(micros);
    }
}

UdpSocket::Receipt UdpSocket::receive(std::uint8_t* buffer, std::size_t capacity, Duration wait) {
    Receipt receipt;
    if (wait <= Duration::zero()) return receipt;
    int flags = MSG_TRUNC;  // recvfrom then returns the datagram's real length: truncation shows
    if (wait < coarse_timeout_floor) {
        // SO_RCVTIMEO counts in scheduler ticks (up to 10 ms each), far too coarse for the
        // few-millisecond timeouts of a loopback-tuned policy: wait with ppoll instead, at
        // the price of a third system call.
        const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(wait).count();
        const timespec ts{static_cast<time_t>(nanos / 1000000000), static_cast<long>(nanos % 1000000000)};
        pollfd p{fd_, POLLIN, 0};
        if (::ppoll(&p, 1, &ts, nullptr) != 1) return receipt;
        flags |= MSG_DONTWAIT;
    } else {
        set_receive_timeout(wait);
    }
    sockaddr_in from{};
    socklen_t length = sizeof from;
    const ssize_t got = ::recvfrom(fd_, buffer, capacity, flags, reinterpret_cast<sockaddr*>(&from), &length);
    if (got < 0) return receipt;  // EAGAIN (timeout), EINTR, or an ICMP error: all "nothing yet"
    receipt.what = Received::datagram;
    receipt.from = {ntohl(from.sin_addr.s_addr), ntohs(from.sin_port)};
    receipt.truncated = static_cast<std::size_t>(got) > capacity;
    receipt.size = receipt.truncated ? capacity : static_cast<std::size_t>(got);
    return receipt;
}

}  // namespace corbel::runtime::detail
