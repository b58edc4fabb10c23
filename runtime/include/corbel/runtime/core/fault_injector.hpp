// Applies a FaultConfig to the datagrams of one direction. No I/O and no clock of its own:
// a datagram goes in with the current time, what is due comes out, and next_expiry() says
// when held datagrams fall due.
#pragma once

#include <corbel/runtime/faults.hpp>
#include <corbel/runtime/core/datagram.hpp>

#include <deque>
#include <map>
#include <optional>
#include <random>
#include <vector>

namespace corbel::runtime::core {

class FaultInjector {
public:
    // How long a reordered datagram waits for a later one to overtake it.
    static constexpr Duration reorder_hold = std::chrono::milliseconds(2);

    // `stream` separates the random sequences of the two directions of one process.
    FaultInjector(const FaultConfig& config, bool enabled, std::uint64_t stream);

    bool enabled() const noexcept { return enabled_; }
    // Passes `datagram` through; what is due now is appended to `ready`, in order.
    void submit(TimePoint now, Datagram datagram, std::vector<Datagram>& ready);
    void release_due(TimePoint now, std::vector<Datagram>& ready);
    std::optional<TimePoint> next_expiry() const;

    std::uint64_t dropped() const noexcept { return dropped_; }
    std::uint64_t duplicated() const noexcept { return duplicated_; }
    std::uint64_t reordered() const noexcept { return reordered_count_; }

private:
    bool roll(double probability);

    FaultConfig config_;
    bool enabled_;
    std::mt19937_64 random_;
    std::deque<std::pair<TimePoint, Datagram>> reordered_;  // released behind the next datagram
    std::multimap<TimePoint, Datagram> delayed_;
    std::uint64_t dropped_ = 0;
    std::uint64_t duplicated_ = 0;
    std::uint64_t reordered_count_ = 0;
};

}  // namespace corbel::runtime::core
