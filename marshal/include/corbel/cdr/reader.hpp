// The CDR reader: decodes values from a byte span, in the byte order the data declares.
//
// The reader trusts nothing it reads. It never reads past the end; a length is checked
// against the bytes that remain before anything is allocated for it; nesting depth is
// capped; booleans, string terminators and bounds are checked. Every failure throws a
// MarshalError carrying a distinct ErrorKind and the byte offset of the problem.
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/cdr/byte_order.hpp>
#include <corbel/cdr/error.hpp>
#include <corbel/cdr/writer.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace corbel::cdr {

struct ReaderLimits {
    // Constructed values (structs, sequences, arrays, unions) nested inside one another.
    std::size_t max_depth = 64;
};

class Reader {
public:
    Reader(ByteView bytes, ByteOrder order, StringForm form = StringForm::omg,
           ReaderLimits limits = {});

    ByteOrder byte_order() const noexcept { return order_; }
    StringForm string_form() const noexcept { return form_; }
    const ReaderLimits& limits() const noexcept { return limits_; }

    // Absolute offset in the span given to the constructor (what errors report).
    std::size_t position() const noexcept { return position_; }
    std::size_t remaining() const noexcept { return size_ - position_; }
    bool at_end() const noexcept { return position_ == size_; }
    // Moves the cursor back to a position taken earlier from position(), for example to
    // undo a read that failed half-way.
    void rewind(std::size_t position) noexcept { position_ = position; }

    void align(std::size_t boundary) {
        const std::size_t padding = (boundary - (position_ - origin_) % boundary) % boundary;
        if (padding > remaining()) fail_truncated(padding);
        position_ += padding;
    }

    std::uint8_t read_octet() {
        if (remaining() < 1) fail_truncated(1);
        return data_[position_++];
    }
    bool read_boolean();
    char read_char() { return static_cast<char>(read_octet()); }

    template <class T>
    T read() {
        static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool> &&
                      (sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8));
        align(sizeof(T));
        if (remaining() < sizeof(T)) fail_truncated(sizeof(T));
        const T value = detail::load<T>(data_ + position_, swapping_);
        position_ += sizeof(T);
        return value;
    }

    // `count` primitives into `out`: one memcpy when the byte order is the host's.
    template <class T>
    void read_array(T* out, std::size_t count) {
        static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>);
        if (count == 0) return;
        expect_array<T>(count);
        if (swapping_ && sizeof(T) > 1) {
            detail::copy_swapped<T>(reinterpret_cast<std::uint8_t*>(out), data_ + position_, count);
        } else {
            std::memcpy(out, data_ + position_, count * sizeof(T));
        }
        position_ += count * sizeof(T);
    }

    // Aligns for T and fails unless `count` of them remain, so that a read_array of them
    // cannot fail afterwards.
    template <class T>
    void expect_array(std::size_t count) {
        if (count == 0) return;  // no elements, so no padding before them either
        align(sizeof(T));
        if (remaining() / sizeof(T) < count) fail_truncated(count * sizeof(T));
    }

    // A sequence length. Fails before anything is allocated when `length` elements of at
    // least `min_element_size` bytes each cannot fit in what remains, or when the length
    // exceeds `bound` (0 means unbounded).
    std::uint32_t read_length(std::size_t min_element_size, std::size_t bound = 0);

    // A string in this reader's StringForm, checked against `bound` (0 means unbounded).
    std::string read_string(std::size_t bound = 0);
    // The same checks, without a copy: the characters (no NUL) where they lie in the input.
    std::string_view read_string_view(std::size_t bound = 0);

    // An encapsulation: returns a reader over its contents, in the byte order its first
    // octet declares, with alignment counted from that octet; this reader moves past it.
    Reader read_encapsulation();

    // Fails with trailing_bytes unless every byte has been read.
    void expect_end() const;

    // Guards one level of nesting of a constructed value.
    class DepthGuard {
    public:
        explicit DepthGuard(Reader& reader) : reader_(reader) {
            if (++reader_.depth_ > reader_.limits_.max_depth) reader_.fail_too_deep();
        }
        ~DepthGuard() { --reader_.depth_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;

    private:
        Reader& reader_;
    };

    [[noreturn]] void fail(ErrorKind kind, std::size_t offset, const std::string& detail) const;

private:
    [[noreturn]] void fail_truncated(std::size_t needed) const;
    [[noreturn]] void fail_too_deep() const;

    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t position_ = 0;
    std::size_t origin_ = 0;
    std::size_t depth_ = 0;
    ByteOrder order_;
    bool swapping_;
    StringForm form_;
    ReaderLimits limits_;
};

}  // namespace corbel::cdr
