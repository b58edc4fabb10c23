// The reader against hostile bytes: truncation at every offset, corrupted lengths, invalid
// values, deep nesting and random input. Every failure must be a MarshalError with the
// right kind and offset; nothing may be read past the end or allocated without cause.
#include "test_types.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <random>

using namespace corbel::cdr;
using namespace corbel_test;

namespace {

const ByteOrder both_orders[] = {ByteOrder::big, ByteOrder::little};

ErrorKind kind_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const MarshalError& e) {
        return e.kind();
    }
    FAIL("expected a MarshalError");
    return ErrorKind::trailing_bytes;
}

std::size_t offset_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const MarshalError& e) {
        return e.offset();
    }
    FAIL("expected a MarshalError");
    return 0;
}

// Cuts the encoding of `value` at every offset; each prefix must fail cleanly, and a
// failed decode must leave the target and the reader untouched.
template <class T>
void check_every_truncation(const T& value, const T& untouched) {
    for (const ByteOrder order : both_orders) {
        const ByteBuffer bytes = to_cdr(value, order);
        for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
            CAPTURE(cut);
            Reader r(ByteView(bytes.data(), cut), order);
            T target = untouched;
            const ErrorKind kind = kind_of([&] { decode(r, target); });
            CHECK((kind == ErrorKind::truncated || kind == ErrorKind::length_exceeds_input));
            CHECK(target == untouched);
            CHECK(r.position() == 0);
        }
    }
}

std::vector<std::uint8_t> big_endian_ulong(std::uint32_t v) {
    return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
            static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

// An allocator that refuses any allocation above 1 MiB, to prove that lengths are checked
// against the input before memory is reserved.
template <class T>
struct CappedAllocator {
    using value_type = T;
    CappedAllocator() = default;
    template <class U>
    CappedAllocator(const CappedAllocator<U>&) {}
    T* allocate(std::size_t n) {
        REQUIRE(n * sizeof(T) <= (1u << 20));
        return std::allocator<T>().allocate(n);
    }
    void deallocate(T* p, std::size_t n) { std::allocator<T>().deallocate(p, n); }
    bool operator==(const CappedAllocator&) const { return true; }
    bool operator!=(const CappedAllocator&) const { return false; }
};

}  // namespace

TEST_CASE("every test value cut at every offset fails cleanly") {
    check_every_truncation(Person{"Smith", "London", 1934}, Person{"keep", "me", 1});
    check_every_truncation(sample_everything(), Everything{});
    check_every_truncation(Tree{"r", {Tree{"a", {Tree{"b", {}}}}}}, Tree{"untouched", {}});
    check_every_truncation(std::vector<double>{1, 2, 3}, std::vector<double>{9});
    check_every_truncation(std::vector<std::string>{"ab", "cde"}, std::vector<std::string>{"z"});
    check_every_truncation(std::string("truncate me"), std::string("z"));
    check_every_truncation(std::int64_t{-5}, std::int64_t{7});
}

TEST_CASE("a sequence length of 4,000,000,000 in a 20-byte message fails before any allocation") {
    auto message = big_endian_ulong(4000000000u);
    message.resize(20, 0);
    CHECK(kind_of([&] { from_cdr<std::vector<double, CappedAllocator<double>>>(message, ByteOrder::big); }) ==
          ErrorKind::length_exceeds_input);
    CHECK(kind_of([&] { from_cdr<std::vector<Person, CappedAllocator<Person>>>(message, ByteOrder::big); }) ==
          ErrorKind::length_exceeds_input);
    CHECK(kind_of([&] { from_cdr<std::vector<std::uint8_t, CappedAllocator<std::uint8_t>>>(message, ByteOrder::big); }) ==
          ErrorKind::length_exceeds_input);
    CHECK(kind_of([&] { from_cdr<std::string>(message, ByteOrder::big); }) == ErrorKind::length_exceeds_input);
}

TEST_CASE("corrupted lengths of every variable-length type are caught") {
    for (const ByteOrder order : both_orders) {
        CAPTURE(std::string(to_string(order)));
        auto check_length = [&](auto value, std::size_t length_offset) {
            using T = decltype(value);
            const auto good = to_cdr(value, order).to_vector();
            for (const std::uint32_t corrupt : {0xffffffffu, 0x80000000u, 4000000000u, 0x10000u, 1000u}) {
                CAPTURE(corrupt);
                auto bad = good;
                detail::store(bad.data() + length_offset, corrupt, order != native_byte_order());
                const ErrorKind kind = kind_of([&] { from_cdr<T>(bad, order); });
                CHECK((kind == ErrorKind::length_exceeds_input || kind == ErrorKind::truncated ||
                       kind == ErrorKind::bound_exceeded));
            }
        };
        check_length(std::string("abc"), 0);
        check_length(BoundedString<10>("abc"), 0);
        check_length(std::vector<double>{1.0}, 0);
        check_length(std::vector<std::string>{"a"}, 0);
        check_length(std::vector<std::string>{"abc"}, 4);  // the inner string's length
        check_length(std::vector<Person>{{"a", "b", 1}}, 0);
        check_length(BoundedSequence<std::int32_t, 5>{1, 2}, 0);
        check_length(std::vector<std::vector<std::int16_t>>{{1}}, 4);
        // A length one too long runs into the end (or the next value).
        auto bad = to_cdr(std::string("abc"), order).to_vector();
        detail::store(bad.data(), std::uint32_t{5}, order != native_byte_order());
        CHECK(kind_of([&] { from_cdr<std::string>(bad, order); }) == ErrorKind::length_exceeds_input);
    }
}

TEST_CASE("bounds are checked when reading") {
    const auto five = to_cdr(std::string("12345"), ByteOrder::big);
    CHECK(kind_of([&] { from_cdr<BoundedString<4>>(five.view(), ByteOrder::big); }) == ErrorKind::bound_exceeded);
    CHECK(from_cdr<BoundedString<5>>(five.view(), ByteOrder::big) == "12345");
    const auto three = to_cdr(std::vector<std::int32_t>{1, 2, 3}, ByteOrder::little);
    CHECK(kind_of([&] { from_cdr<BoundedSequence<std::int32_t, 2>>(three.view(), ByteOrder::little); }) ==
          ErrorKind::bound_exceeded);
}

TEST_CASE("booleans other than 0 and 1 are refused, with their offset") {
    const std::vector<std::uint8_t> bytes = {0, 0, 0, 0, 0, 2};
    Reader r(bytes, ByteOrder::big);
    r.read<std::int32_t>();
    r.read_octet();
    CHECK(offset_of([&] { r.read_boolean(); }) == 5);
    CHECK(kind_of([&] { from_cdr<bool>(std::vector<std::uint8_t>{7}, ByteOrder::big); }) == ErrorKind::invalid_boolean);
    CHECK(kind_of([&] { from_cdr<std::vector<bool>>(std::vector<std::uint8_t>{0, 0, 0, 1, 3}, ByteOrder::big); }) ==
          ErrorKind::invalid_boolean);
}

TEST_CASE("string terminators are checked") {
    // OMG form: length counts the NUL.
    CHECK(kind_of([&] { from_cdr<std::string>(std::vector<std::uint8_t>{0, 0, 0, 2, 'a', 'b'}, ByteOrder::big); }) ==
          ErrorKind::missing_string_nul);
    CHECK(kind_of([&] { from_cdr<std::string>(std::vector<std::uint8_t>{0, 0, 0, 3, 'a', 0, 0}, ByteOrder::big); }) ==
          ErrorKind::embedded_string_nul);
    CHECK(kind_of([&] { from_cdr<std::string>(std::vector<std::uint8_t>{0, 0, 0, 0}, ByteOrder::big); }) ==
          ErrorKind::zero_string_length);
    CHECK(offset_of([&] { from_cdr<std::string>(std::vector<std::uint8_t>{0, 0, 0, 2, 'a', 'b'}, ByteOrder::big); }) == 5);
}

TEST_CASE("enum values past the last enumerator are refused") {
    CHECK(kind_of([&] { from_cdr<Color>(std::vector<std::uint8_t>{0, 0, 0, 3}, ByteOrder::big); }) ==
          ErrorKind::enum_out_of_range);
    CHECK(from_cdr<Color>(std::vector<std::uint8_t>{0, 0, 0, 2}, ByteOrder::big) == Color::blue);
}

TEST_CASE("nesting depth is capped") {
    Tree deep{"leaf", {}};
    for (int i = 0; i < 100; ++i) deep = Tree{"n", {std::move(deep)}};
    const ByteBuffer bytes = to_cdr(deep, ByteOrder::little);
    CHECK(kind_of([&] { from_cdr<Tree>(bytes.view(), ByteOrder::little); }) == ErrorKind::nesting_too_deep);
    CHECK(from_cdr<Tree>(bytes.view(), ByteOrder::little, StringForm::omg, ReaderLimits{500}) == deep);
}

TEST_CASE("encapsulations with a bad byte-order octet or no octet are refused") {
    CHECK(kind_of([&] { from_encapsulation<std::int32_t>(std::vector<std::uint8_t>{2, 0, 0, 0, 0, 0, 0, 1}); }) ==
          ErrorKind::invalid_byte_order);
    CHECK(kind_of([&] { from_encapsulation<std::int32_t>(std::vector<std::uint8_t>{}); }) == ErrorKind::truncated);
    const std::vector<std::uint8_t> nested = {0, 0, 0, 1, 9};
    Reader r(nested, ByteOrder::big);
    CHECK(kind_of([&] { r.read_encapsulation(); }) == ErrorKind::invalid_byte_order);
    const std::vector<std::uint8_t> empty = {0, 0, 0, 0};
    Reader r2(empty, ByteOrder::big);
    CHECK(kind_of([&] { r2.read_encapsulation(); }) == ErrorKind::truncated);
}

TEST_CASE("an encapsulation's reader cannot read past its end") {
    Writer w(ByteOrder::big);
    w.write_encapsulation(ByteOrder::big, [](Writer& body) { encode(body, std::int16_t{1}); });
    encode(w, std::int32_t{0x7fffffff});  // bytes after the encapsulation
    Reader r(w.view(), ByteOrder::big);
    Reader body = r.read_encapsulation();
    CHECK(decode<std::int16_t>(body) == 1);
    CHECK(kind_of([&] { decode<std::int32_t>(body); }) == ErrorKind::truncated);
}

TEST_CASE("trailing bytes are refused when a whole buffer is one value") {
    CHECK(kind_of([&] { from_cdr<std::int16_t>(std::vector<std::uint8_t>{0, 1, 2}, ByteOrder::big); }) ==
          ErrorKind::trailing_bytes);
}

TEST_CASE("random bytes never crash the reader") {
    std::mt19937 random(20261121);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 200);
    const auto valid = to_cdr(sample_everything(), ByteOrder::big).to_vector();
    int decoded = 0;
    int refused = 0;
    for (int round = 0; round < 20000; ++round) {
        std::vector<std::uint8_t> bytes;
        if (round % 2 == 0) {
            bytes.resize(static_cast<std::size_t>(length(random)));
            for (auto& b : bytes) b = static_cast<std::uint8_t>(byte(random));
        } else {
            // Flip a few bytes of a valid encoding: gets past the first checks more often.
            bytes = valid;
            for (int flips = 0; flips < 3; ++flips) {
                bytes[static_cast<std::size_t>(byte(random)) % bytes.size()] = static_cast<std::uint8_t>(byte(random));
            }
        }
        try {
            (void)from_cdr<Everything>(bytes, round % 3 == 0 ? ByteOrder::little : ByteOrder::big);
            ++decoded;
        } catch (const MarshalError&) {
            ++refused;
        }
    }
    CHECK(decoded + refused == 20000);
    CHECK(refused > 0);
    MESSAGE("random inputs: " << decoded << " decoded, " << refused << " refused");
}

TEST_CASE("a primitive sequence cut inside its alignment padding leaves the target untouched") {
    // length 1 at offset 0, then 4 bytes of padding to reach 8 for the double: the length
    // fits what remains, but the padding and the double together do not.
    const std::vector<std::uint8_t> bytes = {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    std::vector<double> target{7.0, 7.0};
    Reader r(bytes, ByteOrder::big);
    CHECK(kind_of([&] { decode_member(r, target); }) == ErrorKind::truncated);
    CHECK(target == std::vector<double>{7.0, 7.0});
}
