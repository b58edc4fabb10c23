// The two fault injectors of one socket, sending and receiving, built from a FaultConfig.
#pragma once

#include <corbel/runtime/faults.hpp>
#include <corbel/runtime/core/fault_injector.hpp>

#include <algorithm>
#include <optional>

namespace corbel::runtime::detail {

struct FaultLink {
    explicit FaultLink(const FaultConfig& config)
        : send(config, config.on_send, 1), receive(config, config.on_receive, 2) {}

    std::optional<TimePoint> next_expiry() const {
        const auto a = send.next_expiry();
        const auto b = receive.next_expiry();
        if (!a) return b;
        if (!b) return a;
        return std::min(*a, *b);
    }

    core::FaultInjector send;
    core::FaultInjector receive;
};

inline FaultConfig resolve_faults(const std::optional<FaultConfig>& configured) {
    if (configured) return *configured;
    if (auto from_environment = FaultConfig::from_environment()) return *from_environment;
    FaultConfig none;
    none.on_send = none.on_receive = false;
    return none;
}

inline std::optional<TimePoint> earliest(std::optional<TimePoint> a, std::optional<TimePoint> b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

}  // namespace corbel::runtime::detail
