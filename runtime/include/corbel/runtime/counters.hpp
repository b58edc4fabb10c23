// What a client and a server count, readable through the API and as JSON.
#pragma once

#include <cstdint>
#include <string>

namespace corbel::runtime {

struct ClientCounters {
    std::uint64_t calls_started = 0;
    std::uint64_t oneways_sent = 0;
    std::uint64_t requests_sent = 0;        // first sends and retransmissions
    std::uint64_t retransmissions = 0;
    std::uint64_t replies_received = 0;     // replies that completed a call
    std::uint64_t timeouts = 0;
    std::uint64_t refused = 0;              // calls ended because nothing listened at the server's port
    std::uint64_t duplicate_replies = 0;    // for a call that had already completed
    std::uint64_t late_replies = 0;         // for a call that had already timed out
    std::uint64_t stray_replies = 0;        // matching no call this client remembers
    std::uint64_t acknowledgements_sent = 0;
    std::uint64_t malformed_datagrams = 0;
    std::uint64_t truncated_datagrams = 0;
    std::uint64_t send_failures = 0;
    std::uint64_t spins = 0;                // blocking calls that polled before sleeping
    std::uint64_t spins_missed = 0;         // ... and whose reply did not come within the poll

    ClientCounters& operator+=(const ClientCounters& other);
    std::string to_json() const;
};

struct ServerCounters {
    std::uint64_t datagrams_received = 0;
    std::uint64_t requests_received = 0;        // new requests, delivered for execution
    std::uint64_t requests_executed = 0;
    std::uint64_t oneways_received = 0;
    std::uint64_t replies_sent = 0;             // including error replies and history hits
    std::uint64_t error_replies = 0;
    std::uint64_t duplicates_in_progress = 0;   // duplicates of a request still executing
    std::uint64_t history_hits = 0;             // duplicates answered from the history
    std::uint64_t duplicates_after_ack = 0;     // duplicates of an acknowledged request
    std::uint64_t acknowledgements = 0;
    std::uint64_t history_entries = 0;          // current
    std::uint64_t history_bytes = 0;            // current
    std::uint64_t history_evictions = 0;
    std::uint64_t malformed_datagrams = 0;
    std::uint64_t truncated_datagrams = 0;
    std::uint64_t oversized_datagrams = 0;
    std::uint64_t overload_drops = 0;           // new requests dropped: too many executing
    std::uint64_t send_failures = 0;
    // With ServerConfig::spin: times a serving thread polled for the next request before
    // sleeping, and of those, the polls that found none (counted with the next batch's replies).
    std::uint64_t spins = 0;
    std::uint64_t spins_missed = 0;

    std::string to_json() const;
};

}  // namespace corbel::runtime
