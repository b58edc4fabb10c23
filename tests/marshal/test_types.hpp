// Values covering every CDR construct, written by hand the way corbel-idlc's generated code
// writes them (through encode_cdr/decode_cdr found by ADL), so the marshal layer is tested on
// its own. Their IDL:
//
//   struct Person { string name; string place; long year; };
//   enum Color { red, green, blue };
//   union Shape switch (long) { case 1: double radius; case 2: case 3: sequence<long> points;
//                               default: string label; };
//   union Flag switch (boolean) { case TRUE: long value; };   // FALSE selects no member
//   struct Tree { string label; sequence<Tree> children; };
//   struct Everything { ...one member of every kind, see below... };
#pragma once

#include <corbel/cdr.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace corbel_test {

using corbel::cdr::Reader;
using corbel::cdr::Writer;

struct Person {
    std::string name;
    std::string place;
    std::int32_t year = 0;
    bool operator==(const Person& other) const {
        return name == other.name && place == other.place && year == other.year;
    }
};

inline void encode_cdr(Writer& w, const Person& p) {
    corbel::cdr::encode(w, p.name);
    corbel::cdr::encode(w, p.place);
    corbel::cdr::encode(w, p.year);
}
inline void decode_cdr(Reader& r, Person& p) {
    Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, p.name);
    corbel::cdr::decode_member(r, p.place);
    corbel::cdr::decode_member(r, p.year);
}

enum class Color : std::uint32_t { red, green, blue };

}  // namespace corbel_test

template <>
struct corbel::cdr::EnumTraits<corbel_test::Color> {
    static constexpr std::uint32_t count = 3;
};

namespace corbel_test {

class Shape {
public:
    std::int32_t discriminator() const { return d_; }
    void radius(double v) { d_ = 1; value_ = v; }
    void points(std::vector<std::int32_t> v, std::int32_t d = 2) { d_ = d; value_ = std::move(v); }
    void label(std::string v, std::int32_t d = 0) { d_ = d; value_ = std::move(v); }
    const auto& value() const { return value_; }
    bool operator==(const Shape& o) const { return d_ == o.d_ && value_ == o.value_; }

private:
    std::int32_t d_ = 0;
    std::variant<std::string, double, std::vector<std::int32_t>> value_;
};

inline void encode_cdr(Writer& w, const Shape& s) {
    corbel::cdr::encode(w, s.discriminator());
    std::visit([&](const auto& member) { corbel::cdr::encode(w, member); }, s.value());
}
inline void decode_cdr(Reader& r, Shape& s) {
    Reader::DepthGuard depth(r);
    const auto d = corbel::cdr::decode<std::int32_t>(r);
    if (d == 1) {
        s.radius(corbel::cdr::decode<double>(r));
    } else if (d == 2 || d == 3) {
        std::vector<std::int32_t> points;
        corbel::cdr::decode_member(r, points);
        s.points(std::move(points), d);
    } else {
        std::string label;
        corbel::cdr::decode_member(r, label);
        s.label(std::move(label), d);
    }
}

struct Flag {
    bool set = false;
    std::int32_t value = 0;  // meaningful only when set
    bool operator==(const Flag& o) const { return set == o.set && (!set || value == o.value); }
};
inline void encode_cdr(Writer& w, const Flag& f) {
    corbel::cdr::encode(w, f.set);
    if (f.set) corbel::cdr::encode(w, f.value);
}
inline void decode_cdr(Reader& r, Flag& f) {
    corbel::cdr::decode_member(r, f.set);
    if (f.set) corbel::cdr::decode_member(r, f.value);
}

struct Tree {
    std::string label;
    std::vector<Tree> children;
    bool operator==(const Tree& o) const { return label == o.label && children == o.children; }
};
inline void encode_cdr(Writer& w, const Tree& t) {
    corbel::cdr::encode(w, t.label);
    corbel::cdr::encode(w, t.children);
}
inline void decode_cdr(Reader& r, Tree& t) {
    Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, t.label);
    corbel::cdr::decode_member(r, t.children);
}

struct Everything {
    std::uint8_t octet_value = 0;
    bool boolean_value = false;
    char char_value = 0;
    std::int16_t short_value = 0;
    std::uint16_t ushort_value = 0;
    std::int32_t long_value = 0;
    std::uint32_t ulong_value = 0;
    std::int64_t longlong_value = 0;
    std::uint64_t ulonglong_value = 0;
    float float_value = 0;
    double double_value = 0;
    std::string string_value;
    corbel::cdr::BoundedString<8> bounded_string;
    std::vector<double> doubles;
    corbel::cdr::BoundedSequence<std::int16_t, 4> bounded_shorts;
    std::array<std::array<std::int32_t, 3>, 2> matrix{};
    Color color = Color::red;
    Shape shape;
    Flag flag;
    std::vector<Person> people;
    std::vector<bool> booleans;
    std::vector<std::string> words;
    std::array<std::string, 2> pair;
    std::vector<std::uint8_t> octets;

    bool operator==(const Everything& o) const {
        return octet_value == o.octet_value && boolean_value == o.boolean_value &&
               char_value == o.char_value && short_value == o.short_value &&
               ushort_value == o.ushort_value && long_value == o.long_value &&
               ulong_value == o.ulong_value && longlong_value == o.longlong_value &&
               ulonglong_value == o.ulonglong_value && float_value == o.float_value &&
               double_value == o.double_value && string_value == o.string_value &&
               bounded_string == o.bounded_string && doubles == o.doubles &&
               bounded_shorts == o.bounded_shorts && matrix == o.matrix && color == o.color &&
               shape == o.shape && flag == o.flag && people == o.people && booleans == o.booleans &&
               words == o.words && pair == o.pair && octets == o.octets;
    }
};

template <class Visitor, class Value>
void for_each_member(Value& e, Visitor&& visit) {
    visit(e.octet_value), visit(e.boolean_value), visit(e.char_value), visit(e.short_value);
    visit(e.ushort_value), visit(e.long_value), visit(e.ulong_value), visit(e.longlong_value);
    visit(e.ulonglong_value), visit(e.float_value), visit(e.double_value), visit(e.string_value);
    visit(e.bounded_string), visit(e.doubles), visit(e.bounded_shorts), visit(e.matrix);
    visit(e.color), visit(e.shape), visit(e.flag), visit(e.people), visit(e.booleans);
    visit(e.words), visit(e.pair), visit(e.octets);
}

inline void encode_cdr(Writer& w, const Everything& e) {
    for_each_member(e, [&](const auto& member) { corbel::cdr::encode(w, member); });
}
inline void decode_cdr(Reader& r, Everything& e) {
    Reader::DepthGuard depth(r);
    for_each_member(e, [&](auto& member) { corbel::cdr::decode_member(r, member); });
}

inline Everything sample_everything() {
    Everything e;
    e.octet_value = 0xfe;
    e.boolean_value = true;
    e.char_value = 'Z';
    e.short_value = -12345;
    e.ushort_value = 54321;
    e.long_value = -2000000000;
    e.ulong_value = 4000000000u;
    e.longlong_value = -9000000000000000000LL;
    e.ulonglong_value = 18000000000000000000ULL;
    e.float_value = 3.25f;
    e.double_value = -1.0 / 3.0;
    e.string_value = "hello, CDR";
    e.bounded_string = "eight ch";
    e.doubles = {1.5, -2.25, 1e300};
    e.bounded_shorts = {1, -2, 3};
    e.matrix = {{{1, 2, 3}, {4, 5, 6}}};
    e.color = Color::blue;
    e.shape.points({7, 8, 9}, 3);
    e.flag = Flag{true, 42};
    e.people = {{"Smith", "London", 1934}, {"Jones", "Paris", 1999}};
    e.booleans = {true, false, true};
    e.words = {"", "a", "bc"};
    e.pair = {"left", "right"};
    e.octets = {0, 1, 255};
    return e;
}

}  // namespace corbel_test
