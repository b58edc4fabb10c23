// `corbel cdr encode` against the C++ that corbel-idlc generates from the same IDL
// (idl/everything.idl): for the same values, the same bytes in both byte orders, and
// `cdr decode` of those bytes gives back the JSON; the generated decoder reads what the tool
// wrote. Checked through the codec in-process and through the real executable.
#include "cli_test_support.hpp"
#include "everything.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

using namespace cli_test;
using corbel::cdr::to_cdr;

namespace {

Test::Everything generated_everything() {
    Test::Everything e;
    e.octet_value = 0xfe;
    e.boolean_value = true;
    e.char_value = 'Z';
    e.short_value = -12345;
    e.ushort_value = 54321;
    e.long_value = -2000000000;
    e.ulong_value = 4000000000u;
    e.longlong_value = -9000000000000000000LL;
    e.ulonglong_value = 18000000000000000000ULL;
    e.float_value = 0.1f;
    e.double_value = -1.0 / 3.0;
    e.string_value = "hello, CDR";
    e.bounded_string = "eight ch";
    e.doubles = {1.5, -2.25, 1e300};
    e.bounded_shorts = {1, -2, 3};
    e.matrix = {{{1, 2, 3}, {4, 5, 6}}};
    e.color = Test::Color::blue;
    e.shape.points({7, 8, 9}, 3);
    e.flag.value(42);
    e.people = {{"Smith", "London", 1934}, {"Jones", "Paris", 1999}};
    e.booleans = {true, false, true};
    e.words = {"", "a", "bc"};
    e.pair = {"left", "right"};
    e.octets = {0, 1, 255};
    return e;
}

const char* everything_json = R"({"octet_value": 254, "boolean_value": true, "char_value": "Z",
    "short_value": -12345, "ushort_value": 54321, "long_value": -2000000000, "ulong_value": 4000000000,
    "longlong_value": -9000000000000000000, "ulonglong_value": 18000000000000000000,
    "float_value": 0.1, "double_value": -0.3333333333333333, "string_value": "hello, CDR",
    "bounded_string": "eight ch", "doubles": [1.5, -2.25, 1e300], "bounded_shorts": [1, -2, 3],
    "matrix": [[1, 2, 3], [4, 5, 6]], "color": "blue", "shape": {"_d": 3, "points": [7, 8, 9]},
    "flag": {"_d": true, "value": 42},
    "people": [{"name": "Smith", "place": "London", "year": 1934}, {"name": "Jones", "place": "Paris", "year": 1999}],
    "booleans": [true, false, true], "words": ["", "a", "bc"], "pair": ["left", "right"], "octets": [0, 1, 255]})";

template <class Generated>
void check_same_as_generated(const std::string& type_name, const Generated& value, const Json& json) {
    for (const auto order : {ByteOrder::big, ByteOrder::little}) {
        CAPTURE(corbel::cdr::to_string(order));
        const auto generated_bytes = to_cdr(value, order);
        const auto tool_bytes = encode(type_name, json, order);
        CHECK(hex_of(tool_bytes) == hex_of(generated_bytes));
        CHECK(decode(type_name, generated_bytes, order) == json);
        CHECK(corbel::cdr::from_cdr<Generated>(tool_bytes.view(), order) == value);
    }
}

}  // namespace

TEST_CASE("every IDL type: the tool's bytes are the generated code's bytes") {
    check_same_as_generated("Test::Everything", generated_everything(), Json::parse(everything_json));

    Test::Tree tree{"root", {{"a", {}}, {"b", {{"c", {}}}}}};
    check_same_as_generated("Test::Tree", tree, Json::parse(R"({"label": "root", "children": [
        {"label": "a", "children": []}, {"label": "b", "children": [{"label": "c", "children": []}]}]})"));

    Test::Record record;
    record.digest = {0xde, 0xad, 0xbe, 0xef};
    record.by_color.code(42, Test::Color::green);
    record.by_char.other(9, 'z');
    check_same_as_generated("Test::Record", record, Json::parse(R"({"digest": [222, 173, 190, 239],
        "by_color": {"_d": "green", "code": 42}, "by_char": {"_d": "z", "other": 9}})"));

    Test::ByColor named;
    named.name("red one");
    check_same_as_generated("Test::ByColor", named, Json::parse(R"({"_d": "red", "name": "red one"})"));
    Test::ByChar small;
    small.small(-3);
    check_same_as_generated("Test::ByChar", small, Json::parse(R"({"_d": "a", "small": -3})"));
    Test::Flag unset;
    unset._default();
    check_same_as_generated("Test::Flag", unset, Json::parse(R"({"_d": false})"));
    Test::Shape radius;
    radius.radius(0.5);
    check_same_as_generated("Test::Shape", radius, Json::parse(R"({"_d": 1, "radius": 0.5})"));
}

TEST_CASE("a union member without _d picks the discriminator the generated code picks") {
    Test::Shape label;
    label.label("x");  // the generated default discriminator
    for (const auto order : {ByteOrder::big, ByteOrder::little}) {
        CHECK(hex_of(encode("Test::Shape", Json::parse(R"({"label": "x"})"), order)) == hex_of(to_cdr(label, order)));
    }
    Test::Shape points;
    points.points({1});
    CHECK(hex_of(encode("Test::Shape", Json::parse(R"({"points": [1]})"), ByteOrder::big)) ==
          hex_of(to_cdr(points, ByteOrder::big)));
}

TEST_CASE("the corbel executable: cdr encode prints the generated code's bytes, cdr decode reads them back") {
    const std::string idl = CORBEL_CLI_TEST_IDL_DIR "/everything.idl";
    const Test::Everything value = generated_everything();
    for (const auto& [option, order] : {std::pair{"--big-endian", ByteOrder::big}, std::pair{"--little-endian", ByteOrder::little}}) {
        CAPTURE(option);
        const std::string expected = hex_of(to_cdr(value, order));
        const auto encoded = run_corbel({"cdr", "encode", "--idl", idl, "--type", "Test::Everything", option, everything_json});
        CHECK(encoded.status == 0);
        CHECK(encoded.out == expected + "\n");
        const auto decoded = run_corbel({"cdr", "decode", "--idl", idl, "--type", "Test::Everything", option, expected});
        CHECK(decoded.status == 0);
        CHECK(Json::parse(decoded.out) == Json::parse(everything_json));

        // and as an encapsulation: the byte-order octet, then the value aligned from it
        const std::string capsule = hex_of(corbel::cdr::to_encapsulation(value, order));
        const auto encapsulated = run_corbel(
            {"cdr", "encode", "--idl", idl, "--type", "Test::Everything", option, "--encapsulation", everything_json});
        CHECK(encapsulated.out == capsule + "\n");
        const auto from_capsule = run_corbel({"cdr", "decode", "--idl", idl, "--type", "Test::Everything", "--encapsulation", capsule});
        CHECK(Json::parse(from_capsule.out) == Json::parse(everything_json));
    }
}
