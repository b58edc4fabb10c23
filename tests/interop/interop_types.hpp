// The types of interop_types.idl in corbel's C++ mapping, written by hand in the shape
// corbel-idlc generates (plain structs, encode_cdr/decode_cdr found by ADL, EnumTraits for
// enums, typedefs as aliases). When corbel-idlc can compile interop_types.idl, its output
// replaces this header; nothing else in the cross-check needs to change (the unions use the
// generated accessors' names, _d() and _default(), and setters taking a discriminator, so
// interop_samples.hpp compiles against either).
#pragma once

#include <corbel/cdr.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace interop {

using corbel::cdr::Reader;
using corbel::cdr::Writer;

struct Person {
    std::string name;
    std::string place;
    std::int32_t year = 0;

    bool operator==(const Person& o) const { return name == o.name && place == o.place && year == o.year; }
};

inline void encode_cdr(Writer& w, const Person& v) {
    corbel::cdr::encode(w, v.name);
    corbel::cdr::encode(w, v.place);
    corbel::cdr::encode(w, v.year);
}
inline void decode_cdr(Reader& r, Person& v) {
    Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, v.name);
    corbel::cdr::decode_member(r, v.place);
    corbel::cdr::decode_member(r, v.year);
}

enum class Color : std::uint32_t { red, green, blue };

}  // namespace interop

template <>
struct corbel::cdr::EnumTraits<interop::Color> {
    static constexpr std::uint32_t count = 3;
};

namespace interop {

using Celsius = double;
using ShortName = corbel::cdr::BoundedString<8>;
using LongSeq = std::vector<std::int32_t>;
using ShortSeq4 = corbel::cdr::BoundedSequence<std::int16_t, 4>;
using DoubleSeq = std::vector<double>;
using OctetSeq = std::vector<std::uint8_t>;
using BooleanSeq = std::vector<bool>;
using CharSeq = std::vector<char>;
using ULongLongSeq = std::vector<std::uint64_t>;
using PersonSeq = std::vector<Person>;
using PersonSeq3 = corbel::cdr::BoundedSequence<Person, 3>;
using StringSeq = std::vector<std::string>;
using ShortStringSeq3 = corbel::cdr::BoundedSequence<corbel::cdr::BoundedString<5>, 3>;
using LongSeqSeq = std::vector<LongSeq>;
using LongMatrix = std::array<std::array<std::int32_t, 3>, 2>;
using OctetCube = std::array<std::array<std::array<std::uint8_t, 2>, 2>, 2>;
using StringPair = std::array<std::string, 2>;
using PersonPair = std::array<Person, 2>;
using ColorTriple = std::array<Color, 3>;

struct Primitives {
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

    bool operator==(const Primitives& o) const {
        return octet_value == o.octet_value && boolean_value == o.boolean_value && char_value == o.char_value &&
               short_value == o.short_value && ushort_value == o.ushort_value && long_value == o.long_value &&
               ulong_value == o.ulong_value && longlong_value == o.longlong_value &&
               ulonglong_value == o.ulonglong_value && float_value == o.float_value &&
               double_value == o.double_value;
    }
};

inline void encode_cdr(Writer& w, const Primitives& v) {
    corbel::cdr::encode(w, v.octet_value);
    corbel::cdr::encode(w, v.boolean_value);
    corbel::cdr::encode(w, v.char_value);
    corbel::cdr::encode(w, v.short_value);
    corbel::cdr::encode(w, v.ushort_value);
    corbel::cdr::encode(w, v.long_value);
    corbel::cdr::encode(w, v.ulong_value);
    corbel::cdr::encode(w, v.longlong_value);
    corbel::cdr::encode(w, v.ulonglong_value);
    corbel::cdr::encode(w, v.float_value);
    corbel::cdr::encode(w, v.double_value);
}
inline void decode_cdr(Reader& r, Primitives& v) {
    Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, v.octet_value);
    corbel::cdr::decode_member(r, v.boolean_value);
    corbel::cdr::decode_member(r, v.char_value);
    corbel::cdr::decode_member(r, v.short_value);
    corbel::cdr::decode_member(r, v.ushort_value);
    corbel::cdr::decode_member(r, v.long_value);
    corbel::cdr::decode_member(r, v.ulong_value);
    corbel::cdr::decode_member(r, v.longlong_value);
    corbel::cdr::decode_member(r, v.ulonglong_value);
    corbel::cdr::decode_member(r, v.float_value);
    corbel::cdr::decode_member(r, v.double_value);
}

struct Padding {
    std::uint8_t a = 0;
    double b = 0;
    char c = 0;
    std::int16_t d = 0;
    bool e = false;
    std::int64_t f = 0;
    std::uint8_t g = 0;
    float h = 0;

    bool operator==(const Padding& o) const {
        return a == o.a && b == o.b && c == o.c && d == o.d && e == o.e && f == o.f && g == o.g && h == o.h;
    }
};

inline void encode_cdr(Writer& w, const Padding& v) {
    corbel::cdr::encode(w, v.a);
    corbel::cdr::encode(w, v.b);
    corbel::cdr::encode(w, v.c);
    corbel::cdr::encode(w, v.d);
    corbel::cdr::encode(w, v.e);
    corbel::cdr::encode(w, v.f);
    corbel::cdr::encode(w, v.g);
    corbel::cdr::encode(w, v.h);
}
inline void decode_cdr(Reader& r, Padding& v) {
    Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, v.a);
    corbel::cdr::decode_member(r, v.b);
    corbel::cdr::decode_member(r, v.c);
    corbel::cdr::decode_member(r, v.d);
    corbel::cdr::decode_member(r, v.e);
    corbel::cdr::decode_member(r, v.f);
    corbel::cdr::decode_member(r, v.g);
    corbel::cdr::decode_member(r, v.h);
}

struct Strings {
    std::string empty;
    std::string text;
    ShortName short_name;
    ShortName full_short_name;

    bool operator==(const Strings& o) const {
        return empty == o.empty && text == o.text && short_name == o.short_name &&
               full_short_name == o.full_short_name;
    }
};

inline void encode_cdr(Writer& w, const Strings& v) {
    corbel::cdr::encode(w, v.empty);
    corbel::cdr::encode(w, v.text);
    corbel::cdr::encode(w, v.short_name);
    corbel::cdr::encode(w, v.full_short_name);
}
inline void decode_cdr(Reader& r, Strings& v) {
    Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, v.empty);
    corbel::cdr::decode_member(r, v.text);
    corbel::cdr::decode_member(r, v.short_name);
    corbel::cdr::decode_member(r, v.full_short_name);
}

struct Sequences {
    LongSeq longs;
    ShortSeq4 few_shorts;
    DoubleSeq doubles;
    OctetSeq octets;
    BooleanSeq booleans;
    CharSeq chars;
    ULongLongSeq counters;
    LongSeq no_longs;
    PersonSeq people;
    PersonSeq3 few_people;
    StringSeq words;
    ShortStringSeq3 few_short_words;
    LongSeqSeq longs_list;

    bool operator==(const Sequences& o) const {
        return longs == o.longs && few_shorts == o.few_shorts && doubles == o.doubles && octets == o.octets &&
               booleans == o.booleans && chars == o.chars && counters == o.counters && no_longs == o.no_longs &&
               people == o.people && few_people == o.few_people && words == o.words &&
               few_short_words == o.few_short_words && longs_list == o.longs_list;
    }
};

inline void encode_cdr(Writer& w, const Sequences& v) {
    corbel::cdr::encode(w, v.longs);
    corbel::cdr::encode(w, v.few_shorts);
    corbel::cdr::encode(w, v.doubles);
    corbel::cdr::encode(w, v.octets);
    corbel::cdr::encode(w, v.booleans);
    corbel::cdr::encode(w, v.chars);
    corbel::cdr::encode(w, v.counters);
    corbel::cdr::encode(w, v.no_longs);
    corbel::cdr::encode(w, v.people);
    corbel::cdr::encode(w, v.few_people);
    corbel::cdr::encode(w, v.words);
    corbel::cdr::encode(w, v.few_short_words);
    corbel::cdr::encode(w, v.longs_list);
}
inline void decode_cdr(Reader& r, Sequences& v) {
    Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, v.longs);
    corbel::cdr::decode_member(r, v.few_shorts);
    corbel::cdr::decode_member(r, v.doubles);
    corbel::cdr::decode_member(r, v.octets);
    corbel::cdr::decode_member(r, v.booleans);
    corbel::cdr::decode_member(r, v.chars);
    corbel::cdr::decode_member(r, v.counters);
    corbel::cdr::decode_member(r, v.no_longs);
    corbel::cdr::decode_member(r, v.people);
    corbel::cdr::decode_member(r, v.few_people);
    corbel::cdr::decode_member(r, v.words);
    corbel::cdr::decode_member(r, v.few_short_words);
    corbel::cdr::decode_member(r, v.longs_list);
}

struct Arrays {
    LongMatrix matrix{};
    OctetCube cube{};
    StringPair pair;
    PersonPair couple;
    ColorTriple colors{};

    bool operator==(const Arrays& o) const {
        return matrix == o.matrix && cube == o.cube && pair == o.pair && couple == o.couple && colors == o.colors;
    }
};

inline void encode_cdr(Writer& w, const Arrays& v) {
    corbel::cdr::encode(w, v.matrix);
    corbel::cdr::encode(w, v.cube);
    corbel::cdr::encode(w, v.pair);
    corbel::cdr::encode(w, v.couple);
    corbel::cdr::encode(w, v.colors);
}
inline void decode_cdr(Reader& r, Arrays& v) {
    Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, v.matrix);
    corbel::cdr::decode_member(r, v.cube);
    corbel::cdr::decode_member(r, v.pair);
    corbel::cdr::decode_member(r, v.couple);
    corbel::cdr::decode_member(r, v.colors);
}

struct Household {
    Person owner;
    Primitives limits;
    Celsius temperature = 0;
    Color wall = Color::red;

    bool operator==(const Household& o) const {
        return owner == o.owner && limits == o.limits && temperature == o.temperature && wall == o.wall;
    }
};

inline void encode_cdr(Writer& w, const Household& v) {
    corbel::cdr::encode(w, v.owner);
    corbel::cdr::encode(w, v.limits);
    corbel::cdr::encode(w, v.temperature);
    corbel::cdr::encode(w, v.wall);
}
inline void decode_cdr(Reader& r, Household& v) {
    Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, v.owner);
    corbel::cdr::decode_member(r, v.limits);
    corbel::cdr::decode_member(r, v.temperature);
    corbel::cdr::decode_member(r, v.wall);
}

// union Shape switch (long) { case 1: double radius; case 2: case 3: LongSeq points;
//                             default: string label; };
class Shape {
public:
    std::int32_t _d() const { return d_; }

    void radius(double v) { d_ = 1, member_ = v; }
    void points(LongSeq v, std::int32_t d = 2) { d_ = d, member_ = std::move(v); }
    // `d` must be a value no case names; 0 is the lowest such value.
    void label(std::string v, std::int32_t d = 0) { d_ = d, member_ = std::move(v); }

    double radius() const { return std::get<double>(member_); }
    const LongSeq& points() const { return std::get<LongSeq>(member_); }
    const std::string& label() const { return std::get<std::string>(member_); }

    bool operator==(const Shape& o) const { return d_ == o.d_ && member_ == o.member_; }

private:
    std::int32_t d_ = 0;
    std::variant<std::string, double, LongSeq> member_;
};

inline void encode_cdr(Writer& w, const Shape& v) {
    corbel::cdr::encode(w, v._d());
    switch (v._d()) {
        case 1: corbel::cdr::encode(w, v.radius()); break;
        case 2:
        case 3: corbel::cdr::encode(w, v.points()); break;
        default: corbel::cdr::encode(w, v.label()); break;
    }
}
inline void decode_cdr(Reader& r, Shape& v) {
    Reader::DepthGuard depth(r);
    std::int32_t d = 0;
    corbel::cdr::decode_member(r, d);
    switch (d) {
        case 1: {
            double radius = 0;
            corbel::cdr::decode_member(r, radius);
            v.radius(radius);
            break;
        }
        case 2:
        case 3: {
            LongSeq points;
            corbel::cdr::decode_member(r, points);
            v.points(std::move(points), d);
            break;
        }
        default: {
            std::string label;
            corbel::cdr::decode_member(r, label);
            v.label(std::move(label), d);
            break;
        }
    }
}

// union Flag switch (boolean) { case TRUE: long value; };  FALSE selects no member.
class Flag {
public:
    bool _d() const { return d_; }

    void value(std::int32_t v) { d_ = true, value_ = v; }
    void _default() { d_ = false, value_ = 0; }

    std::int32_t value() const { return value_; }

    bool operator==(const Flag& o) const { return d_ == o.d_ && (!d_ || value_ == o.value_); }

private:
    bool d_ = false;
    std::int32_t value_ = 0;
};

inline void encode_cdr(Writer& w, const Flag& v) {
    corbel::cdr::encode(w, v._d());
    if (v._d()) corbel::cdr::encode(w, v.value());
}
inline void decode_cdr(Reader& r, Flag& v) {
    bool d = false;
    corbel::cdr::decode_member(r, d);
    if (d) {
        std::int32_t value = 0;
        corbel::cdr::decode_member(r, value);
        v.value(value);
    } else {
        v._default();
    }
}

// union Pick switch (Color) { case red: char letter; case green: case blue: Person who; };
class Pick {
public:
    Color _d() const { return d_; }

    void letter(char v) { d_ = Color::red, member_ = v; }
    void who(Person v, Color d = Color::green) { d_ = d, member_ = std::move(v); }

    char letter() const { return std::get<char>(member_); }
    const Person& who() const { return std::get<Person>(member_); }

    bool operator==(const Pick& o) const { return d_ == o.d_ && member_ == o.member_; }

private:
    Color d_ = Color::red;
    std::variant<char, Person> member_;
};

inline void encode_cdr(Writer& w, const Pick& v) {
    corbel::cdr::encode(w, v._d());
    if (v._d() == Color::red) {
        corbel::cdr::encode(w, v.letter());
    } else {
        corbel::cdr::encode(w, v.who());
    }
}
inline void decode_cdr(Reader& r, Pick& v) {
    Reader::DepthGuard depth(r);
    Color d = Color::red;
    corbel::cdr::decode_member(r, d);  // rejects values that are no enumerator
    if (d == Color::red) {
        char letter = 0;
        corbel::cdr::decode_member(r, letter);
        v.letter(letter);
    } else {
        Person who;
        corbel::cdr::decode_member(r, who);
        v.who(std::move(who), d);
    }
}

using ShapeSeq = std::vector<Shape>;

struct Everything {
    std::uint8_t lead = 0;
    Primitives basic;
    Padding gaps;
    Strings texts;
    Sequences lists;
    Arrays grids;
    Household family;
    Shape outline;
    Flag flag_on;
    Flag flag_off;
    Pick choice;
    ShapeSeq outlines;
    Celsius trailer = 0;

    bool operator==(const Everything& o) const {
        return lead == o.lead && basic == o.basic && gaps == o.gaps && texts == o.texts && lists == o.lists &&
               grids == o.grids && family == o.family && outline == o.outline && flag_on == o.flag_on &&
               flag_off == o.flag_off && choice == o.choice && outlines == o.outlines && trailer == o.trailer;
    }
};

inline void encode_cdr(Writer& w, const Everything& v) {
    corbel::cdr::encode(w, v.lead);
    corbel::cdr::encode(w, v.basic);
    corbel::cdr::encode(w, v.gaps);
    corbel::cdr::encode(w, v.texts);
    corbel::cdr::encode(w, v.lists);
    corbel::cdr::encode(w, v.grids);
    corbel::cdr::encode(w, v.family);
    corbel::cdr::encode(w, v.outline);
    corbel::cdr::encode(w, v.flag_on);
    corbel::cdr::encode(w, v.flag_off);
    corbel::cdr::encode(w, v.choice);
    corbel::cdr::encode(w, v.outlines);
    corbel::cdr::encode(w, v.trailer);
}
inline void decode_cdr(Reader& r, Everything& v) {
    Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, v.lead);
    corbel::cdr::decode_member(r, v.basic);
    corbel::cdr::decode_member(r, v.gaps);
    corbel::cdr::decode_member(r, v.texts);
    corbel::cdr::decode_member(r, v.lists);
    corbel::cdr::decode_member(r, v.grids);
    corbel::cdr::decode_member(r, v.family);
    corbel::cdr::decode_member(r, v.outline);
    corbel::cdr::decode_member(r, v.flag_on);
    corbel::cdr::decode_member(r, v.flag_off);
    corbel::cdr::decode_member(r, v.choice);
    corbel::cdr::decode_member(r, v.outlines);
    corbel::cdr::decode_member(r, v.trailer);
}

}  // namespace interop
