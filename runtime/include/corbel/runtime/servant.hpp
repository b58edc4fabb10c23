// The server-side plug for objects: a Servant implements one IDL interface, and the
// dispatcher calls it with the operation's method id, a reader over the arguments and a
// writer for the results. Generated skeletons derive from it; so can hand-written servants.
//
// A skeleton's dispatch():
//   - decodes the arguments for `method` (a MarshalError thrown here becomes a
//     marshal_error reply), calls the implementation, then encodes the results and returns
//     DispatchStatus::ok;
//   - catches each user exception the operation declares and returns
//     write_user_exception(results, e) (the results writer is still empty at that point);
//   - returns DispatchStatus::unknown_operation for a method id it does not have.
// Anything else thrown becomes an internal_error reply carrying what() (never a crash).
#pragma once

#include <corbel/cdr/codec.hpp>
#include <corbel/cdr/reader.hpp>
#include <corbel/cdr/writer.hpp>
#include <corbel/method_id.hpp>
#include <corbel/runtime/types.hpp>

#include <cstdint>

namespace corbel::runtime {

enum class DispatchStatus { ok, user_exception, unknown_operation };

// Who is calling, for servants that care (most do not).
struct CallContext {
    Endpoint client;
    std::uint32_t request_id = 0;
    Protocol protocol = Protocol::rr;
    bool idempotent = false;
};

class Servant {
public:
    virtual ~Servant() = default;
    // The interface this servant implements, e.g. "IDL:Bank/Account:1.0".
    virtual const char* repository_id() const noexcept = 0;
    virtual DispatchStatus dispatch(MethodId method, cdr::Reader& arguments, cdr::Writer& results,
                                    const CallContext& context) = 0;
};

// Writes a user exception as a user_exception reply body: its repository id, then its
// members through its CDR encoding.
template <class Exception>
DispatchStatus write_user_exception(cdr::Writer& results, const Exception& exception) {
    results.write_string(exception.repository_id());
    cdr::encode(results, exception);
    return DispatchStatus::user_exception;
}

// The built-in operations every server answers for object number 0.
inline constexpr const char* ping_operation = "_corbel_ping";
inline constexpr const char* statistics_operation = "_corbel_stats";

}  // namespace corbel::runtime
