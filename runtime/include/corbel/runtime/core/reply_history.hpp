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
#include <optional>
#include <vector>

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
    // Entries are stored and evicted in the same order, so they live in a ring, oldest
    // first, and the index maps a key to its sequence number: entry `sequence` is
    // ring_[sequence % ring_.size()], for first_ <= sequence < end_. The ring keeps its
    // slots, so storing allocates nothing once it has grown (a deque allocated a block
    // every few entries).
    struct Entry {
        RequestKey key;
        TimePoint stored;
        cdr::ByteBuffer reply;  // empty: a tombstone
    };
    static constexpr std::size_t charge(std::size_t reply_size) { return reply_size + entry_overhead; }
    Entry& at(std::uint64_t sequence) { return ring_[static_cast<std::size_t>(sequence & (ring_.size() - 1))]; }
    const Entry& at(std::uint64_t sequence) const {
        return ring_[static_cast<std::size_t>(sequence & (ring_.size() - 1))];
    }
    void evict_oldest();
    void grow();  // doubles the ring, a power of two

    HistoryLimits limits_;
    std::vector<Entry> ring_;
    std::uint64_t first_ = 0;  // the oldest entry's sequence number
    std::uint64_t end_ = 0;    // the next entry's
    RequestIndex index_;
    // The buffer of the reply evicted (or acknowledged) last: the next reply of about its
    // size is copied into it, so that a steady load stores replies without allocating. One
    // buffer at most, outside the byte count.
    cdr::ByteBuffer spare_;
    std::size_t bytes_ = 0;
    std::uint64_t evictions_ = 0;
};

}  // namespace corbel::runtime::core
