// A server process for the tests: serves one Account and prints its reference on the first
// line of standard output, then serves until it is killed.
//   corbel_test_server [--port N] [--workers N]
#include "account_impl.hpp"

#include <corbel/runtime/server.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    try {
        corbel::runtime::ServerConfig config;
        config.address = "127.0.0.1";
        for (int i = 1; i + 1 < argc; i += 2) {
            const std::string option = argv[i];
            const unsigned long value = std::strtoul(argv[i + 1], nullptr, 10);
            if (option == "--port") {
                config.port = static_cast<std::uint16_t>(value);
            } else if (option == "--workers") {
                config.worker_threads = static_cast<unsigned>(value);
            } else {
                std::cerr << "unknown option " << option << "\n";
                return 2;
            }
        }
        corbel::runtime::Server server(config);
        const auto ref = server.add(std::make_shared<corbel_test::AccountImpl>());
        std::cout << ref.to_string() << std::endl;
        server.run();
    } catch (const std::exception& e) {
        std::cerr << "corbel_test_server: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
