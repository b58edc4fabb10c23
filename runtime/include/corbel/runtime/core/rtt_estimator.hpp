// The round-trip estimator of RFC 6298, one per server: smoothed RTT and its variation.
#pragma once

#include <corbel/runtime/call_policy.hpp>
#include <corbel/runtime/types.hpp>

namespace corbel::runtime::core {

class RttEstimator {
public:
    // Feeds one round-trip sample (only from requests sent once: Karn's rule).
    void add_sample(Duration rtt);
    bool has_samples() const noexcept { return has_samples_; }
    Duration smoothed() const noexcept { return srtt_; }
    Duration variation() const noexcept { return rttvar_; }
    // The first timeout for a call under `policy`: SRTT + max(G, 4 RTTVAR) clamped to the
    // policy's floor and cap, or its initial timeout before any sample.
    Duration timeout(const CallPolicy& policy) const;

private:
    bool has_samples_ = false;
    Duration srtt_{};
    Duration rttvar_{};
};

}  // namespace corbel::runtime::core
