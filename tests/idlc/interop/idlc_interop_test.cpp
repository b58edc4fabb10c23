// corbel-idlc's generated code against omniidl's (omniORB), on values of every construct of
// idlc_interop.idl, in both byte orders:
//   - corbel's encoding of each sample equals omniORB's byte for byte,
//   - corbel decodes omniORB's bytes into values equal to its samples,
//   - omniORB decodes corbel's bytes into values equal to its samples (idlc_omniorb_peer).
// The samples are the same values, written once per side in each side's C++ mapping.
#include "idlc_interop.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace Interop;
using corbel::cdr::ByteOrder;

Person smith() { return {"Smith", "London", 1934}; }
Person jones() { return {"Jones", "Paris", 1999}; }

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

Shape shape_radius() {
    Shape s;
    s.radius(2.5);
    return s;
}

Shape shape_points(std::int32_t label) {
    Shape s;
    s.points({7, 8, 9}, label);
    return s;
}

Shape shape_label() {
    Shape s;
    s.label("other", 99);
    return s;
}

Matrix matrix() { return {{{1, 2, 3}, {4, 5, 6}}}; }

Choice choice_who() {
    Choice c;
    c.who(smith());
    return c;
}

Choice choice_grid() {
    Choice c;
    c.grid(matrix());
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
    s.other(0.5, 1000);
    return s;
}

Node tree() { return {"root", {{"a", {}}, {"b", {{"c", {}}}}}}; }

Failure failure() {
    Failure f;
    f.reason = "no funds";
    f.code = 17;
    return f;
}

Bank::Entry entry() { return {123456789012345ULL, -10.5}; }

Bank::Refused refused() {
    Bank::Refused r;
    r.why = "closed";
    return r;
}

Everything everything() {
    Everything e;
    e.lead = 1;
    e.basics = primitives();
    e.text = "hello, CDR";
    e.bounded = "eight ch";
    e.doubles = {1.5, -2.25, 1e300};
    e.shorts = {1, -2, 3};
    e.table = matrix();
    for (int i = 0; i < 2; ++i) {
        for (int j = 0; j < 2; ++j) {
            for (int k = 0; k < 2; ++k) e.cube[i][j][k] = i * 4 + j * 2 + k;
        }
    }
    e.hue = Color::blue;
    e.hues = {Color::red, Color::blue};
    e.outline = shape_points(2);
    e.pick = choice_who();
    e.flag = toggle_on();
    e.initial = letter_a();
    e.tiny = small_seven();
    e.people = {smith(), jones()};
    e.tree = tree();
    e.flags = {true, false, true};
    e.words = {"", "a", "bc"};
    e.pair = {"left", "right"};
    e.blob = {0, 1, 255};
    e.nested = {{1}, {}, {2, 3}};
    e.shapes = {shape_radius(), shape_label()};
    e.ledger = entry();
    e.trailer = 1e-10;
    return e;
}

using Bytes = std::vector<std::uint8_t>;

Bytes read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class ScratchDir {
public:
    ScratchDir() {
        char pattern[] = "/tmp/corbel-idlc-interop-XXXXXX";
        path_ = mkdtemp(pattern);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

int run_peer(const char* command, ByteOrder order, const fs::path& dir) {
    // `timeout` bounds the peer's run time whatever happens to it.
    const std::string line = std::string("timeout 60 ") + CORBEL_IDLC_OMNIORB_PEER + " " + command + " " +
                             (order == ByteOrder::little ? "little" : "big") + " " + dir.string();
    const int status = std::system(line.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// One sample on corbel's side: compared with omniORB's bytes, decoded from them, and written
// for omniORB to decode.
template <class T>
void exchange(const char* name, const T& value, ByteOrder order, const fs::path& dir) {
    CAPTURE(name);
    CAPTURE(corbel::cdr::to_string(order));
    const Bytes omniorb = read_file(dir / (std::string(name) + ".omniorb"));
    REQUIRE_FALSE(omniorb.empty());
    const auto ours = corbel::cdr::to_cdr(value, order);
    const Bytes corbel_bytes = ours.view().to_vector();
    CHECK(corbel_bytes == omniorb);
    CHECK(corbel::cdr::from_cdr<T>(corbel::cdr::ByteView(omniorb), order) == value);
    std::ofstream(dir / (std::string(name) + ".corbel"), std::ios::binary)
        .write(reinterpret_cast<const char*>(corbel_bytes.data()), static_cast<std::streamsize>(corbel_bytes.size()));
}

}  // namespace

TEST_CASE("corbel-idlc and omniidl generated code write and read the same bytes") {
    for (const ByteOrder order : {ByteOrder::big, ByteOrder::little}) {
        ScratchDir dir;
        REQUIRE(run_peer("write", order, dir.path()) == 0);
        exchange("person", smith(), order, dir.path());
        exchange("primitives", primitives(), order, dir.path());
        exchange("shape_radius", shape_radius(), order, dir.path());
        exchange("shape_points", shape_points(3), order, dir.path());
        exchange("shape_label", shape_label(), order, dir.path());
        exchange("choice_who", choice_who(), order, dir.path());
        exchange("choice_grid", choice_grid(), order, dir.path());
        exchange("choice_none", choice_none(), order, dir.path());
        exchange("toggle_on", toggle_on(), order, dir.path());
        exchange("toggle_off", toggle_off(), order, dir.path());
        exchange("letter_a", letter_a(), order, dir.path());
        exchange("letter_b", letter_b(), order, dir.path());
        exchange("small_seven", small_seven(), order, dir.path());
        exchange("small_other", small_other(), order, dir.path());
        exchange("tree", tree(), order, dir.path());
        exchange("failure", failure(), order, dir.path());
        exchange("entry", entry(), order, dir.path());
        exchange("refused", refused(), order, dir.path());
        exchange("everything", everything(), order, dir.path());
        CHECK(run_peer("check", order, dir.path()) == 0);
    }
}

TEST_CASE("constants of the interop IDL") {
    static_assert(Interop::SIZE == 3);
    static_assert(Interop::TITLE == "interop");
    CHECK(std::string(Interop::Failure().repository_id()) == "IDL:corbel.test/Interop/Failure:1.0");
}
