#include "omniorb_samples.hpp"

#include "omniorb_compare.hpp"

#include <initializer_list>

namespace interop_peer {
namespace {

using namespace interop;

template <class Sequence, class Item>
Sequence sequence_of(std::initializer_list<Item> items) {
    Sequence sequence;
    sequence.length(static_cast<::CORBA::ULong>(items.size()));
    ::CORBA::ULong i = 0;
    for (const Item& item : items) sequence[i++] = item;
    return sequence;
}

Person person(const char* name, const char* place, ::CORBA::Long year) {
    Person p;
    p.name = name;
    p.place = place;
    p.year = year;
    return p;
}

Person smith() { return person("Smith", "London", 1934); }
Person jones() { return person("Jones", "Paris", 1999); }

Primitives primitives() {
    Primitives p;
    p.octet_value = 0xfe;
    p.boolean_value = 1;
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

Padding padding() {
    Padding p;
    p.a = 1;
    p.b = 2.5;
    p.c = 'c';
    p.d = -4;
    p.e = 0;
    p.f = 0x0102030405060708LL;
    p.g = 0xff;
    p.h = -0.5f;
    return p;
}

Strings strings() {
    Strings s;
    s.empty = "";
    s.text = "hello, CDR";
    s.short_name = "Ada";
    s.full_short_name = "eightchr";
    return s;
}

Sequences sequences() {
    Sequences s;
    s.longs = sequence_of<LongSeq, ::CORBA::Long>({1, -2, 2147483647});
    s.few_shorts = sequence_of<ShortSeq4, ::CORBA::Short>({1, -2, 3, -4});
    s.doubles = sequence_of<DoubleSeq, ::CORBA::Double>({1.5, -2.25, 1e300});
    s.octets = sequence_of<OctetSeq, ::CORBA::Octet>({0, 1, 127, 128, 255});
    s.booleans = sequence_of<BooleanSeq, ::CORBA::Boolean>({1, 0, 1});
    s.chars = sequence_of<CharSeq, ::CORBA::Char>({'x', 'y'});
    s.counters = sequence_of<ULongLongSeq, ::CORBA::ULongLong>({0, 1, 0xfedcba9876543210ULL});
    s.no_longs.length(0);
    s.people = sequence_of<PersonSeq, Person>({smith(), jones()});
    s.few_people = sequence_of<PersonSeq3, Person>({person("Lovelace", "London", 1815)});
    s.words = sequence_of<StringSeq, const char*>({"", "a", "bc"});
    s.few_short_words = sequence_of<ShortStringSeq3, const char*>({"one", "three"});
    s.longs_list = sequence_of<LongSeqSeq, LongSeq>(
        {sequence_of<LongSeq, ::CORBA::Long>({1}), LongSeq(), sequence_of<LongSeq, ::CORBA::Long>({2, 3})});
    return s;
}

Arrays arrays() {
    Arrays a;
    ::CORBA::Long next = 1;
    for (auto& row : a.matrix) {
        for (auto& cell : row) cell = next++;
    }
    ::CORBA::Octet octet = 1;
    for (auto& plane : a.cube) {
        for (auto& row : plane) {
            for (auto& cell : row) cell = octet++;
        }
    }
    a.pair[0] = "left";
    a.pair[1] = "right";
    a.couple[0] = smith();
    a.couple[1] = jones();
    a.colors[0] = blue;
    a.colors[1] = red;
    a.colors[2] = green;
    return a;
}

Household household() {
    Household h;
    h.owner = smith();
    h.limits = primitives();
    h.temperature = 21.5;
    h.wall = green;
    return h;
}

Shape shape_radius() {
    Shape s;
    s.radius(2.5);
    return s;
}

Shape shape_points() {
    Shape s;
    s.points(sequence_of<LongSeq, ::CORBA::Long>({7, 8, 9}));
    s._d(3);  // the second label of the same member
    return s;
}

Shape shape_label() {
    Shape s;
    s.label("triangle");
    s._d(42);  // any value no case names selects the default branch
    return s;
}

Flag flag_on() {
    Flag f;
    f.value(42);
    return f;
}

Flag flag_off() {
    Flag f;
    f._default();  // FALSE: no member
    return f;
}

Pick pick_letter() {
    Pick p;
    p.letter('q');
    return p;
}

Pick pick_who() {
    Pick p;
    p.who(person("Hopper", "New York", 1906));
    p._d(blue);
    return p;
}

Everything everything() {
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
    e.outlines = sequence_of<ShapeSeq, Shape>({shape_radius(), shape_label(), shape_points()});
    e.trailer = 1e-10;
    return e;
}

template <class T, T (*make)()>
void write_value(cdrStream& out) {
    make() >>= out;
}

template <class T, T (*make)()>
bool decodes_to(cdrStream& in, const std::string& name) {
    T decoded;
    decoded <<= in;
    return same(decoded, make(), name);
}

template <class T, T (*make)()>
Sample sample(const char* name) {
    return Sample{name, &write_value<T, make>, &decodes_to<T, make>};
}

}  // namespace

const std::vector<Sample>& samples() {
    static const std::vector<Sample> all = {
        sample<Person, smith>("person"),
        sample<Primitives, primitives>("primitives"),
        sample<Padding, padding>("padding"),
        sample<Strings, strings>("strings"),
        sample<Sequences, sequences>("sequences"),
        sample<Arrays, arrays>("arrays"),
        sample<Household, household>("household"),
        sample<Shape, shape_radius>("shape_radius"),
        sample<Shape, shape_points>("shape_points"),
        sample<Shape, shape_label>("shape_label"),
        sample<Flag, flag_on>("flag_on"),
        sample<Flag, flag_off>("flag_off"),
        sample<Pick, pick_letter>("pick_letter"),
        sample<Pick, pick_who>("pick_who"),
        sample<Everything, everything>("everything"),
    };
    return all;
}

}  // namespace interop_peer
