// The CDR writer: appends values to a growable buffer in a byte order chosen at run time.
//
// Alignment is counted from the stream's origin (the first byte it wrote), which an
// encapsulation moves to its own first byte for the time of its body. Padding is written as
// zero bytes. A writer either owns its buffer or appends to one the caller lends it, so a hot
// path can reuse one allocation for every message.
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/cdr/byte_order.hpp>
#include <corbel/cdr/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace corbel::cdr {

// How strings are laid out. `omg` is the CORBA standard and the only form on the wire:
// the length counts a terminating NUL, which is sent. `textbook` reproduces figure 4.8 of
// Coulouris et al.: the length counts the characters and no NUL is sent.
enum class StringForm : std::uint8_t { omg, textbook };

class Writer {
public:
    explicit Writer(ByteOrder order = native_byte_order(), StringForm form = StringForm::omg);
    // Appends to `buffer`, whose current end becomes this stream's origin.
    Writer(ByteBuffer& buffer, ByteOrder order, StringForm form = StringForm::omg);

    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    ByteOrder byte_order() const noexcept { return order_; }
    StringForm string_form() const noexcept { return form_; }

    // Bytes written since the origin of the stream (or of the open encapsulation).
    std::size_t offset() const noexcept { return buffer_->size() - origin_; }
    const ByteBuffer& buffer() const noexcept { return *buffer_; }
    ByteView view() const noexcept { return buffer_->view(); }
    // Moves the bytes out of an owned buffer, leaving the writer empty.
    ByteBuffer take();

    // Pads with zero bytes up to the next multiple of `boundary` from the origin.
    void align(std::size_t boundary) {
        const std::size_t padding = (boundary - offset() % boundary) % boundary;
        if (padding != 0) std::memset(buffer_->extend(padding), 0, padding);
    }

    void write_octet(std::uint8_t value) { *buffer_->extend(1) = value; }
    void write_boolean(bool value) { write_octet(value ? 1 : 0); }
    void write_char(char value) { write_octet(static_cast<std::uint8_t>(value)); }

    // Any fixed-size arithmetic type: short, long, long long (signed or not), float, double.
    template <class T>
    void write(T value) {
        static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool> &&
                          (sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8),
                      "CDR primitives are 1, 2, 4 or 8 bytes wide");
        align(sizeof(T));
        detail::store(buffer_->extend(sizeof(T)), value, swapping_);
    }

    // `count` primitives back to back: one memcpy when the byte order is the host's.
    template <class T>
    void write_array(const T* values, std::size_t count) {
        static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>);
        if (count == 0) return;
        align(sizeof(T));
        std::uint8_t* out = buffer_->extend(count * sizeof(T));
        if (swapping_ && sizeof(T) > 1) {
            detail::copy_swapped<T>(out, reinterpret_cast<const std::uint8_t*>(values), count);
        } else {
            std::memcpy(out, values, count * sizeof(T));
        }
    }

    // A sequence or string length, checked against unsigned long's range and `bound`
    // (0 means unbounded).
    void write_length(std::size_t length, std::size_t bound = 0);

    // A string in this writer's StringForm, checked against `bound` (0 means unbounded).
    void write_string(std::string_view text, std::size_t bound = 0);

    // An encapsulation: an unsigned long length, then a nested stream that starts with its
    // own byte-order octet, with alignment counted from that octet. `body(writer)` writes the
    // contents through this same writer, switched to `order` for the duration.
    template <class Body>
    void write_encapsulation(ByteOrder order, Body&& body) {
        EncapsulationScope scope(*this, order);
        body(*this);
        scope.close();
    }

    [[noreturn]] void fail(ErrorKind kind, const std::string& detail) const;

private:
    class EncapsulationScope {
    public:
        EncapsulationScope(Writer& writer, ByteOrder order);
        ~EncapsulationScope();
        void close();

    private:
        Writer& writer_;
        std::size_t length_position_;
        std::size_t saved_origin_;
        ByteOrder saved_order_;
        bool closed_ = false;
    };

    void set_order(ByteOrder order) noexcept {
        order_ = order;
        swapping_ = order != native_byte_order();
    }

    ByteBuffer owned_;
    ByteBuffer* buffer_;
    std::size_t origin_;
    ByteOrder order_;
    bool swapping_;
    StringForm form_;
};

}  // namespace corbel::cdr
