// Routes a request to the servant registered under its object number, after checking that
// the reference names this incarnation and the servant's interface; answers the built-in
// operations itself. No I/O: the Server (or any host) gives it requests and sends the reply.
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/runtime/servant.hpp>
#include <corbel/runtime/types.hpp>
#include <corbel/runtime/core/server_core.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace corbel::runtime {

class Dispatcher {
public:
    explicit Dispatcher(std::uint32_t incarnation);

    // Registers `servant` under a new object number (1, 2, ...; never reused). Thread-safe.
    std::uint32_t add(std::shared_ptr<Servant> servant);
    bool remove(std::uint32_t object_number);
    // The JSON the statistics operation answers with.
    void set_statistics_source(std::function<std::string()> source);

    // Runs the request; leaves the reply body in `body` (in native byte order) and returns
    // its status. Thread-safe: servants may run on several threads at once.
    ReplyStatus dispatch(const core::IncomingRequest& request, cdr::ByteBuffer& body) const;

    std::uint32_t incarnation() const noexcept { return incarnation_; }

private:
    ReplyStatus builtin(const core::IncomingRequest& request, cdr::ByteBuffer& body) const;

    std::uint32_t incarnation_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::uint32_t, std::shared_ptr<Servant>> servants_;
    std::uint32_t last_object_number_ = 0;
    std::function<std::string()> statistics_;
};

}  // namespace corbel::runtime
