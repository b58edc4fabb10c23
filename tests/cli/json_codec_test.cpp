// The dynamic codec against the marshal library's hand-written types (the shape generated code
// takes): the same values give the same bytes, in both byte orders, and decode to the same JSON.
#include "cli_test_support.hpp"
#include "json_numbers.hpp"
#include "test_types.hpp"

#include <corbel/runtime/object_ref.hpp>

#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace cli_test;
using corbel::cdr::to_cdr;

namespace {

const ByteOrder both_orders[] = {ByteOrder::big, ByteOrder::little};

Json everything_json() {
    Json e = Json::object();
    e["octet_value"] = 0xfe;
    e["boolean_value"] = true;
    e["char_value"] = "Z";
    e["short_value"] = -12345;
    e["ushort_value"] = 54321;
    e["long_value"] = -2000000000;
    e["ulong_value"] = 4000000000u;
    e["longlong_value"] = -9000000000000000000LL;
    e["ulonglong_value"] = 18000000000000000000ULL;
    e["float_value"] = 3.25;
    e["double_value"] = -1.0 / 3.0;
    e["string_value"] = "hello, CDR";
    e["bounded_string"] = "eight ch";
    e["doubles"] = {1.5, -2.25, 1e300};
    e["bounded_shorts"] = {1, -2, 3};
    e["matrix"] = Json::parse("[[1, 2, 3], [4, 5, 6]]");
    e["color"] = "blue";
    e["shape"] = Json::parse(R"({"_d": 3, "points": [7, 8, 9]})");
    e["flag"] = Json::parse(R"({"_d": true, "value": 42})");
    e["people"] = Json::parse(R"([{"name": "Smith", "place": "London", "year": 1934},
                                  {"name": "Jones", "place": "Paris", "year": 1999}])");
    e["booleans"] = {true, false, true};
    e["words"] = {"", "a", "bc"};
    e["pair"] = {"left", "right"};
    e["octets"] = {0, 1, 255};
    return e;
}

// Encodes `value` as `type_name`, checks the bytes against `expected`, decodes them back and
// checks the JSON is `value` again (or `printed`, when output normalises the input).
void check_both_ways(const std::string& type_name, const Json& value, const corbel::cdr::ByteBuffer& expected,
                     ByteOrder order, const Json& printed = Json()) {
    const auto bytes = encode(type_name, value, order);
    CHECK(hex_of(bytes) == hex_of(expected));
    CHECK(decode(type_name, expected, order) == (printed.is_null() ? value : printed));
}

}  // namespace

TEST_CASE("Person gives the bytes of figure 4.8 in both string forms and both byte orders") {
    const Json smith = Json::parse(R"({"name": "Smith", "place": "London", "year": 1934})");
    CHECK(hex_of(encode("Test::Person", smith, ByteOrder::big)) ==
          "00000006536d697468000000000000074c6f6e646f6e00000000078e");
    CHECK(hex_of(encode("Test::Person", smith, ByteOrder::big, StringForm::textbook)) ==
          "00000005536d697468000000000000064c6f6e646f6e00000000078e");
    CHECK(hex_of(encode("Test::Person", smith, ByteOrder::little)) ==
          "06000000536d697468000000070000004c6f6e646f6e00008e070000");
    CHECK(hex_of(encode("Test::Person", smith, ByteOrder::little, StringForm::textbook)) ==
          "05000000536d697468000000060000004c6f6e646f6e00008e070000");
    for (const auto order : both_orders) {
        for (const auto form : {StringForm::omg, StringForm::textbook}) {
            CHECK(decode("Test::Person", encode("Test::Person", smith, order, form), order, form) == smith);
        }
        check_both_ways("Test::Person", smith, to_cdr(corbel_test::Person{"Smith", "London", 1934}, order), order);
    }
}

TEST_CASE("every kind of IDL type matches the hand-written codec in both byte orders") {
    for (const auto order : both_orders) {
        CAPTURE(corbel::cdr::to_string(order));
        check_both_ways("Test::Everything", everything_json(), to_cdr(corbel_test::sample_everything(), order), order);
    }
}

TEST_CASE("each union member, and a discriminator that selects none") {
    for (const auto order : both_orders) {
        corbel_test::Shape shape;
        shape.radius(2.5);
        check_both_ways("Test::Shape", Json::parse(R"({"_d": 1, "radius": 2.5})"), to_cdr(shape, order), order);
        shape.points({1, -1}, 2);
        check_both_ways("Test::Shape", Json::parse(R"({"_d": 2, "points": [1, -1]})"), to_cdr(shape, order), order);
        shape.label("other", -7);
        check_both_ways("Test::Shape", Json::parse(R"({"_d": -7, "label": "other"})"), to_cdr(shape, order), order);
        check_both_ways("Test::Flag", Json::parse(R"({"_d": false})"), to_cdr(corbel_test::Flag{false, 0}, order), order);
        check_both_ways("Test::Flag", Json::parse(R"({"_d": true, "value": -5})"), to_cdr(corbel_test::Flag{true, -5}, order),
                        order);
    }
}

TEST_CASE("a union member alone chooses its discriminator") {
    CHECK(hex_of(encode("Test::Shape", Json::parse(R"({"points": [4]})"), ByteOrder::big)) ==
          hex_of(encode("Test::Shape", Json::parse(R"({"_d": 2, "points": [4]})"), ByteOrder::big)));
    CHECK(hex_of(encode("Test::Flag", Json::parse(R"({"value": 4})"), ByteOrder::big)) == "0100000000000004");
    // the default member gets a value no label names, and decodes back to the same member
    const auto bytes = encode("Test::Shape", Json::parse(R"({"label": "x"})"), ByteOrder::little);
    const Json back = decode("Test::Shape", bytes, ByteOrder::little);
    CHECK(back["label"] == "x");
    CHECK(back["_d"] != 1);
    CHECK(back["_d"] != 2);
    CHECK(back["_d"] != 3);
}

TEST_CASE("a recursive type through a typedef of a sequence") {
    corbel_test::Tree tree{"root", {{"a", {}}, {"b", {{"c", {}}}}}};
    const Json json = Json::parse(R"({"label": "root", "children": [
        {"label": "a", "children": []},
        {"label": "b", "children": [{"label": "c", "children": []}]}]})");
    for (const auto order : both_orders) check_both_ways("Test::Tree", json, to_cdr(tree, order), order);
}

TEST_CASE("enum and char discriminators, octet arrays and hex octets") {
    const Json record = Json::parse(R"({"digest": [222, 173, 190, 239],
        "by_color": {"_d": "blue", "code": 18446744073709551615},
        "by_char": {"_d": "b", "other": 7}})");
    for (const auto order : both_orders) {
        const auto bytes = encode("Test::Record", record, order);
        CHECK(decode("Test::Record", bytes, order) == record);
        Json with_hex = record;
        with_hex["digest"] = "DEADbeef";
        CHECK(hex_of(encode("Test::Record", with_hex, order)) == hex_of(bytes));
    }
    CHECK(hex_of(encode("Test::Record", record, ByteOrder::big)) ==
          "deadbeef"                     // digest
          "00000002" "ffffffffffffffff"  // blue, then the code (already aligned to 8)
          "62" "07");                    // 'b', the default member
    CHECK(hex_of(encode("Test::ByColor", Json::parse(R"({"_d": "red", "name": "x"})"), ByteOrder::big)) ==
          "00000000" "00000002" "7800");
    CHECK(hex_of(encode("Test::ByChar", Json::parse(R"({"_d": "a", "small": -2})"), ByteOrder::big)) == "6100fffe");
    Json octets_hex = everything_json();
    octets_hex["octets"] = "0001ff";
    CHECK(hex_of(encode("Test::Everything", octets_hex, ByteOrder::big)) ==
          hex_of(encode("Test::Everything", everything_json(), ByteOrder::big)));
}

TEST_CASE("64-bit integers are exact at their limits") {
    for (const auto order : both_orders) {
        check_both_ways("long long", Json(std::numeric_limits<std::int64_t>::min()),
                        to_cdr(std::numeric_limits<std::int64_t>::min(), order), order);
        check_both_ways("long long", Json(std::numeric_limits<std::int64_t>::max()),
                        to_cdr(std::numeric_limits<std::int64_t>::max(), order), order);
        check_both_ways("unsigned long long", Json(std::numeric_limits<std::uint64_t>::max()),
                        to_cdr(std::numeric_limits<std::uint64_t>::max(), order), order);
    }
    // and through text, as the tool reads and prints them
    const Json parsed = Json::parse("[-9223372036854775808, 18446744073709551615]");
    CHECK(parsed.dump() == "[-9223372036854775808,18446744073709551615]");
}

TEST_CASE("floats and doubles round-trip exactly through their printed text") {
    CHECK(corbel::cli::float_to_json(0.1f).dump() == "0.1");
    CHECK(corbel::cli::float_to_json(3.0f).dump() == "3.0");
    CHECK(corbel::cli::double_to_json(0.1).dump() == "0.1");
    CHECK(corbel::cli::float_to_json(std::nanf("")).dump() == "\"NaN\"");
    CHECK(corbel::cli::double_to_json(-HUGE_VAL).dump() == "\"-Infinity\"");

    const float floats[] = {0.1f, -0.0f, FLT_MIN, FLT_MAX, FLT_TRUE_MIN, 16777217.0f, 1.0f / 3.0f, HUGE_VALF, -HUGE_VALF};
    const double doubles[] = {0.1, -0.0, DBL_MIN, DBL_MAX, 5e-324, 9007199254740993.0, 1.0 / 3.0, HUGE_VAL};
    std::mt19937_64 random(20261121);
    std::vector<float> many_floats(floats, floats + std::size(floats));
    std::vector<double> many_doubles(doubles, doubles + std::size(doubles));
    for (int i = 0; i < 20000; ++i) {  // arbitrary bit patterns: every exponent, every mantissa
        const std::uint64_t bits = random();
        float f;
        double d;
        const auto bits32 = static_cast<std::uint32_t>(bits);
        std::memcpy(&f, &bits32, sizeof f);
        std::memcpy(&d, &bits, sizeof d);
        if (!std::isnan(f)) many_floats.push_back(f);
        if (!std::isnan(d)) many_doubles.push_back(d);
    }
    int mismatches = 0;
    for (const auto order : both_orders) {
        for (const float f : many_floats) {
            const auto bytes = to_cdr(f, order);
            const Json printed = Json::parse(decode("float", bytes, order).dump());
            if (hex_of(encode("float", printed, order)) != hex_of(bytes)) ++mismatches;
        }
        for (const double d : many_doubles) {
            const auto bytes = to_cdr(d, order);
            const Json printed = Json::parse(decode("double", bytes, order).dump());
            if (hex_of(encode("double", printed, order)) != hex_of(bytes)) ++mismatches;
        }
    }
    CHECK(mismatches == 0);
    // NaN keeps being NaN (its payload is not part of the mapping)
    const auto nan_bytes = encode("double", Json("NaN"), ByteOrder::big);
    CHECK(std::isnan(corbel::cdr::from_cdr<double>(nan_bytes.view(), ByteOrder::big)));
}

TEST_CASE("chars are ISO 8859-1 and strings are UTF-8 bytes") {
    corbel::cdr::ByteBuffer by_char;  // é as the one octet 0xe9, then the branch's octet: no byte order
    const std::uint8_t by_char_bytes[] = {0xe9, 0x01};
    by_char.assign(by_char_bytes, sizeof by_char_bytes);
    for (const auto order : both_orders) {
        check_both_ways("Test::ByChar", Json::parse(R"({"_d": "é", "other": 1})"), by_char, order);
        const std::string text = "Grüße, 日本";
        check_both_ways("string", Json(text), to_cdr(text, order), order);
    }
    CHECK(encode_error("Test::ByChar", Json::parse(R"({"_d": "€", "other": 1})")) ==
          "_d: expected char (a string of one ISO 8859-1 character), got string \"€\"");
    // bytes that are not UTF-8 print as U+FFFD instead of failing
    const Json raw = decode("string", to_cdr(std::string("a\xff"), ByteOrder::big), ByteOrder::big);
    CHECK(corbel::cli::dump_json(raw, false) == "\"a\xef\xbf\xbd\"");
}

TEST_CASE("object references are their stringified form, with the runtime's encoding") {
    static corbel::cli::LoadedIdl refs = corbel::cli::load_idl(CORBEL_CLI_TEST_IDL_DIR "/refs.idl", {}, std::cerr);
    const corbel::idl::Declaration* put = refs.model().find("Refs::Registry::put");
    REQUIRE(put != nullptr);
    REQUIRE(put->parameters.size() == 3);
    const std::string text = "corbel://127.0.0.1:7000/1732190000/3#IDL:Refs/Thing:1.0";
    const auto ref = corbel::runtime::RemoteObjectRef::parse(text);
    for (const corbel::idl::Parameter* parameter : {&put->parameters[1], &put->parameters[2]}) {  // Thing, Object
        for (const auto order : both_orders) {
            corbel::cdr::Writer writer(order);
            writer.write_octet(7);  // so that the reference's alignment matters
            corbel::cli::encode_json(writer, *parameter->type, Json(text), parameter->name);
            corbel::cdr::Writer expected(order);
            expected.write_octet(7);
            corbel::runtime::encode_cdr(expected, ref);
            CHECK(hex_of(writer.buffer()) == hex_of(expected.buffer()));
            corbel::cdr::Reader reader(expected.buffer().view(), order);
            reader.read_octet();
            CHECK(corbel::cli::decode_json(reader, *parameter->type) == Json(text));
        }
    }
    corbel::cdr::Writer writer(ByteOrder::big);
    CHECK_THROWS_WITH_AS(corbel::cli::encode_json(writer, *put->parameters[1].type, Json("corbel://x"), "thing"),
                         "thing: bad reference 'corbel://x': missing '#' and repository id", corbel::cli::ValueError);
    CHECK_THROWS_WITH_AS(corbel::cli::encode_json(writer, *put->parameters[2].type, Json(5), "anything"),
                         "anything: expected Object (a reference, corbel://...), got number 5", corbel::cli::ValueError);
}
