// What the sample servers share: `--port N` on the command line, and serving until SIGINT or
// SIGTERM, after which the server stops cleanly and the program exits 0.
#pragma once

#include <corbel/runtime/server.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace corbel_samples {

// The port of `--port N` (0, any free port, when absent); exits with a usage message on
// anything else.
inline std::uint16_t port_from_arguments(int argc, char** argv, const char* program) {
    if (argc == 1) return 0;
    if (argc == 3 && std::string(argv[1]) == "--port") {
        char* end = nullptr;
        const unsigned long port = std::strtoul(argv[2], &end, 10);
        if (end != argv[2] && *end == '\0' && port <= 65535) return static_cast<std::uint16_t>(port);
    }
    std::fprintf(stderr, "usage: %s [--port N]\n", program);
    std::exit(1);
}

// Blocks SIGINT and SIGTERM in this thread and in every thread started after it, so that
// they wait for serve_until_signal() instead of killing the process. Call it first in main:
// a client may signal as soon as it has read the reference the server prints.
inline sigset_t block_stop_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

// Serves until SIGINT or SIGTERM arrives, then stops the server cleanly.
inline void serve_until_signal(corbel::runtime::Server& server) { server.run_until_signal(); }

}  // namespace corbel_samples
