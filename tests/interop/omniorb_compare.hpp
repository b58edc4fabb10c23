// Member-by-member equality for the omniORB mapping of interop_types.idl.
//
// omniidl generates no operator== for the IDL C++ mapping, so the peer compares what it
// decoded with its sample by hand. Each `same` names the first member that differs (as a
// path such as "everything.lists.people[1].year") on stderr, so a failing cross-check says
// where corbel and omniORB disagree, not just that they do.
#pragma once

#include "interop_types.hh"

#include <cstddef>
#include <cstring>
#include <iostream>
#include <string>
#include <type_traits>

namespace interop {

inline bool report_difference(const std::string& path) {
    std::cerr << "omniorb_peer: " << path << " differs from the sample\n";
    return false;
}

template <class T>
std::enable_if_t<std::is_arithmetic_v<T> || std::is_enum_v<T>, bool> same(T a, T b, const std::string& path) {
    return a == b || report_difference(path);
}

inline bool same(const char* a, const char* b, const std::string& path) {
    return std::strcmp(a, b) == 0 || report_difference(path + " (\"" + a + "\" vs \"" + b + "\")");
}

// Sequence elements of string type are proxies that convert to the string they refer to.
inline bool same(const _CORBA_String_element& a, const _CORBA_String_element& b, const std::string& path) {
    return same(static_cast<const char*>(a), static_cast<const char*>(b), path);
}

// Fixed arrays, multi-dimensional ones by recursion on their rows.
template <class T, std::size_t N>
bool same(const T (&a)[N], const T (&b)[N], const std::string& path) {
    for (std::size_t i = 0; i < N; ++i) {
        if (!same(a[i], b[i], path + "[" + std::to_string(i) + "]")) return false;
    }
    return true;
}

// Any omniORB sequence, bounded or not: they all have length() and operator[].
template <class Sequence>
auto same(const Sequence& a, const Sequence& b, const std::string& path)
    -> decltype(a.length(), a[0], bool()) {
    if (a.length() != b.length()) {
        return report_difference(path + ".length() (" + std::to_string(a.length()) + " vs " +
                                 std::to_string(b.length()) + ")");
    }
    for (::CORBA::ULong i = 0; i < a.length(); ++i) {
        if (!same(a[i], b[i], path + "[" + std::to_string(i) + "]")) return false;
    }
    return true;
}

inline bool same(const Person& a, const Person& b, const std::string& path) {
    return same(a.name, b.name, path + ".name") && same(a.place, b.place, path + ".place") &&
           same(a.year, b.year, path + ".year");
}

inline bool same(const Primitives& a, const Primitives& b, const std::string& path) {
    return same(a.octet_value, b.octet_value, path + ".octet_value") &&
           same(a.boolean_value, b.boolean_value, path + ".boolean_value") &&
           same(a.char_value, b.char_value, path + ".char_value") &&
           same(a.short_value, b.short_value, path + ".short_value") &&
           same(a.ushort_value, b.ushort_value, path + ".ushort_value") &&
           same(a.long_value, b.long_value, path + ".long_value") &&
           same(a.ulong_value, b.ulong_value, path + ".ulong_value") &&
           same(a.longlong_value, b.longlong_value, path + ".longlong_value") &&
           same(a.ulonglong_value, b.ulonglong_value, path + ".ulonglong_value") &&
           same(a.float_value, b.float_value, path + ".float_value") &&
           same(a.double_value, b.double_value, path + ".double_value");
}

inline bool same(const Padding& a, const Padding& b, const std::string& path) {
    return same(a.a, b.a, path + ".a") && same(a.b, b.b, path + ".b") && same(a.c, b.c, path + ".c") &&
           same(a.d, b.d, path + ".d") && same(a.e, b.e, path + ".e") && same(a.f, b.f, path + ".f") &&
           same(a.g, b.g, path + ".g") && same(a.h, b.h, path + ".h");
}

inline bool same(const Strings& a, const Strings& b, const std::string& path) {
    return same(a.empty, b.empty, path + ".empty") && same(a.text, b.text, path + ".text") &&
           same(a.short_name, b.short_name, path + ".short_name") &&
           same(a.full_short_name, b.full_short_name, path + ".full_short_name");
}

inline bool same(const Sequences& a, const Sequences& b, const std::string& path) {
    return same(a.longs, b.longs, path + ".longs") && same(a.few_shorts, b.few_shorts, path + ".few_shorts") &&
           same(a.doubles, b.doubles, path + ".doubles") && same(a.octets, b.octets, path + ".octets") &&
           same(a.booleans, b.booleans, path + ".booleans") && same(a.chars, b.chars, path + ".chars") &&
           same(a.counters, b.counters, path + ".counters") &&
           same(a.no_longs, b.no_longs, path + ".no_longs") && same(a.people, b.people, path + ".people") &&
           same(a.few_people, b.few_people, path + ".few_people") &&
           same(a.words, b.words, path + ".words") &&
           same(a.few_short_words, b.few_short_words, path + ".few_short_words") &&
           same(a.longs_list, b.longs_list, path + ".longs_list");
}

inline bool same(const Arrays& a, const Arrays& b, const std::string& path) {
    return same(a.matrix, b.matrix, path + ".matrix") && same(a.cube, b.cube, path + ".cube") &&
           same(a.pair, b.pair, path + ".pair") && same(a.couple, b.couple, path + ".couple") &&
           same(a.colors, b.colors, path + ".colors");
}

inline bool same(const Household& a, const Household& b, const std::string& path) {
    return same(a.owner, b.owner, path + ".owner") && same(a.limits, b.limits, path + ".limits") &&
           same(a.temperature, b.temperature, path + ".temperature") && same(a.wall, b.wall, path + ".wall");
}

inline bool same(const Shape& a, const Shape& b, const std::string& path) {
    if (!same(a._d(), b._d(), path + "._d()")) return false;
    switch (a._d()) {
        case 1: return same(a.radius(), b.radius(), path + ".radius()");
        case 2:
        case 3: return same(a.points(), b.points(), path + ".points()");
        default: return same(a.label(), b.label(), path + ".label()");
    }
}

inline bool same(const Flag& a, const Flag& b, const std::string& path) {
    if (!same(a._d(), b._d(), path + "._d()")) return false;
    return !a._d() || same(a.value(), b.value(), path + ".value()");
}

inline bool same(const Pick& a, const Pick& b, const std::string& path) {
    if (!same(a._d(), b._d(), path + "._d()")) return false;
    if (a._d() == red) return same(a.letter(), b.letter(), path + ".letter()");
    return same(a.who(), b.who(), path + ".who()");
}

inline bool same(const Selection& a, const Selection& b, const std::string& path) {
    if (!same(a._d(), b._d(), path + "._d()")) return false;
    switch (a._d()) {
        case red: return same(a.who(), b.who(), path + ".who()");
        case green: {
            // omniORB hands out an array member of a union as a pointer to its first row.
            const LongMatrix_slice* rows_a = a.grid();
            const LongMatrix_slice* rows_b = b.grid();
            for (int row = 0; row < 2; ++row) {
                if (!same(rows_a[row], rows_b[row], path + ".grid()[" + std::to_string(row) + "]")) return false;
            }
            return true;
        }
        default: return true;  // no member
    }
}

inline bool same(const Letter& a, const Letter& b, const std::string& path) {
    if (!same(a._d(), b._d(), path + "._d()")) return false;
    if (a._d() == 'a') return same(a.a(), b.a(), path + ".a()");
    return same(a.b(), b.b(), path + ".b()");
}

inline bool same(const Small& a, const Small& b, const std::string& path) {
    if (!same(a._d(), b._d(), path + "._d()")) return false;
    if (a._d() == 7) return same(a.seven(), b.seven(), path + ".seven()");
    return same(a.other(), b.other(), path + ".other()");
}

inline bool same(const Node& a, const Node& b, const std::string& path) {
    return same(a.label, b.label, path + ".label") && same(a.children, b.children, path + ".children");
}

inline bool same(const Failure& a, const Failure& b, const std::string& path) {
    return same(a.reason, b.reason, path + ".reason") && same(a.code, b.code, path + ".code");
}

inline bool same(const Bank::Entry& a, const Bank::Entry& b, const std::string& path) {
    return same(a.id, b.id, path + ".id") && same(a.amount, b.amount, path + ".amount");
}

inline bool same(const Bank::Refused& a, const Bank::Refused& b, const std::string& path) {
    return same(a.why, b.why, path + ".why");
}

inline bool same(const Unnamed& a, const Unnamed& b, const std::string& path) {
    return same(a.doubles, b.doubles, path + ".doubles") && same(a.shorts, b.shorts, path + ".shorts") &&
           same(a.cube, b.cube, path + ".cube") && same(a.pair, b.pair, path + ".pair") &&
           same(a.nested, b.nested, path + ".nested") && same(a.shapes, b.shapes, path + ".shapes");
}

inline bool same(const Everything& a, const Everything& b, const std::string& path) {
    return same(a.lead, b.lead, path + ".lead") && same(a.basic, b.basic, path + ".basic") &&
           same(a.gaps, b.gaps, path + ".gaps") && same(a.texts, b.texts, path + ".texts") &&
           same(a.lists, b.lists, path + ".lists") && same(a.grids, b.grids, path + ".grids") &&
           same(a.family, b.family, path + ".family") && same(a.outline, b.outline, path + ".outline") &&
           same(a.flag_on, b.flag_on, path + ".flag_on") && same(a.flag_off, b.flag_off, path + ".flag_off") &&
           same(a.choice, b.choice, path + ".choice") && same(a.outlines, b.outlines, path + ".outlines") &&
           same(a.nick, b.nick, path + ".nick") && same(a.hues, b.hues, path + ".hues") &&
           same(a.selected, b.selected, path + ".selected") && same(a.initial, b.initial, path + ".initial") &&
           same(a.tiny, b.tiny, path + ".tiny") && same(a.tree, b.tree, path + ".tree") &&
           same(a.anonymous, b.anonymous, path + ".anonymous") && same(a.ledger, b.ledger, path + ".ledger") &&
           same(a.trailer, b.trailer, path + ".trailer");
}

}  // namespace interop
