#include "udp_socket.hpp"

#include "network_reports.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <system_error>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace corbel::runtime::detail {
namespace {

sockaddr_in to_sockaddr(Endpoint e) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(e.address);
    a.sin_port = htons(e.port);
    return a;
}

Endpoint from_sockaddr(const sockaddr_in& a) { return {ntohl(a.sin_addr.s_addr), ntohs(a.sin_port)}; }

// What a receive given MSG_TRUNC kept of a datagram of `length` bytes, and whether that was all.
struct Kept {
    std::size_t size;
    bool truncated;
};
Kept kept_of(ssize_t length, std::size_t capacity) {
    const bool truncated = static_cast<std::size_t>(length) > capacity;
    return {truncated ? capacity : static_cast<std::size_t>(length), truncated};
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
    local_ = from_sockaddr(a);
}

UdpSocket::~UdpSocket() {
    if (fd_ >= 0) ::close(fd_);
}

bool UdpSocket::send_to(Endpoint to, cdr::ByteView bytes) {
    const bool connected = connected_ == to;
    const sockaddr_in a = to_sockaddr(to);
    for (int attempt = 0; attempt < 3; ++attempt) {
        const ssize_t sent = connected ? ::send(fd_, bytes.data, bytes.size, 0)
                                       : ::sendto(fd_, bytes.data, bytes.size, 0, reinterpret_cast<const sockaddr*>(&a), sizeof a);
        if (sent >= 0) return true;
        // News of an earlier datagram (its destination's port closed, say), handed to this
        // send instead of a receive: this datagram was not sent, so it goes again.
        if (is_network_report(errno)) {
            take_refusal();
            continue;
        }
        if (errno != EINTR) return false;
    }
    return false;
}

void UdpSocket::hear_refusals() { hears_refusals_ = ask_for_network_reports(fd_); }

std::optional<Endpoint> UdpSocket::take_refusal() {
    if (!hears_refusals_) return connected_;
    const std::vector<Endpoint> refused = take_network_reports(fd_);
    if (!refused.empty()) return refused.back();
    return connected_;
}

void UdpSocket::connect_to(Endpoint peer) {
    if (connected_ == peer || local_.address == 0) return;
    const sockaddr_in a = to_sockaddr(peer);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0) {
        connected_ = peer;
    } else {
        connected_.reset();  // unreachable: its sends will fail the same way, and count as lost
    }
}

bool UdpSocket::apply_receive_timeout(Duration wait) {
    const auto micros = std::max<std::int64_t>(1, std::chrono::duration_cast<std::chrono::microseconds>(wait).count());
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(micros / 1000000);
    tv.tv_usec = static_cast<suseconds_t>(micros % 1000000);
    if (::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0) return false;
    receive_timeout_ = std::chrono::microseconds(micros);
    return true;
}

void UdpSocket::set_receive_timeout(Duration wait) {
    // SO_RCVTIMEO costs a system call, so it is changed only when the wait must be shorter
    // than what is set, or is much longer (a shorter timeout only makes the caller loop).
    if (receive_timeout_fixed_) return;
    if (receive_timeout_ != Duration::zero() && wait >= receive_timeout_ && wait <= receive_timeout_ * 4) return;
    apply_receive_timeout(wait);
}

void UdpSocket::fix_receive_timeout(Duration wait) {
    // Unset, every receive would block until a datagram came: a timer would never fire.
    if (!apply_receive_timeout(wait)) throw std::system_error(errno, std::generic_category(), "setsockopt SO_RCVTIMEO");
    receive_timeout_fixed_ = true;
}

bool UdpSocket::wait_readable(Duration wait, int& flags) {
    if (wait <= Duration::zero()) return false;
    const bool timeout_fits = receive_timeout_fixed_ ? wait >= receive_timeout_ : wait >= coarse_timeout_floor;
    if (timeout_fits) {
        set_receive_timeout(wait);  // the receive itself waits
        return true;
    }
    // SO_RCVTIMEO counts in scheduler ticks (up to 10 ms each), far too coarse for the
    // few-millisecond timeouts of a loopback-tuned policy: wait with ppoll instead, at the
    // price of a third system call.
    const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(wait).count();
    const timespec ts{static_cast<time_t>(nanos / 1000000000), static_cast<long>(nanos % 1000000000)};
    pollfd p{fd_, POLLIN, 0};
    if (::ppoll(&p, 1, &ts, nullptr) != 1) return false;
    flags |= MSG_DONTWAIT;
    return true;
}

UdpSocket::Receipt UdpSocket::receive(std::uint8_t* buffer, std::size_t capacity, Duration wait) {
    int flags = 0;
    if (!wait_readable(wait, flags)) return {};
    return receive_with(buffer, capacity, flags);
}

UdpSocket::Receipt UdpSocket::poll_receive(std::uint8_t* buffer, std::size_t capacity, TimePoint until) {
    do {
        const Receipt receipt = receive_with(buffer, capacity, MSG_DONTWAIT);
        if (receipt.what != Received::timeout) return receipt;
        // A thread waiting for this CPU, the server perhaps, runs first.
        ::sched_yield();
    } while (Clock::now() < until);
    return {};
}

UdpSocket::Receipt UdpSocket::receive_with(std::uint8_t* buffer, std::size_t capacity, int flags) {
    Receipt receipt;
    flags |= MSG_TRUNC;  // the call then returns the datagram's real length: truncation shows
    sockaddr_in from{};
    socklen_t length = sizeof from;
    // A connected socket hears only its peer, so the source need not be copied out.
    const ssize_t got = connected_ ? ::recv(fd_, buffer, capacity, flags)
                                   : ::recvfrom(fd_, buffer, capacity, flags, reinterpret_cast<sockaddr*>(&from), &length);
    if (got < 0) {
        const int error = errno;
        if (is_network_report(error)) {
            // Taken even when it is not a refusal, so that reports do not pile up in the error queue.
            const std::optional<Endpoint> refused = take_refusal();
            if (error == ECONNREFUSED && refused) {
                receipt.what = Received::refused;
                receipt.from = *refused;
            }
        }
        return receipt;  // otherwise EAGAIN (timeout), EINTR or another report: all "nothing yet"
    }
    receipt.what = Received::datagram;
    receipt.from = connected_ ? *connected_ : from_sockaddr(from);
    const Kept kept = kept_of(got, capacity);
    receipt.size = kept.size;
    receipt.truncated = kept.truncated;
    return receipt;
}

ReceiveBatch::ReceiveBatch(std::size_t count, std::size_t capacity)
    : capacity_(capacity),
      storage_(new std::uint8_t[count * capacity]),
      addresses_(count),
      buffers_(count),
      headers_(count) {
    for (std::size_t i = 0; i < count; ++i) {
        buffers_[i] = {storage_.get() + i * capacity, capacity};
        headers_[i] = {};
        headers_[i].msg_hdr.msg_name = &addresses_[i];
        headers_[i].msg_hdr.msg_namelen = sizeof(sockaddr_in);
        headers_[i].msg_hdr.msg_iov = &buffers_[i];
        headers_[i].msg_hdr.msg_iovlen = 1;
    }
}

Endpoint ReceiveBatch::from(std::size_t i) const noexcept { return from_sockaddr(addresses_[i]); }

// recvmmsg is not given MSG_TRUNC, so msg_len counts only what fit (receive_batch sets it
// so for a single recvfrom too).
cdr::ByteView ReceiveBatch::bytes(std::size_t i) const noexcept { return {storage_.get() + i * capacity_, headers_[i].msg_len}; }

bool ReceiveBatch::truncated(std::size_t i) const noexcept { return (headers_[i].msg_hdr.msg_flags & MSG_TRUNC) != 0; }

std::size_t UdpSocket::receive_batch(ReceiveBatch& batch, Duration wait, std::size_t most) {
    int flags = MSG_WAITFORONE;  // block for the first only, then take what is queued
    if (!wait_readable(wait, flags)) return 0;
    return take_batch(batch, most, flags);
}

std::size_t UdpSocket::poll_batch(ReceiveBatch& batch, TimePoint until, std::size_t most) {
    do {
        if (const std::size_t got = take_batch(batch, most, MSG_DONTWAIT); got > 0) return got;
        // A thread waiting for this CPU, a client perhaps, runs first.
        ::sched_yield();
    } while (Clock::now() < until);
    return 0;
}

std::size_t UdpSocket::take_batch(ReceiveBatch& batch, std::size_t most, int flags) {
    const std::size_t room = std::clamp<std::size_t>(most, 1, batch.headers_.size());
    // The kernel rewrites the name length and flags of the headers it fills.
    for (std::size_t i = 0; i < room; ++i) {
        msghdr& h = batch.headers_[i].msg_hdr;
        h.msg_namelen = sizeof(sockaddr_in);
        h.msg_flags = 0;
    }
    // EAGAIN (timeout), EINTR, or an ICMP error: all "nothing yet". The socket is IPv4: so is every peer.
    if (room == 1) {
        // recvfrom: recvmmsg costs about 0.2 us more for one datagram, and recvmsg has a
        // message header to copy in. With MSG_TRUNC it returns the datagram's real length.
        msghdr& h = batch.headers_[0].msg_hdr;
        socklen_t length = sizeof(sockaddr_in);
        const ssize_t got = ::recvfrom(fd_, h.msg_iov[0].iov_base, batch.capacity_, (flags & ~MSG_WAITFORONE) | MSG_TRUNC,
                                       static_cast<sockaddr*>(h.msg_name), &length);
        if (got < 0) return 0;
        const Kept kept = kept_of(got, batch.capacity_);
        h.msg_flags = kept.truncated ? MSG_TRUNC : 0;
        batch.headers_[0].msg_len = static_cast<unsigned>(kept.size);
        return 1;
    }
    const int got = ::recvmmsg(fd_, batch.headers_.data(), static_cast<unsigned>(room), flags, nullptr);
    return got > 0 ? static_cast<std::size_t>(got) : 0;
}

std::size_t UdpSocket::send_batch(SendBatch& scratch, const core::Datagram* datagrams, std::size_t count) {
    if (count == 1) return send_to(datagrams[0].peer, datagrams[0].bytes.view()) ? 0 : 1;
    return send_datagrams(fd_, scratch, datagrams, count, [this] { take_refusal(); });
}

std::size_t send_datagrams(int fd, SendBatch& scratch, const core::Datagram* datagrams, std::size_t count,
                           const std::function<void()>& on_report) {
    if (count == 0) return 0;
    scratch.headers_.assign(count, mmsghdr{});
    scratch.buffers_.resize(count);
    scratch.addresses_.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        scratch.addresses_[i] = to_sockaddr(datagrams[i].peer);
        scratch.buffers_[i] = {const_cast<std::uint8_t*>(datagrams[i].bytes.data()), datagrams[i].bytes.size()};
        msghdr& h = scratch.headers_[i].msg_hdr;
        h.msg_name = &scratch.addresses_[i];
        h.msg_namelen = sizeof(sockaddr_in);
        h.msg_iov = &scratch.buffers_[i];
        h.msg_iovlen = 1;
    }
    std::size_t failures = 0;
    std::size_t next = 0;
    int reports_for_next = 0;
    while (next < count) {
        const int sent = ::sendmmsg(fd, scratch.headers_.data() + next, static_cast<unsigned>(count - next), 0);
        if (sent > 0) {
            next += static_cast<std::size_t>(sent);
            reports_for_next = 0;
        } else if (sent < 0 && errno == EINTR) {
            continue;
        } else if (sent < 0 && is_network_report(errno) && reports_for_next < 2) {
            // News of an earlier datagram, handed to this send: the datagram was not sent.
            ++reports_for_next;
            on_report();
        } else {
            ++failures;  // the first of the rest was refused: count it lost and go on
            ++next;
            reports_for_next = 0;
        }
    }
    return failures;
}

}  // namespace corbel::runtime::detail
