#include <corbel/runtime/core/message.hpp>
#include <corbel/runtime/core/wire_layout.hpp>

#include <corbel/cdr/error.hpp>
#include <corbel/cdr/reader.hpp>
#include <corbel/cdr/writer.hpp>

#include <cstring>

namespace corbel::runtime::core {
namespace {

constexpr std::uint8_t magic[4] = {'C', 'R', 'B', 'L'};
// Repository ids longer than this are refused: real ones are short, and the bound keeps a
// hostile length from costing anything.
constexpr std::size_t max_repository_id = 1024;

// Every message starts with the same 16 bytes, and a request's target and method follow at
// fixed offsets (core/wire_layout.hpp), so they are written and read in place: this is the
// one piece of CDR on every call's path, in both directions.
using namespace wire;

void put_ulong(std::uint8_t* at, std::uint32_t value, cdr::ByteOrder order) {
    cdr::detail::store(at, value, order != cdr::native_byte_order());
}

std::uint32_t get_ulong(const std::uint8_t* at, cdr::ByteOrder order) {
    return cdr::detail::load<std::uint32_t>(at, order != cdr::native_byte_order());
}

// Clears `out`, makes it `size` bytes long and writes the header; returns the first byte.
std::uint8_t* start_message(cdr::ByteBuffer& out, const MessageHeader& header, MessageType type, std::size_t size) {
    out.clear();
    std::uint8_t* at = out.extend(size);
    std::memcpy(at, magic, sizeof magic);
    at[major_version_at] = protocol_major;
    at[minor_version_at] = protocol_minor;
    at[byte_order_at] = static_cast<std::uint8_t>(header.byte_order);
    at[message_type_at] = static_cast<std::uint8_t>(type);
    put_ulong(at + client_incarnation_at, header.client_incarnation, header.byte_order);
    put_ulong(at + request_id_at, header.request_id, header.byte_order);
    return at;
}

// Zero padding from `from` up to the body, then the body.
void finish_message(std::uint8_t* at, std::size_t from, cdr::ByteView body) {
    const std::size_t body_at = aligned_to_body(from);
    std::memset(at + from, 0, body_at - from);
    if (body.size != 0) std::memcpy(at + body_at, body.data, body.size);
}

cdr::ByteView rest_after_alignment(cdr::Reader& r, cdr::ByteView datagram) {
    r.align(body_alignment);
    return {datagram.data + r.position(), r.remaining()};
}

}  // namespace

void encode_request(cdr::ByteBuffer& out, const MessageHeader& header, const RemoteObjectRef& target,
                    const RequestFields& fields, cdr::ByteView arguments) {
    const std::string& id = target.repository_id;
    if (id.size() > max_repository_id || id.find('\0') != std::string::npos) {
        cdr::Writer refusal;
        refusal.write_string(id, max_repository_id);  // throws the CDR error that says why
    }
    const std::size_t id_length = id.size() + 1;  // an OMG string counts its NUL
    const std::size_t id_end = repository_id_at + 4 + id_length;
    std::uint8_t* at = start_message(out, header, MessageType::request, aligned_to_body(id_end) + arguments.size);
    at[request_protocol_at] = static_cast<std::uint8_t>(fields.protocol);
    at[request_flags_at] = fields.idempotent ? 1 : 0;
    at[request_flags_at + 1] = at[request_flags_at + 2] = 0;
    put_ulong(at + target_address_at, target.endpoint.address, header.byte_order);
    put_ulong(at + target_port_at, target.endpoint.port, header.byte_order);
    put_ulong(at + target_incarnation_at, target.incarnation, header.byte_order);
    put_ulong(at + target_object_at, target.object_number, header.byte_order);
    put_ulong(at + method_at, fields.method, header.byte_order);
    put_ulong(at + repository_id_at, static_cast<std::uint32_t>(id_length), header.byte_order);
    std::memcpy(at + repository_id_at + 4, id.data(), id.size());
    at[id_end - 1] = 0;
    finish_message(at, id_end, arguments);
}

void encode_reply(cdr::ByteBuffer& out, const MessageHeader& header, ReplyStatus status, cdr::ByteView body) {
    std::uint8_t* at = start_message(out, header, MessageType::reply, aligned_to_body(reply_status_at + 1) + body.size);
    at[reply_status_at] = static_cast<std::uint8_t>(status);
    finish_message(at, reply_status_at + 1, body);
}

void encode_error_reply(cdr::ByteBuffer& out, const MessageHeader& header, ReplyStatus status,
                        const std::string& detail) {
    cdr::Writer body(header.byte_order);
    body.write_string(detail);
    encode_reply(out, header, status, body.view());
}

void encode_acknowledgement(cdr::ByteBuffer& out, const MessageHeader& header) {
    start_message(out, header, MessageType::acknowledgement, header_size);
}

MessageHeader decode_header(cdr::ByteView datagram) {
    if (datagram.size < header_size) {
        throw MessageError("datagram of " + std::to_string(datagram.size) + " bytes is shorter than the " +
                               std::to_string(header_size) + "-byte header",
                           false);
    }
    for (std::size_t i = 0; i < 4; ++i) {
        if (datagram.data[i] != magic[i]) throw MessageError("wrong magic: not a corbel message", false);
    }
    if (datagram.data[major_version_at] != protocol_major) {
        throw MessageError("protocol major version " + std::to_string(datagram.data[major_version_at]) + " (this is " +
                               std::to_string(protocol_major) + ")",
                           false);
    }
    const std::uint8_t order = datagram.data[byte_order_at];
    if (order > 1) throw MessageError("byte-order octet " + std::to_string(order) + " is neither 0 nor 1", false);
    const std::uint8_t type = datagram.data[message_type_at];
    if (type > 2) throw MessageError("unknown message type " + std::to_string(type), false);
    MessageHeader header;
    header.byte_order = static_cast<cdr::ByteOrder>(order);
    header.type = static_cast<MessageType>(type);
    header.client_incarnation = get_ulong(datagram.data + client_incarnation_at, header.byte_order);
    header.request_id = get_ulong(datagram.data + request_id_at, header.byte_order);
    return header;
}

DecodedRequest decode_request(cdr::ByteView datagram, MessageHeader& header) {
    header = decode_header(datagram);
    return decode_request_after_header(datagram, header);
}

DecodedRequest decode_request_after_header(cdr::ByteView datagram, const MessageHeader& header) {
    if (header.type != MessageType::request) throw MessageError("not a request", true);
    if (datagram.size < repository_id_at + 4) {
        throw MessageError("malformed request: " + std::to_string(datagram.size) + " bytes, fewer than the " +
                               std::to_string(repository_id_at + 4) + " of a request's fixed part",
                           true);
    }
    const std::uint8_t* at = datagram.data;
    const std::uint8_t protocol = at[request_protocol_at];
    if (protocol > 2) throw MessageError("unknown exchange protocol " + std::to_string(protocol), true);
    const std::uint8_t flags = at[request_flags_at];
    if (flags > 1) throw MessageError("unknown request flags " + std::to_string(flags), true);
    const std::uint32_t port = get_ulong(at + target_port_at, header.byte_order);
    if (port > 65535) throw MessageError("target port " + std::to_string(port) + " out of range", true);
    DecodedRequest request;
    request.fields.protocol = static_cast<Protocol>(protocol);
    request.fields.idempotent = flags == 1;
    request.fields.method = get_ulong(at + method_at, header.byte_order);
    request.target.endpoint.address = get_ulong(at + target_address_at, header.byte_order);
    request.target.endpoint.port = static_cast<std::uint16_t>(port);
    request.target.incarnation = get_ulong(at + target_incarnation_at, header.byte_order);
    request.target.object_number = get_ulong(at + target_object_at, header.byte_order);
    // The repository id is the one variable-length field. A well-formed one is checked in
    // place, at a third of the cost of a CDR reader; anything else goes to the reader, for
    // its exact complaint.
    const std::uint32_t id_length = get_ulong(at + repository_id_at, header.byte_order);
    const std::size_t id_at = repository_id_at + 4;
    const char* id = reinterpret_cast<const char*>(at + id_at);
    if (id_length >= 1 && id_length <= max_repository_id + 1 && aligned_to_body(id_at + id_length) <= datagram.size &&
        id[id_length - 1] == '\0' && std::memchr(id, '\0', id_length - 1) == nullptr) {
        request.target.repository_id = std::string_view(id, id_length - 1);
        const std::size_t body_at = aligned_to_body(id_at + id_length);
        request.arguments = {datagram.data + body_at, datagram.size - body_at};
        return request;
    }
    try {
        cdr::Reader r(datagram, header.byte_order);
        r.rewind(repository_id_at);
        request.target.repository_id = r.read_string_view(max_repository_id);
        request.arguments = rest_after_alignment(r, datagram);
    } catch (const cdr::MarshalError& e) {
        throw MessageError(std::string("malformed request: ") + e.what(), true);
    }
    return request;
}

DecodedReply decode_reply(cdr::ByteView datagram) {
    DecodedReply reply;
    reply.header = decode_header(datagram);
    if (reply.header.type != MessageType::reply) throw MessageError("not a reply", true);
    const std::size_t body_at = aligned_to_body(reply_status_at + 1);
    if (datagram.size < body_at) {
        throw MessageError("malformed reply: " + std::to_string(datagram.size) + " bytes, fewer than the " +
                               std::to_string(body_at) + " before a reply's body",
                           true);
    }
    const std::uint8_t status = datagram.data[reply_status_at];
    if (status >= reply_status_count) throw MessageError("unknown reply status " + std::to_string(status), true);
    reply.status = static_cast<ReplyStatus>(status);
    reply.body = {datagram.data + body_at, datagram.size - body_at};
    return reply;
}

std::string decode_error_detail(const DecodedReply& reply) {
    try {
        cdr::Reader r(reply.body, reply.header.byte_order);
        return r.read_string();
    } catch (const cdr::MarshalError&) {
        return "";
    }
}

}  // namespace corbel::runtime::core
