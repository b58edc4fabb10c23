#include <corbel/runtime/counters.hpp>

#include <nlohmann/json.hpp>

namespace corbel::runtime {

ClientCounters& ClientCounters::operator+=(const ClientCounters& o) {
    calls_started += o.calls_started;
    oneways_sent += o.oneways_sent;
    requests_sent += o.requests_sent;
    retransmissions += o.retransmissions;
    replies_received += o.replies_received;
    timeouts += o.timeouts;
    refused += o.refused;
    duplicate_replies += o.duplicate_replies;
    late_replies += o.late_replies;
    stray_replies += o.stray_replies;
    acknowledgements_sent += o.acknowledgements_sent;
    malformed_datagrams += o.malformed_datagrams;
    truncated_datagrams += o.truncated_datagrams;
    send_failures += o.send_failures;
    spins += o.spins;
    spins_missed += o.spins_missed;
    return *this;
}

std::string ClientCounters::to_json() const {
    nlohmann::json j = {
        {"calls_started", calls_started},
        {"oneways_sent", oneways_sent},
        {"requests_sent", requests_sent},
        {"retransmissions", retransmissions},
        {"replies_received", replies_received},
        {"timeouts", timeouts},
        {"refused", refused},
        {"duplicate_replies", duplicate_replies},
        {"late_replies", late_replies},
        {"stray_replies", stray_replies},
        {"acknowledgements_sent", acknowledgements_sent},
        {"malformed_datagrams", malformed_datagrams},
        {"truncated_datagrams", truncated_datagrams},
        {"send_failures", send_failures},
        {"spins", spins},
        {"spins_missed", spins_missed},
    };
    return j.dump();
}

std::string ServerCounters::to_json() const {
    nlohmann::json j = {
        {"datagrams_received", datagrams_received},
        {"requests_received", requests_received},
        {"requests_executed", requests_executed},
        {"oneways_received", oneways_received},
        {"replies_sent", replies_sent},
        {"error_replies", error_replies},
        {"duplicates_in_progress", duplicates_in_progress},
        {"history_hits", history_hits},
        {"duplicates_after_ack", duplicates_after_ack},
        {"acknowledgements", acknowledgements},
        {"history_entries", history_entries},
        {"history_bytes", history_bytes},
        {"history_evictions", history_evictions},
        {"malformed_datagrams", malformed_datagrams},
        {"truncated_datagrams", truncated_datagrams},
        {"oversized_datagrams", oversized_datagrams},
        {"overload_drops", overload_drops},
        {"send_failures", send_failures},
        {"spins", spins},
        {"spins_missed", spins_missed},
    };
    return j.dump();
}

}  // namespace corbel::runtime
