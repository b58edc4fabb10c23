#include <corbel/runtime/object_ref.hpp>

#include <corbel/cdr/error.hpp>

#include <limits>
#include <stdexcept>

namespace corbel::runtime {
namespace {

constexpr std::string_view scheme = "corbel://";

// A decimal number without sign or leading zeros, at most `max`.
std::uint64_t parse_number(std::string_view text, std::uint64_t max, const char* what, std::string_view whole) {
    if (text.empty()) throw BadReference("bad reference '" + std::string(whole) + "': missing " + what);
    if (text.size() > 1 && text[0] == '0') {
        throw BadReference("bad reference '" + std::string(whole) + "': " + what + " has leading zeros");
    }
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            throw BadReference("bad reference '" + std::string(whole) + "': " + what + " '" +
                               std::string(text) + "' is not a decimal number");
        }
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
        if (value > max) {
            throw BadReference("bad reference '" + std::string(whole) + "': " + what + " " +
                               std::string(text) + " is larger than " + std::to_string(max));
        }
    }
    return value;
}

}  // namespace

std::string RemoteObjectRef::to_string() const {
    return std::string(scheme) + endpoint.to_string() + "/" + std::to_string(incarnation) + "/" +
           std::to_string(object_number) + "#" + repository_id;
}

RemoteObjectRef RemoteObjectRef::parse(std::string_view text) {
    const std::string whole(text);
    if (text.substr(0, scheme.size()) != scheme) {
        throw BadReference("bad reference '" + whole + "': it must start with corbel://");
    }
    std::string_view rest = text.substr(scheme.size());
    const std::size_t hash = rest.find('#');
    if (hash == std::string_view::npos) {
        throw BadReference("bad reference '" + whole + "': missing '#' and repository id");
    }
    const std::string_view repository = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
    if (repository.empty()) throw BadReference("bad reference '" + whole + "': empty repository id");
    for (const char c : repository) {
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
            throw BadReference("bad reference '" + whole + "': the repository id has a space or control character");
        }
    }
    const std::size_t colon = rest.find(':');
    const std::size_t slash1 = rest.find('/');
    if (colon == std::string_view::npos || slash1 == std::string_view::npos || colon > slash1) {
        throw BadReference("bad reference '" + whole + "': expected address:port/incarnation/object");
    }
    const std::size_t slash2 = rest.find('/', slash1 + 1);
    if (slash2 == std::string_view::npos) {
        throw BadReference("bad reference '" + whole + "': missing object number");
    }
    RemoteObjectRef ref;
    try {
        ref.endpoint.address = parse_ipv4(std::string(rest.substr(0, colon)));
    } catch (const std::invalid_argument& e) {
        throw BadReference("bad reference '" + whole + "': " + e.what());
    }
    const auto port = parse_number(rest.substr(colon + 1, slash1 - colon - 1), 65535, "port", text);
    if (port == 0) throw BadReference("bad reference '" + whole + "': port 0 names no endpoint");
    ref.endpoint.port = static_cast<std::uint16_t>(port);
    constexpr auto max32 = std::numeric_limits<std::uint32_t>::max();
    ref.incarnation = static_cast<std::uint32_t>(
        parse_number(rest.substr(slash1 + 1, slash2 - slash1 - 1), max32, "incarnation", text));
    ref.object_number = static_cast<std::uint32_t>(parse_number(rest.substr(slash2 + 1), max32, "object number", text));
    ref.repository_id = std::string(repository);
    return ref;
}

void encode_cdr(cdr::Writer& writer, const RemoteObjectRef& reference) {
    writer.write(reference.endpoint.address);
    writer.write(std::uint32_t{reference.endpoint.port});
    writer.write(reference.incarnation);
    writer.write(reference.object_number);
    writer.write_string(reference.repository_id);
}

void decode_cdr(cdr::Reader& reader, RemoteObjectRef& reference) {
    reference.endpoint.address = reader.read<std::uint32_t>();
    const std::size_t port_offset = reader.position();
    const auto port = reader.read<std::uint32_t>();
    if (port > 65535) {
        throw cdr::MarshalError(cdr::ErrorKind::value_too_large, port_offset,
                                "object reference port " + std::to_string(port) + " is larger than 65535");
    }
    reference.endpoint.port = static_cast<std::uint16_t>(port);
    reference.incarnation = reader.read<std::uint32_t>();
    reference.object_number = reader.read<std::uint32_t>();
    reference.repository_id = reader.read_string();
}

}  // namespace corbel::runtime
