// A growable byte buffer that does not zero what it is about to overwrite.
//
// std::vector<uint8_t>::resize value-initialises every new byte, which doubles the cost of
// encoding a large primitive sequence (a memset, then the memcpy). The writer appends through
// this buffer instead and writes every byte exactly once, padding included.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace corbel::cdr {

// A read-only view of bytes; the C++17 stand-in for std::span<const std::uint8_t>.
struct ByteView {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;

    ByteView() = default;
    ByteView(const std::uint8_t* bytes, std::size_t length) : data(bytes), size(length) {}
    ByteView(const std::vector<std::uint8_t>& bytes) : data(bytes.data()), size(bytes.size()) {}

    std::vector<std::uint8_t> to_vector() const { return {data, data + size}; }
};

class ByteBuffer {
public:
    ByteBuffer() = default;
    explicit ByteBuffer(std::size_t initial_capacity) { reserve(initial_capacity); }

    ByteBuffer(const ByteBuffer& other) { assign(other.data(), other.size()); }
    ByteBuffer& operator=(const ByteBuffer& other) {
        if (this != &other) assign(other.data(), other.size());
        return *this;
    }
    ByteBuffer(ByteBuffer&& other) noexcept { swap(other); }
    ByteBuffer& operator=(ByteBuffer&& other) noexcept {
        swap(other);
        return *this;
    }

    const std::uint8_t* data() const noexcept { return bytes_.get(); }
    std::uint8_t* data() noexcept { return bytes_.get(); }
    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return capacity_; }
    bool empty() const noexcept { return size_ == 0; }
    ByteView view() const noexcept { return {data(), size_}; }
    std::uint8_t operator[](std::size_t i) const noexcept { return bytes_[i]; }

    // Keeps the allocation, so a buffer reused per message allocates once.
    void clear() noexcept { size_ = 0; }

    void reserve(std::size_t capacity);

    // Grows the size by `count` and returns the first new byte; the new bytes are
    // uninitialised and the caller must write all of them.
    std::uint8_t* extend(std::size_t count) {
        if (capacity_ - size_ < count) grow(count);
        std::uint8_t* out = bytes_.get() + size_;
        size_ += count;
        return out;
    }

    void append(const void* bytes, std::size_t count);
    void assign(const void* bytes, std::size_t count) {
        clear();
        append(bytes, count);
    }
    // Shrinks the size; used to roll back a write that failed half-way.
    void truncate(std::size_t new_size) noexcept {
        if (new_size < size_) size_ = new_size;
    }

    std::vector<std::uint8_t> to_vector() const { return {data(), data() + size_}; }

    void swap(ByteBuffer& other) noexcept {
        bytes_.swap(other.bytes_);
        std::swap(size_, other.size_);
        std::swap(capacity_, other.capacity_);
    }

private:
    void grow(std::size_t at_least);

    std::unique_ptr<std::uint8_t[]> bytes_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

}  // namespace corbel::cdr
