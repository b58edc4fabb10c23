#include <corbel/runtime/core/reply_history.hpp>

namespace corbel::runtime::core {

ReplyHistory::ReplyHistory(HistoryLimits limits) : limits_(limits) {}

ReplyHistory::Found ReplyHistory::find(const RequestKey& key, const cdr::ByteBuffer*& reply) const {
    const std::optional<std::uint64_t> sequence = index_.find(key);
    if (!sequence) return Found::absent;
    const Entry& entry = at(*sequence);
    if (entry.reply.empty()) return Found::tombstone;
    reply = &entry.reply;
    return Found::reply;
}

void ReplyHistory::evict_oldest() {
    Entry& oldest = order_.front();
    bytes_ -= oldest.charge;
    index_.erase(oldest.key);
    spare_ = std::move(oldest.reply);
    order_.pop_front();
    ++first_;
    ++evictions_;
}

void ReplyHistory::store(TimePoint now, const RequestKey& key, cdr::ByteView reply) {
    const std::size_t charge = reply.size + entry_overhead;
    if (charge > limits_.max_bytes || limits_.max_entries == 0) {
        ++evictions_;
        return;
    }
    if (const auto existing = index_.find(key)) {  // cannot happen through ServerCore; keep the sums right anyway
        Entry& entry = at(*existing);
        bytes_ = bytes_ - entry.charge + charge;
        entry.charge = charge;
        entry.reply.assign(reply.data, reply.size);
        while (bytes_ > limits_.max_bytes) evict_oldest();
        return;
    }
    while (!order_.empty() && (index_.size() >= limits_.max_entries || bytes_ + charge > limits_.max_bytes)) {
        evict_oldest();
    }
    order_.push_back(Entry{key, now, cdr::ByteBuffer(), charge});
    if (reply.size != 0) {
        // The spare may be a little larger than the reply, no more than an allocator rounds
        // up anyway: what the entry holds stays what it is charged, give or take the overhead.
        constexpr std::size_t reuse_slack = 64;
        if (spare_.capacity() >= reply.size && spare_.capacity() - reply.size <= reuse_slack) {
            order_.back().reply = std::move(spare_);
            spare_ = cdr::ByteBuffer();
        }
        order_.back().reply.assign(reply.data, reply.size);
    }
    index_.insert(key, first_ + order_.size() - 1);
    bytes_ += charge;
}

bool ReplyHistory::acknowledge(const RequestKey& key) {
    const std::optional<std::uint64_t> sequence = index_.find(key);
    if (!sequence) return false;
    Entry& entry = at(*sequence);
    bytes_ -= entry.charge;
    spare_ = std::move(entry.reply);
    entry.reply = cdr::ByteBuffer();
    entry.charge = entry_overhead;
    bytes_ += entry.charge;
    return true;
}

void ReplyHistory::expire(TimePoint now) {
    while (!order_.empty() && now - order_.front().stored >= limits_.max_age) evict_oldest();
}

std::optional<TimePoint> ReplyHistory::next_expiry() const {
    if (order_.empty()) return std::nullopt;
    return order_.front().stored + limits_.max_age;
}

}  // namespace corbel::runtime::core
