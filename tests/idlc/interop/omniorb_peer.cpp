// idlc_omniorb_peer: the omniORB side of the idlc interop test. It holds the same sample
// values as idlc_interop_test.cpp, built with omniidl's C++ mapping of idlc_interop.idl.
//
//   idlc_omniorb_peer write big|little DIR   writes DIR/<sample>.omniorb for every sample
//   idlc_omniorb_peer check big|little DIR   decodes DIR/<sample>.corbel for every sample
//
// A decoded value equals the sample when it consumed every byte and re-encodes to the
// sample's own bytes (omniORB's types have no ==; CDR encodes equal values identically).
// It runs in its own process: corbel's and omniORB's generated types have the same names.
// Exit status: 0 all written / all equal; 1 some sample differs or was refused; 2 bad usage.
#include "idlc_interop.hh"

#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace Interop;

Person smith() {
    Person p;
    p.name = static_cast<const char*>("Smith");
    p.place = static_cast<const char*>("London");
    p.year = 1934;
    return p;
}

Person jones() {
    Person p;
    p.name = static_cast<const char*>("Jones");
    p.place = static_cast<const char*>("Paris");
    p.year = 1999;
    return p;
}

Primitives primitives() {
    Primitives p;
    p.o = 0xfe;
    p.b = true;
    p.c = 'Z';
    p.s = -12345;
    p.us = 54321;
    p.l = -2000000000;
    p.ul = 4000000000u;
    p.ll = -9000000000000000000LL;
    p.ull = 18000000000000000000ULL;
    p.f = 3.25f;
    p.d = -1.0 / 3.0;
    return p;
}

Longs longs(std::initializer_list<CORBA::Long> values) {
    Longs l;
    l.length(static_cast<CORBA::ULong>(values.size()));
    CORBA::ULong i = 0;
    for (auto v : values) l[i++] = v;
    return l;
}

Shape shape_radius() {
    Shape s;
    s.radius(2.5);
    return s;
}

Shape shape_points(CORBA::Long label) {
    Shape s;
    s.points(longs({7, 8, 9}));
    s._d(label);
    return s;
}

Shape shape_label() {
    Shape s;
    s.label(static_cast<const char*>("other"));
    s._d(99);
    return s;
}

void fill_matrix(Matrix m) {
    for (int i = 0; i < 2; ++i) {
        for (int j = 0; j < 3; ++j) m[i][j] = i * 3 + j + 1;
    }
}

Choice choice_who() {
    Choice c;
    c.who(smith());
    return c;
}

Choice choice_grid() {
    Choice c;
    Matrix m;
    fill_matrix(m);
    c.grid(m);
    return c;
}

Choice choice_none() {
    Choice c;
    c._default();
    return c;
}

Toggle toggle_on() {
    Toggle t;
    t.value(42);
    return t;
}

Toggle toggle_off() {
    Toggle t;
    t._default();
    return t;
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
    s._d(1000);
    return s;
}

Node leaf(const char* label) {
    Node n;
    n.label = label;
    n.children.length(0);
    return n;
}

Node tree() {
    Node b = leaf("b");
    b.children.length(1);
    b.children[0] = leaf("c");
    Node root = leaf("root");
    root.children.length(2);
    root.children[0] = leaf("a");
    root.children[1] = b;
    return root;
}

Failure failure() {
    Failure f;
    f.reason = static_cast<const char*>("no funds");
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
    r.why = static_cast<const char*>("closed");
    return r;
}

Everything everything() {
    Everything e;
    e.lead = 1;
    e.basics = primitives();
    e.text = static_cast<const char*>("hello, CDR");
    e.bounded = static_cast<const char*>("eight ch");
    e.doubles.length(3);
    e.doubles[0] = 1.5;
    e.doubles[1] = -2.25;
    e.doubles[2] = 1e300;
    e.shorts.length(3);
    e.shorts[0] = 1;
    e.shorts[1] = -2;
    e.shorts[2] = 3;
    fill_matrix(e.table);
    for (int i = 0; i < 2; ++i) {
        for (int j = 0; j < 2; ++j) {
            for (int k = 0; k < 2; ++k) e.cube[i][j][k] = i * 4 + j * 2 + k;
        }
    }
    e.hue = blue;
    e.hues.length(2);
    e.hues[0] = red;
    e.hues[1] = blue;
    e.outline = shape_points(2);
    e.pick = choice_who();
    e.flag = toggle_on();
    e.initial = letter_a();
    e.tiny = small_seven();
    e.people.length(2);
    e.people[0] = smith();
    e.people[1] = jones();
    e.tree = tree();
    e.flags.length(3);
    e.flags[0] = true;
    e.flags[1] = false;
    e.flags[2] = true;
    e.words.length(3);
    e.words[0] = static_cast<const char*>("");
    e.words[1] = static_cast<const char*>("a");
    e.words[2] = static_cast<const char*>("bc");
    e.pair[0] = static_cast<const char*>("left");
    e.pair[1] = static_cast<const char*>("right");
    e.blob.length(3);
    e.blob[0] = 0;
    e.blob[1] = 1;
    e.blob[2] = 255;
    e.nested.length(3);
    e.nested[0] = longs({1});
    e.nested[1] = longs({});
    e.nested[2] = longs({2, 3});
    e.shapes.length(2);
    e.shapes[0] = shape_radius();
    e.shapes[1] = shape_label();
    e.ledger = entry();
    e.trailer = 1e-10;
    return e;
}

struct Sample {
    const char* name;
    std::function<void(cdrStream&)> write;   // the sample's bytes
    std::function<void(cdrStream& in, cdrStream& out)> reencode;  // decode from in, write to out
};

template <class T>
Sample sample(const char* name, T (*make)()) {
    return Sample{name, [make](cdrStream& out) { make() >>= out; },
                  [](cdrStream& in, cdrStream& out) {
                      T decoded;
                      decoded <<= in;
                      decoded >>= out;
                  }};
}

Shape shape_points_3() { return shape_points(3); }

std::vector<Sample> samples() {
    return {
        sample("person", smith),           sample("primitives", primitives),
        sample("shape_radius", shape_radius), sample("shape_points", shape_points_3),
        sample("shape_label", shape_label), sample("choice_who", choice_who),
        sample("choice_grid", choice_grid), sample("choice_none", choice_none),
        sample("toggle_on", toggle_on),     sample("toggle_off", toggle_off),
        sample("letter_a", letter_a),       sample("letter_b", letter_b),
        sample("small_seven", small_seven), sample("small_other", small_other),
        sample("tree", tree),               sample("failure", failure),
        sample("entry", entry),             sample("refused", refused),
        sample("everything", everything),
    };
}

std::string bytes_of(const cdrMemoryStream& stream) {
    return std::string(static_cast<const char*>(stream.bufPtr()), stream.bufSize());
}

cdrMemoryStream* new_writer(bool little_endian) {
    auto* out = new cdrMemoryStream(CORBA::ULong{0}, CORBA::Boolean{1});
    out->setByteSwapFlag(little_endian);
    return out;
}

bool write_all(bool little_endian, const std::string& dir) {
    for (const auto& s : samples()) {
        std::unique_ptr<cdrMemoryStream> out(new_writer(little_endian));
        s.write(*out);
        std::ofstream file(dir + "/" + s.name + ".omniorb", std::ios::binary);
        file << bytes_of(*out);
        if (!file) return false;
    }
    return true;
}

bool check_all(bool little_endian, const std::string& dir) {
    bool all_equal = true;
    for (const auto& s : samples()) {
        std::ifstream file(dir + "/" + s.name + ".corbel", std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        bytes.push_back('\0');  // keeps data() valid for an empty file; not part of the stream
        std::unique_ptr<cdrMemoryStream> expected(new_writer(little_endian));
        s.write(*expected);
        std::unique_ptr<cdrMemoryStream> again(new_writer(little_endian));
        try {
            cdrMemoryStream in(bytes.data(), bytes.size() - 1);
            in.setByteSwapFlag(little_endian);
            s.reencode(in, *again);
            if (in.checkInputOverrun(1, 1)) {
                std::cerr << "idlc_omniorb_peer: " << s.name << ": bytes left over after decoding\n";
                all_equal = false;
                continue;
            }
        } catch (const CORBA::SystemException& error) {
            std::cerr << "idlc_omniorb_peer: " << s.name << ": omniORB refused the bytes: " << error._name() << "\n";
            all_equal = false;
            continue;
        }
        if (bytes_of(*again) != bytes_of(*expected)) {
            std::cerr << "idlc_omniorb_peer: " << s.name << ": decodes to a different value\n";
            all_equal = false;
        }
    }
    return all_equal;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4 || (std::string(argv[2]) != "big" && std::string(argv[2]) != "little") ||
        (std::string(argv[1]) != "write" && std::string(argv[1]) != "check")) {
        std::cerr << "usage: idlc_omniorb_peer write|check big|little DIR\n";
        return 2;
    }
    // omniORB sets up the code sets that string marshalling needs in ORB_init.
    int orb_argc = 1;
    char* orb_argv[] = {argv[0], nullptr};
    CORBA::ORB_var orb = CORBA::ORB_init(orb_argc, orb_argv);
    const bool little_endian = std::string(argv[2]) == "little";
    const bool ok = std::string(argv[1]) == "write" ? write_all(little_endian, argv[3]) : check_all(little_endian, argv[3]);
    orb->destroy();
    return ok ? 0 : 1;
}
