// Client and server settings for tests on 127.0.0.1: sockets bound to loopback only, and
// retransmission timers scaled to loopback round trips so that lossy runs stay short.
#pragma once

#include <corbel/runtime/client.hpp>
#include <corbel/runtime/server.hpp>

#include <chrono>

namespace corbel_test {

inline corbel::runtime::ClientConfig loopback_client(bool no_faults = true) {
    using namespace std::chrono_literals;
    corbel::runtime::ClientConfig config;
    config.bind_address = "127.0.0.1";
    config.defaults.deadline = 5s;
    config.defaults.initial_timeout = 20ms;
    config.defaults.min_timeout = 2ms;
    config.defaults.max_timeout = 50ms;
    config.defaults.backoff = 1.5;
    if (no_faults) {
        config.faults = corbel::runtime::FaultConfig{};  // ignore CORBEL_FAULTS in these tests
    }
    return config;
}

inline corbel::runtime::ServerConfig loopback_server(bool no_faults = true) {
    corbel::runtime::ServerConfig config;
    config.address = "127.0.0.1";
    if (no_faults) config.faults = corbel::runtime::FaultConfig{};
    return config;
}

}  // namespace corbel_test
