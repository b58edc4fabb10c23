// Bounded memory: 1,000,000 requests from 10,000 client identities through the server's
// protocol core (no sockets, so the run takes seconds): the reply history never holds more
// than its byte limit, whatever the load, and the process's peak resident memory stays
// within a bound.
#include <corbel/cdr.hpp>
#include <corbel/runtime/core/message.hpp>
#include <corbel/runtime/core/server_core.hpp>

#include <doctest/doctest.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <vector>

using namespace corbel::runtime;
using namespace corbel::runtime::core;
using namespace std::chrono_literals;

namespace {

long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace

TEST_CASE("one million requests from ten thousand clients never push the history past its byte limit") {
    constexpr int clients = 10000;
    constexpr int requests = 1000000;
    ServerCoreConfig config;
    config.history.max_entries = 1000000;  // so that bytes are the limit that binds
    config.history.max_bytes = 8u << 20;
    config.history.max_age = 60s;
    ServerCore core(config);
    const long rss_before = peak_rss_kib();

    const RemoteObjectRef target{Endpoint{0x7f000001, 7000}, 1, 1, "IDL:Bank/Account:1.0"};
    RequestFields fields;
    fields.method = corbel::method_id("deposit");
    std::vector<std::uint32_t> next_id(clients, 1);
    corbel::cdr::ByteBuffer datagram;
    std::vector<std::uint8_t> arguments(16, 1);
    std::vector<std::uint8_t> results(100, 2);
    TimePoint now{};
    std::size_t peak_bytes = 0;
    std::uint64_t delivered = 0;
    std::uint64_t duplicates = 0;
    Endpoint from;
    Datagram out;
    for (int i = 0; i < requests; ++i) {
        // every tenth datagram repeats the one before, as a retransmission would: a duplicate
        if (i % 10 == 9) {
            ++duplicates;
        } else {
            const auto c = static_cast<std::size_t>((std::uint64_t{static_cast<std::uint32_t>(i)} * 7919) % clients);  // interleaved
            MessageHeader header;
            header.client_incarnation = 1000u + static_cast<std::uint32_t>(c);
            header.request_id = next_id[c]++;
            encode_request(datagram, header, target, fields, corbel::cdr::ByteView(arguments));
            from = Endpoint{0x7f000001, static_cast<std::uint16_t>(20000 + c)};
        }
        now += 1us;
        auto request = core.on_datagram(now, from, datagram.view());
        if (request) {
            ++delivered;
            core.complete(now, *request, ReplyStatus::ok, corbel::cdr::ByteView(results));
        }
        while (core.pop_outgoing(out)) {
        }
        core.remember_sent();  // as a host does once it has sent
        peak_bytes = std::max(peak_bytes, core.history().bytes());
    }
    const ServerCounters c = core.counters();
    std::printf("bounded memory: %d requests, %d clients, %llu executed, %llu history hits, %llu evictions; "
                "history peak %zu bytes of %zu allowed, %llu entries at the end; peak RSS %ld KiB "
                "(%ld KiB before the run)\n",
                requests, clients, static_cast<unsigned long long>(c.requests_executed),
                static_cast<unsigned long long>(c.history_hits), static_cast<unsigned long long>(c.history_evictions),
                peak_bytes, config.history.max_bytes, static_cast<unsigned long long>(c.history_entries),
                peak_rss_kib(), rss_before);
    CHECK(peak_bytes <= config.history.max_bytes);
    CHECK(c.history_evictions > 0);
    CHECK(c.requests_executed == delivered);
    CHECK(c.requests_executed == requests - duplicates);  // no duplicate executed again
    CHECK(c.history_hits == duplicates);                  // each was answered from the history
#ifndef __SANITIZE_ADDRESS__  // AddressSanitizer's quarantine keeps freed memory resident
    // The history's 8 MiB, its index and ring: the process grows by far less than 64 MiB.
    CHECK(peak_rss_kib() - rss_before < 64 * 1024);
#endif
    CHECK(core.executing() == 0);
}
