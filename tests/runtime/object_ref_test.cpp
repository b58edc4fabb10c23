// Remote object references print and parse in the form of spec/protocol.md section 8.
#include <corbel/runtime/object_ref.hpp>

#include <doctest/doctest.h>

#include <string>

using corbel::runtime::BadReference;
using corbel::runtime::RemoteObjectRef;

TEST_CASE("the example reference parses into its fields and prints back unchanged") {
    const std::string text = "corbel://127.0.0.1:7000/1732190000/3#IDL:Bank/Account:1.0";
    const RemoteObjectRef ref = RemoteObjectRef::parse(text);
    CHECK(ref.endpoint.address == 0x7f000001u);
    CHECK(ref.endpoint.port == 7000);
    CHECK(ref.incarnation == 1732190000u);
    CHECK(ref.object_number == 3);
    CHECK(ref.repository_id == "IDL:Bank/Account:1.0");
    CHECK(ref.to_string() == text);
    CHECK(RemoteObjectRef::parse(ref.to_string()) == ref);
}

TEST_CASE("extreme values survive the round trip") {
    const std::string text = "corbel://255.255.255.255:65535/4294967295/0#X";
    CHECK(RemoteObjectRef::parse(text).to_string() == text);
}

TEST_CASE("bad strings are refused with a message saying what is wrong") {
    const std::pair<const char*, const char*> cases[] = {
        {"", "corbel://"},
        {"http://127.0.0.1:7000/1/3#IDL:A:1.0", "corbel://"},
        {"corbel://127.0.0.1:7000/1/3", "'#'"},
        {"corbel://127.0.0.1:7000/1/3#", "empty repository id"},
        {"corbel://127.0.0.1:7000/1/3#IDL:A B:1.0", "space"},
        {"corbel://127.0.0.1/1/3#IDL:A:1.0", "address:port"},
        {"corbel://127.0.0.1:7000/1#IDL:A:1.0", "object number"},
        {"corbel://127.0.0.256:7000/1/3#IDL:A:1.0", "IPv4"},
        {"corbel://127.0.0:7000/1/3#IDL:A:1.0", "IPv4"},
        {"corbel://127.0.0.1:70000/1/3#IDL:A:1.0", "port"},
        {"corbel://127.0.0.1:0/1/3#IDL:A:1.0", "port 0"},
        {"corbel://127.0.0.1:7000/4294967296/3#IDL:A:1.0", "incarnation"},
        {"corbel://127.0.0.1:7000/1/-3#IDL:A:1.0", "object number"},
        {"corbel://127.0.0.1:7000/1/03#IDL:A:1.0", "leading zeros"},
        {"corbel://127.0.0.1:7000//3#IDL:A:1.0", "missing incarnation"},
    };
    for (const auto& [text, expected] : cases) {
        CAPTURE(text);
        try {
            RemoteObjectRef::parse(text);
            FAIL("accepted");
        } catch (const BadReference& e) {
            CHECK(std::string(e.what()).find(expected) != std::string::npos);
        }
    }
}
