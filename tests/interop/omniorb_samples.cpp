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

void fill_long_matrix(LongMatrix& matrix) {
    ::CORBA::Long next = 1;
    for (auto& row : matrix) {
        for (auto& cell : row) cell = next++;
    }
}

Arrays arrays() {
    Arrays a;
    fill_long_matrix(a.matrix);
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

Selection selection_who() {
    Selection s;
    s.who(smith());
    return s;
}

Selection selection_grid() {
    LongMatrix matrix;
    fill_long_matrix(matrix);
    Selection s;
    s.grid(matrix);
    return s;
}

Selection selection_none() {
    Selection s;
    s._default();  // blue: no member
    return s;
}

Letter letter_a() {
    Letter l;
    l.a(5);
    return l;
}

Letter letter_b() {
    Letter l;
    l.b(-5);
    return l;
}

Small small_seven() {
    Small s;
    s.seven(7);
    return s;
}

Small small_other() {
    Small s;
    s.other(0.5);
    s._d(1000);  // any value no case names selects the default branch
    return s;
}

Node node(const char* label, std::initializer_list<Node> children) {
    Node n;
    n.label = label;
    n.children = sequence_of<Nodes, Node>(children);
    return n;
}

Node tree() { return node("root", {node("a", {}), node("b", {node("c", {})})}); }

Failure failure() {
    Failure f;
    f.reason = "no funds";
    f.code = 17;
    return f;
}

Bank::Entry entry() {
    Bank::Entry e;
    e.id = 123456789012345ULL;
    e.amount = -10.5;
    return e;
}

Bank::Refused refused() {
    Bank::Refused r;
    r.why = "closed";
    return r;
}

Unnamed unnamed() {
    Unnamed u;
    u.doubles = sequence_of<Unnamed::_doubles_seq, ::CORBA::Double>({1.5, -2.25, 1e300});
    u.shorts = sequence_of<Unnamed::_shorts_seq, ::CORBA::Short>({1, -2, 3});
    ::CORBA::Long next = 0;
    for (auto& plane : u.cube) {
        for (auto& row : plane) {
            for (auto& cell : row) cell = next++;
        }
    }
    u.pair[0] = "left";
    u.pair[1] = "right";
    u.nested.length(3);  // [1] stays empty
    u.nested[0] = sequence_of<LongSeq, ::CORBA::Long>({1});
    u.nested[2] = sequence_of<LongSeq, ::CORBA::Long>({2, 3});
    u.shapes = sequence_of<Unnamed::_shapes_seq, Shape>({shape_radius(), shape_label()});
    return u;
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
    e.nick = "Bobby";
    e.hues = sequence_of<Palette, Color>({red, blue});
    e.selected = selection_grid();
    e.initial = letter_b();
    e.tiny = small_other();
    e.tree = tree();
    e.anonymous = unnamed();
    e.ledger = entry();
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

// An exception as a user_exception reply carries it (as omniORB's GIOP_S sends one): its
// repository id as a string, then its members.
template <class T, T (*make)()>
void write_raised(cdrStream& out) {
    out.marshalRawString(T::_PD_repoId);
    make() >>= out;
}

template <class T, T (*make)()>
bool decodes_to_raised(cdrStream& in, const std::string& name) {
    const ::CORBA::String_var id = in.unmarshalRawString();
    return same(id.in(), T::_PD_repoId, name + " repository id") && decodes_to<T, make>(in, name);
}

template <class T, T (*make)()>
Sample raised_sample(const char* name) {
    return Sample{name, &write_raised<T, make>, &decodes_to_raised<T, make>};
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
        sample<Selection, selection_who>("selection_who"),
        sample<Selection, selection_grid>("selection_grid"),
        sample<Selection, selection_none>("selection_none"),
        sample<Letter, letter_a>("letter_a"),
        sample<Letter, letter_b>("letter_b"),
        sample<Small, small_seven>("small_seven"),
        sample<Small, small_other>("small_other"),
        sample<Node, tree>("tree"),
        sample<Bank::Entry, entry>("entry"),
        sample<Unnamed, unnamed>("unnamed"),
        raised_sample<Failure, failure>("failure"),
        raised_sample<Bank::Refused, refused>("refused"),
        sample<Everything, everything>("everything"),
    };
    return all;
}

}  // namespace interop_peer
