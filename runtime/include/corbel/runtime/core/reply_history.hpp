// The server's reply history: the replies of completed requests, kept so that a duplicate
// request is answered without executing again (at-most-once). Bounded by entries, by bytes
// and by age; the oldest entries go first. An acknowledged entry (RRA) keeps only its key, a
// tombstone that still stops a delayed duplicate from executing.
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/runtime/types.hpp>
#include <corbel/runtime/core/request_key.hpp>

#include <chrono>
#include <cstdint>
#include <list>
#include <optional>
#include <unordered_map>

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

    std::size_t entries() const noexcept { return entries_.size(); }
    std::size_t bytes() const noexcept { return bytes_; }
    std::uint64_t evictions() const noexcept { return evictions_; }
    const HistoryLimits& limits() const noexcept { return limits_; }

private:
    struct Entry {
        std::list<RequestKey>::iterator position;
        cdr::ByteBuffer reply;
        TimePoint stored;
        std::size_t charge;
    };
    void evict_oldest();

    HistoryLimits limits_;
    std::list<RequestKey> order_;  // oldest first
    std::unordered_map<RequestKey, Entry, RequestKeyHash> entries_;
    std::size_t bytes_ = 0;
    std::uint64_t evictions_ = 0;
};

}  // namespace corbel::runtime::core
