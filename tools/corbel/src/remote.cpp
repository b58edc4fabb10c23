#include "remote.hpp"

#include "errors.hpp"

#include <chrono>
#include <stdexcept>

namespace corbel::cli {

runtime::RemoteObjectRef parse_reference(const std::string& text) {
    try {
        return runtime::RemoteObjectRef::parse(text);
    } catch (const runtime::BadReference& error) {
        throw Failure(error.what());
    }
}

runtime::Endpoint parse_server(const std::string& text) {
    if (text.rfind("corbel://", 0) == 0) return parse_reference(text).endpoint;
    const auto colon = text.rfind(':');
    const std::string port_text = colon == std::string::npos ? "" : text.substr(colon + 1);
    const bool port_ok = !port_text.empty() && port_text.size() <= 5 &&
                         port_text.find_first_not_of("0123456789") == std::string::npos &&
                         std::stoul(port_text) >= 1 && std::stoul(port_text) <= 65535;
    if (!port_ok) {
        throw Failure("bad server '" + text + "': expected a reference (corbel://...) or ADDRESS:PORT with a port from 1 to 65535");
    }
    runtime::Endpoint endpoint;
    // References carry dotted IPv4 addresses only (figure 4.10); typed by hand, localhost is fine too.
    const std::string host = text.substr(0, colon);
    try {
        endpoint.address = runtime::parse_ipv4(host == "localhost" ? "127.0.0.1" : host);
    } catch (const std::invalid_argument& error) {
        throw Failure("bad server '" + text + "': " + error.what());
    }
    endpoint.port = static_cast<std::uint16_t>(std::stoul(port_text));
    return endpoint;
}

runtime::ClientConfig client_config_for(runtime::Endpoint server) {
    runtime::ClientConfig config;
    if ((server.address >> 24) == 127) config.bind_address = "127.0.0.1";
    return config;
}

std::optional<runtime::Duration> duration_option(const Arguments& arguments, const char* option) {
    const auto text = arguments.value(option);
    if (!text) return std::nullopt;
    return std::chrono::duration_cast<runtime::Duration>(
        std::chrono::duration<double, std::milli>(parse_milliseconds(option, *text)));
}

}  // namespace corbel::cli
