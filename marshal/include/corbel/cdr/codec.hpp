// The customization point: one call, corbel::cdr::encode / decode, for every type.
//
// Codec<T> says how a T is written and read. It is provided here for the IDL primitives,
// std::string, std::vector, std::array, the bounded types and enums; generated code and
// users add their own types in either of two ways:
//   - declare `void encode_cdr(corbel::cdr::Writer&, const T&)` and
//     `void decode_cdr(corbel::cdr::Reader&, T&)` in T's namespace (found by ADL), or
//   - specialise corbel::cdr::Codec<T> with static encode and decode functions.
// An enum needs EnumTraits<E>::count (its number of enumerators) to be range-checked.
// A struct or union may also specialise MinWireSize<T>, the fewest bytes its encoding can
// take, which tightens the check of sequence lengths against the bytes that remain.
#pragma once

#include <corbel/cdr/bounded.hpp>
#include <corbel/cdr/reader.hpp>
#include <corbel/cdr/writer.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace corbel::cdr {

template <class T, class Enable = void>
struct Codec;

// The number of enumerators of an IDL enum; generated code specialises it.
template <class E>
struct EnumTraits;

// The fewest bytes any encoding of T takes (never 0). Used to reject sequence lengths
// that the remaining input cannot hold before memory is reserved for them.
template <class T, class Enable = void>
struct MinWireSize : std::integral_constant<std::size_t, 1> {};

namespace detail {

template <class T>
struct DependentFalse : std::false_type {};

template <class T, class = void>
struct HasAdlCodec : std::false_type {};
template <class T>
struct HasAdlCodec<T, std::void_t<decltype(encode_cdr(std::declval<Writer&>(), std::declval<const T&>())),
                                  decltype(decode_cdr(std::declval<Reader&>(), std::declval<T&>()))>>
    : std::true_type {};

// Types whose bytes in host order are their CDR encoding in host order.
template <class T>
constexpr bool is_memcpy_primitive =
    std::is_arithmetic_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, long double> &&
    !std::is_same_v<T, wchar_t> && !std::is_same_v<T, char16_t> && !std::is_same_v<T, char32_t>;

template <class T>
constexpr bool is_unsupported_primitive =
    std::is_same_v<T, long double> || std::is_same_v<T, wchar_t> || std::is_same_v<T, char16_t> ||
    std::is_same_v<T, char32_t>;

}  // namespace detail

// Types with neither an ADL pair nor a specialisation fail here, at compile time, with a
// message rather than a wall of template errors.
template <class T, class Enable>
struct Codec {
    static_assert(!detail::is_unsupported_primitive<T>,
                  "corbel CDR does not support wchar, wstring or long double (nor fixed and any)");
    static_assert(detail::is_unsupported_primitive<T> || detail::HasAdlCodec<T>::value,
                  "no CDR encoding for this type: declare encode_cdr/decode_cdr next to it or "
                  "specialise corbel::cdr::Codec<T>");
    static void encode(Writer& writer, const T& value) { encode_cdr(writer, value); }
    static void decode(Reader& reader, T& value) { decode_cdr(reader, value); }
};

// Writes `value`. Composes: generated code calls it for every member.
template <class T>
void encode(Writer& writer, const T& value) {
    Codec<T>::encode(writer, value);
}

// Reads into `value` as part of a larger value; on failure `value` may hold part of the
// input. Generated code calls it for members of a value it is building; people should call
// decode(), which never leaves a half-built value.
template <class T>
void decode_member(Reader& reader, T& value) {
    Codec<T>::decode(reader, value);
}

// Reads one whole value. If it fails, `value` is unchanged and the reader is back where it
// was, and the MarshalError says what was wrong and where.
template <class T>
void decode(Reader& reader, T& value) {
    const std::size_t start = reader.position();
    try {
        if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
            Codec<T>::decode(reader, value);  // assigns only after a value was read whole
        } else {
            T fresh{};
            Codec<T>::decode(reader, fresh);
            value = std::move(fresh);
        }
    } catch (...) {
        reader.rewind(start);
        throw;
    }
}

template <class T>
T decode(Reader& reader) {
    T value{};
    decode(reader, value);
    return value;
}

// --- primitives ---------------------------------------------------------------------------

template <class T>
struct Codec<T, std::enable_if_t<detail::is_memcpy_primitive<T>>> {
    static void encode(Writer& writer, T value) {
        if constexpr (sizeof(T) == 1) {
            writer.write_octet(static_cast<std::uint8_t>(value));
        } else {
            writer.write(value);
        }
    }
    static void decode(Reader& reader, T& value) {
        if constexpr (sizeof(T) == 1) {
            value = static_cast<T>(reader.read_octet());
        } else {
            value = reader.read<T>();
        }
    }
};

template <class T>
struct MinWireSize<T, std::enable_if_t<detail::is_memcpy_primitive<T>>>
    : std::integral_constant<std::size_t, sizeof(T)> {};

template <>
struct Codec<bool> {
    static void encode(Writer& writer, bool value) { writer.write_boolean(value); }
    static void decode(Reader& reader, bool& value) { value = reader.read_boolean(); }
};

// --- enums: an unsigned long holding the enumerator's position ----------------------------

template <class E>
struct Codec<E, std::enable_if_t<std::is_enum_v<E>>> {
    static void encode(Writer& writer, E value) {
        const auto ordinal = static_cast<std::uint32_t>(value);
        if (ordinal >= EnumTraits<E>::count) {
            writer.fail(ErrorKind::enum_out_of_range,
                        "enum value " + std::to_string(ordinal) + " has no enumerator (the type has " +
                            std::to_string(EnumTraits<E>::count) + ")");
        }
        writer.write(ordinal);
    }
    static void decode(Reader& reader, E& value) {
        reader.align(4);
        const std::size_t at = reader.position();
        const auto ordinal = reader.read<std::uint32_t>();
        if (ordinal >= EnumTraits<E>::count) {
            reader.fail(ErrorKind::enum_out_of_range, at,
                        "enum value " + std::to_string(ordinal) + " has no enumerator (the type has " +
                            std::to_string(EnumTraits<E>::count) + ")");
        }
        value = static_cast<E>(ordinal);
    }
};

template <class E>
struct MinWireSize<E, std::enable_if_t<std::is_enum_v<E>>> : std::integral_constant<std::size_t, 4> {};

// --- strings ------------------------------------------------------------------------------

template <>
struct Codec<std::string> {
    static void encode(Writer& writer, const std::string& value) { writer.write_string(value); }
    static void decode(Reader& reader, std::string& value) { value = reader.read_string_view(); }
};

template <std::size_t Bound>
struct Codec<BoundedString<Bound>> {
    static void encode(Writer& writer, const BoundedString<Bound>& value) {
        writer.write_string(value, Bound);
    }
    static void decode(Reader& reader, BoundedString<Bound>& value) {
        value.assign(reader.read_string_view(Bound));
    }
};

template <>
struct MinWireSize<std::string> : std::integral_constant<std::size_t, 4> {};
template <std::size_t Bound>
struct MinWireSize<BoundedString<Bound>> : std::integral_constant<std::size_t, 4> {};

// --- sequences: an unsigned long count, then the elements ---------------------------------

namespace detail {

template <class T, class Vector>
void encode_sequence(Writer& writer, const Vector& items, std::size_t bound) {
    writer.write_length(items.size(), bound);
    if constexpr (is_memcpy_primitive<T> && !std::is_same_v<Vector, std::vector<bool>>) {
        writer.write_array(items.data(), items.size());
    } else {
        for (const auto& item : items) Codec<T>::encode(writer, item);
    }
}

template <class T, class Vector>
void decode_sequence(Reader& reader, Vector& items, std::size_t bound) {
    const std::uint32_t length = reader.read_length(MinWireSize<T>::value, bound);
    if constexpr (is_memcpy_primitive<T>) {
        // Check the padding and the whole array against the input first: after that the copy
        // cannot fail, so `items` may be filled in place (no allocation when it already has
        // the size) without ever holding half a sequence.
        reader.expect_array<T>(length);
        items.resize(length);
        reader.read_array(items.data(), length);
    } else {
        Reader::DepthGuard depth(reader);
        Vector fresh;
        fresh.reserve(length);
        for (std::uint32_t i = 0; i < length; ++i) {
            T item{};
            Codec<T>::decode(reader, item);
            fresh.push_back(std::move(item));
        }
        items.swap(fresh);
    }
}

}  // namespace detail

template <class T, class Allocator>
struct Codec<std::vector<T, Allocator>> {
    static void encode(Writer& writer, const std::vector<T, Allocator>& items) {
        detail::encode_sequence<T>(writer, items, 0);
    }
    static void decode(Reader& reader, std::vector<T, Allocator>& items) {
        detail::decode_sequence<T>(reader, items, 0);
    }
};

template <class T, std::size_t Bound>
struct Codec<BoundedSequence<T, Bound>> {
    static void encode(Writer& writer, const BoundedSequence<T, Bound>& items) {
        detail::encode_sequence<T>(writer, items, Bound);
    }
    static void decode(Reader& reader, BoundedSequence<T, Bound>& items) {
        detail::decode_sequence<T>(reader, static_cast<std::vector<T>&>(items), Bound);
    }
};

template <class T, class Allocator>
struct MinWireSize<std::vector<T, Allocator>> : std::integral_constant<std::size_t, 4> {};
template <class T, std::size_t Bound>
struct MinWireSize<BoundedSequence<T, Bound>> : std::integral_constant<std::size_t, 4> {};

// --- arrays: the elements in order, no length; nested std::arrays are multi-dimensional --

template <class T, std::size_t N>
struct Codec<std::array<T, N>> {
    static void encode(Writer& writer, const std::array<T, N>& items) {
        if constexpr (detail::is_memcpy_primitive<T>) {
            writer.write_array(items.data(), N);
        } else {
            for (const auto& item : items) Codec<T>::encode(writer, item);
        }
    }
    static void decode(Reader& reader, std::array<T, N>& items) {
        if constexpr (detail::is_memcpy_primitive<T>) {
            reader.read_array(items.data(), N);
        } else {
            Reader::DepthGuard depth(reader);
            for (auto& item : items) Codec<T>::decode(reader, item);
        }
    }
};

template <class T, std::size_t N>
struct MinWireSize<std::array<T, N>> : std::integral_constant<std::size_t, N * MinWireSize<T>::value> {};

// --- whole buffers ------------------------------------------------------------------------

// Encodes one value into a fresh buffer.
template <class T>
ByteBuffer to_cdr(const T& value, ByteOrder order = native_byte_order(),
                  StringForm form = StringForm::omg) {
    Writer writer(order, form);
    encode(writer, value);
    return writer.take();
}

// Decodes one value that must fill `bytes` exactly.
template <class T>
T from_cdr(ByteView bytes, ByteOrder order, StringForm form = StringForm::omg,
           ReaderLimits limits = {}) {
    Reader reader(bytes, order, form, limits);
    T value = decode<T>(reader);
    reader.expect_end();
    return value;
}

// Encodes one value as an encapsulation: a byte-order octet, then the value, aligned from
// that octet. (Without the length prefix that write_encapsulation puts in a stream.)
template <class T>
ByteBuffer to_encapsulation(const T& value, ByteOrder order = native_byte_order()) {
    Writer writer(order);
    writer.write_octet(static_cast<std::uint8_t>(order));
    encode(writer, value);
    return writer.take();
}

// Decodes an encapsulation made by to_encapsulation (or any ORB's equivalent).
template <class T>
T from_encapsulation(ByteView bytes, ReaderLimits limits = {}) {
    if (bytes.size == 0) {
        throw MarshalError(ErrorKind::truncated, 0, "an encapsulation needs its byte-order octet");
    }
    if (bytes.data[0] > 1) {
        throw MarshalError(ErrorKind::invalid_byte_order, 0,
                           "byte-order octet is " + std::to_string(bytes.data[0]) + ", not 0 or 1");
    }
    Reader reader(bytes, static_cast<ByteOrder>(bytes.data[0]), StringForm::omg, limits);
    reader.read_octet();
    T value = decode<T>(reader);
    reader.expect_end();
    return value;
}

}  // namespace corbel::cdr
