// Encoding and decoding of the three message types (spec/protocol.md sections 2-5).
//
// Encoding writes the whole datagram into a buffer the caller owns, so the hot path reuses
// one allocation. Decoding never trusts the input: every failure is a MessageError saying
// how much of the message could be read, so the server can still answer a request whose
// header was intact.
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/cdr/byte_order.hpp>
#include <corbel/exception.hpp>
#include <corbel/method_id.hpp>
#include <corbel/runtime/object_ref.hpp>
#include <corbel/runtime/types.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace corbel::runtime::core {

enum class MessageType : std::uint8_t { request = 0, reply = 1, acknowledgement = 2 };

constexpr std::uint8_t protocol_major = 1;
constexpr std::uint8_t protocol_minor = 0;
constexpr std::size_t header_size = 16;

struct MessageHeader {
    MessageType type = MessageType::request;
    cdr::ByteOrder byte_order = cdr::native_byte_order();
    std::uint32_t client_incarnation = 0;
    std::uint32_t request_id = 0;
};

// What a request asks of its target, besides the arguments.
struct RequestFields {
    Protocol protocol = Protocol::rr;
    bool idempotent = false;
    MethodId method = 0;
};

// The target of a decoded request, as the request names it; `repository_id` points into the
// datagram it was decoded from.
struct TargetView {
    Endpoint endpoint;
    std::uint32_t incarnation = 0;
    std::uint32_t object_number = 0;
    std::string_view repository_id;

    RemoteObjectRef to_ref() const { return {endpoint, incarnation, object_number, std::string(repository_id)}; }
};

// A decoded request or reply; `arguments` and `body` point into the datagram they were decoded from.
struct DecodedRequest {
    TargetView target;
    RequestFields fields;
    cdr::ByteView arguments;
};

struct DecodedReply {
    MessageHeader header;
    ReplyStatus status = ReplyStatus::ok;
    cdr::ByteView body;
};

class MessageError : public corbel::Exception {
public:
    // `header_valid`: the 16-byte header was read, so an error reply can be addressed.
    MessageError(const std::string& what_message, bool header_valid)
        : corbel::Exception(what_message), header_valid_(header_valid) {}
    bool header_valid() const noexcept { return header_valid_; }

private:
    bool header_valid_;
};

// Writes a whole request into `out` (cleared first).
void encode_request(cdr::ByteBuffer& out, const MessageHeader& header, const RemoteObjectRef& target,
                    const RequestFields& fields, cdr::ByteView arguments);
void encode_reply(cdr::ByteBuffer& out, const MessageHeader& header, ReplyStatus status,
                  cdr::ByteView body);
// A reply whose body is one string: the error replies.
void encode_error_reply(cdr::ByteBuffer& out, const MessageHeader& header, ReplyStatus status,
                        const std::string& detail);
void encode_acknowledgement(cdr::ByteBuffer& out, const MessageHeader& header);

// Throws MessageError with header_valid() false.
MessageHeader decode_header(cdr::ByteView datagram);
// Throw MessageError; header_valid() tells whether `header` was filled in.
DecodedRequest decode_request(cdr::ByteView datagram, MessageHeader& header);
// The rest of a request whose `header` decode_header() has already read.
DecodedRequest decode_request_after_header(cdr::ByteView datagram, const MessageHeader& header);
DecodedReply decode_reply(cdr::ByteView datagram);

// The detail string of an error reply's body ("" if it cannot be read).
std::string decode_error_detail(const DecodedReply& reply);

}  // namespace corbel::runtime::core
