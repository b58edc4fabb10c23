// What identifies a request in the whole system (spec/protocol.md section 2).
#pragma once

#include <corbel/runtime/types.hpp>

#include <cstdint>
#include <functional>

namespace corbel::runtime::core {

struct RequestKey {
    Endpoint client;
    std::uint32_t client_incarnation = 0;
    std::uint32_t request_id = 0;

    bool operator==(const RequestKey& o) const noexcept {
        return client == o.client && client_incarnation == o.client_incarnation && request_id == o.request_id;
    }
};

struct RequestKeyHash {
    std::size_t operator()(const RequestKey& k) const noexcept {
        std::uint64_t h = (std::uint64_t{k.client.address} << 16) ^ k.client.port;
        h = h * 0x9E3779B97F4A7C15ull ^ k.client_incarnation;
        h = h * 0x9E3779B97F4A7C15ull ^ k.request_id;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
};

}  // namespace corbel::runtime::core
