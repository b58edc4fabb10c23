#include <corbel/runtime/faults.hpp>
#include <corbel/runtime/core/fault_injector.hpp>

#include <cstdlib>
#include <stdexcept>

namespace corbel::runtime {
namespace {

double parse_probability(const std::string& key, const std::string& value) {
    std::size_t used = 0;
    double p = 0;
    try {
        p = std::stod(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != value.size() || value.empty() || !(p >= 0 && p <= 1)) {
        throw std::invalid_argument("fault '" + key + "=" + value + "': expected a probability between 0 and 1");
    }
    return p;
}

std::uint64_t parse_unsigned(const std::string& key, const std::string& value) {
    if (value.empty() || value.size() > 19 || value.find_first_not_of("0123456789") != std::string::npos) {
        throw std::invalid_argument("fault '" + key + "=" + value + "': expected an unsigned number");
    }
    return std::stoull(value);
}

}  // namespace

FaultConfig FaultConfig::parse(std::string_view text) {
    FaultConfig config;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string item(text.substr(start, end - start));
        start = end + 1;
        if (item.empty()) {
            if (end == text.size()) break;
            continue;
        }
        const std::size_t equals = item.find('=');
        if (equals == std::string::npos) throw std::invalid_argument("fault '" + item + "': expected key=value");
        const std::string key = item.substr(0, equals);
        const std::string value = item.substr(equals + 1);
        if (key == "loss") {
            config.loss = parse_probability(key, value);
        } else if (key == "dup") {
            config.duplicate = parse_probability(key, value);
        } else if (key == "reorder") {
            config.reorder = parse_probability(key, value);
        } else if (key == "delay") {
            config.delay = std::chrono::milliseconds(parse_unsigned(key, value));
        } else if (key == "seed") {
            config.seed = parse_unsigned(key, value);
        } else if (key == "direction") {
            if (value == "both") {
                config.on_send = config.on_receive = true;
            } else if (value == "send") {
                config.on_send = true;
                config.on_receive = false;
            } else if (value == "receive") {
                config.on_send = false;
                config.on_receive = true;
            } else {
                throw std::invalid_argument("fault direction '" + value + "': expected both, send or receive");
            }
        } else {
            throw std::invalid_argument("unknown fault '" + key + "' (known: loss, dup, reorder, delay, seed, direction)");
        }
        if (end == text.size()) break;
    }
    return config;
}

std::optional<FaultConfig> FaultConfig::from_environment() {
    const char* value = std::getenv("CORBEL_FAULTS");
    if (value == nullptr || *value == '\0') return std::nullopt;
    try {
        return parse(value);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("CORBEL_FAULTS: ") + e.what());
    }
}

std::string FaultConfig::to_string() const {
    return "loss=" + std::to_string(loss) + ",dup=" + std::to_string(duplicate) + ",reorder=" +
           std::to_string(reorder) + ",delay=" +
           std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(delay).count()) +
           ",seed=" + std::to_string(seed) + ",direction=" +
           (on_send && on_receive ? "both" : on_send ? "send" : "receive");
}

namespace core {

FaultInjector::FaultInjector(const FaultConfig& config, bool enabled, std::uint64_t stream)
    : config_(config), enabled_(enabled && config.active()), random_(config.seed * 0x9E3779B97F4A7C15ull + stream) {}

bool FaultInjector::roll(double probability) {
    if (probability <= 0) return false;
    return std::generate_canonical<double, 53>(random_) < probability;
}

void FaultInjector::submit(TimePoint now, Datagram datagram, std::vector<Datagram>& ready) {
    if (!enabled_) {
        ready.push_back(std::move(datagram));
        return;
    }
    release_due(now, ready);
    if (roll(config_.loss)) {
        ++dropped_;
        return;
    }
    const int copies = roll(config_.duplicate) ? 2 : 1;
    if (copies == 2) ++duplicated_;
    for (int i = 0; i < copies; ++i) {
        Datagram copy;
        copy.peer = datagram.peer;
        copy.bytes = datagram.bytes;
        if (roll(config_.reorder)) {
            ++reordered_count_;
            reordered_.emplace_back(now + config_.delay + reorder_hold, std::move(copy));
        } else if (config_.delay > Duration::zero()) {
            delayed_.emplace(now + config_.delay, std::move(copy));
        } else {
            ready.push_back(std::move(copy));
            // the held-back datagrams go behind this one: that is the reordering
            while (!reordered_.empty()) {
                ready.push_back(std::move(reordered_.front().second));
                reordered_.pop_front();
            }
        }
    }
}

void FaultInjector::release_due(TimePoint now, std::vector<Datagram>& ready) {
    while (!delayed_.empty() && delayed_.begin()->first <= now) {
        ready.push_back(std::move(delayed_.begin()->second));
        delayed_.erase(delayed_.begin());
        while (!reordered_.empty()) {
            ready.push_back(std::move(reordered_.front().second));
            reordered_.pop_front();
        }
    }
    while (!reordered_.empty() && reordered_.front().first <= now) {
        ready.push_back(std::move(reordered_.front().second));
        reordered_.pop_front();
    }
}

std::optional<TimePoint> FaultInjector::next_expiry() const {
    if (!enabled_) return std::nullopt;  // it holds nothing; and its queues stay out of the cache
    std::optional<TimePoint> next;
    if (!delayed_.empty()) next = delayed_.begin()->first;
    if (!reordered_.empty() && (!next || reordered_.front().first < *next)) next = reordered_.front().first;
    return next;
}

}  // namespace core
}  // namespace corbel::runtime
