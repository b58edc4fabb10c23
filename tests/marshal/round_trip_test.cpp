// Every type round-trips in both byte orders, and the swapping path really swaps.
#include "test_types.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

using namespace corbel::cdr;
using namespace corbel_test;

namespace {

const ByteOrder both_orders[] = {ByteOrder::big, ByteOrder::little};

template <class T>
void check_round_trip(const T& value) {
    for (const ByteOrder order : both_orders) {
        CAPTURE(std::string(to_string(order)));
        const ByteBuffer bytes = to_cdr(value, order);
        CHECK(from_cdr<T>(bytes.view(), order) == value);
    }
}

}  // namespace

TEST_CASE("primitives are aligned to their size from the origin, padding is zero") {
    Writer w(ByteOrder::big);
    encode(w, std::uint8_t{0xab});
    encode(w, std::int16_t{0x0102});
    encode(w, std::uint8_t{0xcd});
    encode(w, std::int32_t{0x03040506});
    encode(w, std::uint8_t{0xef});
    encode(w, double{1.0});
    const std::vector<std::uint8_t> expected = {
        0xab, 0x00, 0x01, 0x02,                          // octet, pad, short
        0xcd, 0x00, 0x00, 0x00, 0x03, 0x04, 0x05, 0x06,  // octet, pad 3, long
        0xef, 0x00, 0x00, 0x00,                          // octet, pad 3 to offset 16
        0x3f, 0xf0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // double 1.0
    };
    CHECK(w.buffer().to_vector() == expected);
}

TEST_CASE("the little-endian writer reverses every multi-byte primitive") {
    const auto big = to_cdr(std::uint64_t{0x0102030405060708ULL}, ByteOrder::big).to_vector();
    const auto little = to_cdr(std::uint64_t{0x0102030405060708ULL}, ByteOrder::little).to_vector();
    CHECK(big == std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6, 7, 8});
    CHECK(little == std::vector<std::uint8_t>{8, 7, 6, 5, 4, 3, 2, 1});
    const auto floats = to_cdr(std::vector<float>{1.0f}, ByteOrder::big).to_vector();
    CHECK(floats == std::vector<std::uint8_t>{0, 0, 0, 1, 0x3f, 0x80, 0, 0});
}

TEST_CASE("every primitive round-trips at its limits") {
    check_round_trip(std::uint8_t{0});
    check_round_trip(std::uint8_t{255});
    check_round_trip(true);
    check_round_trip(false);
    check_round_trip('\x7f');
    check_round_trip(std::numeric_limits<std::int16_t>::min());
    check_round_trip(std::numeric_limits<std::uint16_t>::max());
    check_round_trip(std::numeric_limits<std::int32_t>::min());
    check_round_trip(std::numeric_limits<std::uint32_t>::max());
    check_round_trip(std::numeric_limits<std::int64_t>::min());
    check_round_trip(std::numeric_limits<std::uint64_t>::max());
    check_round_trip(std::numeric_limits<float>::denorm_min());
    check_round_trip(-std::numeric_limits<double>::max());
    check_round_trip(std::numeric_limits<double>::infinity());
}

TEST_CASE("NaN keeps its bits") {
    for (const ByteOrder order : both_orders) {
        const double nan = std::nan("0x5");
        const double back = from_cdr<double>(to_cdr(nan, order).view(), order);
        CHECK(std::memcmp(&nan, &back, sizeof nan) == 0);
    }
}

TEST_CASE("strings, sequences, arrays, enums, unions and structs round-trip") {
    check_round_trip(std::string{});
    check_round_trip(std::string("x"));
    check_round_trip(std::string(1000, 'q'));
    check_round_trip(std::vector<double>{});
    check_round_trip(std::vector<std::int16_t>{1, -1, 32767});
    check_round_trip(std::vector<bool>{true, false});
    check_round_trip(std::vector<std::vector<std::string>>{{"a"}, {}, {"b", "c"}});
    check_round_trip(std::array<std::array<std::array<double, 2>, 2>, 2>{});
    check_round_trip(Color::green);
    check_round_trip(Person{"Smith", "London", 1934});
    check_round_trip(sample_everything());
    check_round_trip(Tree{"root", {Tree{"a", {}}, Tree{"b", {Tree{"c", {}}}}}});
}

TEST_CASE("union: each branch, several labels per case, default, and no member selected") {
    Shape shape;
    shape.radius(2.5);
    check_round_trip(shape);
    shape.points({1, 2}, 2);
    check_round_trip(shape);
    shape.points({3}, 3);
    check_round_trip(shape);
    shape.label("other", 99);
    check_round_trip(shape);
    check_round_trip(Flag{true, -7});
    check_round_trip(Flag{false, 0});
    // FALSE selects no member: the encoding is the discriminator alone.
    CHECK(to_cdr(Flag{false, 0}, ByteOrder::big).size() == 1);
}

TEST_CASE("a union's bytes are the discriminator, then the selected member") {
    Shape shape;
    shape.radius(1.0);
    const std::vector<std::uint8_t> expected = {
        0, 0, 0, 1,                  // discriminator 1
        0, 0, 0, 0,                  // padding to 8
        0x3f, 0xf0, 0, 0, 0, 0, 0, 0 // radius
    };
    CHECK(to_cdr(shape, ByteOrder::big).to_vector() == expected);
}

TEST_CASE("multi-dimensional arrays are the elements in row-major order, no length") {
    const std::array<std::array<std::int16_t, 2>, 2> matrix = {{{1, 2}, {3, 4}}};
    CHECK(to_cdr(matrix, ByteOrder::big).to_vector() == std::vector<std::uint8_t>{0, 1, 0, 2, 0, 3, 0, 4});
}

TEST_CASE("an enum is an unsigned long holding the enumerator's position") {
    CHECK(to_cdr(Color::blue, ByteOrder::big).to_vector() == std::vector<std::uint8_t>{0, 0, 0, 2});
}

TEST_CASE("bounded strings and sequences are checked when writing") {
    BoundedString<3> too_long("four");
    CHECK_THROWS_AS(to_cdr(too_long), MarshalError);
    BoundedSequence<std::int32_t, 2> too_many{1, 2, 3};
    try {
        to_cdr(too_many);
        FAIL("expected a bound error");
    } catch (const MarshalError& e) {
        CHECK(e.kind() == ErrorKind::bound_exceeded);
    }
    CHECK_NOTHROW(to_cdr(BoundedString<4>("four")));
}

TEST_CASE("enum values with no enumerator are refused when writing") {
    try {
        to_cdr(static_cast<Color>(3));
        FAIL("expected an enum error");
    } catch (const MarshalError& e) {
        CHECK(e.kind() == ErrorKind::enum_out_of_range);
    }
}

TEST_CASE("OMG strings may not contain NUL when writing") {
    try {
        to_cdr(std::string("a\0b", 3));
        FAIL("expected an embedded NUL error");
    } catch (const MarshalError& e) {
        CHECK(e.kind() == ErrorKind::embedded_string_nul);
    }
}

TEST_CASE("encapsulation: own byte-order octet, alignment counted from it") {
    for (const ByteOrder outer : both_orders) {
        for (const ByteOrder inner : both_orders) {
            CAPTURE(std::string(to_string(outer)));
            CAPTURE(std::string(to_string(inner)));
            Writer w(outer);
            encode(w, std::uint8_t{0x11});  // makes the outer stream misaligned by one
            w.write_encapsulation(inner, [](Writer& body) {
                encode(body, std::int32_t{0x01020304});
                encode(body, std::string("enc"));
            });
            encode(w, std::uint16_t{0xbeef});
            const auto bytes = w.buffer().to_vector();
            // octet, 3 pad, length, then at offset 8 the flag; the long sits at flag + 4.
            REQUIRE(bytes.size() >= 16);
            CHECK(bytes[8] == static_cast<std::uint8_t>(inner));
            CHECK(bytes[9] == 0);
            CHECK(bytes[10] == 0);
            CHECK(bytes[11] == 0);

            Reader r(bytes, outer);
            CHECK(decode<std::uint8_t>(r) == 0x11);
            Reader body = r.read_encapsulation();
            CHECK(body.byte_order() == inner);
            CHECK(decode<std::int32_t>(body) == 0x01020304);
            CHECK(decode<std::string>(body) == "enc");
            body.expect_end();
            CHECK(decode<std::uint16_t>(r) == 0xbeef);
            r.expect_end();
        }
    }
}

TEST_CASE("encapsulation of a whole value") {
    for (const ByteOrder order : both_orders) {
        const Person smith{"Smith", "London", 1934};
        const ByteBuffer bytes = to_encapsulation(smith, order);
        CHECK(bytes[0] == static_cast<std::uint8_t>(order));
        CHECK(bytes.size() == 1 + 3 + 28);  // flag, padding to 4 from the flag, the Person
        CHECK(from_encapsulation<Person>(bytes.view()) == smith);
    }
}

TEST_CASE("a writer appending to a lent buffer aligns from where it started") {
    ByteBuffer shared;
    shared.append("xyz", 3);
    Writer w(shared, ByteOrder::big);
    encode(w, std::int32_t{1});
    CHECK(shared.size() == 7);
    CHECK(shared[3] == 0);
    CHECK(shared[6] == 1);
}

TEST_CASE("an encapsulation whose body throws leaves the stream as it was") {
    Writer w(ByteOrder::big);
    encode(w, std::int32_t{5});
    CHECK_THROWS_AS(w.write_encapsulation(ByteOrder::little,
                                          [](Writer& body) { encode(body, BoundedString<1>("too long")); }),
                    MarshalError);
    CHECK(w.buffer().size() == 4);
    CHECK(w.byte_order() == ByteOrder::big);
    encode(w, std::int16_t{1});
    CHECK(w.buffer().to_vector() == std::vector<std::uint8_t>{0, 0, 0, 5, 0, 1});
}
