// corbel against omniORB, a production CORBA ORB, on the bytes of values that cover every
// type the marshal library supports, in both byte orders:
//   - corbel decodes omniORB's bytes into values equal to the samples,
//   - corbel re-encodes them (and encodes the samples) into exactly omniORB's bytes,
//   - omniORB decodes corbel's bytes into values equal to its own samples,
//   - and the same for encapsulations nested in an outer stream.
// Exceptions are compared as a user_exception reply carries them: their repository id, then
// their members. omniORB runs in a separate process, omniorb_peer, which this test drives
// through files.
#include "interop_samples.hpp"
#include "peer_process.hpp"

#include <corbel/cdr.hpp>
#include <corbel/runtime/reply.hpp>
#include <corbel/runtime/servant.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <unistd.h>
#include <vector>

namespace {

using corbel::cdr::ByteOrder;
using Bytes = std::vector<std::uint8_t>;

constexpr auto peer_time_limit = std::chrono::seconds(60);

const char* order_argument(ByteOrder order) { return order == ByteOrder::little ? "little" : "big"; }

// A file of its own in the temporary directory, removed when it goes out of scope, so that
// tests running in parallel never share one.
class ScratchFile {
public:
    ScratchFile() {
        std::string pattern = (std::filesystem::temp_directory_path() / "corbel-interop-XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        if (fd < 0) throw std::runtime_error("cannot create a scratch file in the temporary directory");
        close(fd);
        path_ = pattern;
    }
    ~ScratchFile() { std::remove(path_.c_str()); }
    ScratchFile(const ScratchFile&) = delete;
    ScratchFile& operator=(const ScratchFile&) = delete;

    const std::string& path() const { return path_; }

    Bytes read() const {
        std::ifstream file(path_, std::ios::binary);
        return Bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    }
    void write(const Bytes& bytes) const {
        std::ofstream file(path_, std::ios::binary | std::ios::trunc);
        file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        if (!file) throw std::runtime_error("cannot write " + path_);
    }

private:
    std::string path_;
};

int run_peer(const std::string& command, const std::string& sample, ByteOrder order, const ScratchFile& file) {
    return interop_test::run_process(CORBEL_OMNIORB_PEER, {command, sample, order_argument(order), file.path()},
                                     peer_time_limit);
}

Bytes omniorb_bytes(const std::string& sample, ByteOrder order) {
    ScratchFile file;
    const int status = run_peer("write", sample, order, file);
    if (status != 0) throw std::runtime_error("omniorb_peer write " + sample + " exited with " + std::to_string(status));
    return file.read();
}

int run_peer_on(const std::string& command, const std::string& sample, ByteOrder order, const Bytes& bytes) {
    ScratchFile file;
    file.write(bytes);
    return run_peer(command, sample, order, file);
}

// The peer's exit status for `bytes`: 0 when omniORB decodes them into its sample.
int omniorb_check(const std::string& sample, ByteOrder order, const Bytes& bytes) {
    return run_peer_on("check", sample, order, bytes);
}

// Empty when equal; otherwise the sizes and the first offset where the bytes part.
std::string difference(const Bytes& actual, const Bytes& expected) {
    if (actual == expected) return {};
    std::ostringstream out;
    out << actual.size() << " bytes where " << expected.size() << " were expected";
    for (std::size_t i = 0; i < actual.size() && i < expected.size(); ++i) {
        if (actual[i] != expected[i]) {
            out << "; first difference at offset " << i << ": 0x" << std::hex << int{actual[i]} << " instead of 0x"
                << int{expected[i]};
            break;
        }
    }
    return out.str();
}

template <class T>
constexpr bool is_exception = std::is_base_of_v<corbel::UserException, T>;

// `value` as corbel puts it on the wire: an exception as the body of a user_exception reply
// (the runtime's write_user_exception), anything else as a bare value.
template <class T>
Bytes corbel_bytes(const T& value, ByteOrder order) {
    if constexpr (is_exception<T>) {
        corbel::cdr::Writer writer(order);
        corbel::runtime::write_user_exception(writer, value);
        return writer.take().to_vector();
    } else {
        return corbel::cdr::to_cdr(value, order).to_vector();
    }
}

// The inverse of corbel_bytes; an exception must come under corbel's repository id for it.
template <class T>
T corbel_value(const Bytes& bytes, ByteOrder order) {
    if constexpr (is_exception<T>) {
        corbel::cdr::Reader reader(bytes, order);
        CHECK(corbel::runtime::read_user_exception_id(reader) == T().repository_id());
        T value;
        corbel::cdr::decode(reader, value);
        reader.expect_end();
        return value;
    } else {
        return corbel::cdr::from_cdr<T>(bytes, order);
    }
}

template <class T>
void cross_check(const std::string& sample_name, const T& sample) {
    for (const ByteOrder order : {ByteOrder::little, ByteOrder::big}) {
        CAPTURE(sample_name);
        CAPTURE(std::string(corbel::cdr::to_string(order)));
        const Bytes from_omniorb = omniorb_bytes(sample_name, order);

        const T decoded = corbel_value<T>(from_omniorb, order);
        CHECK(decoded == sample);
        CHECK(difference(corbel_bytes(decoded, order), from_omniorb) == "");

        const Bytes from_corbel = corbel_bytes(sample, order);
        CHECK(difference(from_corbel, from_omniorb) == "");
        CHECK(omniorb_check(sample_name, order, from_corbel) == 0);
    }
}

// The octet 7 and the unsigned long 7, then `sample` in an encapsulation of byte order
// `inner`, as corbel writes it into a stream of byte order `outer`.
template <class T>
Bytes corbel_nested(const T& sample, ByteOrder outer, ByteOrder inner) {
    corbel::cdr::Writer writer(outer);
    corbel::cdr::encode(writer, std::uint8_t{7});
    corbel::cdr::encode(writer, std::uint32_t{7});
    writer.write_encapsulation(inner, [&](corbel::cdr::Writer& body) { corbel::cdr::encode(body, sample); });
    return writer.take().to_vector();
}

template <class T>
T corbel_decode_nested(const Bytes& bytes, ByteOrder outer) {
    corbel::cdr::Reader reader(bytes, outer);
    CHECK(corbel::cdr::decode<std::uint8_t>(reader) == 7);
    CHECK(corbel::cdr::decode<std::uint32_t>(reader) == 7);
    corbel::cdr::Reader inner = reader.read_encapsulation();
    T value = corbel::cdr::decode<T>(inner);
    inner.expect_end();
    reader.expect_end();
    return value;
}

// The encapsulation's byte-order octet is at offset 12 of the outer stream, not a multiple
// of 8, so its 8-byte members sit 4 bytes off where alignment from the outer origin would
// put them: both sides must count from the octet.
template <class T>
void cross_check_nested(const std::string& sample_name, const T& sample) {
    constexpr ByteOrder omniorb_inner = corbel::cdr::native_byte_order();  // omniORB writes no other
    for (const ByteOrder outer : {ByteOrder::little, ByteOrder::big}) {
        CAPTURE(sample_name);
        CAPTURE(std::string(corbel::cdr::to_string(outer)));
        ScratchFile file;
        REQUIRE(run_peer("write-nested", sample_name, outer, file) == 0);
        const Bytes from_omniorb = file.read();

        CHECK(corbel_decode_nested<T>(from_omniorb, outer) == sample);
        CHECK(difference(corbel_nested(sample, outer, omniorb_inner), from_omniorb) == "");

        for (const ByteOrder inner : {ByteOrder::little, ByteOrder::big}) {
            CAPTURE(std::string(corbel::cdr::to_string(inner)));
            ScratchFile nested;
            nested.write(corbel_nested(sample, outer, inner));
            CHECK(run_peer("check-nested", sample_name, outer, nested) == 0);
        }
    }
}

}  // namespace

namespace samples = interop::samples;

TEST_CASE("omniORB and corbel agree on Person, the figure 4.8 example") { cross_check("person", samples::smith()); }

TEST_CASE("omniORB and corbel agree on every primitive type") {
    cross_check("primitives", samples::primitives());
}

TEST_CASE("omniORB and corbel agree on padding between misaligned members") {
    cross_check("padding", samples::padding());
}

TEST_CASE("omniORB and corbel agree on strings, empty and bounded") { cross_check("strings", samples::strings()); }

TEST_CASE("omniORB and corbel agree on bounded and unbounded sequences of primitives, structs, strings") {
    cross_check("sequences", samples::sequences());
}

TEST_CASE("omniORB and corbel agree on fixed arrays, multi-dimensional ones included") {
    cross_check("arrays", samples::arrays());
}

TEST_CASE("omniORB and corbel agree on nested structs, typedefs and an enum") {
    cross_check("household", samples::household());
}

TEST_CASE("omniORB and corbel agree on a long-discriminated union: one label, two labels, default") {
    cross_check("shape_radius", samples::shape_radius());
    cross_check("shape_points", samples::shape_points());
    cross_check("shape_label", samples::shape_label());
}

TEST_CASE("omniORB and corbel agree on a boolean union, with and without a member") {
    cross_check("flag_on", samples::flag_on());
    cross_check("flag_off", samples::flag_off());
}

TEST_CASE("omniORB and corbel agree on an enum-discriminated union") {
    cross_check("pick_letter", samples::pick_letter());
    cross_check("pick_who", samples::pick_who());
}

TEST_CASE("omniORB and corbel agree on an enum union with an array member and a value that selects none") {
    cross_check("selection_who", samples::selection_who());
    cross_check("selection_grid", samples::selection_grid());
    cross_check("selection_none", samples::selection_none());
}

TEST_CASE("omniORB and corbel agree on char- and unsigned short-discriminated unions") {
    cross_check("letter_a", samples::letter_a());
    cross_check("letter_b", samples::letter_b());
    cross_check("small_seven", samples::small_seven());
    cross_check("small_other", samples::small_other());
}

TEST_CASE("omniORB and corbel agree on a recursive struct, forward declared") {
    cross_check("tree", samples::tree());
}

TEST_CASE("omniORB and corbel agree on members of anonymous sequence and array types") {
    cross_check("unnamed", samples::unnamed());
}

TEST_CASE("omniORB and corbel agree on a struct declared in an interface") {
    cross_check("entry", samples::entry());
}

// The repository ids come from the #pragma prefix: both compilers must apply it alike.
TEST_CASE("omniORB and corbel agree on exceptions: repository id, then members") {
    cross_check("failure", samples::failure());
    cross_check("refused", samples::refused());
}

TEST_CASE("omniORB and corbel agree on one value holding all of the above") {
    cross_check("everything", samples::everything());
}

// omniORB's cdrMemoryStream aligns relative to the start of its buffer; corbel aligns
// relative to the stream's origin. For a stream at offset 0 the two must coincide, and
// both must match the layout the CDR rules give, written out here by hand.
TEST_CASE("omniORB and corbel both count alignment from the stream's first byte") {
    const Bytes expected = {
        0x01, 0, 0, 0, 0, 0, 0, 0,                       // a: octet, then 7 bytes to reach 8
        0x40, 0x04, 0, 0, 0, 0, 0, 0,                    // b: double 2.5 at offset 8
        0x63, 0,                                         // c: char 'c', 1 byte to reach 18
        0xff, 0xfc,                                      // d: short -4 at offset 18
        0x00, 0, 0, 0,                                   // e: FALSE, 3 bytes to reach 24
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,  // f: long long at offset 24
        0xff, 0, 0, 0,                                   // g: octet, 3 bytes to reach 36
        0xbf, 0x00, 0x00, 0x00,                          // h: float -0.5 at offset 36
    };
    CHECK(difference(omniorb_bytes("padding", ByteOrder::big), expected) == "");
    CHECK(difference(corbel::cdr::to_cdr(samples::padding(), ByteOrder::big).to_vector(), expected) == "");
}

TEST_CASE("omniORB and corbel agree on encapsulations nested in a stream") {
    cross_check_nested("person", samples::smith());
    cross_check_nested("padding", samples::padding());
    cross_check_nested("letter_b", samples::letter_b());
    cross_check_nested("small_other", samples::small_other());
    cross_check_nested("everything", samples::everything());
}

// The cross-check is only as good as the peer's comparison: show that it can say no.
TEST_CASE("the omniORB peer rejects bytes that are not its sample") {
    SUBCASE("a different value") {
        const Bytes bytes = corbel::cdr::to_cdr(samples::person("Smith", "London", 1935), ByteOrder::big).to_vector();
        CHECK(omniorb_check("person", ByteOrder::big, bytes) == 1);
    }
    SUBCASE("a different member of a union") {
        const Bytes bytes = corbel::cdr::to_cdr(samples::shape_radius(), ByteOrder::little).to_vector();
        CHECK(omniorb_check("shape_label", ByteOrder::little, bytes) != 0);
    }
    SUBCASE("the other byte order") {
        const Bytes bytes = corbel::cdr::to_cdr(samples::smith(), ByteOrder::big).to_vector();
        CHECK(omniorb_check("person", ByteOrder::little, bytes) != 0);
    }
    SUBCASE("bytes left over after the value") {
        Bytes bytes = corbel::cdr::to_cdr(samples::smith(), ByteOrder::little).to_vector();
        bytes.insert(bytes.end(), {0, 0, 0, 0});
        CHECK(omniorb_check("person", ByteOrder::little, bytes) == 1);
    }
    SUBCASE("an exception under another exception's repository id") {
        const Bytes bytes = corbel_bytes(samples::failure(), ByteOrder::big);
        CHECK(omniorb_check("refused", ByteOrder::big, bytes) == 1);
    }
    SUBCASE("an exception's repository id without the #pragma prefix") {
        corbel::cdr::Writer writer(ByteOrder::little);
        writer.write_string("IDL:interop/Failure:1.0");
        corbel::cdr::encode(writer, samples::failure());
        CHECK(omniorb_check("failure", ByteOrder::little, writer.take().to_vector()) == 1);
    }
    SUBCASE("an encapsulation whose byte-order octet lies") {
        Bytes bytes = corbel_nested(samples::padding(), ByteOrder::little, ByteOrder::little);
        bytes.at(12) = 0;  // after the octet, its padding, the unsigned long and the length
        CHECK(run_peer_on("check-nested", "padding", ByteOrder::little, bytes) != 0);
    }
    SUBCASE("a value cut short") {
        Bytes bytes = corbel::cdr::to_cdr(samples::everything(), ByteOrder::little).to_vector();
        bytes.resize(bytes.size() - 3);
        CHECK(omniorb_check("everything", ByteOrder::little, bytes) == 2);
    }
}
