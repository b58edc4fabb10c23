// echo-client REF MESSAGE...: figure 4.3's client, which sends each message to the echo
// server that REF names and prints the reply.
#include "echo.rpc.hpp"

#include <cstdio>
#include <memory>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fputs("usage: echo-client REF MESSAGE...\n", stderr);
        return 1;
    }
    try {
        const auto reference = corbel::runtime::RemoteObjectRef::parse(argv[1]);
        corbel::runtime::ClientConfig config;
        if (reference.endpoint.address >> 24 == 127) config.bind_address = "127.0.0.1";  // stay on loopback
        const EchoProxy echo(std::make_shared<corbel::runtime::Client>(config), reference);
        for (int i = 2; i < argc; ++i) std::printf("reply: %s\n", echo.send(argv[i]).c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "echo-client: %s\n", e.what());
        return 2;
    }
}
