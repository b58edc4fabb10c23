// The golden generated code, compiled with the project's warnings, behaves as the mapping says:
// bytes on the wire, round trips in both byte orders, bounds, unions' accessors and setters,
// enum names, constants and exceptions.
#include "collections.hpp"
#include "enums_and_constants.hpp"
#include "interfaces.hpp"
#include "person.hpp"
#include "unions.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using corbel::cdr::ByteOrder;
using corbel::cdr::ErrorKind;
using corbel::cdr::MarshalError;

namespace {

template <class T>
void check_round_trip(const T& value) {
    for (const ByteOrder order : {ByteOrder::big, ByteOrder::little}) {
        const auto bytes = corbel::cdr::to_cdr(value, order);
        const T back = corbel::cdr::from_cdr<T>(bytes.view(), order);
        CHECK(back == value);
    }
}

template <class T>
ErrorKind encode_error(const T& value) {
    try {
        (void)corbel::cdr::to_cdr(value, ByteOrder::big);
    } catch (const MarshalError& e) {
        return e.kind();
    }
    FAIL("encoding succeeded");
    return ErrorKind::truncated;
}

}  // namespace

TEST_CASE("a generated Person is the 28 bytes of the notes' figure 4.8, in OMG form") {
    const Person smith{"Smith", "London", 1934};
    const auto bytes = corbel::cdr::to_cdr(smith, ByteOrder::big);
    const std::vector<std::uint8_t> expected = {0, 0, 0, 6, 'S', 'm', 'i', 't', 'h', 0, 0, 0, 0, 0,
                                                0, 7, 'L', 'o', 'n', 'd', 'o', 'n', 0, 0, 0, 0, 7, 0x8e};
    CHECK(std::vector<std::uint8_t>(bytes.view().data, bytes.view().data + bytes.view().size) == expected);
    check_round_trip(smith);
    CHECK(corbel::cdr::MinWireSize<Person>::value == 12);
}

TEST_CASE("enums map to enum classes with names both ways and a range-checked codec") {
    CHECK(std::string(to_string(Palette::Color::blue)) == "blue");
    CHECK(Palette::Color_from_string("green") == Palette::Color::green);
    CHECK_FALSE(Palette::Color_from_string("purple").has_value());
    CHECK(corbel::cdr::EnumTraits<Palette::Color>::count == 3);
    CHECK(encode_error(static_cast<Palette::Color>(7)) == ErrorKind::enum_out_of_range);
}

TEST_CASE("constants are constexpr values of their IDL type") {
    static_assert(Palette::MAX_ITEMS == 68);
    static_assert(Palette::ALL_BITS == 0xffffffffu);
    static_assert(Palette::MINIMUM == INT64_MIN);
    static_assert(Palette::DEFAULT_COLOR == Palette::Color::green);
    static_assert(Palette::MASK == 0xff);
    static_assert(Palette::GREETING == "hello, \"world\"\n");
    static_assert(Palette::LETTER == 'x' && Palette::ENABLED);
    CHECK(Palette::HALF == 0.5);
    CHECK(Palette::THIRD == doctest::Approx(1.0 / 3.0));
    static_assert(Bank::Account::MAX_OWNERS == 4);
}

TEST_CASE("union accessors refuse the member the discriminator does not select") {
    Shape shape;
    CHECK(shape._d() == Kind::circle);
    CHECK(shape.radius() == 0.0);
    shape.points({1, 2, 3});
    CHECK(shape._d() == Kind::polygon);
    CHECK(shape.points() == std::vector<std::int32_t>{1, 2, 3});
    CHECK_THROWS_AS(shape.radius(), std::logic_error);
    CHECK_THROWS_AS(shape._d(Kind::text), std::invalid_argument);
    CHECK_THROWS_AS(shape.label("x", Kind::circle), std::invalid_argument);
    check_round_trip(shape);

    Number number;
    number.small(5, 2);
    CHECK(number._d() == 2);
    number._d(1);  // another label of the same member
    CHECK(number._d() == 1);
    check_round_trip(number);
    number.other(9);  // the default member takes a value no label names
    CHECK(number._d() == 0);
    number.other(9, 77);
    CHECK(number._d() == 77);
    CHECK_THROWS_AS(number.other(9, 3), std::invalid_argument);
    check_round_trip(number);
}

TEST_CASE("a discriminator that selects no member encodes no member") {
    Flag flag;
    flag._default();
    CHECK(flag._d() == false);
    CHECK_THROWS_AS(flag.value(), std::logic_error);
    const auto bytes = corbel::cdr::to_cdr(flag, ByteOrder::big);
    CHECK(bytes.view().size == 1);
    check_round_trip(flag);
    Shape empty_shape;
    const std::vector<std::uint8_t> empty_kind = {0, 0, 0, 3};
    const Shape decoded = corbel::cdr::from_cdr<Shape>({empty_kind.data(), empty_kind.size()}, ByteOrder::big);
    CHECK(decoded._d() == Kind::empty);
    CHECK_THROWS_AS(decoded.label(), std::logic_error);
    const std::vector<std::uint8_t> bad_kind = {0, 0, 0, 9};
    CHECK_THROWS_AS(corbel::cdr::from_cdr<Shape>({bad_kind.data(), bad_kind.size()}, ByteOrder::big),
                    MarshalError);
}

TEST_CASE("bounded strings and sequences are checked on encode and decode") {
    Store::Item item;
    item.name = "sixteen chars ok";
    item.prices = {1.0, 2.0, 3.0, 4.0};
    item.grid = {{{1, 2, 3}, {4, 5, 6}}};
    item.blob = {0, 255};
    check_round_trip(item);
    Store::Item too_long = item;
    too_long.name = "seventeen chars!!";
    CHECK(encode_error(too_long) == ErrorKind::bound_exceeded);
    Store::Item too_many = item;
    too_many.prices.push_back(5.0);
    CHECK(encode_error(too_many) == ErrorKind::bound_exceeded);
}

TEST_CASE("recursive structs through sequences, forward declared") {
    Store::Node tree{"root", {{"a", {}}, {"b", {{"c", {}}}}}};
    check_round_trip(tree);
}

TEST_CASE("exceptions derive from corbel::UserException and carry their members") {
    Bank::Account::InsufficientFunds e;
    e.balance = 10;
    e.requested = 20;
    const corbel::UserException& base = e;
    CHECK(std::string(base.repository_id()) == "IDL:corbel.example/Bank/Account/InsufficientFunds:1.0");
    CHECK(std::string(Bank::Closed().repository_id()) == "IDL:corbel.example/Bank/Closed:1.0");
    check_round_trip(e);
    Bank::Closed closed;
    CHECK(corbel::cdr::to_cdr(closed, ByteOrder::big).view().size == 0);
    Bank::History history = {{1, 2.5}};
    check_round_trip(history);
}
