#include <corbel/runtime/reply.hpp>

#include <corbel/cdr/error.hpp>
#include <corbel/printable.hpp>
#include <corbel/runtime/exceptions.hpp>

namespace corbel::runtime {

std::string read_user_exception_id(cdr::Reader& reader) { return reader.read_string(); }

void throw_if_system_error(const Reply& reply) {
    if (reply.status == ReplyStatus::ok || reply.status == ReplyStatus::user_exception) return;
    std::string detail;
    try {
        cdr::Reader r = reply.reader();
        detail = printable(r.read_string(), peer_text_limit);  // the server's words, shown to people
    } catch (const cdr::MarshalError&) {
        detail = std::string("(unreadable detail of a ") + to_string(reply.status) + " reply)";
    }
    switch (reply.status) {
        case ReplyStatus::unknown_object: throw UnknownObject(detail);
        case ReplyStatus::unknown_operation: throw UnknownOperation(detail);
        case ReplyStatus::stale_reference: throw StaleReference(detail);
        case ReplyStatus::marshal_error: throw RemoteMarshalError(detail);
        case ReplyStatus::message_too_large: throw MessageTooLarge(detail);
        case ReplyStatus::internal_error: throw InternalError(detail);
        case ReplyStatus::ok:
        case ReplyStatus::user_exception: break;
    }
}

}  // namespace corbel::runtime
