#include "uv_endpoint.hpp"

#include "network_reports.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <chrono>
#include <system_error>
#include <utility>

namespace corbel::runtime::detail {
namespace {

// One byte more than the largest UDP payload would be enough to see truncation; libuv
// reports it with UV_UDP_PARTIAL anyway. 64 KiB covers every datagram IPv4 can carry.
constexpr std::size_t receive_buffer_size = 65536;

[[noreturn]] void fail(int uv_error, const std::string& what) {
    throw std::system_error(-uv_error, std::generic_category(), what + ": " + uv_strerror(uv_error));
}

}  // namespace

UvEndpoint::UvEndpoint(Endpoint bind, Handler& handler) : handler_(handler), receive_buffer_(receive_buffer_size) {
    int rc = uv_loop_init(&loop_);
    if (rc != 0) fail(rc, "uv_loop_init");
    uv_udp_init(&loop_, &udp_);
    uv_timer_init(&loop_, &timer_);
    uv_async_init(&loop_, &async_, &UvEndpoint::on_async);
    udp_.data = timer_.data = async_.data = this;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(bind.address);
    address.sin_port = htons(bind.port);
    rc = uv_udp_bind(&udp_, reinterpret_cast<const sockaddr*>(&address), 0);
    if (rc == 0) {
        int length = sizeof address;
        rc = uv_udp_getsockname(&udp_, reinterpret_cast<sockaddr*>(&address), &length);
    }
    if (rc != 0) {
        uv_close(reinterpret_cast<uv_handle_t*>(&udp_), nullptr);
        uv_close(reinterpret_cast<uv_handle_t*>(&timer_), nullptr);
        uv_close(reinterpret_cast<uv_handle_t*>(&async_), nullptr);
        uv_run(&loop_, UV_RUN_DEFAULT);
        uv_loop_close(&loop_);
        fail(rc, "bind " + bind.to_string());
    }
    local_ = {ntohl(address.sin_addr.s_addr), ntohs(address.sin_port)};
    uv_os_fd_t fd = -1;
    if (uv_fileno(reinterpret_cast<const uv_handle_t*>(&udp_), &fd) == 0) ask_for_network_reports(fd);
}

UvEndpoint::~UvEndpoint() {
    stop_and_join();
    // Handles are members of this object: they may only go once their close callbacks ran.
    uv_close(reinterpret_cast<uv_handle_t*>(&udp_), nullptr);
    uv_close(reinterpret_cast<uv_handle_t*>(&timer_), nullptr);
    uv_close(reinterpret_cast<uv_handle_t*>(&async_), nullptr);
    uv_run(&loop_, UV_RUN_DEFAULT);
    uv_loop_close(&loop_);
}

void UvEndpoint::run() {
    uv_udp_recv_start(&udp_, &UvEndpoint::on_alloc, &UvEndpoint::on_receive);
    rearm_timer();
    if (!stopping_.load()) uv_run(&loop_, UV_RUN_DEFAULT);
    uv_udp_recv_stop(&udp_);
}

void UvEndpoint::start_thread() {
    thread_ = std::thread([this] { run(); });
}

void UvEndpoint::stop() {
    if (!stopping_.exchange(true)) uv_async_send(&async_);
}

void UvEndpoint::stop_and_join() {
    stop();
    if (thread_.joinable()) thread_.join();
}

void UvEndpoint::wake() { uv_async_send(&async_); }

bool UvEndpoint::send(Endpoint to, cdr::ByteView bytes) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(to.address);
    address.sin_port = htons(to.port);
    uv_buf_t buffer = uv_buf_init(const_cast<char*>(reinterpret_cast<const char*>(bytes.data)),
                                  static_cast<unsigned>(bytes.size));
    // A datagram either leaves at once or is lost: queueing it would need memory per
    // datagram, and the protocol already recovers from loss.
    for (int attempt = 0; attempt < 3; ++attempt) {
        const int rc = uv_udp_try_send(&udp_, &buffer, 1, reinterpret_cast<const sockaddr*>(&address));
        if (rc >= 0) return true;
        // A report about an earlier datagram, handed to this send: it was not sent, so it goes again.
        if (!is_network_report(-rc)) return false;
        take_reports();
    }
    return false;
}

void UvEndpoint::take_reports() {
    uv_os_fd_t fd = -1;
    if (uv_fileno(reinterpret_cast<const uv_handle_t*>(&udp_), &fd) != 0) return;
    for (const Endpoint& refused : take_network_reports(fd)) refusals_.push_back(refused);
}

void UvEndpoint::deliver_refusals_and_rearm() {
    // A refusal makes a call send again, which may bring a refusal back: each call hears at
    // most two before it ends (ClientCore::on_refused), and the rounds are bounded besides.
    for (int round = 0; round < 64 && !refusals_.empty(); ++round) {
        const std::vector<Endpoint> heard = std::exchange(refusals_, {});
        for (const Endpoint& destination : heard) handler_.on_refused(Clock::now(), destination);
    }
    refusals_.clear();
    rearm_timer();
}

void UvEndpoint::on_alloc(uv_handle_t* handle, size_t, uv_buf_t* buf) {
    auto* self = static_cast<UvEndpoint*>(handle->data);
    *buf = uv_buf_init(self->receive_buffer_.data(), static_cast<unsigned>(self->receive_buffer_.size()));
}

void UvEndpoint::on_receive(uv_udp_t* udp, ssize_t nread, const uv_buf_t* buf, const sockaddr* addr, unsigned flags) {
    auto* self = static_cast<UvEndpoint*>(udp->data);
    // nread == 0 with no address: libuv hands the buffer back, no datagram. nread < 0: a
    // socket error, most likely a network report, whose queue is taken.
    if (nread < 0) {
        if (is_network_report(static_cast<int>(-nread))) self->take_reports();
        self->deliver_refusals_and_rearm();
        return;
    }
    if (addr == nullptr || addr->sa_family != AF_INET) return;
    const auto* from4 = reinterpret_cast<const sockaddr_in*>(addr);
    const Endpoint from{ntohl(from4->sin_addr.s_addr), ntohs(from4->sin_port)};
    const cdr::ByteView bytes(reinterpret_cast<const std::uint8_t*>(buf->base), static_cast<std::size_t>(nread));
    self->handler_.on_datagram(Clock::now(), from, bytes, (flags & UV_UDP_PARTIAL) != 0);
    self->deliver_refusals_and_rearm();
}

void UvEndpoint::on_timer_fired(uv_timer_t* timer) {
    auto* self = static_cast<UvEndpoint*>(timer->data);
    self->handler_.on_timer(Clock::now());
    self->deliver_refusals_and_rearm();
}

void UvEndpoint::on_async(uv_async_t* async) {
    auto* self = static_cast<UvEndpoint*>(async->data);
    if (self->stopping_.load()) {
        uv_stop(&self->loop_);
        return;
    }
    self->handler_.on_wake(Clock::now());
    self->deliver_refusals_and_rearm();
}

void UvEndpoint::rearm_timer() {
    const std::optional<TimePoint> expiry = handler_.next_expiry();
    if (!expiry) {
        uv_timer_stop(&timer_);
        return;
    }
    const auto now = Clock::now();
    // libuv timers count whole milliseconds; round up so the handler is never woken early.
    const auto wait = *expiry <= now ? std::chrono::milliseconds(0)
                                     : std::chrono::ceil<std::chrono::milliseconds>(*expiry - now);
    uv_timer_start(&timer_, &UvEndpoint::on_timer_fired, static_cast<std::uint64_t>(wait.count()), 0);
}

}  // namespace corbel::runtime::detail
