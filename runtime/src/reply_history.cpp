#include <corbel/runtime/core/reply_history.hpp>

namespace corbel::runtime::core {

ReplyHistory::ReplyHistory(HistoryLimits limits) : limits_(limits) {}

ReplyHistory::Found ReplyHistory::find(const RequestKey& key, const cdr::ByteBuffer*& reply) const {
    const auto found = entries_.find(key);
    if (found == entries_.end()) return Found::absent;
    if (found->second.reply.empty()) return Found::tombstone;
    reply = &found->second.reply;
    return Found::reply;
}

void ReplyHistory::evict_oldest() {
    const auto found = entries_.find(order_.front());
    bytes_ -= found->second.charge;
    entries_.erase(found);
    order_.pop_front();
    ++evictions_;
}

void ReplyHistory::store(TimePoint now, const RequestKey& key, cdr::ByteView reply) {
    const std::size_t charge = reply.size + entry_overhead;
    if (charge > limits_.max_bytes || limits_.max_entries == 0) {
        ++evictions_;
        return;
    }
    const auto existing = entries_.find(key);
    if (existing != entries_.end()) {  // cannot happen through ServerCore; keep the sums right anyway
        bytes_ -= existing->second.charge;
        order_.erase(existing->second.position);
        entries_.erase(existing);
    }
    while (!order_.empty() && (entries_.size() >= limits_.max_entries || bytes_ + charge > limits_.max_bytes)) {
        evict_oldest();
    }
    order_.push_back(key);
    Entry entry{std::prev(order_.end()), cdr::ByteBuffer(), now, charge};
    if (reply.size != 0) entry.reply.assign(reply.data, reply.size);  // exact-size copy: the charge is what it costs
    entries_.emplace(key, std::move(entry));
    bytes_ += charge;
}

bool ReplyHistory::acknowledge(const RequestKey& key) {
    const auto found = entries_.find(key);
    if (found == entries_.end()) return false;
    bytes_ -= found->second.charge;
    found->second.reply = cdr::ByteBuffer();
    found->second.charge = entry_overhead;
    bytes_ += found->second.charge;
    return true;
}

void ReplyHistory::expire(TimePoint now) {
    while (!order_.empty()) {
        const auto found = entries_.find(order_.front());
        if (now - found->second.stored < limits_.max_age) break;
        evict_oldest();
    }
}

std::optional<TimePoint> ReplyHistory::next_expiry() const {
    if (order_.empty()) return std::nullopt;
    return entries_.find(order_.front())->second.stored + limits_.max_age;
}

}  // namespace corbel::runtime::core
