// The server's reply history: the replies of completed requests, kept so that a duplicate
// request is answered without executing again (at-most-once). Bounded by entries, by bytes
// and by age; the oldest entries go first. An acknowledged entry (RRA) keeps only its key, a
// tombstone that still stops a delayed duplicate from executing.
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/runtime/types.hpp>
#include <corbel/runtime/core/request_index.hpp>
#include <corbel/runtime/core/request_key.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>

namespace corbel::runtime::core {

struct HistoryLimits {
    std::size_t max_entries = 100000;
    // Every entry is charged its reply size plus ReplyHistory::entry_overhead.
    std::size_t max_bytes = 64u << 20;
    Duration max_age = std::chrono::seconds(30);
};

class ReplyHistory {
public:
    // An estimate of the bookkeeping memory an entry costs beyond its reply bytes.
    static constexpr std::size_t entry_overhead = 128;

    explicit ReplyHistory(HistoryLimits limits);

    enum class Found { absent, reply, tombstone };
    // When Found::reply, `reply` points at the stored datagram (valid until the next change).
    Found find(const RequestKey& key, const cdr::ByteBuffer*& reply) const;

    // Stores `reply` (empty: a tombstone), evicting the oldest entries to stay within the
    // limits. A reply larger than the byte limit on its own is not stored.
    void store(TimePoint now, const RequestKey& key, cdr::ByteView reply);
    // Drops the reply bytes of `key`, keeping a tombstone; false if absent.
    bool acknowledge(const RequestKey& key);
    // Evicts the entries older than max_age.
    void expire(TimePoint now);
    std::optional<TimePoint> next_expiry() const;

    std::size_t entries() const noexcept { return index_.size(); }
    std::size_t bytes() const noexcept { return bytes_; }
    std::uint64_t evictions() const noexcept { return evictions_; }
    const HistoryLimits& limits() const noexcept { return limits_; }

private:
    // Entries are stored and evicted in the same order, so they live in a queue and the
    // index maps a key to its place in it: entry `sequence` is order_[sequence - first_].
    struct Entry {
        RequestKey key;
        TimePoint stored;
        cdr::ByteBuffer reply;
        std::size_t charge;
    };
    Entry& at(std::uint64_t sequence) { return order_[static_cast<std::size_t>(sequence - first_)]; }
    const Entry& at(std::uint64_t sequence) const { return order_[static_cast<std::size_t>(sequence - first_)]; }
    void evict_oldest();

    HistoryLimits limits_;
    std::deque<Entry> order_;  // oldest first
    std::uint64_t first_ = 0;  // the sequence number of order_.front()
    RequestIndex index_;
    // The buffer of the reply evicted (or acknowledged) last: the next reply of about its
    // size is copied into it, so that a steady load stores replies without allocating. One
    // buffer at most, outside the byte count.
    cdr::ByteBuffer spare_;
    std::size_t bytes_ = 0;
    std::uint64_t evictions_ = 0;
};

}  // namespace corbel::runtime::core
