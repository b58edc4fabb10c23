// Figure 4.8 of the notes, byte for byte: Person {"Smith", "London", 1934} in the textbook
// form (no NUL) and the OMG form (NUL counted and sent), in both byte orders.
#include "test_types.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

using namespace corbel::cdr;
using corbel_test::Person;

namespace {

const Person smith{"Smith", "London", 1934};

std::vector<std::uint8_t> encoded(const Person& p, ByteOrder order, StringForm form) {
    return to_cdr(p, order, form).to_vector();
}

}  // namespace

TEST_CASE("Person in the textbook form reproduces figure 4.8 exactly (big-endian)") {
    const std::vector<std::uint8_t> figure = {
        0x00, 0x00, 0x00, 0x05,  // length of "Smith"
        'S',  'm',  'i',  't',
        'h',  0x00, 0x00, 0x00,  // padded to a multiple of 4
        0x00, 0x00, 0x00, 0x06,  // length of "London"
        'L',  'o',  'n',  'd',
        'o',  'n',  0x00, 0x00,
        0x00, 0x00, 0x07, 0x8e,  // 1934
    };
    CHECK(encoded(smith, ByteOrder::big, StringForm::textbook) == figure);
    CHECK(from_cdr<Person>(figure, ByteOrder::big, StringForm::textbook) == smith);
}

TEST_CASE("Person in the textbook form, little-endian") {
    const std::vector<std::uint8_t> bytes = {
        0x05, 0x00, 0x00, 0x00, 'S', 'm', 'i', 't', 'h', 0x00, 0x00, 0x00,
        0x06, 0x00, 0x00, 0x00, 'L', 'o', 'n', 'd', 'o', 'n', 0x00, 0x00,
        0x8e, 0x07, 0x00, 0x00,
    };
    CHECK(encoded(smith, ByteOrder::little, StringForm::textbook) == bytes);
    CHECK(from_cdr<Person>(bytes, ByteOrder::little, StringForm::textbook) == smith);
}

TEST_CASE("Person in the OMG form counts and sends the NUL (big-endian)") {
    const std::vector<std::uint8_t> bytes = {
        0x00, 0x00, 0x00, 0x06,  // length of "Smith" + NUL
        'S',  'm',  'i',  't',
        'h',  0x00, 0x00, 0x00,  // NUL, then two bytes of padding
        0x00, 0x00, 0x00, 0x07,  // length of "London" + NUL
        'L',  'o',  'n',  'd',
        'o',  'n',  0x00, 0x00,  // NUL, one byte of padding
        0x00, 0x00, 0x07, 0x8e,  // 1934
    };
    CHECK(encoded(smith, ByteOrder::big, StringForm::omg) == bytes);
    CHECK(from_cdr<Person>(bytes, ByteOrder::big) == smith);
}

TEST_CASE("Person in the OMG form, little-endian") {
    const std::vector<std::uint8_t> bytes = {
        0x06, 0x00, 0x00, 0x00, 'S', 'm', 'i', 't', 'h', 0x00, 0x00, 0x00,
        0x07, 0x00, 0x00, 0x00, 'L', 'o', 'n', 'd', 'o', 'n', 0x00, 0x00,
        0x8e, 0x07, 0x00, 0x00,
    };
    CHECK(encoded(smith, ByteOrder::little, StringForm::omg) == bytes);
    CHECK(from_cdr<Person>(bytes, ByteOrder::little) == smith);
}

TEST_CASE("the two string forms do not read each other's bytes silently") {
    const auto textbook = encoded(smith, ByteOrder::big, StringForm::textbook);
    CHECK_THROWS_AS(from_cdr<Person>(textbook, ByteOrder::big, StringForm::omg), MarshalError);
}
