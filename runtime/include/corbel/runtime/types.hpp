// The small vocabulary shared by every part of the runtime: time, endpoints, exchange
// protocols and reply statuses (spec/protocol.md sections 2-4).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace corbel::runtime {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;
using Duration = Clock::duration;

// An IPv4 UDP endpoint; the address is held as a host-order integer (127.0.0.1 = 0x7f000001).
struct Endpoint {
    std::uint32_t address = 0;
    std::uint16_t port = 0;

    bool operator==(const Endpoint& other) const noexcept {
        return address == other.address && port == other.port;
    }
    bool operator!=(const Endpoint& other) const noexcept { return !(*this == other); }
    bool operator<(const Endpoint& other) const noexcept {
        return address != other.address ? address < other.address : port < other.port;
    }
    // "127.0.0.1:7000"
    std::string to_string() const;
};

// Parses a dotted IPv4 address; throws std::invalid_argument on anything else.
std::uint32_t parse_ipv4(const std::string& text);
std::string format_ipv4(std::uint32_t address);

// The exchange protocols of figure 4.14.
enum class Protocol : std::uint8_t {
    r = 0,    // request only: sent once, no reply
    rr = 1,   // request, reply
    rra = 2,  // request, reply, acknowledge reply
};

enum class ReplyStatus : std::uint8_t {
    ok = 0,
    user_exception = 1,
    unknown_object = 2,
    unknown_operation = 3,
    stale_reference = 4,
    marshal_error = 5,
    message_too_large = 6,
    internal_error = 7,
};
constexpr std::uint8_t reply_status_count = 8;

const char* to_string(ReplyStatus status) noexcept;
const char* to_string(Protocol protocol) noexcept;

// The largest UDP payload over IPv4, and the default datagram limit.
constexpr std::size_t max_udp_payload = 65507;

}  // namespace corbel::runtime

template <>
struct std::hash<corbel::runtime::Endpoint> {
    std::size_t operator()(const corbel::runtime::Endpoint& e) const noexcept {
        return std::hash<std::uint64_t>()((std::uint64_t{e.address} << 16) | e.port);
    }
};
