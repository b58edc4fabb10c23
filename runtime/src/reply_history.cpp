#include <corbel/runtime/core/reply_history.hpp>

#include <utility>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace corbel::runtime::core {
namespace {

// An emptied history gives back a ring larger than this.
constexpr std::size_t kept_ring_size = 1024;

}  // namespace

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
    Entry& oldest = at(first_);
    bytes_ -= charge(oldest.reply.size());
    index_.erase(oldest.key);
    spare_ = std::exchange(oldest.reply, cdr::ByteBuffer());
    ++first_;
    ++evictions_;
}

void ReplyHistory::grow() {
    std::vector<Entry> larger(ring_.empty() ? 64 : ring_.size() * 2);
    for (std::uint64_t sequence = first_; sequence != end_; ++sequence) {
        larger[static_cast<std::size_t>(sequence & (larger.size() - 1))] = std::move(at(sequence));
    }
    ring_.swap(larger);
}

void ReplyHistory::store(TimePoint now, const RequestKey& key, cdr::ByteView reply) {
    if (charge(reply.size) > limits_.max_bytes || limits_.max_entries == 0) {
        ++evictions_;
        return;
    }
    if (const auto existing = index_.find(key)) {  // cannot happen through ServerCore; keep the sums right anyway
        Entry& entry = at(*existing);
        bytes_ = bytes_ - entry.reply.size() + reply.size;
        entry.reply.assign(reply.data, reply.size);
        while (bytes_ > limits_.max_bytes) evict_oldest();
        return;
    }
    while (first_ != end_ && (index_.size() >= limits_.max_entries || bytes_ + charge(reply.size) > limits_.max_bytes)) {
        evict_oldest();
    }
    if (end_ - first_ == ring_.size()) grow();
    Entry& entry = at(end_);
    entry.key = key;
    entry.stored = now;
    if (reply.size != 0) {
        // The spare may be a little larger than the reply, no more than an allocator rounds
        // up anyway: what the entry holds stays what it is charged, give or take the overhead.
        constexpr std::size_t reuse_slack = 64;
        if (spare_.capacity() >= reply.size && spare_.capacity() - reply.size <= reuse_slack) {
            entry.reply = std::exchange(spare_, cdr::ByteBuffer());
        }
        entry.reply.assign(reply.data, reply.size);
    }
    index_.insert(key, end_++);
    bytes_ += charge(reply.size);
}

bool ReplyHistory::acknowledge(const RequestKey& key) {
    const std::optional<std::uint64_t> sequence = index_.find(key);
    if (!sequence) return false;
    Entry& entry = at(*sequence);
    bytes_ -= entry.reply.size();  // the key stays, charged the overhead
    spare_ = std::exchange(entry.reply, cdr::ByteBuffer());
    return true;
}

void ReplyHistory::expire(TimePoint now) {
    while (first_ != end_ && now - at(first_).stored >= limits_.max_age) evict_oldest();
    if (first_ == end_ && ring_.size() > kept_ring_size) {
        // Emptied after a busy spell: the ring, the index and the freed replies go back to
        // the system, not only to the allocator, which would keep most of them.
        ring_ = std::vector<Entry>();
        index_ = RequestIndex();
        spare_ = cdr::ByteBuffer();
#ifdef __GLIBC__
        ::malloc_trim(0);
#endif
    }
}

std::optional<TimePoint> ReplyHistory::next_expiry() const {
    if (first_ == end_) return std::nullopt;
    return at(first_).stored + limits_.max_age;
}

}  // namespace corbel::runtime::core
