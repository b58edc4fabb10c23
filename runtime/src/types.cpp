#include <corbel/runtime/types.hpp>

#include <stdexcept>

namespace corbel::runtime {

std::string format_ipv4(std::uint32_t address) {
    return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xff) + "." +
           std::to_string((address >> 8) & 0xff) + "." + std::to_string(address & 0xff);
}

std::uint32_t parse_ipv4(const std::string& text) {
    std::uint32_t address = 0;
    std::size_t position = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (position >= text.size() || text[position] != '.') {
                throw std::invalid_argument("'" + text + "' is not a dotted IPv4 address");
            }
            ++position;
        }
        std::size_t digits = 0;
        unsigned value = 0;
        while (position < text.size() && text[position] >= '0' && text[position] <= '9' && digits < 4) {
            value = value * 10 + static_cast<unsigned>(text[position] - '0');
            ++position;
            ++digits;
        }
        if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text[position - digits] == '0')) {
            throw std::invalid_argument("'" + text + "' is not a dotted IPv4 address");
        }
        address = (address << 8) | value;
    }
    if (position != text.size()) throw std::invalid_argument("'" + text + "' is not a dotted IPv4 address");
    return address;
}

std::string Endpoint::to_string() const { return format_ipv4(address) + ":" + std::to_string(port); }

const char* to_string(ReplyStatus status) noexcept {
    switch (status) {
        case ReplyStatus::ok: return "ok";
        case ReplyStatus::user_exception: return "user_exception";
        case ReplyStatus::unknown_object: return "unknown_object";
        case ReplyStatus::unknown_operation: return "unknown_operation";
        case ReplyStatus::stale_reference: return "stale_reference";
        case ReplyStatus::marshal_error: return "marshal_error";
        case ReplyStatus::message_too_large: return "message_too_large";
        case ReplyStatus::internal_error: return "internal_error";
    }
    return "invalid";
}

const char* to_string(Protocol protocol) noexcept {
    switch (protocol) {
        case Protocol::r: return "R";
        case Protocol::rr: return "RR";
        case Protocol::rra: return "RRA";
    }
    return "invalid";
}

}  // namespace corbel::runtime
