// Remote object references (figure 4.10) and their stringified form,
// corbel://127.0.0.1:7000/1732190000/3#IDL:Bank/Account:1.0 (spec/protocol.md section 8).
#pragma once

#include <corbel/cdr/reader.hpp>
#include <corbel/cdr/writer.hpp>
#include <corbel/exception.hpp>
#include <corbel/runtime/types.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace corbel::runtime {

// A string that is not a well-formed corbel reference; the message says what is wrong.
class BadReference : public corbel::Exception {
public:
    using corbel::Exception::Exception;
};

struct RemoteObjectRef {
    Endpoint endpoint;                 // where the server listens
    std::uint32_t incarnation = 0;     // the server endpoint's creation time (seconds since 1970)
    std::uint32_t object_number = 0;   // names the object within that endpoint; 0 = the endpoint itself
    std::string repository_id;         // the interface, e.g. "IDL:Bank/Account:1.0"

    bool operator==(const RemoteObjectRef& other) const {
        return endpoint == other.endpoint && incarnation == other.incarnation &&
               object_number == other.object_number && repository_id == other.repository_id;
    }
    bool operator!=(const RemoteObjectRef& other) const { return !(*this == other); }

    std::string to_string() const;
    // Throws BadReference.
    static RemoteObjectRef parse(std::string_view text);
};

// A reference as an operation's argument or result (an IDL interface type in an operation):
// the fields of figure 4.10 in order, as unsigned longs (address, port, incarnation, object
// number) and the repository id as a string. Decoding refuses a port above 65535.
void encode_cdr(cdr::Writer& writer, const RemoteObjectRef& reference);
void decode_cdr(cdr::Reader& reader, RemoteObjectRef& reference);

}  // namespace corbel::runtime
