#include <corbel/cdr/buffer.hpp>

#include <algorithm>
#include <cstring>

namespace corbel::cdr {

void ByteBuffer::reserve(std::size_t capacity) {
    if (capacity <= capacity_) return;
    std::unique_ptr<std::uint8_t[]> bigger(new std::uint8_t[capacity]);
    if (size_ != 0) std::memcpy(bigger.get(), bytes_.get(), size_);
    bytes_ = std::move(bigger);
    capacity_ = capacity;
}

void ByteBuffer::grow(std::size_t at_least) {
    // Doubling keeps appends amortised O(1); 64 bytes covers most small messages at once.
    reserve(std::max({capacity_ * 2, size_ + at_least, std::size_t{64}}));
}

void ByteBuffer::append(const void* bytes, std::size_t count) {
    if (count == 0) return;
    std::memcpy(extend(count), bytes, count);
}

}  // namespace corbel::cdr
