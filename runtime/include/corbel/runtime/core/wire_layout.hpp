// Where each field of a message sits (spec/protocol.md sections 2-4). The encoder reads and
// writes these fields in place (src/message.cpp); the benchmark's half-corbel peers
// (bench/runtime/split_peers.hpp) copy bytes by the same offsets, so the two cannot drift apart.
#pragma once

#include <cstddef>

namespace corbel::runtime::core::wire {

// The header, in every message.
constexpr std::size_t major_version_at = 4;
constexpr std::size_t minor_version_at = 5;
constexpr std::size_t byte_order_at = 6;
constexpr std::size_t message_type_at = 7;
constexpr std::size_t client_incarnation_at = 8;
constexpr std::size_t request_id_at = 12;

// A request's fixed part.
constexpr std::size_t request_protocol_at = 16;
constexpr std::size_t request_flags_at = 17;
constexpr std::size_t target_address_at = 20;
constexpr std::size_t target_port_at = 24;
constexpr std::size_t target_incarnation_at = 28;
constexpr std::size_t target_object_at = 32;
constexpr std::size_t method_at = 36;
constexpr std::size_t repository_id_at = 40;  // a CDR string: its length, then the characters

// A reply's fixed part.
constexpr std::size_t reply_status_at = 16;

// Arguments and results start at the next multiple of this after the fixed part.
constexpr std::size_t body_alignment = 8;

constexpr std::size_t aligned_to_body(std::size_t offset) {
    return (offset + body_alignment - 1) / body_alignment * body_alignment;
}

}  // namespace corbel::runtime::core::wire
