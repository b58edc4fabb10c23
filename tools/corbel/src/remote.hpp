// What call, ping and stats share: reading a target and configuring a client for it.
#pragma once

#include "arguments.hpp"

#include <corbel/runtime/client.hpp>
#include <corbel/runtime/object_ref.hpp>

#include <optional>
#include <string>

namespace corbel::cli {

// A stringified reference; throws Failure saying what is wrong with it.
runtime::RemoteObjectRef parse_reference(const std::string& text);

// A server's endpoint, from a reference or from ADDRESS:PORT (the built-in operations need
// nothing more). Throws Failure.
runtime::Endpoint parse_server(const std::string& text);

// Binds the client's socket to loopback when the server is on loopback, so that talking to a
// local server never opens a socket on other interfaces.
runtime::ClientConfig client_config_for(runtime::Endpoint server);

// The duration given with `option` ("50us", "250ms", "2s"), if it was; a UsageError if it
// does not read as one.
std::optional<runtime::Duration> duration_option(const Arguments& arguments, const char* option);

}  // namespace corbel::cli
