// The outcome of a call that got an answer: the reply's status and its body.
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/cdr/byte_order.hpp>
#include <corbel/cdr/codec.hpp>
#include <corbel/cdr/reader.hpp>
#include <corbel/runtime/exceptions.hpp>
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

// For a user_exception reply to an operation that declares the exceptions `Declared...`:
// throws the one the reply names, decoded with its members, or UnknownUserException for
// any other (a server raising what the operation does not declare).
template <class... Declared>
[[noreturn]] void throw_user_exception(const Reply& reply) {
    cdr::Reader reader = reply.reader();
    const std::string raised = read_user_exception_id(reader);
    [[maybe_unused]] const auto throw_if_named = [&](auto declared) {
        if (raised != declared.repository_id()) return;
        cdr::decode(reader, declared);
        reader.expect_end();
        throw declared;
    };
    (throw_if_named(Declared{}), ...);
    throw UnknownUserException(raised);
}

}  // namespace corbel::runtime
