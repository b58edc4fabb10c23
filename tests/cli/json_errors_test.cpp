// Values that do not fit their type, and bytes that do not hold one: each error names the
// path to the value and what is wrong with it.
#include "cli_test_support.hpp"

#include <doctest/doctest.h>

using namespace cli_test;

namespace {

Json person(const char* year_json) {
    return Json::parse(std::string(R"({"name": "Smith", "place": "London", "year": )") + year_json + "}");
}

}  // namespace

TEST_CASE("wrong JSON kinds and out-of-range numbers name the path") {
    CHECK(encode_error("Test::Person", person("\"1934\""), "person") ==
          "person.year: expected long, got string \"1934\"");
    CHECK(encode_error("Test::Person", person("1934.5"), "person") == "person.year: expected long, got number 1934.5");
    CHECK(encode_error("Test::Person", person("2147483648")) ==
          "year: 2147483648 is out of range for long (-2147483648 to 2147483647)");
    CHECK(encode_error("Test::Person", person("null")) == "year: expected long, got null");
    CHECK(encode_error("unsigned short", Json(-1)) == "-1 is out of range for unsigned short (0 to 65535)");
    CHECK(encode_error("octet", Json(256)) == "256 is out of range for octet (0 to 255)");
    CHECK(encode_error("boolean", Json(1)) == "expected boolean (true or false), got number 1");
    CHECK(encode_error("float", Json(1e39)) == "1e+39 is out of range for float");
    CHECK(encode_error("double", Json("fast")) ==
          "expected double (a number, \"NaN\", \"Infinity\" or \"-Infinity\"), got string \"fast\"");
    CHECK(encode_error("Test::Person", Json::array()) == "expected struct Test::Person (an object), got a list");
}

TEST_CASE("missing and unknown members, enumerators and union members are named") {
    CHECK(encode_error("Test::Person", Json::parse(R"({"name": "Smith", "place": "London"})"), "person") ==
          "person: missing member 'year' of struct Test::Person");
    CHECK(encode_error("Test::Person", Json::parse(R"({"name": "S", "place": "L", "yaer": 1})")) ==
          "unknown member 'yaer' of struct Test::Person (members: name, place, year)");
    Json people = Json::parse(R"({"label": "r", "children": [{"label": "a", "children": []}, {"children": []}]})");
    CHECK(encode_error("Test::Tree", people) == "children[1]: missing member 'label' of struct Test::Tree");
    CHECK(encode_error("Test::Color", Json("purple"), "color") ==
          "color: unknown enumerator 'purple' of enum Test::Color (red, green, blue)");
    CHECK(encode_error("Test::Color", Json(2)) == "expected enum Test::Color (one of red, green, blue), got number 2");
    CHECK(encode_error("Test::Shape", Json::parse(R"({"_d": 1, "points": []})"), "shape") ==
          "shape: member 'points' does not match _d 1, which selects 'radius'");
    CHECK(encode_error("Test::Shape", Json::parse(R"({"_d": 1})")) == "missing member 'radius', which _d 1 selects");
    CHECK(encode_error("Test::Flag", Json::parse(R"({"_d": false, "value": 1})")) ==
          "_d false selects no member of union Test::Flag, but 'value' was given");
    CHECK(encode_error("Test::Shape", Json::parse(R"({"radius": 1, "label": "x"})")) ==
          "a union holds one member, got radius, label");
    CHECK(encode_error("Test::Shape", Json::parse(R"({"circle": 1})")) ==
          "unknown member 'circle' of union Test::Shape (members: radius, points, label)");
    CHECK(encode_error("Test::Shape", Json::object()) == "missing \"_d\", the discriminator of union Test::Shape");
    CHECK(encode_error("Test::ByColor", Json::parse(R"({"_d": "pink", "name": "x"})")) ==
          "_d: unknown enumerator 'pink' of enum Test::Color (red, green, blue)");
}

TEST_CASE("bounds, dimensions, hex octets and NUL are checked with their path") {
    CHECK(encode_error("Test::Everything", Json::parse(R"({"bounded_string": "nine chars"})")) ==
          "missing member 'octet_value' of struct Test::Everything");
    const auto with = [](const char* member, const Json& value) {
        // a valid Everything, with `member` replaced by `value`
        Json e = Json::parse(R"({"octet_value": 1, "boolean_value": true, "char_value": "a", "short_value": 1,
            "ushort_value": 1, "long_value": 1, "ulong_value": 1, "longlong_value": 1, "ulonglong_value": 1,
            "float_value": 1, "double_value": 1, "string_value": "", "bounded_string": "", "doubles": [],
            "bounded_shorts": [], "matrix": [[1,2,3],[4,5,6]], "color": "red", "shape": {"_d": 1, "radius": 1},
            "flag": {"_d": false}, "people": [], "booleans": [], "words": [], "pair": ["a", "b"], "octets": []})");
        e[member] = value;
        return encode_error("Test::Everything", e, "e");
    };
    CHECK(with("octet_value", Json(1)).empty());
    CHECK(with("bounded_string", Json("nine char")) == "e.bounded_string: a string of 9 characters exceeds the bound of string<8>");
    CHECK(with("bounded_shorts", Json::parse("[1,2,3,4,5]")) ==
          "e.bounded_shorts: 5 elements exceed the bound of sequence<short, 4>");
    CHECK(with("matrix", Json::parse("[[1,2,3],[4,5]]")) == "e.matrix[1]: expected 3 elements, got 2");
    CHECK(with("matrix", Json::parse("[[1,2,3]]")) == "e.matrix: expected 2 elements, got 1");
    CHECK(with("matrix", Json::parse("[[1,2,3],[4,5,\"6\"]]")) == "e.matrix[1][2]: expected long, got string \"6\"");
    CHECK(with("octets", Json("abc")) ==
          "e.octets: expected octets as a list of numbers or a hex string, got an odd number of hex digits");
    CHECK(with("octets", Json("zz")) ==
          "e.octets: expected octets as a list of numbers or a hex string, got character 1 is not a hex digit");
    CHECK(with("string_value", Json(std::string("a\0b", 3))) == "e.string_value: a CDR string cannot contain a NUL character");
    CHECK(with("people", Json::parse(R"([{"name": "a", "place": "b", "year": 1}, {"name": 5}])")) ==
          "e.people[1].name: expected string, got number 5");
    CHECK(with("words", Json::parse(R"(["a", 7])")) == "e.words[1]: expected string, got number 7");
}

TEST_CASE("values nested beyond 64 levels are refused, not a stack overflow") {
    Json tree = Json::parse(R"({"label": "leaf", "children": []})");
    for (int i = 0; i < 200; ++i) tree = Json{{"label", "n"}, {"children", Json::array({tree})}};
    CHECK(encode_error("Test::Tree", tree).find("nested deeper than 64 levels") != std::string::npos);

    // the same depth in CDR: the reader's cap stops it
    corbel::cdr::Writer writer(ByteOrder::big);
    for (int i = 0; i < 200; ++i) {
        writer.write_string("n");
        writer.write(std::uint32_t{1});
    }
    writer.write_string("leaf");
    writer.write(std::uint32_t{0});
    const std::string hex = hex_of(writer.take());
    CHECK(decode_error("Test::Tree", hex).find("nesting too deep") != std::string::npos);
}

TEST_CASE("hostile and malformed bytes give errors with path and offset") {
    // truncated inside the second string
    CHECK(decode_error("Test::Person", "00000006536d69746800000000000007") ==
          "place: CDR length exceeds input at byte 12: string length 7, 0 bytes remain");
    // a sequence length of four billion in a few bytes fails before allocating
    CHECK(decode_error("Test::Tree", "0000000278000000 ffffffff").find("children: CDR length exceeds input") == 0);
    CHECK(decode_error("Test::Color", "00000003") ==
          "CDR enum out of range at byte 0: value 3 of enum Test::Color, which has 3 enumerators");
    CHECK(decode_error("boolean", "02").find("CDR invalid boolean") == 0);
    CHECK(decode_error("Test::Flag", "0100").find("value: CDR truncated") == 0);
    CHECK(decode_error("string", "00000000").find("CDR zero string length") == 0);
}

TEST_CASE("every single-byte corruption of a valid encoding decodes or fails cleanly") {
    const Json everything = Json::parse(R"({"octet_value": 1, "boolean_value": true, "char_value": "a",
        "short_value": -2, "ushort_value": 3, "long_value": -4, "ulong_value": 5, "longlong_value": -6,
        "ulonglong_value": 7, "float_value": 0.5, "double_value": 0.25, "string_value": "text",
        "bounded_string": "bounded", "doubles": [1.0, 2.0], "bounded_shorts": [1, 2, 3, 4],
        "matrix": [[1,2,3],[4,5,6]], "color": "green", "shape": {"_d": 2, "points": [1, 2]},
        "flag": {"_d": true, "value": 9}, "people": [{"name": "n", "place": "p", "year": 1}],
        "booleans": [true], "words": ["w"], "pair": ["a", "b"], "octets": [1, 2]})");
    std::size_t decoded = 0;
    std::size_t refused = 0;
    for (const auto order : {ByteOrder::big, ByteOrder::little}) {
        const auto original = encode("Test::Everything", everything, order);
        for (std::size_t i = 0; i < original.size(); ++i) {
            for (const std::uint8_t replacement : {0x00, 0x01, 0x7f, 0x80, 0xff}) {
                corbel::cdr::ByteBuffer bytes = original;
                bytes.data()[i] = replacement;
                corbel::cdr::Reader reader(bytes.view(), order);
                try {
                    corbel::cli::decode_json(reader, type("Test::Everything"));
                    ++decoded;
                } catch (const corbel::cli::ValueError&) {
                    ++refused;  // any other exception type fails the test
                }
            }
        }
    }
    CHECK(decoded > 0);
    CHECK(refused > 0);
}
