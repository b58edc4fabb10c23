// The low-level server API of the notes (figure 4.12): getRequest and sendReply, on a
// blocking socket, without servants or a loop. Duplicate filtering, the reply history,
// acknowledgements and error replies to garbage happen inside get_request(), so every
// request it returns is new and runs at most once.
//
//   corbel::runtime::RequestEndpoint endpoint;
//   for (;;) {
//       auto request = endpoint.get_request(std::chrono::seconds(1));
//       if (!request) continue;                        // nothing within a second
//       // request->key.client is the client's address and port
//       endpoint.send_reply(*request, ReplyStatus::ok, results);
//   }
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/runtime/counters.hpp>
#include <corbel/runtime/types.hpp>
#include <corbel/runtime/core/server_core.hpp>

#include <memory>
#include <optional>
#include <string>

namespace corbel::runtime {

class RequestEndpoint {
public:
    // Binds `address`:`port` (port 0: any free port). Throws std::system_error.
    explicit RequestEndpoint(const std::string& address = "127.0.0.1", std::uint16_t port = 0,
                             core::ServerCoreConfig config = {});
    ~RequestEndpoint();
    RequestEndpoint(const RequestEndpoint&) = delete;
    RequestEndpoint& operator=(const RequestEndpoint&) = delete;

    Endpoint local() const;

    // getRequest: the next new request, waiting at most `wait`; nullopt if none came.
    std::optional<core::IncomingRequest> get_request(Duration wait);
    // sendReply: answers `request` (sent to request.key.client), and keeps the reply in the
    // history unless the request is idempotent. Nothing is sent for a oneway (R) request.
    void send_reply(const core::IncomingRequest& request, ReplyStatus status, cdr::ByteView body);

    ServerCounters counters() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace corbel::runtime
