// A blocking UDP socket, for the paths where a thread waits for datagrams itself instead of
// through an event loop: the client's blocking calls (one sendto and one recvfrom per call
// when the reply is on time) and the server (one recvmmsg and one sendmmsg per batch of
// requests, so a single request costs two system calls, like a bare echo server).
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/runtime/core/datagram.hpp>
#include <corbel/runtime/types.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace corbel::runtime::detail {

// Room for up to `count` datagrams of up to `capacity` bytes each, filled by one
// UdpSocket::receive_batch. A larger datagram is cut to `capacity` and marked truncated.
class ReceiveBatch {
public:
    ReceiveBatch(std::size_t count, std::size_t capacity);

    Endpoint from(std::size_t i) const noexcept;
    cdr::ByteView bytes(std::size_t i) const noexcept;
    bool truncated(std::size_t i) const noexcept;

private:
    friend class UdpSocket;
    std::size_t capacity_;
    // Left uninitialised: a page costs memory only once a datagram lands in it, so the room
    // for 16 of the largest datagrams (1 MiB) is not resident for a server that never needs it.
    std::unique_ptr<std::uint8_t[]> storage_;
    std::vector<sockaddr_in> addresses_;
    std::vector<iovec> buffers_;
    std::vector<mmsghdr> headers_;
};

// The message headers of one send_datagrams, kept by its caller so that threads
// sending batches on one socket need no lock.
class SendBatch {
private:
    friend std::size_t send_datagrams(int, SendBatch&, const core::Datagram*, std::size_t,
                                      const std::function<void()>&);
    std::vector<mmsghdr> headers_;
    std::vector<iovec> buffers_;
    std::vector<sockaddr_in> addresses_;
};

// Sends them all from `fd`, in order, with as few sendmmsg calls as the kernel allows;
// returns how many the kernel refused (the protocol treats those as lost). A network report
// handed to a send (news of an earlier datagram, see network_reports.hpp) is given to
// `on_report`, which must take it, and the datagram goes again, twice at most. `scratch` is
// the caller's: threads with one each may send at once.
std::size_t send_datagrams(int fd, SendBatch& scratch, const core::Datagram* datagrams, std::size_t count,
                           const std::function<void()>& on_report);

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

    // Connects the socket to `peer` (nothing if it is already): a send to it then skips
    // sendto's route lookup, 0.1 to 0.5 us a round trip here, and the kernel drops
    // datagrams from anyone else. For a socket that talks to one peer at a time, with
    // the calls to one peer in a row; it may still send elsewhere. Never undone: a
    // disconnect would give the socket a new port, and so the client a new identity.
    // A socket bound to the wildcard address is left as it is: connecting would pin its
    // source address to the first peer's route (loopback, say), which a later peer
    // elsewhere could not answer.
    void connect_to(Endpoint peer);

    // Has the kernel report, on a socket that is not connected, that a datagram it sent
    // found the destination's port closed (IP_RECVERR): a receive then says Received::refused
    // with that destination as `from`. (A connected socket hears it anyway, of its peer.)
    void hear_refusals();

    // refused: nothing listens at the connected peer's port (the kernel heard an ICMP port
    // unreachable for something this socket sent, perhaps for an earlier call).
    enum class Received { datagram, timeout, refused };
    struct Receipt {
        Received what = Received::timeout;
        Endpoint from;
        std::size_t size = 0;
        bool truncated = false;  // larger than `capacity`; the first `capacity` bytes are in `buffer`
    };
    // Waits at most about `wait` (never longer) for one datagram.
    Receipt receive(std::uint8_t* buffer, std::size_t capacity, Duration wait);
    // Looks for one datagram without sleeping, again and again, until `until` (at least
    // once): a look and a yield of the CPU each time. A datagram that arrives is taken at
    // once, where a sleeping receive would wait for its thread to be woken.
    Receipt poll_receive(std::uint8_t* buffer, std::size_t capacity, TimePoint until);

    // Waits at most about `wait` for a first datagram, then takes, without waiting, those
    // already queued behind it, at most `most` and as many as `batch` holds. Returns how
    // many arrived. With `most` 1 it is a plain recvfrom: a batch costs a second look at
    // the queue (about 0.3 us) even when it comes back empty, and recvmmsg's own 0.2 us.
    std::size_t receive_batch(ReceiveBatch& batch, Duration wait, std::size_t most);
    // The same without sleeping: looks, and yields the CPU, again and again until `until`
    // (at least once), as poll_receive does for one datagram. Returns how many arrived.
    std::size_t poll_batch(ReceiveBatch& batch, TimePoint until, std::size_t most);
    // send_datagrams on this socket; a single datagram goes by send_to.
    std::size_t send_batch(SendBatch& scratch, const core::Datagram* datagrams, std::size_t count);

    // Sets the socket's receive timeout once and for all (throws std::system_error if it
    // cannot): a receive asked to wait longer than `wait` returns after `wait` (its caller
    // loops); a shorter wait is spent in ppoll. Then several threads may receive at once,
    // each with its own wait, which a timeout changed per receive (one per socket) would
    // mix up.
    void fix_receive_timeout(Duration wait);

    // Waits at least this long use SO_RCVTIMEO and a plain blocking recvfrom (two system
    // calls per on-time call); shorter ones need ppoll's precision.
    static constexpr Duration coarse_timeout_floor = std::chrono::milliseconds(10);

private:
    void set_receive_timeout(Duration wait);
    bool apply_receive_timeout(Duration wait);  // the setsockopt; false if refused
    // Readies the receive that follows to wait at most about `wait`. A long wait is left to
    // the receive itself (SO_RCVTIMEO); a short one is spent in ppoll here, and the receive
    // then must not block (MSG_DONTWAIT is added to `flags`). False: nothing to receive.
    bool wait_readable(Duration wait, int& flags);
    // One recvfrom (`most` 1) or recvmmsg with `flags` into `batch`; how many arrived.
    std::size_t take_batch(ReceiveBatch& batch, std::size_t most, int flags);
    // One recv (connected) or recvfrom with `flags` and MSG_TRUNC.
    Receipt receive_with(std::uint8_t* buffer, std::size_t capacity, int flags);
    // After a network report (ECONNREFUSED and the like): the destination that refused, the
    // connected peer or, with hear_refusals(), the latest that the error queue names. The
    // queue is emptied either way, since what it holds counts against the receive buffer.
    std::optional<Endpoint> take_refusal();

    int fd_ = -1;
    Endpoint local_;
    Duration receive_timeout_{};  // what SO_RCVTIMEO is set to; zero = not set
    bool receive_timeout_fixed_ = false;
    std::optional<Endpoint> connected_;
    bool hears_refusals_ = false;
};

}  // namespace corbel::runtime::detail
