// `corbel ping` and `corbel stats`: the built-in operations every corbel server answers.
#include "arguments.hpp"
#include "commands.hpp"
#include "errors.hpp"
#include "json_codec.hpp"
#include "remote.hpp"

#include <corbel/runtime/exceptions.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <ostream>

namespace corbel::cli {

namespace {

runtime::CallOptions builtin_options(const Arguments& arguments, runtime::Duration default_deadline) {
    runtime::CallOptions options;
    options.deadline = duration_option(arguments, "--deadline").value_or(default_deadline);
    // Both only read: the server may answer a retransmission by running them again, and
    // keeps no reply of them in its history.
    options.idempotent = true;
    return options;
}

double round_tenth(double value) { return std::round(value * 10.0) / 10.0; }

struct RoundTrips {
    double min_us = 0;
    double median_us = 0;
    double p99_us = 0;
};

// Median of the middle two for an even count; p99 by nearest rank (the smallest sample that
// at least 99% of the samples do not exceed).
RoundTrips summarise(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    const std::size_t n = samples.size();
    RoundTrips result;
    result.min_us = samples.front();
    result.median_us = n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2.0;
    const auto rank = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(n)));
    result.p99_us = samples[std::max<std::size_t>(rank, 1) - 1];
    return result;
}

}  // namespace

int command_ping(const CommandArgs& args, Streams streams) {
    const Arguments arguments(args, {{"--count", true}, {"--deadline", true}, {"--spin", true}, {"--json"}});
    arguments.expect_positional(1, 1, "REF or ADDRESS:PORT");
    const auto count_text = arguments.value("--count");
    const std::uint64_t count = count_text ? parse_count("--count", *count_text, 1, 1000000) : 5;
    runtime::CallOptions options = builtin_options(arguments, std::chrono::seconds(1));
    options.spin = duration_option(arguments, "--spin");
    const std::string& target = arguments.positional()[0];
    // Given a reference, ping also says whether it still names the server's incarnation.
    std::optional<runtime::RemoteObjectRef> reference;
    if (target.rfind("corbel://", 0) == 0) reference = parse_reference(target);
    const runtime::Endpoint server = reference ? reference->endpoint : parse_server(target);

    runtime::Client client(client_config_for(server));
    std::vector<double> samples;
    std::uint32_t incarnation = 0;
    std::uint64_t lost = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        try {
            const runtime::Duration round_trip = client.ping(server, &incarnation, options);
            samples.push_back(std::chrono::duration<double, std::micro>(round_trip).count());
        } catch (const runtime::ServerUnreachable&) {
            throw Failure("ping " + server.to_string() +
                          ": nothing listens at that port (the network answered \"port unreachable\")");
        } catch (const runtime::TimeoutError&) {
            ++lost;
        } catch (const corbel::SystemException& error) {
            throw Failure("ping " + server.to_string() + " failed: " + error.what());
        }
    }
    if (samples.empty()) {
        const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(*options.deadline);
        throw Failure("no reply from " + server.to_string() + " to " + std::to_string(count) + " pings, each given " +
                      std::to_string(waited.count()) + " ms: is a corbel server listening there?");
    }
    const bool stale = reference && reference->incarnation != incarnation;
    const RoundTrips trips = summarise(samples);
    if (arguments.flag("--json")) {
        Json report = {{"server", server.to_string()},
                             {"incarnation", incarnation},
                             {"sent", count},
                             {"replies", samples.size()},
                             {"lost", lost},
                             {"min_us", round_tenth(trips.min_us)},
                             {"median_us", round_tenth(trips.median_us)},
                             {"p99_us", round_tenth(trips.p99_us)},
                             {"polled", client.counters().spins}};
        if (reference) report["stale_reference"] = stale;
        streams.out << dump_json(report, true) << '\n';
    } else {
        streams.out << "ping " << server.to_string() << " (incarnation " << incarnation << "): " << count << " sent, "
                    << samples.size() << " replies, " << lost << " lost\n"
                    << "round trip (us): min " << round_tenth(trips.min_us) << "  median "
                    << round_tenth(trips.median_us) << "  p99 " << round_tenth(trips.p99_us) << '\n';
        if (options.spin) streams.out << client.counters().spins << " of the replies polled for (--spin)\n";
        if (stale) {
            streams.out << "the reference names incarnation " << reference->incarnation
                        << ": it is stale (the server was restarted), and calls through it are refused\n";
        }
    }
    return lost == 0 ? 0 : 1;
}

int command_stats(const CommandArgs& args, Streams streams) {
    const Arguments arguments(args, {{"--deadline", true}, {"--compact"}});
    arguments.expect_positional(1, 1, "REF or ADDRESS:PORT");
    const runtime::CallOptions options = builtin_options(arguments, std::chrono::seconds(2));
    const runtime::Endpoint server = parse_server(arguments.positional()[0]);
    runtime::Client client(client_config_for(server));
    std::string text;
    try {
        text = client.statistics(server, options);
    } catch (const runtime::TimeoutError& error) {
        throw Failure("no reply from " + server.to_string() + ": " + error.what());
    } catch (const corbel::SystemException& error) {
        throw Failure("stats " + server.to_string() + " failed: " + error.what());
    }
    Json counters;
    try {
        counters = Json::parse(text);
    } catch (const Json::exception&) {
        // Quoted and escaped: the server's bytes must not reach the terminal as they are.
        const std::string start = Json(text.substr(0, 200)).dump(-1, ' ', true, Json::error_handler_t::replace);
        throw Failure("the server's statistics are not JSON (" + std::to_string(text.size()) + " bytes): " + start);
    }
    streams.out << dump_json(counters, !arguments.flag("--compact")) << '\n';
    return 0;
}

}  // namespace corbel::cli
