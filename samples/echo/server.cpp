// echo-server [--port N]: figure 4.4's server, which sends every message back. Prints its
// reference as the first line of standard output; SIGINT or SIGTERM stops it.
#include "echo.rpc.hpp"
#include "serve_until_signal.hpp"

#include <cstdio>
#include <memory>

namespace {

class Echo : public EchoSkeleton {
public:
    std::string send(const std::string& message) override { return message; }
};

}  // namespace

int main(int argc, char** argv) {
    corbel_samples::block_stop_signals();
    try {
        corbel::runtime::ServerConfig config;
        config.address = "127.0.0.1";
        config.port = corbel_samples::port_from_arguments(argc, argv, "echo-server");
        corbel::runtime::Server server(config);
        std::printf("%s\n", server.add(std::make_shared<Echo>()).to_string().c_str());
        std::fflush(stdout);
        corbel_samples::serve_until_signal(server);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "echo-server: %s\n", e.what());
        return 1;
    }
}
