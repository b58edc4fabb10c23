// The errors of the CDR layer.
//
// Every decoding failure is a distinct kind with the byte offset (from the start of the
// stream's buffer) where it was found, so that a malformed datagram can be counted by cause
// and reported precisely. Encoding fails only on values that break their IDL type's rules
// (a bounded string or sequence that is too long, an enumerator out of range).
#pragma once

#include <corbel/exception.hpp>

#include <cstddef>
#include <string>

namespace corbel::cdr {

enum class ErrorKind {
    truncated,               // the stream ended inside a value
    length_exceeds_input,    // a sequence or string length larger than the bytes that remain
    bound_exceeded,          // a bounded string or sequence longer than its bound
    invalid_boolean,         // a boolean octet other than 0 or 1
    missing_string_nul,      // a string whose last octet is not NUL
    embedded_string_nul,     // a string with a NUL before its end
    zero_string_length,      // an OMG string whose length is 0 (it must count the NUL)
    enum_out_of_range,       // an enum value with no enumerator
    invalid_discriminator,   // a union discriminator the union type refuses
    invalid_byte_order,      // an encapsulation byte-order octet other than 0 or 1
    nesting_too_deep,        // more nested constructed values than the reader allows
    trailing_bytes,          // bytes left over where a whole buffer had to be consumed
    value_too_large,         // a length that does not fit in CDR's unsigned long
};

const char* to_string(ErrorKind kind) noexcept;

// A value could not be encoded or decoded. `offset()` is the byte offset in the buffer
// being read or written where the problem was found.
class MarshalError : public SystemException {
public:
    MarshalError(ErrorKind kind, std::size_t offset, const std::string& detail);

    ErrorKind kind() const noexcept { return kind_; }
    std::size_t offset() const noexcept { return offset_; }

private:
    ErrorKind kind_;
    std::size_t offset_;
};

}  // namespace corbel::cdr
