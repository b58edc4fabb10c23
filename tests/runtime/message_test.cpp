// The wire format of spec/protocol.md sections 2-5: byte-exact headers in both byte orders,
// round trips, and refusal of malformed messages with the right "can we still answer" flag.
#include <corbel/cdr.hpp>
#include <corbel/runtime/core/message.hpp>

#include <doctest/doctest.h>

#include <vector>

using namespace corbel::runtime;
using namespace corbel::runtime::core;
using corbel::cdr::ByteBuffer;
using corbel::cdr::ByteOrder;
using corbel::cdr::ByteView;

namespace {

RemoteObjectRef account() { return RemoteObjectRef::parse("corbel://127.0.0.1:7000/1732190000/3#IDL:Bank/Account:1.0"); }

RequestFields account_request() {
    RequestFields f;
    f.protocol = Protocol::rra;
    f.idempotent = true;
    f.method = corbel::method_id("deposit");
    return f;
}

}  // namespace

TEST_CASE("a big-endian request is laid out field by field as the spec says") {
    MessageHeader h;
    h.byte_order = ByteOrder::big;
    h.client_incarnation = 0x01020304;
    h.request_id = 7;
    const std::vector<std::uint8_t> args = {0xde, 0xad};
    ByteBuffer out;
    encode_request(out, h, account(), account_request(), ByteView(args));
    const std::vector<std::uint8_t> bytes = out.to_vector();
    const std::vector<std::uint8_t> head = {'C', 'R', 'B', 'L', 1, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 7,
                                            2, 1, 0, 0, 0x7f, 0, 0, 1, 0, 0, 0x1b, 0x58};
    CHECK(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + head.size()) == head);
    // incarnation 1732190000 = 0x673F1F30, object 3, then the method id
    const std::vector<std::uint8_t> target = {0x67, 0x3f, 0x1f, 0x30, 0, 0, 0, 3};
    CHECK(std::vector<std::uint8_t>(bytes.begin() + 28, bytes.begin() + 36) == target);
    // repository id "IDL:Bank/Account:1.0" is 20 chars + NUL = 21, at 40; ends at 65; body at 72
    CHECK(bytes[43] == 21);
    REQUIRE(bytes.size() == 74);
    CHECK(bytes[72] == 0xde);
    CHECK(bytes[73] == 0xad);
}

TEST_CASE("requests and replies round-trip in both byte orders") {
    for (const ByteOrder order : {ByteOrder::big, ByteOrder::little}) {
        CAPTURE(to_string(order));
        MessageHeader h;
        h.byte_order = order;
        h.client_incarnation = 99;
        h.request_id = 123456;
        const std::vector<std::uint8_t> args = {1, 2, 3, 4, 5};
        ByteBuffer out;
        encode_request(out, h, account(), account_request(), ByteView(args));
        MessageHeader seen;
        const DecodedRequest request = decode_request(out.view(), seen);
        CHECK(seen.byte_order == order);
        CHECK(seen.client_incarnation == 99);
        CHECK(seen.request_id == 123456);
        CHECK(request.fields.protocol == Protocol::rra);
        CHECK(request.fields.idempotent);
        CHECK(request.target.to_ref() == account());
        CHECK(request.fields.method == corbel::method_id("deposit"));
        CHECK(request.arguments.to_vector() == args);

        encode_error_reply(out, h, ReplyStatus::stale_reference, "restarted");
        const DecodedReply reply = decode_reply(out.view());
        CHECK(reply.header.request_id == 123456);
        CHECK(reply.status == ReplyStatus::stale_reference);
        CHECK(decode_error_detail(reply) == "restarted");

        encode_acknowledgement(out, h);
        CHECK(out.size() == header_size);
        const MessageHeader ack = decode_header(out.view());
        CHECK(ack.type == MessageType::acknowledgement);
        CHECK(ack.request_id == 123456);
    }
}

TEST_CASE("an empty reply body still decodes") {
    MessageHeader h;
    ByteBuffer out;
    encode_reply(out, h, ReplyStatus::ok, ByteView());
    const DecodedReply reply = decode_reply(out.view());
    CHECK(reply.status == ReplyStatus::ok);
    CHECK(reply.body.size == 0);
}

TEST_CASE("malformed messages are refused, saying whether the header was readable") {
    MessageHeader h;
    h.request_id = 5;
    ByteBuffer good;
    encode_request(good, h, account(), account_request(), ByteView());
    std::vector<std::uint8_t> bytes = good.to_vector();
    MessageHeader seen;

    SUBCASE("shorter than a header") {
        CHECK_THROWS_AS(decode_header(ByteView(bytes.data(), 15)), MessageError);
    }
    SUBCASE("wrong magic") {
        bytes[0] = 'X';
        try {
            decode_request(ByteView(bytes), seen);
            FAIL("accepted");
        } catch (const MessageError& e) {
            CHECK_FALSE(e.header_valid());
            CHECK(std::string(e.what()).find("magic") != std::string::npos);
        }
    }
    SUBCASE("another major version, byte-order octet or type") {
        for (const auto& [index, value] : std::vector<std::pair<int, std::uint8_t>>{{4, 2}, {6, 2}, {7, 3}}) {
            auto copy = bytes;
            copy[index] = value;
            CHECK_THROWS_AS(decode_header(ByteView(copy)), MessageError);
        }
    }
    SUBCASE("a bad body after a good header can still be answered") {
        for (const auto& [index, value] : std::vector<std::pair<int, std::uint8_t>>{{16, 3}, {17, 2}}) {
            auto copy = bytes;
            copy[index] = value;
            try {
                decode_request(ByteView(copy), seen);
                FAIL("accepted");
            } catch (const MessageError& e) {
                CHECK(e.header_valid());
                CHECK(seen.request_id == 5);
            }
        }
        try {
            decode_request(ByteView(bytes.data(), 50), seen);  // cut inside the repository id
            FAIL("accepted");
        } catch (const MessageError& e) {
            CHECK(e.header_valid());
        }
    }
    SUBCASE("a repository id that breaks the string rules is refused, with the rule it breaks") {
        // The id's length is at 40, its 20 characters at 44 and its NUL at 64.
        const auto refused_with = [&](std::vector<std::uint8_t> copy, const char* rule) {
            try {
                decode_request(ByteView(copy), seen);
                FAIL("accepted");
            } catch (const MessageError& e) {
                CHECK(e.header_valid());
                CHECK(std::string(e.what()).find(rule) != std::string::npos);
            }
        };
        auto no_nul = bytes;
        no_nul[64] = 'x';
        refused_with(no_nul, "NUL");
        auto nul_inside = bytes;
        nul_inside[50] = 0;
        refused_with(nul_inside, "NUL inside");
        auto empty = bytes;
        empty[40] = empty[41] = empty[42] = empty[43] = 0;
        refused_with(empty, "length counts its NUL");
        auto too_long = bytes;
        too_long[40] = too_long[43] = 0xff;  // either byte order: far past the datagram
        refused_with(too_long, "string length");
    }
    SUBCASE("a reply with an unknown status") {
        ByteBuffer reply;
        encode_reply(reply, h, ReplyStatus::ok, ByteView());
        auto copy = reply.to_vector();
        copy[16] = 8;
        CHECK_THROWS_AS(decode_reply(ByteView(copy)), MessageError);
    }
}

TEST_CASE("every prefix of a request is refused, and says whether its header was readable") {
    for (const ByteOrder order : {ByteOrder::big, ByteOrder::little}) {
        MessageHeader h;
        h.byte_order = order;
        h.request_id = 9;
        const std::vector<std::uint8_t> args = {1, 2, 3};
        ByteBuffer good;
        encode_request(good, h, account(), account_request(), ByteView(args));
        const std::vector<std::uint8_t> bytes = good.to_vector();
        for (std::size_t size = 0; size < bytes.size(); ++size) {
            CAPTURE(size);
            MessageHeader seen;
            try {
                const DecodedRequest request = decode_request(ByteView(bytes.data(), size), seen);
                // Only a cut at or inside the arguments still reads: they are the callee's to check.
                CHECK(size >= 72);
                CHECK(request.arguments.size == size - 72);
            } catch (const MessageError& e) {
                CHECK(e.header_valid() == (size >= header_size));
                if (e.header_valid()) CHECK(seen.request_id == 9);
            }
        }
    }
}
