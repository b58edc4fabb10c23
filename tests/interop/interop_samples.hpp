// The sample values of the cross-check, in corbel's mapping. omniorb_samples.cpp holds the
// same values in omniORB's mapping under the same names; the test compares the bytes both
// sides write, so a value that differs between the two files fails it.
#pragma once

#include "interop_types.hpp"

namespace interop::samples {

inline Person person(const char* name, const char* place, std::int32_t year) { return {name, place, year}; }
inline Person smith() { return person("Smith", "London", 1934); }
inline Person jones() { return person("Jones", "Paris", 1999); }

inline Primitives primitives() {
    Primitives p;
    p.octet_value = 0xfe;
    p.boolean_value = true;
    p.char_value = 'Z';
    p.short_value = -12345;
    p.ushort_value = 54321;
    p.long_value = -2000000000;
    p.ulong_value = 4000000000u;
    p.longlong_value = -9000000000000000000LL;
    p.ulonglong_value = 18000000000000000000ULL;
    p.float_value = 3.25f;
    p.double_value = -1.0 / 3.0;
    return p;
}

inline Padding padding() {
    Padding p;
    p.a = 1;
    p.b = 2.5;
    p.c = 'c';
    p.d = -4;
    p.e = false;
    p.f = 0x0102030405060708LL;
    p.g = 0xff;
    p.h = -0.5f;
    return p;
}

inline Strings strings() { return {"", "hello, CDR", "Ada", "eightchr"}; }

inline Sequences sequences() {
    Sequences s;
    s.longs = {1, -2, 2147483647};
    s.few_shorts = {1, -2, 3, -4};
    s.doubles = {1.5, -2.25, 1e300};
    s.octets = {0, 1, 127, 128, 255};
    s.booleans = {true, false, true};
    s.chars = {'x', 'y'};
    s.counters = {0, 1, 0xfedcba9876543210ULL};
    s.people = {smith(), jones()};
    s.few_people = {person("Lovelace", "London", 1815)};
    s.words = {"", "a", "bc"};
    s.few_short_words = {"one", "three"};
    s.longs_list = {{1}, {}, {2, 3}};
    return s;
}

inline Arrays arrays() {
    Arrays a;
    a.matrix = {{{1, 2, 3}, {4, 5, 6}}};
    std::uint8_t next = 1;
    for (auto& plane : a.cube) {
        for (auto& row : plane) {
            for (auto& cell : row) cell = next++;
        }
    }
    a.pair = {"left", "right"};
    a.couple = {smith(), jones()};
    a.colors = {Color::blue, Color::red, Color::green};
    return a;
}

inline Household household() { return {smith(), primitives(), 21.5, Color::green}; }

inline Shape shape_radius() {
    Shape s;
    s.radius(2.5);
    return s;
}

inline Shape shape_points() {
    Shape s;
    s.points({7, 8, 9}, 3);
    return s;
}

inline Shape shape_label() {
    Shape s;
    s.label("triangle", 42);
    return s;
}

inline Flag flag_on() {
    Flag f;
    f.value(42);
    return f;
}

inline Flag flag_off() {
    Flag f;
    f._default();
    return f;
}

inline Pick pick_letter() {
    Pick p;
    p.letter('q');
    return p;
}

inline Pick pick_who() {
    Pick p;
    p.who(person("Hopper", "New York", 1906), Color::blue);
    return p;
}

inline Everything everything() {
    Everything e;
    e.lead = 7;
    e.basic = primitives();
    e.gaps = padding();
    e.texts = strings();
    e.lists = sequences();
    e.grids = arrays();
    e.family = household();
    e.outline = shape_points();
    e.flag_on = flag_on();
    e.flag_off = flag_off();
    e.choice = pick_who();
    e.outlines = {shape_radius(), shape_label(), shape_points()};
    e.trailer = 1e-10;
    return e;
}

}  // namespace interop::samples
