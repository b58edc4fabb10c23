#include <corbel/cdr/reader.hpp>

#include "nul_scan.hpp"

#include <string>

namespace corbel::cdr {

Reader::Reader(ByteView bytes, ByteOrder order, StringForm form, ReaderLimits limits)
    : data_(bytes.data),
      size_(bytes.size),
      order_(order),
      swapping_(order != native_byte_order()),
      form_(form),
      limits_(limits) {}

void Reader::fail(ErrorKind kind, std::size_t offset, const std::string& detail) const {
    throw MarshalError(kind, offset, detail);
}

void Reader::fail_truncated(std::size_t needed) const {
    fail(ErrorKind::truncated, position_,
         "needed " + std::to_string(needed) + " bytes, " + std::to_string(remaining()) + " remain");
}

void Reader::fail_too_deep() const {
    fail(ErrorKind::nesting_too_deep, position_,
         "values nested more than " + std::to_string(limits_.max_depth) + " deep");
}

bool Reader::read_boolean() {
    const std::size_t at = position_;
    const std::uint8_t octet = read_octet();
    if (octet > 1) {
        fail(ErrorKind::invalid_boolean, at, "boolean octet is " + std::to_string(octet) + ", not 0 or 1");
    }
    return octet == 1;
}

std::uint32_t Reader::read_length(std::size_t min_element_size, std::size_t bound) {
    align(4);
    const std::size_t at = position_;
    const auto length = read<std::uint32_t>();
    if (bound != 0 && length > bound) {
        fail(ErrorKind::bound_exceeded,
             at, "length " + std::to_string(length) + " exceeds the bound " + std::to_string(bound));
    }
    // Division, not multiplication: min_element_size * length could overflow.
    if (length > remaining() / min_element_size) {
        fail(ErrorKind::length_exceeds_input, at,
             "length " + std::to_string(length) + " needs at least " +
                 std::to_string(static_cast<unsigned long long>(length) * min_element_size) +
                 " bytes, " + std::to_string(remaining()) + " remain");
    }
    return length;
}

std::string Reader::read_string(std::size_t bound) { return std::string(read_string_view(bound)); }

std::string_view Reader::read_string_view(std::size_t bound) {
    align(4);
    const std::size_t at = position_;
    const auto length = read<std::uint32_t>();
    if (length > remaining()) {
        fail(ErrorKind::length_exceeds_input, at,
             "string length " + std::to_string(length) + ", " + std::to_string(remaining()) + " bytes remain");
    }
    const char* text = reinterpret_cast<const char*>(data_ + position_);
    std::size_t characters = length;
    if (form_ == StringForm::omg) {
        if (length == 0) fail(ErrorKind::zero_string_length, at, "an OMG string's length counts its NUL");
        if (text[length - 1] != '\0') {
            fail(ErrorKind::missing_string_nul, position_ + length - 1, "string does not end with NUL");
        }
        characters = length - 1;
        if (detail::contains_nul(text, characters)) {
            fail(ErrorKind::embedded_string_nul, at, "NUL inside a string of length " + std::to_string(length));
        }
    }
    if (bound != 0 && characters > bound) {
        fail(ErrorKind::bound_exceeded, at,
             "string of " + std::to_string(characters) + " characters exceeds the bound " + std::to_string(bound));
    }
    position_ += length;
    return std::string_view(text, characters);
}

Reader Reader::read_encapsulation() {
    const std::uint32_t length = read_length(1);
    if (length == 0) fail(ErrorKind::truncated, position_, "an encapsulation needs its byte-order octet");
    const std::uint8_t flag = data_[position_];
    if (flag > 1) {
        fail(ErrorKind::invalid_byte_order, position_,
             "byte-order octet is " + std::to_string(flag) + ", not 0 or 1");
    }
    // The inner reader sees the outer span so offsets in its errors stay absolute; its
    // origin (for alignment) is the byte-order octet and its end is the encapsulation's end.
    Reader inner(ByteView(data_, position_ + length), static_cast<ByteOrder>(flag), form_, limits_);
    inner.origin_ = position_;
    inner.position_ = position_ + 1;
    inner.depth_ = depth_;
    position_ += length;
    return inner;
}

void Reader::expect_end() const {
    if (!at_end()) {
        fail(ErrorKind::trailing_bytes, position_, std::to_string(remaining()) + " bytes left unread");
    }
}

}  // namespace corbel::cdr
