// Seeded fault injection: drop, duplicate, reorder and delay datagrams in either direction,
// for tests and for users testing their own applications (spec/protocol.md section 9).
#pragma once

#include <corbel/runtime/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace corbel::runtime {

struct FaultConfig {
    double loss = 0;       // probability a datagram is dropped
    double duplicate = 0;  // probability it is sent twice
    double reorder = 0;    // probability it is held back behind the next one
    Duration delay{};      // added to every datagram
    std::uint64_t seed = 1;
    bool on_send = true;     // faults apply to datagrams this process sends
    bool on_receive = true;  // and to datagrams it receives

    bool active() const noexcept {
        return (on_send || on_receive) && (loss > 0 || duplicate > 0 || reorder > 0 || delay > Duration::zero());
    }

    // "loss=0.3,dup=0.1,reorder=0.1,delay=5,seed=7,direction=both" (delay in milliseconds;
    // direction both|send|receive). Throws std::invalid_argument saying what is wrong.
    static FaultConfig parse(std::string_view text);
    // The faults the CORBEL_FAULTS environment variable asks for, if it is set and not empty.
    // Throws std::invalid_argument naming the variable if it cannot be parsed.
    static std::optional<FaultConfig> from_environment();
    std::string to_string() const;
};

}  // namespace corbel::runtime
