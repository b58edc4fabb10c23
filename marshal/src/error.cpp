#include <corbel/cdr/error.hpp>

namespace corbel::cdr {

const char* to_string(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::truncated: return "truncated";
        case ErrorKind::length_exceeds_input: return "length exceeds input";
        case ErrorKind::bound_exceeded: return "bound exceeded";
        case ErrorKind::invalid_boolean: return "invalid boolean";
        case ErrorKind::missing_string_nul: return "missing string terminator";
        case ErrorKind::embedded_string_nul: return "NUL inside string";
        case ErrorKind::zero_string_length: return "zero string length";
        case ErrorKind::enum_out_of_range: return "enum out of range";
        case ErrorKind::invalid_discriminator: return "invalid union discriminator";
        case ErrorKind::invalid_byte_order: return "invalid byte order";
        case ErrorKind::nesting_too_deep: return "nesting too deep";
        case ErrorKind::trailing_bytes: return "trailing bytes";
        case ErrorKind::value_too_large: return "value too large";
    }
    return "unknown marshalling error";
}

MarshalError::MarshalError(ErrorKind kind, std::size_t offset, const std::string& detail)
    : SystemException("CDR " + std::string(to_string(kind)) + " at byte " + std::to_string(offset) +
                      ": " + detail),
      kind_(kind),
      offset_(offset) {}

}  // namespace corbel::cdr
