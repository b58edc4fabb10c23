// A map from RequestKey to a sequence number, in one flat array (open addressing with linear
// probing). The reply history looks up every request in it, so it is built for that: no
// allocation per entry, one or two cache lines per lookup, and erasure that leaves no
// tombstones behind (the entries after an erased one shift back into place). The server also
// keeps the set of requests executing in one, ignoring the value.
#pragma once

#include <corbel/runtime/core/request_key.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace corbel::runtime::core {

class RequestIndex {
public:
    std::optional<std::uint64_t> find(const RequestKey& key) const noexcept {
        if (size_ == 0) return std::nullopt;
        for (std::size_t i = home(key);; i = (i + 1) & mask_) {
            const Slot& slot = slots_[i];
            if (slot.sequence == empty) return std::nullopt;
            if (slot.key == key) return slot.sequence;
        }
    }

    // `key` must not be present already.
    void insert(const RequestKey& key, std::uint64_t sequence) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        place(key, sequence);
        ++size_;
    }

    bool erase(const RequestKey& key) noexcept {
        if (size_ == 0) return false;
        std::size_t hole = home(key);
        for (;; hole = (hole + 1) & mask_) {
            if (slots_[hole].sequence == empty) return false;
            if (slots_[hole].key == key) break;
        }
        // Backward-shift: move up every later entry of the run that may live in the hole.
        for (std::size_t next = (hole + 1) & mask_; slots_[next].sequence != empty; next = (next + 1) & mask_) {
            const std::size_t wanted = home(slots_[next].key);
            // `next` may move to `hole` unless its home lies cyclically in (hole, next].
            const bool home_after_hole = ((next - wanted) & mask_) < ((next - hole) & mask_);
            if (home_after_hole) continue;
            slots_[hole] = slots_[next];
            hole = next;
        }
        slots_[hole].sequence = empty;
        --size_;
        return true;
    }

    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return slots_.size(); }

private:
    static constexpr std::uint64_t empty = ~std::uint64_t{0};
    struct Slot {
        RequestKey key;
        std::uint64_t sequence = empty;
    };

    // A client's request ids are consecutive, and a server looks up each new one just after
    // storing the one before: so runs of `run_length` consecutive ids share a home region,
    // in consecutive slots, and the lookup finds its cache line already loaded. Each run's
    // region is placed by Fibonacci hashing, whose top bits are well mixed even when keys
    // differ only in their low bits. Runs are short enough to keep linear probing's
    // clusters small.
    static constexpr std::uint32_t run_length = 16;

    std::size_t home(const RequestKey& key) const noexcept {
        RequestKey run = key;
        run.request_id /= run_length;
        const std::uint64_t h = static_cast<std::uint64_t>(RequestKeyHash{}(run)) * 0x9E3779B97F4A7C15ull;
        return (static_cast<std::size_t>(h >> shift_) + key.request_id % run_length) & mask_;
    }

    void place(const RequestKey& key, std::uint64_t sequence) noexcept {
        std::size_t i = home(key);
        while (slots_[i].sequence != empty) i = (i + 1) & mask_;
        slots_[i] = Slot{key, sequence};
    }

    void grow() {
        std::vector<Slot> old;
        old.swap(slots_);
        const std::size_t capacity = old.empty() ? 64 : old.size() * 2;
        slots_.assign(capacity, Slot{});
        mask_ = capacity - 1;
        shift_ = 64;
        for (std::size_t c = capacity; c > 1; c >>= 1) --shift_;
        for (const Slot& slot : old) {
            if (slot.sequence != empty) place(slot.key, slot.sequence);
        }
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    unsigned shift_ = 64;
    std::size_t size_ = 0;
};

}  // namespace corbel::runtime::core
