// The containers under the protocol cores, against plain references: the request index
// (open addressing, backward-shift erasure) next to std::unordered_map, the datagram queue
// (a ring that keeps its buffers), and the reply history's byte accounting when it reuses the
// buffer of an evicted reply.
#include <corbel/runtime/core/datagram_queue.hpp>
#include <corbel/runtime/core/reply_history.hpp>
#include <corbel/runtime/core/request_index.hpp>

#include <doctest/doctest.h>

#include <cstring>
#include <random>
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
