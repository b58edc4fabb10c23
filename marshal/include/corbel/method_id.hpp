// How an operation is named on the wire: a 32-bit FNV-1a hash of its IDL name.
//
// Shared by the IDL compiler (which emits the ids and refuses an interface whose operation
// names collide) and the runtime (which routes requests by them). A hash of the name, not a
// position, keeps ids stable: adding an operation anywhere, or reordering base interfaces,
// renumbers nothing. Attributes use "_get_<name>" and "_set_<name>", as CORBA's GIOP does;
// names starting with "_corbel_" are reserved for operations every server answers itself.
#pragma once

#include <cstdint>
#include <string_view>

namespace corbel {

using MethodId = std::uint32_t;

constexpr MethodId method_id(std::string_view operation_name) noexcept {
    std::uint32_t hash = 2166136261u;  // FNV-1a offset basis
    for (const char c : operation_name) {
        hash ^= static_cast<std::uint8_t>(c);
        hash *= 16777619u;  // FNV prime
    }
    return hash;
}

}  // namespace corbel
