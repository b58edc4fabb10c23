#include <corbel/runtime/core/rtt_estimator.hpp>

#include <algorithm>
#include <chrono>

namespace corbel::runtime::core {
namespace {
constexpr Duration clock_granularity = std::chrono::milliseconds(1);
}

void RttEstimator::add_sample(Duration rtt) {
    if (rtt < Duration::zero()) rtt = Duration::zero();
    if (!has_samples_) {
        srtt_ = rtt;
        rttvar_ = rtt / 2;
        has_samples_ = true;
        return;
    }
    const Duration difference = srtt_ > rtt ? srtt_ - rtt : rtt - srtt_;
    rttvar_ = (rttvar_ * 3 + difference) / 4;
    srtt_ = (srtt_ * 7 + rtt) / 8;
}

Duration RttEstimator::timeout(const CallPolicy& policy) const {
    const Duration rto = has_samples_ ? srtt_ + std::max(clock_granularity, rttvar_ * 4) : policy.initial_timeout;
    return std::clamp(rto, policy.min_timeout, std::max(policy.min_timeout, policy.max_timeout));
}

}  // namespace corbel::runtime::core
