// The outcome of a call that got an answer: the reply's status and its body.
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/cdr/byte_order.hpp>
#include <corbel/cdr/reader.hpp>
#include <corbel/runtime/types.hpp>

#include <cstdint>
#include <string>

namespace corbel::runtime {

struct Reply {
    ReplyStatus status = ReplyStatus::ok;
    cdr::ByteOrder byte_order = cdr::native_byte_order();
    // ok: the results; user_exception: the repository id, then the members; otherwise a
    // string describing the error.
    cdr::ByteBuffer body;
    std::uint32_t sends = 0;  // how many times the request was sent
    Duration round_trip{};    // from the first send to the reply

    // A reader over the body, in the byte order the server wrote it.
    cdr::Reader reader() const { return cdr::Reader(body.view(), byte_order); }
};

// Throws the SystemException matching an error reply (UnknownObject, UnknownOperation,
// StaleReference, RemoteMarshalError, MessageTooLarge, InternalError). Returns for ok and
// user_exception, which the caller (a generated proxy) handles.
void throw_if_system_error(const Reply& reply);

// For a user_exception reply: the exception's repository id, with `reader` left at the
// first member so that a generated proxy can decode the type it recognises.
std::string read_user_exception_id(cdr::Reader& reader);

}  // namespace corbel::runtime
