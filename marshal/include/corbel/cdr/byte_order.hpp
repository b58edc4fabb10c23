// Byte order of a CDR stream, and the swapping primitives both branches use.
//
// CDR lets the sender write in its own order and says which in a flag ("receiver makes it
// right"). The order is therefore a run-time property of every stream, never a compile-time
// one: a little-endian host must be able to write and read big-endian streams, and the tests
// exercise both branches on one machine.
#pragma once

#include <cstdint>
#include <cstring>

namespace corbel::cdr {

enum class ByteOrder : std::uint8_t {
    big = 0,     // the CDR flag value 0 (FALSE)
    little = 1,  // the CDR flag value 1 (TRUE)
};

constexpr ByteOrder native_byte_order() noexcept {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return ByteOrder::big;
#else
    return ByteOrder::little;
#endif
}

constexpr const char* to_string(ByteOrder order) noexcept {
    return order == ByteOrder::big ? "big-endian" : "little-endian";
}

namespace detail {

inline std::uint8_t byteswap(std::uint8_t v) noexcept { return v; }
inline std::uint16_t byteswap(std::uint16_t v) noexcept { return __builtin_bswap16(v); }
inline std::uint32_t byteswap(std::uint32_t v) noexcept { return __builtin_bswap32(v); }
inline std::uint64_t byteswap(std::uint64_t v) noexcept { return __builtin_bswap64(v); }

template <std::size_t Size> struct UnsignedOfSize;
template <> struct UnsignedOfSize<1> { using type = std::uint8_t; };
template <> struct UnsignedOfSize<2> { using type = std::uint16_t; };
template <> struct UnsignedOfSize<4> { using type = std::uint32_t; };
template <> struct UnsignedOfSize<8> { using type = std::uint64_t; };

// Copies one primitive value to unaligned storage, reversing its bytes when asked.
template <class T>
inline void store(std::uint8_t* out, T value, bool swap) noexcept {
    using Bits = typename UnsignedOfSize<sizeof(T)>::type;
    Bits bits;
    std::memcpy(&bits, &value, sizeof(T));
    if (swap) bits = byteswap(bits);
    std::memcpy(out, &bits, sizeof(T));
}

// Reads one primitive value from unaligned storage, reversing its bytes when asked.
template <class T>
inline T load(const std::uint8_t* in, bool swap) noexcept {
    using Bits = typename UnsignedOfSize<sizeof(T)>::type;
    Bits bits;
    std::memcpy(&bits, in, sizeof(T));
    if (swap) bits = byteswap(bits);
    T value;
    std::memcpy(&value, &bits, sizeof(T));
    return value;
}

// Copies `count` primitives, reversing each one's bytes. Kept out of line of the
// same-order path so that path stays a single memcpy.
template <class T>
inline void copy_swapped(std::uint8_t* out, const std::uint8_t* in, std::size_t count) noexcept {
    using Bits = typename UnsignedOfSize<sizeof(T)>::type;
    for (std::size_t i = 0; i < count; ++i) {
        Bits bits;
        std::memcpy(&bits, in + i * sizeof(T), sizeof(T));
        bits = byteswap(bits);
        std::memcpy(out + i * sizeof(T), &bits, sizeof(T));
    }
}

}  // namespace detail
}  // namespace corbel::cdr
