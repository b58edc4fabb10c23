#include <corbel/runtime/request_endpoint.hpp>

#include "udp_socket.hpp"

#include <vector>

namespace corbel::runtime {

struct RequestEndpoint::Impl {
    Impl(Endpoint bind, core::ServerCoreConfig config) : socket(bind), core(config), buffer(max_udp_payload + 1) {}

    void send_queued() {
        while (core.pop_outgoing(sending)) {
            if (!socket.send_to(sending.peer, sending.bytes.view())) ++core.mutable_counters().send_failures;
        }
        core.remember_sent();
    }

    detail::UdpSocket socket;
    core::ServerCore core;
    std::vector<std::uint8_t> buffer;
    core::Datagram sending;  // its buffer goes round with the core's queue
};

RequestEndpoint::RequestEndpoint(const std::string& address, std::uint16_t port, core::ServerCoreConfig config)
    : impl_(std::make_unique<Impl>(Endpoint{parse_ipv4(address), port}, config)) {}

RequestEndpoint::~RequestEndpoint() = default;

Endpoint RequestEndpoint::local() const { return impl_->socket.local(); }

std::optional<core::IncomingRequest> RequestEndpoint::get_request(Duration wait) {
    const TimePoint until = Clock::now() + wait;
    for (;;) {
        TimePoint now = Clock::now();
        impl_->core.on_timer(now);
        if (now >= until) return std::nullopt;
        const auto receipt = impl_->socket.receive(impl_->buffer.data(), impl_->buffer.size(), until - now);
        if (receipt.what != detail::UdpSocket::Received::datagram) continue;
        now = Clock::now();
        auto request = impl_->core.on_datagram(now, receipt.from, cdr::ByteView(impl_->buffer.data(), receipt.size),
                                               receipt.truncated);
        impl_->send_queued();  // history hits and error replies
        if (request) return request;
    }
}

void RequestEndpoint::send_reply(const core::IncomingRequest& request, ReplyStatus status, cdr::ByteView body) {
    impl_->core.complete(Clock::now(), request, status, body);
    impl_->send_queued();
}

ServerCounters RequestEndpoint::counters() const { return impl_->core.counters(); }

}  // namespace corbel::runtime
