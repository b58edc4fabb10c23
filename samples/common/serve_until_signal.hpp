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

// Blocks SIGINT and SIGTERM (before the server starts its threads, which inherit the mask),
// serves, and waits for one of them.
inline void serve_until_signal(corbel::runtime::Server& server) {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    server.start();
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
}

}  // namespace corbel_samples
