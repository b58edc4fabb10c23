#include "uv_endpoint.hpp"

#include "network_reports.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>

#include <chrono>
#include <system_error>
#include <utility>

namespace corbel::runtime::detail {
namespace {

// libuv's recvmmsg takes up to 20 datagrams at once, each into a 64 KiB slice of the buffer
// (so none is ever truncated: an IPv4 datagram carries less). Left uninitialised, the buffer
// costs memory only for the pages datagrams land in: the first of each slice, mostly.
constexpr std::size_t receive_slice = 64 * 1024;
constexpr std::size_t receive_buffer_size = 20 * receive_slice;

[[noreturn]] void fail(int uv_error, const std::string& what) {
    throw std::system_error(-uv_error, std::generic_category(), what + ": " + uv_strerror(uv_error));
}

}  // namespace

UvEndpoint::UvEndpoint(Endpoint bind, Handler& handler)
    : handler_(handler), receive_buffer_(new char[receive_buffer_size]) {
    int rc = uv_loop_init(&loop_);
    if (rc != 0) fail(rc, "uv_loop_init");
    rc = uv_udp_init_ex(&loop_, &udp_, AF_INET | UV_UDP_RECVMMSG);
    if (rc != 0) {
        uv_loop_close(&loop_);
        fail(rc, "uv_udp_init_ex");
    }
    uv_timer_init(&loop_, &timer_);
    uv_async_init(&loop_, &async_, &UvEndpoint::on_async);
    uv_prepare_init(&loop_, &before_io_);
    uv_check_init(&loop_, &after_io_);
    udp_.data = timer_.data = async_.data = before_io_.data = after_io_.data = this;
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
        close_handles();
        fail(rc, "bind " + bind.to_string());
    }
    local_ = {ntohl(address.sin_addr.s_addr), ntohs(address.sin_port)};
    uv_os_fd_t fd = -1;
    if (uv_fileno(reinterpret_cast<const uv_handle_t*>(&udp_), &fd) == 0) ask_for_network_reports(fd);
}

UvEndpoint::~UvEndpoint() {
    stop_and_join();
    close_handles();
}

void UvEndpoint::close_handles() {
    // Handles are members of this object: they may only go once their close callbacks ran.
    for (uv_handle_t* handle : {reinterpret_cast<uv_handle_t*>(&udp_), reinterpret_cast<uv_handle_t*>(&timer_),
                                reinterpret_cast<uv_handle_t*>(&async_), reinterpret_cast<uv_handle_t*>(&before_io_),
                                reinterpret_cast<uv_handle_t*>(&after_io_)}) {
        uv_close(handle, nullptr);
    }
    uv_run(&loop_, UV_RUN_DEFAULT);
    uv_loop_close(&loop_);
}

void UvEndpoint::run() {
    uv_udp_recv_start(&udp_, &UvEndpoint::on_alloc, &UvEndpoint::on_receive);
    uv_prepare_start(&before_io_, [](uv_prepare_t* p) { on_turn_end(reinterpret_cast<uv_handle_t*>(p)); });
    uv_check_start(&after_io_, [](uv_check_t* c) { on_turn_end(reinterpret_cast<uv_handle_t*>(c)); });
    rearm_timer();
    if (!stopping_.load()) uv_run(&loop_, UV_RUN_DEFAULT);
    uv_udp_recv_stop(&udp_);
    uv_prepare_stop(&before_io_);
    uv_check_stop(&after_io_);
}

void UvEndpoint::start_thread() {
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "corbel-async");  // for top -H, perf and gdb
        run();
    });
    // Read on the loop thread only after a submission that follows this (under its lock).
    loop_thread_ = thread_.get_id();
}

void UvEndpoint::stop() {
    if (!stopping_.exchange(true)) uv_async_send(&async_);
}

void UvEndpoint::stop_and_join() {
    stop();
    if (thread_.joinable()) thread_.join();
}

void UvEndpoint::wake() { uv_async_send(&async_); }

std::size_t UvEndpoint::send_batch(const core::Datagram* datagrams, std::size_t count) {
    uv_os_fd_t fd = -1;
    if (uv_fileno(reinterpret_cast<const uv_handle_t*>(&udp_), &fd) != 0) return count;
    // A datagram either leaves at once or is lost: queueing it would need memory per
    // datagram, and the protocol already recovers from loss.
    return send_datagrams(fd, sending_, datagrams, count, [this] { take_reports(); });
}

void UvEndpoint::take_reports() {
    uv_os_fd_t fd = -1;
    if (uv_fileno(reinterpret_cast<const uv_handle_t*>(&udp_), &fd) != 0) return;
    for (const Endpoint& refused : take_network_reports(fd)) refusals_.push_back(refused);
}

void UvEndpoint::settle_turn() {
    unsettled_ = false;
    // A refusal makes a call send again, which may bring a refusal back: each call hears at
    // most two before it ends (ClientCore::on_refused), and the rounds are bounded besides.
    handler_.settle(Clock::now());
    for (int round = 0; round < 64 && !refusals_.empty(); ++round) {
        const std::vector<Endpoint> heard = std::exchange(refusals_, {});
        for (const Endpoint& destination : heard) handler_.on_refused(Clock::now(), destination);
        handler_.settle(Clock::now());
    }
    refusals_.clear();
    rearm_timer();
}

void UvEndpoint::on_turn_end(uv_handle_t* handle) {
    auto* self = static_cast<UvEndpoint*>(handle->data);
    if (self->unsettled_) self->settle_turn();
}

void UvEndpoint::on_alloc(uv_handle_t* handle, size_t, uv_buf_t* buf) {
    auto* self = static_cast<UvEndpoint*>(handle->data);
    *buf = uv_buf_init(self->receive_buffer_.get(), static_cast<unsigned>(receive_buffer_size));
}

void UvEndpoint::on_receive(uv_udp_t* udp, ssize_t nread, const uv_buf_t* buf, const sockaddr* addr, unsigned flags) {
    auto* self = static_cast<UvEndpoint*>(udp->data);
    // nread == 0 with no address: libuv hands the buffer back, no datagram. nread < 0: a
    // socket error, most likely a network report, whose queue is taken.
    if (nread < 0) {
        if (is_network_report(static_cast<int>(-nread))) self->take_reports();
        self->unsettled_ = true;
        return;
    }
    if (addr == nullptr || addr->sa_family != AF_INET) return;
    const auto* from4 = reinterpret_cast<const sockaddr_in*>(addr);
    const Endpoint from{ntohl(from4->sin_addr.s_addr), ntohs(from4->sin_port)};
    const cdr::ByteView bytes(reinterpret_cast<const std::uint8_t*>(buf->base), static_cast<std::size_t>(nread));
    self->handler_.on_datagram(Clock::now(), from, bytes, (flags & UV_UDP_PARTIAL) != 0);
    self->unsettled_ = true;
}

void UvEndpoint::on_timer_fired(uv_timer_t* timer) {
    auto* self = static_cast<UvEndpoint*>(timer->data);
    self->handler_.on_timer(Clock::now());
    self->unsettled_ = true;
}

void UvEndpoint::on_async(uv_async_t* async) {
    auto* self = static_cast<UvEndpoint*>(async->data);
    if (self->stopping_.load()) {
        uv_stop(&self->loop_);
        return;
    }
    self->handler_.on_wake(Clock::now());
    self->unsettled_ = true;
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
