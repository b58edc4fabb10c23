// The containers under the protocol cores, against plain references: the request index
// (open addressing, backward-shift erasure) next to std::unordered_map, the datagram queue
// (a ring that keeps its buffers), and the reply history's byte accounting when it reuses the
// buffer of an evicted reply.
#include <corbel/runtime/core/datagram_queue.hpp>
#include <corbel/runtime/core/reply_history.hpp>
#include <corbel/runtime/core/request_index.hpp>

#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

using namespace corbel::runtime;
using namespace corbel::runtime::core;
using namespace std::chrono_literals;
using corbel::cdr::ByteView;

TEST_CASE("the request index agrees with std::unordered_map through 200,000 random operations") {
    RequestIndex index;
    std::unordered_map<RequestKey, std::uint64_t, RequestKeyHash> reference;
    std::mt19937 random(42);
    // Few clients and a narrow id range, so that keys collide, runs merge and erasure has to
    // shift entries back across run boundaries.
    auto key = [&random] {
        return RequestKey{{0x7f000001, static_cast<std::uint16_t>(40000 + random() % 3)}, 7,
                          static_cast<std::uint32_t>(random() % 3000)};
    };
    for (std::uint64_t op = 0; op < 200000; ++op) {
        const RequestKey k = key();
        switch (random() % 3) {
            case 0:
                if (reference.count(k) == 0) {
                    index.insert(k, op);
                    reference[k] = op;
                }
                break;
            case 1:
                CHECK(index.erase(k) == (reference.erase(k) == 1));
                break;
            default: {
                const auto found = index.find(k);
                const auto expected = reference.find(k);
                REQUIRE(found.has_value() == (expected != reference.end()));
                if (found) CHECK(*found == expected->second);
            }
        }
        REQUIRE(index.size() == reference.size());
    }
    for (const auto& [k, sequence] : reference) CHECK(index.find(k) == sequence);
    CHECK(index.capacity() >= 2 * index.size());
}

TEST_CASE("the datagram queue is first in, first out, across growth and wrap-around") {
    DatagramQueue queue;
    Datagram out;
    std::uint32_t next_in = 0, next_out = 0;
    std::mt19937 random(3);
    for (int round = 0; round < 2000; ++round) {
        const int pushes = static_cast<int>(random() % 40);
        for (int i = 0; i < pushes; ++i, ++next_in) {
            corbel::cdr::ByteBuffer& bytes = queue.push(Endpoint{next_in, 1});
            bytes.append(&next_in, sizeof next_in);
        }
        const int pops = static_cast<int>(random() % 40);
        for (int i = 0; i < pops && queue.pop(out); ++i, ++next_out) {
            REQUIRE(out.peer.address == next_out);
            REQUIRE(out.bytes.size() == sizeof next_out);
            std::uint32_t carried;
            std::memcpy(&carried, out.bytes.data(), sizeof carried);
            REQUIRE(carried == next_out);
        }
        REQUIRE(queue.size() == next_in - next_out);
    }
    while (queue.pop(out)) ++next_out;
    CHECK(next_out == next_in);
    CHECK(queue.empty());
}

TEST_CASE("a warm datagram queue hands the same buffers round instead of allocating") {
    DatagramQueue queue;
    Datagram out;
    const std::vector<std::uint8_t> payload(200, 9);
    queue.push(Endpoint{1, 1}, ByteView(payload.data(), payload.size()));
    REQUIRE(queue.pop(out));
    queue.push(Endpoint{1, 1}, ByteView(payload.data(), payload.size()));
    REQUIRE(queue.pop(out));  // from now on two buffers circulate: the slot's and out's
    const std::uint8_t* const first = out.bytes.data();
    queue.push(Endpoint{1, 1}, ByteView(payload.data(), payload.size()));
    REQUIRE(queue.pop(out));
    const std::uint8_t* const second = out.bytes.data();
    queue.push(Endpoint{1, 1}, ByteView(payload.data(), payload.size()));
    REQUIRE(queue.pop(out));
    CHECK(out.bytes.data() == first);
    queue.push(Endpoint{1, 1}, ByteView(payload.data(), payload.size()));
    REQUIRE(queue.pop(out));
    CHECK(out.bytes.data() == second);
}

TEST_CASE("the reply history's bytes stay exact while it reuses evicted replies' buffers") {
    HistoryLimits limits;
    limits.max_entries = 50;
    ReplyHistory history(limits);
    std::mt19937 random(5);
    std::size_t expected_bytes = 0;
    std::vector<std::size_t> sizes;  // of the entries held, oldest first
    TimePoint now{};
    for (std::uint32_t id = 1; id <= 5000; ++id) {
        const std::size_t size = 16 + random() % 80;  // near enough in size to reuse a buffer, often
        const std::vector<std::uint8_t> reply(size, static_cast<std::uint8_t>(id));
        if (sizes.size() == limits.max_entries) {
            expected_bytes -= sizes.front() + ReplyHistory::entry_overhead;
            sizes.erase(sizes.begin());
        }
        history.store(now, RequestKey{{1, 1}, 1, id}, ByteView(reply.data(), reply.size()));
        sizes.push_back(size);
        expected_bytes += size + ReplyHistory::entry_overhead;
        REQUIRE(history.bytes() == expected_bytes);
        const corbel::cdr::ByteBuffer* stored = nullptr;
        REQUIRE(history.find(RequestKey{{1, 1}, 1, id}, stored) == ReplyHistory::Found::reply);
        REQUIRE(stored->to_vector() == reply);
    }
    CHECK(history.entries() == limits.max_entries);
    CHECK(history.evictions() == 5000 - limits.max_entries);
}

TEST_CASE("the history reuses the buffer of the reply it evicted last, even after a large one") {
    HistoryLimits limits;
    limits.max_entries = 2;
    ReplyHistory history(limits);
    // A fresh small reply gets a 64-byte buffer; only a reused one can have room for 100.
    const std::vector<std::uint8_t> hundred(100, 1), large(60000, 2), small(40, 3);
    auto store = [&](std::uint32_t id, const std::vector<std::uint8_t>& reply) {
        history.store(TimePoint{}, RequestKey{{1, 1}, 1, id}, ByteView(reply.data(), reply.size()));
    };
    auto room_of = [&](std::uint32_t id) {
        const corbel::cdr::ByteBuffer* stored = nullptr;
        REQUIRE(history.find(RequestKey{{1, 1}, 1, id}, stored) == ReplyHistory::Found::reply);
        return stored->capacity();
    };
    store(1, hundred);
    store(2, large);
    store(3, small);  // evicts 1 and takes its 100-byte buffer
    CHECK(room_of(3) == hundred.size());
    store(4, small);  // evicts 2, whose buffer is far too large to reuse
    store(5, small);  // evicts 3: its buffer fits again
    CHECK(room_of(5) == hundred.size());
    CHECK(history.bytes() == 2 * (small.size() + ReplyHistory::entry_overhead));
}

TEST_CASE("storing a key twice replaces its reply and keeps the byte count right") {
    HistoryLimits limits;
    limits.max_bytes = 3 * (100 + ReplyHistory::entry_overhead);
    ReplyHistory history(limits);
    const std::vector<std::uint8_t> reply(100, 3), longer(200, 4);
    for (std::uint32_t id = 1; id <= 3; ++id) {
        history.store(TimePoint{}, RequestKey{{1, 1}, 1, id}, ByteView(reply.data(), reply.size()));
    }
    history.store(TimePoint{}, RequestKey{{1, 1}, 1, 2}, ByteView(longer.data(), longer.size()));
    // 100 more bytes than the limit allows: the oldest entry goes
    CHECK(history.entries() == 2);
    CHECK(history.bytes() == 100 + 200 + 2 * ReplyHistory::entry_overhead);
    const corbel::cdr::ByteBuffer* stored = nullptr;
    CHECK(history.find(RequestKey{{1, 1}, 1, 1}, stored) == ReplyHistory::Found::absent);
    REQUIRE(history.find(RequestKey{{1, 1}, 1, 2}, stored) == ReplyHistory::Found::reply);
    CHECK(stored->to_vector() == longer);
}

namespace {

long resident_kilobytes() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}

}  // namespace

// The sanitizers' allocators keep freed memory in quarantine, so only a plain build can see it go.
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
TEST_CASE("a full history that ages out gives its memory back to the system") {
    TimePoint now{};
    std::vector<std::uint8_t> reply(60, 1);
    const long before = resident_kilobytes();
    {
        ReplyHistory history(HistoryLimits{});
        for (std::uint32_t client = 0; client < 120000; ++client) {
            history.store(now, RequestKey{{0x7f000001, 5000}, client, 1}, corbel::cdr::ByteView(reply.data(), reply.size()));
        }
        const long full = resident_kilobytes();
        MESSAGE("resident: " << before << " kB before, " << full << " kB with 100,000 entries");
        REQUIRE(full - before > 10000);  // the 100,000 entries and their index: over 10 MB
        history.expire(now + HistoryLimits{}.max_age);
        CHECK(history.entries() == 0);
        const long emptied = resident_kilobytes();
        MESSAGE("resident once they aged out: " << emptied << " kB");
        CHECK(emptied - before < (full - before) / 4);
    }
}
#endif
