#include <corbel/runtime/core/message.hpp>

#include <corbel/cdr/error.hpp>
#include <corbel/cdr/reader.hpp>
#include <corbel/cdr/writer.hpp>

namespace corbel::runtime::core {
namespace {

constexpr std::uint8_t magic[4] = {'C', 'R', 'B', 'L'};
constexpr std::size_t body_alignment = 8;
// Repository ids longer than this are refused: real ones are short, and the bound keeps a
// hostile length from costing anything.
constexpr std::size_t max_repository_id = 1024;

void write_header(cdr::Writer& w, const MessageHeader& header) {
    for (const std::uint8_t octet : magic) w.write_octet(octet);
    w.write_octet(protocol_major);
    w.write_octet(protocol_minor);
    w.write_octet(static_cast<std::uint8_t>(header.byte_order));
    w.write_octet(static_cast<std::uint8_t>(header.type));
    w.write(header.client_incarnation);
    w.write(header.request_id);
}

void write_body(cdr::ByteBuffer& out, cdr::Writer& w, cdr::ByteView body) {
    w.align(body_alignment);
    if (body.size != 0) out.append(body.data, body.size);
}

cdr::ByteView rest_after_alignment(cdr::Reader& r, cdr::ByteView datagram) {
    r.align(body_alignment);
    return {datagram.data + r.position(), r.remaining()};
}

}  // namespace

void encode_request(cdr::ByteBuffer& out, const MessageHeader& header, const RemoteObjectRef& target,
                    const RequestFields& fields, cdr::ByteView arguments) {
    out.clear();
    cdr::Writer w(out, header.byte_order);
    MessageHeader h = header;
    h.type = MessageType::request;
    write_header(w, h);
    w.write_octet(static_cast<std::uint8_t>(fields.protocol));
    w.write_octet(fields.idempotent ? 1 : 0);
    w.write(target.endpoint.address);
    w.write(std::uint32_t{target.endpoint.port});
    w.write(target.incarnation);
    w.write(target.object_number);
    w.write(fields.method);
    w.write_string(target.repository_id, max_repository_id);
    write_body(out, w, arguments);
}

void encode_reply(cdr::ByteBuffer& out, const MessageHeader& header, ReplyStatus status, cdr::ByteView body) {
    out.clear();
    cdr::Writer w(out, header.byte_order);
    MessageHeader h = header;
    h.type = MessageType::reply;
    write_header(w, h);
    w.write_octet(static_cast<std::uint8_t>(status));
    write_body(out, w, body);
}

void encode_error_reply(cdr::ByteBuffer& out, const MessageHeader& header, ReplyStatus status,
                        const std::string& detail) {
    cdr::Writer body(header.byte_order);
    body.write_string(detail);
    encode_reply(out, header, status, body.view());
}

void encode_acknowledgement(cdr::ByteBuffer& out, const MessageHeader& header) {
    out.clear();
    cdr::Writer w(out, header.byte_order);
    MessageHeader h = header;
    h.type = MessageType::acknowledgement;
    write_header(w, h);
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
    if (datagram.data[4] != protocol_major) {
        throw MessageError("protocol major version " + std::to_string(datagram.data[4]) + " (this is " +
                               std::to_string(protocol_major) + ")",
                           false);
    }
    const std::uint8_t order = datagram.data[6];
    if (order > 1) throw MessageError("byte-order octet " + std::to_string(order) + " is neither 0 nor 1", false);
    const std::uint8_t type = datagram.data[7];
    if (type > 2) throw MessageError("unknown message type " + std::to_string(type), false);
    MessageHeader header;
    header.byte_order = static_cast<cdr::ByteOrder>(order);
    header.type = static_cast<MessageType>(type);
    cdr::Reader r(datagram, header.byte_order);
    r.rewind(8);  // past the 8 octets already checked
    header.client_incarnation = r.read<std::uint32_t>();
    header.request_id = r.read<std::uint32_t>();
    return header;
}

DecodedRequest decode_request(cdr::ByteView datagram, MessageHeader& header) {
    header = decode_header(datagram);
    if (header.type != MessageType::request) throw MessageError("not a request", true);
    DecodedRequest request;
    request.header = header;
    try {
        cdr::Reader r(datagram, header.byte_order);
        r.rewind(header_size);
        const std::uint8_t protocol = r.read_octet();
        if (protocol > 2) throw MessageError("unknown exchange protocol " + std::to_string(protocol), true);
        request.fields.protocol = static_cast<Protocol>(protocol);
        const std::uint8_t flags = r.read_octet();
        if (flags > 1) throw MessageError("unknown request flags " + std::to_string(flags), true);
        request.fields.idempotent = flags == 1;
        request.target.endpoint.address = r.read<std::uint32_t>();
        const auto port = r.read<std::uint32_t>();
        if (port > 65535) throw MessageError("target port " + std::to_string(port) + " out of range", true);
        request.target.endpoint.port = static_cast<std::uint16_t>(port);
        request.target.incarnation = r.read<std::uint32_t>();
        request.target.object_number = r.read<std::uint32_t>();
        request.fields.method = r.read<std::uint32_t>();
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
    try {
        cdr::Reader r(datagram, reply.header.byte_order);
        r.rewind(header_size);
        const std::uint8_t status = r.read_octet();
        if (status >= reply_status_count) throw MessageError("unknown reply status " + std::to_string(status), true);
        reply.status = static_cast<ReplyStatus>(status);
        reply.body = rest_after_alignment(r, datagram);
    } catch (const cdr::MarshalError& e) {
        throw MessageError(std::string("malformed reply: ") + e.what(), true);
    }
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
