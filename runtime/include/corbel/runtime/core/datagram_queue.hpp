// The datagrams a protocol core has ready to send, oldest first. Its slots keep their
// buffers: a datagram is encoded straight into the room an earlier one left, and pop() swaps
// buffers with the caller's Datagram, so a host that pops into the same Datagram every time
// sends without allocating once the queue is warm.
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/runtime/core/datagram.hpp>
#include <corbel/runtime/types.hpp>

#include <cstddef>
#include <utility>
#include <vector>

namespace corbel::runtime::core {

class DatagramQueue {
public:
    // A new datagram to `peer` at the back: its buffer, empty, to be written.
    cdr::ByteBuffer& push(Endpoint peer) {
        if (count_ == slots_.size()) grow();
        Datagram& slot = slots_[(head_ + count_) % slots_.size()];
        ++count_;
        slot.peer = peer;
        slot.bytes.clear();
        return slot.bytes;
    }

    void push(Endpoint peer, cdr::ByteView bytes) { push(peer).append(bytes.data, bytes.size); }

    // The front datagram moves into `out`; `out`'s old buffer stays behind for reuse.
    bool pop(Datagram& out) {
        if (count_ == 0) return false;
        Datagram& front = slots_[head_];
        out.peer = front.peer;
        std::swap(out.bytes, front.bytes);
        head_ = (head_ + 1) % slots_.size();
        if (--count_ == 0) settle();
        return true;
    }

    bool empty() const noexcept { return count_ == 0; }
    std::size_t size() const noexcept { return count_; }

private:
    // Slots kept once the queue drains; a burst beyond this many gives its memory back.
    static constexpr std::size_t kept_slots = 16;

    void grow() {
        std::vector<Datagram> bigger(slots_.empty() ? 4 : slots_.size() * 2);
        for (std::size_t i = 0; i < count_; ++i) bigger[i] = std::move(slots_[(head_ + i) % slots_.size()]);
        slots_ = std::move(bigger);
        head_ = 0;
    }

    void settle() {
        head_ = 0;
        if (slots_.size() > kept_slots) slots_.resize(kept_slots);
    }

    std::vector<Datagram> slots_;  // a ring: count_ datagrams from head_
    std::size_t head_ = 0;
    std::size_t count_ = 0;
};

}  // namespace corbel::runtime::core
