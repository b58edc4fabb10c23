#include <corbel/cdr/writer.hpp>

#include "nul_scan.hpp"

#include <limits>
#include <string>

namespace corbel::cdr {

Writer::Writer(ByteOrder order, StringForm form)
    : buffer_(&owned_), origin_(0), order_(order), swapping_(order != native_byte_order()), form_(form) {}

Writer::Writer(ByteBuffer& buffer, ByteOrder order, StringForm form)
    : buffer_(&buffer),
      origin_(buffer.size()),
      order_(order),
      swapping_(order != native_byte_order()),
      form_(form) {}

ByteBuffer Writer::take() {
    ByteBuffer out;
    out.swap(*buffer_);
    origin_ = 0;
    return out;
}

void Writer::fail(ErrorKind kind, const std::string& detail) const {
    throw MarshalError(kind, buffer_->size(), detail);
}

void Writer::write_length(std::size_t length, std::size_t bound) {
    if (bound != 0 && length > bound) {
        fail(ErrorKind::bound_exceeded,
             "length " + std::to_string(length) + " exceeds the bound " + std::to_string(bound));
    }
    if (length > std::numeric_limits<std::uint32_t>::max()) {
        fail(ErrorKind::value_too_large,
             "length " + std::to_string(length) + " does not fit in an unsigned long");
    }
    write(static_cast<std::uint32_t>(length));
}

void Writer::write_string(std::string_view text, std::size_t bound) {
    if (bound != 0 && text.size() > bound) {
        fail(ErrorKind::bound_exceeded, "string of " + std::to_string(text.size()) +
                                            " characters exceeds the bound " + std::to_string(bound));
    }
    const bool omg = form_ == StringForm::omg;
    // A NUL inside would end the string early for every C-based peer.
    if (omg && detail::contains_nul(text.data(), text.size())) {
        fail(ErrorKind::embedded_string_nul, "strings may not contain NUL characters");
    }
    const std::size_t length = text.size() + (omg ? 1 : 0);  // an OMG string counts its NUL
    if (length > std::numeric_limits<std::uint32_t>::max()) write_length(length);  // fails, saying why
    // The length and the characters in one extend: strings are on most calls' path.
    align(4);
    std::uint8_t* out = buffer_->extend(4 + length);
    detail::store(out, static_cast<std::uint32_t>(length), swapping_);
    if (!text.empty()) std::memcpy(out + 4, text.data(), text.size());
    if (omg) out[4 + text.size()] = 0;
}

Writer::EncapsulationScope::EncapsulationScope(Writer& writer, ByteOrder order)
    : writer_(writer), saved_origin_(writer.origin_), saved_order_(writer.order_) {
    writer_.align(4);
    length_position_ = writer_.buffer_->size();
    writer_.buffer_->extend(4);  // patched by close()
    writer_.origin_ = writer_.buffer_->size();
    writer_.set_order(order);
    writer_.write_octet(static_cast<std::uint8_t>(order));
}

void Writer::EncapsulationScope::close() {
    const std::size_t length = writer_.buffer_->size() - writer_.origin_;
    writer_.origin_ = saved_origin_;
    writer_.set_order(saved_order_);
    closed_ = true;
    if (length > std::numeric_limits<std::uint32_t>::max()) {
        writer_.fail(ErrorKind::value_too_large, "encapsulation larger than 4 GiB");
    }
    detail::store(writer_.buffer_->data() + length_position_, static_cast<std::uint32_t>(length),
                  writer_.swapping_);
}

Writer::EncapsulationScope::~EncapsulationScope() {
    if (closed_) return;
    // The body threw: drop what it wrote so the stream stays well formed.
    writer_.buffer_->truncate(length_position_);
    writer_.origin_ = saved_origin_;
    writer_.set_order(saved_order_);
}

}  // namespace corbel::cdr
