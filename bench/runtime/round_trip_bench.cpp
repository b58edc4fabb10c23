// corbel round trips on loopback next to the floor, a raw blocking UDP ping-pong of the same
// datagram sizes, and next to ONC RPC (libtirpc over UDP), measured in the same run:
//   1. latency of a null call and of a Person echo, client and server pinned to different
//      CPUs, then to the same CPU: median, p99, and the ratios to the raw ping-pong and to
//      ONC RPC;
//      Then the same with the client polling for its reply before it sleeps
//      (CallPolicy::spin), next to a raw client that polls the same way, with the calling
//      thread's CPU time per call; then with the server polling for the next request
//      (ServerConfig::spin), with its serving thread's CPU time per call; and, between
//      different CPUs, how much of corbel's time over raw its client side and its server
//      side each add (split_peers.hpp);
//   2. calls per second from 4 client threads against a server with one serving thread, one
//      with two and one whose thread polls for requests, next to 4 raw clients against a
//      single-threaded raw echo server, then with polling clients on both sides, and from
//      one client keeping 32 asynchronous calls in flight.
// Usage: corbel_round_trip_bench [round_trips=20000]
//        corbel_round_trip_bench --throughput [round_trips]   (part 2 only, e.g. under perf)
//        corbel_round_trip_bench --serve            (prints a reference, serves until killed)
//        corbel_round_trip_bench --call REF N [echo] (N null calls, or Person echoes through
//                                                    the generated proxy, e.g. under strace -c)
#include "echo_servant.hpp"
#include "onc_rpc_peer.hpp"
#include "raw_udp.hpp"
#include "split_peers.hpp"

#include <corbel/runtime/client.hpp>
#include <corbel/runtime/core/message.hpp>
#include <corbel/runtime/server.hpp>

#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

using namespace corbel::runtime;
using Nanos = std::chrono::nanoseconds;

namespace {

struct Stats {
    double median_us;
    double p99_us;
    double cpu_us;  // the calling thread's user and system time per round trip
};

Stats summarize(std::vector<Nanos>& samples, Nanos cpu) {
    std::sort(samples.begin(), samples.end());
    auto us = [](Nanos n) { return static_cast<double>(n.count()) / 1000.0; };
    return {us(samples[samples.size() / 2]), us(samples[samples.size() * 99 / 100]),
            us(cpu) / static_cast<double>(samples.size())};
}

// The CPU time (user and system) of the calling thread so far.
Nanos thread_cpu_time() {
    rusage usage{};
    ::getrusage(RUSAGE_THREAD, &usage);
    auto nanos = [](const timeval& t) { return std::chrono::seconds(t.tv_sec) + std::chrono::microseconds(t.tv_usec); };
    return nanos(usage.ru_utime) + nanos(usage.ru_stime);
}

// The CPU time (user and system) of `thread` so far.
Nanos cpu_time_of(std::thread& thread) {
    clockid_t clock{};
    timespec t{};
    if (pthread_getcpuclockid(thread.native_handle(), &clock) != 0 || ::clock_gettime(clock, &t) != 0) return Nanos::zero();
    return std::chrono::seconds(t.tv_sec) + Nanos(t.tv_nsec);
}

// Times `round_trips` of each, in alternating blocks of 500 so that drift in the machine's
// load (it is shared) hits all alike; a tenth as many first, unmeasured, to warm up.
std::vector<Stats> measure_interleaved(int round_trips, const std::vector<std::function<void()>>& kinds) {
    constexpr int block = 500;
    for (int i = 0; i < round_trips / 10; ++i) {
        for (const auto& round_trip : kinds) round_trip();
    }
    std::vector<std::vector<Nanos>> samples(kinds.size());
    std::vector<Nanos> cpu(kinds.size(), Nanos::zero());
    for (auto& s : samples) s.reserve(static_cast<std::size_t>(round_trips));
    for (int done = 0; done < round_trips; done += block) {
        const int count = std::min(block, round_trips - done);
        for (std::size_t k = 0; k < kinds.size(); ++k) {
            const Nanos cpu_before = thread_cpu_time();
            for (int i = 0; i < count; ++i) {
                const auto start = std::chrono::steady_clock::now();
                kinds[k]();
                samples[k].push_back(std::chrono::steady_clock::now() - start);
            }
            cpu[k] += thread_cpu_time() - cpu_before;
        }
    }
    std::vector<Stats> stats;
    for (std::size_t k = 0; k < kinds.size(); ++k) stats.push_back(summarize(samples[k], cpu[k]));
    return stats;
}

ClientConfig bench_client() {
    ClientConfig config;
    config.bind_address = "127.0.0.1";
    config.faults = FaultConfig{};
    return config;
}

ServerConfig bench_server(unsigned serving_threads = 1) {
    ServerConfig config;
    config.faults = FaultConfig{};
    config.serving_threads = serving_threads;
    return config;
}

// A request as a corbel client would send it, here from client incarnation 0.
corbel::cdr::ByteBuffer request_datagram(const RemoteObjectRef& ref, corbel::MethodId method,
                                         corbel::cdr::ByteView arguments) {
    core::MessageHeader header;
    core::RequestFields fields;
    fields.method = method;
    corbel::cdr::ByteBuffer request;
    core::encode_request(request, header, ref, fields, arguments);
    return request;
}

// The sizes of the datagrams a call exchanges, for the raw ping-pong to match.
std::pair<std::size_t, std::size_t> datagram_sizes(const RemoteObjectRef& ref, corbel::MethodId method,
                                                   corbel::cdr::ByteView arguments, corbel::cdr::ByteView results) {
    const corbel::cdr::ByteBuffer request = request_datagram(ref, method, arguments);
    core::MessageHeader header;
    corbel::cdr::ByteBuffer reply;
    core::encode_reply(reply, header, ReplyStatus::ok, results);
    return {request.size(), reply.size()};
}

struct Case {
    const char* name;
    corbel::MethodId method;
    corbel::cdr::ByteBuffer arguments;
};

// One call before timing, so that a benchmark of error replies cannot pass for one of calls.
void check_answers(Client& client, const RemoteObjectRef& ref, const Case& c, const Bench::Person& sent) {
    const Reply reply = client.call(ref, c.method, c.arguments.view());
    if (reply.status != ReplyStatus::ok) throw std::runtime_error(std::string(c.name) + ": the server answered with an error");
    corbel::cdr::Reader results = reply.reader();
    if (c.method == Bench::echo_id) {
        Bench::Person back;
        corbel::cdr::decode(results, back);
        if (back.name != sent.name || back.place != sent.place || back.year != sent.year) {
            throw std::runtime_error("Person echo: another person came back");
        }
    }
    results.expect_end();
}

// How long a polling call looks for its reply before it sleeps: a loopback round trip
// between CPUs is 15-20 us here, so the reply comes well within it.
constexpr auto bench_spin = std::chrono::microseconds(50);

// part / whole, 0 when there is no whole.
double share(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

// One row of the polling table: the floor and corbel when both poll before sleeping.
struct PollingRow {
    std::string call;
    std::string cpus;
    std::optional<Stats> raw_polling;  // only between different CPUs: on one, nothing gates it
    Stats raw;
    Stats corbel;
    Stats corbel_spinning;
    double spun_share;  // of corbel_spinning's calls, those that polled
};

void print_polling(const std::vector<PollingRow>& rows) {
    std::printf("\nwaiting for the reply by polling before sleeping: corbel with CallPolicy::spin = %lld us, the raw\n"
                "client polling the same way (between different CPUs only); client CPU: the calling thread's time per call\n",
                static_cast<long long>(bench_spin.count()));
    std::printf("%-12s %-10s | %8s %8s | %8s %8s | %6s %8s | %27s | %5s\n", "call", "cpus", "raw+poll", "c+spin",
                "raw+poll", "c+spin", "c+spin", "c+spin", "client CPU us per call", "spun");
    std::printf("%-12s %-10s | %17s | %17s | %6s %8s | %6s %6s %6s %6s |\n", "", "", "median", "p99", "x raw",
                "x r+poll", "raw", "corbel", "r+poll", "c+spin");
    // A figure of the raw polling client, or "-" where it was not measured.
    auto polling = [](const PollingRow& r, auto figure, const char* format) {
        char text[16] = "-";
        if (r.raw_polling) std::snprintf(text, sizeof text, format, figure(*r.raw_polling));
        return std::string(text);
    };
    for (const PollingRow& r : rows) {
        const Stats& spin = r.corbel_spinning;
        std::printf("%-12s %-10s | %8s %8.1f | %8s %8.1f | %6.2f %8s | %6.2f %6.2f %6s %6.2f | %4.0f%%\n",
                    r.call.c_str(), r.cpus.c_str(), polling(r, [](const Stats& p) { return p.median_us; }, "%.1f").c_str(),
                    spin.median_us, polling(r, [](const Stats& p) { return p.p99_us; }, "%.1f").c_str(), spin.p99_us,
                    spin.median_us / r.raw.median_us,
                    polling(r, [&](const Stats& p) { return spin.median_us / p.median_us; }, "%.2f").c_str(),
                    r.raw.cpu_us, r.corbel.cpu_us, polling(r, [](const Stats& p) { return p.cpu_us; }, "%.2f").c_str(),
                    spin.cpu_us, 100.0 * r.spun_share);
    }
}

// One row of the server polling table: blocking clients, a server that sleeps and one
// that polls for the next request.
struct ServerPollingRow {
    std::string call;
    std::string cpus;
    Stats raw, corbel, server_spinning;
    double server_cpu_us, spinning_server_cpu_us;
    double requests_polled_share;
};

void print_server_polling(const std::vector<ServerPollingRow>& rows) {
    std::printf("\nthe server polling for the next request before it sleeps (ServerConfig::spin = %lld us), blocking\n"
                "clients; server CPU: its serving thread's time per call\n",
                static_cast<long long>(bench_spin.count()));
    std::printf("%-12s %-10s | %7s %7s %7s | %7s %7s | %6s %6s | %15s | %6s\n", "call", "cpus", "raw", "corbel", "c+s.spin",
                "corbel", "c+s.spin", "corbel", "c+s.sp", "server CPU us", "polled");
    std::printf("%-12s %-10s | %23s | %15s | %13s | %7s %7s |\n", "", "", "median", "p99", "x raw", "corbel", "c+s.spin");
    for (const ServerPollingRow& r : rows) {
        std::printf("%-12s %-10s | %7.1f %7.1f %8.1f | %7.1f %8.1f | %6.2f %6.2f | %7.2f %7.2f | %5.0f%%\n", r.call.c_str(),
                    r.cpus.c_str(), r.raw.median_us, r.corbel.median_us, r.server_spinning.median_us, r.corbel.p99_us,
                    r.server_spinning.p99_us, r.corbel.median_us / r.raw.median_us,
                    r.server_spinning.median_us / r.raw.median_us, r.server_cpu_us, r.spinning_server_cpu_us,
                    100.0 * r.requests_polled_share);
    }
}

// The figures of one case on one pair of CPUs: every way of calling, measured interleaved.
struct CaseRun {
    std::size_t request_size = 0;
    std::size_t reply_size = 0;
    Stats raw, corbel, onc, corbel_spinning;
    std::optional<Stats> raw_polling;  // only between different CPUs
    double spun_share = 0;             // of corbel_spinning's calls, those that polled
    Stats corbel_server_spinning;      // a blocking client, a server polling for requests
    double requests_polled_share = 0;  // of that server's requests, those a poll found
    // The serving thread's CPU time per call it served, sleeping and polling.
    double server_cpu_us = 0, spinning_server_cpu_us = 0;
    // Between different CPUs only (split_peers.hpp): a corbel client and a reflecting
    // server, then a request-bytes client and a corbel server.
    std::optional<Stats> client_side, server_side;
};

// One row of the split table.
struct SplitRow {
    std::string call;
    Stats raw, corbel, client_side, server_side;
};

void print_split(const std::vector<SplitRow>& rows) {
    std::printf("\nwhere corbel's time over raw goes, between different CPUs: medians in us, over raw in brackets\n"
                "(client side: a corbel client and a server that answers by copying bytes; server side: a raw client\n"
                "sending ready-made requests and a corbel server; see split_peers.hpp)\n");
    std::printf("%-12s | %7s %16s | %16s %16s\n", "call", "raw", "corbel", "client side", "server side");
    for (const SplitRow& r : rows) {
        auto over = [&r](const Stats& s) {
            char text[32];
            std::snprintf(text, sizeof text, "%.1f (%+.2f)", s.median_us, s.median_us - r.raw.median_us);
            return std::string(text);
        };
        std::printf("%-12s | %7.1f %16s | %16s %16s\n", r.call.c_str(), r.raw.median_us, over(r.corbel).c_str(),
                    over(r.client_side).c_str(), over(r.server_side).c_str());
    }
}

// Starts a corbel, a raw and an ONC server on `server_cpu`, calls them all from `client_cpu`
// `round_trips` times each, and stops them.
CaseRun run_case(const Case& c, const Bench::Person& smith, int server_cpu, int client_cpu, int round_trips) {
    Server server(bench_server());
    const RemoteObjectRef ref = server.add(std::make_shared<Bench::EchoServant>());
    std::thread server_thread([&server, server_cpu] {
        bench::pin_to(server_cpu);
        server.run();
    });
    ServerConfig spinning_server_config = bench_server();
    spinning_server_config.spin = bench_spin;
    Server spinning_server(spinning_server_config);
    const RemoteObjectRef spinning_ref = spinning_server.add(std::make_shared<Bench::EchoServant>());
    std::thread spinning_server_thread([&spinning_server, server_cpu] {
        bench::pin_to(server_cpu);
        spinning_server.run();
    });
    CaseRun run;
    std::tie(run.request_size, run.reply_size) = datagram_sizes(ref, c.method, c.arguments.view(), c.arguments.view());

    std::atomic<bool> stop{false};
    const int raw_fd = bench::bound_socket();
    std::thread raw_thread([&, size = run.reply_size] {
        bench::pin_to(server_cpu);
        bench::raw_echo_server(raw_fd, size, stop);
    });
    bench::OncServer onc_server(server_cpu);

    const bool between_cpus = server_cpu != client_cpu;
    std::optional<bench::ReflectingServer> reflecting;
    RemoteObjectRef reflecting_ref = ref;
    if (between_cpus) {
        reflecting.emplace(server_cpu, c.method == Bench::echo_id);
        reflecting_ref.endpoint.port = reflecting->port();
    }
    const corbel::cdr::ByteBuffer request = request_datagram(ref, c.method, c.arguments.view());
    std::thread client_thread([&] {
        bench::pin_to(client_cpu);
        bench::RawClient raw_client(bench::port_of(raw_fd), run.request_size);
        Client client(bench_client());
        ClientConfig spinning_config = bench_client();
        spinning_config.defaults.spin = bench_spin;
        Client spinning_client(spinning_config);
        bench::OncClient onc_client(onc_server.port());
        const bool null_call = c.method == Bench::null_op_id;
        onc_person onc_smith{const_cast<char*>(smith.name.c_str()), const_cast<char*>(smith.place.c_str()),
                                   smith.year};
        check_answers(client, ref, c, smith);
        check_answers(spinning_client, ref, c, smith);
        check_answers(client, spinning_ref, c, smith);
        if (!null_call) onc_client.echo(onc_smith, /*verify=*/true);
        std::vector<std::function<void()>> kinds{
            [&] { raw_client.round_trip(); }, [&] { client.call(ref, c.method, c.arguments.view()); },
            [&] { null_call ? onc_client.null_call() : onc_client.echo(onc_smith); },
            [&] { spinning_client.call(ref, c.method, c.arguments.view()); },
            [&] { client.call(spinning_ref, c.method, c.arguments.view()); }};
        std::optional<bench::RequestBytesClient> request_bytes_client;
        if (between_cpus) {
            check_answers(client, reflecting_ref, c, smith);
            request_bytes_client.emplace(ref.endpoint.port, request.view());
            kinds.push_back([&] { raw_client.polling_round_trip(bench_spin); });
            kinds.push_back([&] { client.call(reflecting_ref, c.method, c.arguments.view()); });
            kinds.push_back([&] { request_bytes_client->round_trip(); });
        }
        // The serving threads' CPU time per request each served, whichever kinds called it.
        auto requests_of = [](const Server& s) { return static_cast<double>(s.counters().requests_received); };
        const Nanos server_cpu_before = cpu_time_of(server_thread);
        const Nanos spinning_server_cpu_before = cpu_time_of(spinning_server_thread);
        const double server_requests_before = requests_of(server);
        const double spinning_server_requests_before = requests_of(spinning_server);
        const std::vector<Stats> stats = measure_interleaved(round_trips, kinds);
        auto us = [](Nanos n) { return static_cast<double>(n.count()) / 1000.0; };
        run.server_cpu_us =
            us(cpu_time_of(server_thread) - server_cpu_before) / (requests_of(server) - server_requests_before);
        run.spinning_server_cpu_us = us(cpu_time_of(spinning_server_thread) - spinning_server_cpu_before) /
                                     (requests_of(spinning_server) - spinning_server_requests_before);
        run.raw = stats[0];
        run.corbel = stats[1];
        run.onc = stats[2];
        run.corbel_spinning = stats[3];
        run.corbel_server_spinning = stats[4];
        if (between_cpus) {
            run.raw_polling = stats[5];
            run.client_side = stats[6];
            run.server_side = stats[7];
        }
        const ClientCounters spun = spinning_client.counters();
        run.spun_share = share(spun.spins, spun.calls_started);
    });
    client_thread.join();
    stop = true;
    raw_thread.join();
    ::close(raw_fd);
    server.stop();
    server_thread.join();
    spinning_server.stop();
    spinning_server_thread.join();
    const ServerCounters spun = spinning_server.counters();
    run.requests_polled_share = share(spun.spins - spun.spins_missed, spun.requests_received);
    return run;
}

void latency(int round_trips) {
    const Bench::Person smith{"Smith", "London", 1934};
    corbel::cdr::Writer person;
    corbel::cdr::encode(person, smith);
    std::vector<Case> cases;
    cases.push_back({"null call", Bench::null_op_id, corbel::cdr::ByteBuffer()});
    cases.push_back({"Person echo", Bench::echo_id, person.take()});

    std::printf("medians and 99th percentiles in microseconds; x raw and x ONC: corbel's median over theirs\n");
    std::printf("%-12s %-10s %7s | %7s %7s %7s | %7s %7s %7s | %6s %6s\n", "call", "cpus", "bytes", "raw", "corbel",
                "ONC", "raw", "corbel", "ONC", "x raw", "x ONC");
    std::printf("%-12s %-10s %7s | %23s | %23s |\n", "", "", "", "median", "p99");
    std::vector<PollingRow> polling_rows;
    std::vector<SplitRow> split_rows;
    std::vector<ServerPollingRow> server_polling_rows;
    for (const auto& [server_cpu, client_cpu, label] :
         std::vector<std::tuple<int, int, const char*>>{{0, 1, "different"}, {0, 0, "same"}}) {
        for (const Case& c : cases) {
            const CaseRun r = run_case(c, smith, server_cpu, client_cpu, round_trips);
            std::printf("%-12s %-10s %3zu/%-3zu | %7.1f %7.1f %7.1f | %7.1f %7.1f %7.1f | %6.2f %6.2f\n", c.name, label,
                        r.request_size, r.reply_size, r.raw.median_us, r.corbel.median_us, r.onc.median_us,
                        r.raw.p99_us, r.corbel.p99_us, r.onc.p99_us, r.corbel.median_us / r.raw.median_us,
                        r.corbel.median_us / r.onc.median_us);
            polling_rows.push_back({c.name, label, r.raw_polling, r.raw, r.corbel, r.corbel_spinning, r.spun_share});
            server_polling_rows.push_back({c.name, label, r.raw, r.corbel, r.corbel_server_spinning, r.server_cpu_us,
                                           r.spinning_server_cpu_us, r.requests_polled_share});
            if (r.client_side && r.server_side) split_rows.push_back({c.name, r.raw, r.corbel, *r.client_side, *r.server_side});
        }
    }
    print_split(split_rows);
    print_polling(polling_rows);
    print_server_polling(server_polling_rows);
}

// The CPU time (user and system) of every thread of this process so far.
std::chrono::microseconds process_cpu_time() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    auto micros = [](const timeval& t) { return std::chrono::seconds(t.tv_sec) + std::chrono::microseconds(t.tv_usec); };
    return micros(usage.ru_utime) + micros(usage.ru_stime);
}

struct Rate {
    double calls_per_second = 0;
    double cpu_us_per_call = 0;  // clients and server together: on 2 CPUs they compete

    Rate& operator+=(const Rate& other) {
        calls_per_second += other.calls_per_second;
        cpu_us_per_call += other.cpu_us_per_call;
        return *this;
    }
    Rate& operator/=(double n) {
        calls_per_second /= n;
        cpu_us_per_call /= n;
        return *this;
    }
};

// Calls per second from `clients` threads named `name` (for perf and top) for `duration`.
Rate rate(const char* name, int clients, std::chrono::milliseconds duration,
          const std::function<std::function<void()>()>& make_caller) {
    std::atomic<bool> go{false}, stop{false};
    std::atomic<std::uint64_t> total{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&] {
            pthread_setname_np(pthread_self(), name);
            auto call = make_caller();
            while (!go) std::this_thread::yield();
            std::uint64_t n = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                call();
                ++n;
            }
            total += n;
        });
    }
    const auto cpu_before = process_cpu_time();
    go = true;
    std::this_thread::sleep_for(duration);
    stop = true;
    for (auto& t : threads) t.join();
    const auto cpu = process_cpu_time() - cpu_before;
    const double calls = static_cast<double>(total);
    return {calls / std::chrono::duration<double>(duration).count(), static_cast<double>(cpu.count()) / calls};
}

// Keeps `window` asynchronous calls in flight from one client: each reply's handler starts
// the next call until told to stop. Handlers run on the client's loop thread.
class AsyncPump {
public:
    AsyncPump(Client& client, const RemoteObjectRef& ref) : client_(client), ref_(ref) {}

    Rate run(int window, std::chrono::milliseconds duration) {
        const auto cpu_before = process_cpu_time();
        for (int i = 0; i < window; ++i) start_one();
        std::this_thread::sleep_for(duration);
        stopping_ = true;
        const std::uint64_t calls = replied_.load();
        const auto cpu = process_cpu_time() - cpu_before;
        // The calls still in flight end within a round trip; their handlers refer to this pump.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (in_flight_.load() > 0) {
            if (std::chrono::steady_clock::now() > give_up) throw std::runtime_error("asynchronous calls never ended");
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        if (failed_.load() > 0) throw std::runtime_error("asynchronous calls failed");
        return {static_cast<double>(calls) / std::chrono::duration<double>(duration).count(),
                static_cast<double>(cpu.count()) / static_cast<double>(calls)};
    }

private:
    void start_one() {
        ++in_flight_;
        client_.call_async(ref_, Bench::null_op_id, corbel::cdr::ByteView(), client_.defaults(),
                           [this](std::optional<Reply>, std::exception_ptr error) {
                               ++(error ? failed_ : replied_);
                               if (!stopping_.load()) start_one();
                               --in_flight_;
                           });
    }

    Client& client_;
    const RemoteObjectRef& ref_;
    std::atomic<bool> stopping_{false};
    std::atomic<std::uint64_t> replied_{0}, failed_{0};
    std::atomic<int> in_flight_{0};
};

void throughput(int round_trips) {
    constexpr int clients = 4;
    constexpr int slices = 4;  // alternating, so that drift in the machine's load hits both alike
    // 500 ms for a real run; a short smoke run gets short slices.
    const auto slice = std::chrono::milliseconds(std::clamp(round_trips / 60, 50, 500));
    Server one_thread(bench_server(1));
    Server two_threads(bench_server(2));
    ServerConfig spinning_server_config = bench_server(1);
    spinning_server_config.spin = bench_spin;
    Server one_spinning_thread(spinning_server_config);
    const RemoteObjectRef one_ref = one_thread.add(std::make_shared<Bench::EchoServant>());
    const RemoteObjectRef two_ref = two_threads.add(std::make_shared<Bench::EchoServant>());
    const RemoteObjectRef spinning_server_ref = one_spinning_thread.add(std::make_shared<Bench::EchoServant>());
    one_thread.start();
    two_threads.start();
    one_spinning_thread.start();
    const auto [request_size, reply_size] = datagram_sizes(one_ref, Bench::null_op_id, {}, {});
    std::atomic<bool> stop{false};
    const int raw_fd = bench::bound_socket();
    std::thread raw_thread([&, size = reply_size] {
        pthread_setname_np(pthread_self(), "raw-echo");
        bench::raw_echo_server(raw_fd, size, stop);
    });

    auto client = std::make_shared<Client>(bench_client());
    ClientConfig spinning_config = bench_client();
    spinning_config.defaults.spin = bench_spin;
    auto spinning_client = std::make_shared<Client>(spinning_config);
    auto calls_to = [](const std::shared_ptr<Client>& through, const RemoteObjectRef& ref) {
        return [through, &ref] {
            return std::function<void()>([through, &ref] { through->call(ref, Bench::null_op_id, corbel::cdr::ByteView()); });
        };
    };
    auto raw_calls = [&, size = request_size](bool polling) {
        return [&, size, polling] {
            auto raw_client = std::make_shared<bench::RawClient>(bench::port_of(raw_fd), size);
            return std::function<void()>([raw_client, polling] {
                polling ? raw_client->polling_round_trip(bench_spin) : raw_client->round_trip();
            });
        };
    };
    constexpr int async_window = 32;
    Rate raw, raw_polling, one, two, one_spinning, server_spinning, pipelined;
    for (int i = 0; i < slices; ++i) {
        pipelined += AsyncPump(*client, one_ref).run(async_window, slice);
        raw += rate("raw-client", clients, slice, raw_calls(false));
        one += rate("corbel-client-1", clients, slice, calls_to(client, one_ref));
        two += rate("corbel-client-2", clients, slice, calls_to(client, two_ref));
        server_spinning += rate("corbel-client-s", clients, slice, calls_to(client, spinning_server_ref));
        raw_polling += rate("raw-poll-client", clients, slice, raw_calls(true));
        one_spinning += rate("corbel-spin-1", clients, slice, calls_to(spinning_client, one_ref));
    }
    for (Rate* r : {&raw, &raw_polling, &one, &two, &one_spinning, &server_spinning, &pipelined}) *r /= slices;
    stop = true;
    raw_thread.join();
    ::close(raw_fd);
    std::printf("\n%d client threads, null calls, unpinned, %d alternating slices of %lld ms each:\n", clients, slices,
                static_cast<long long>(slice.count()));
    std::printf("  (CPU: this process's user and system time per call, clients and server together; the polling\n"
                "  thread looks for the next request for up to %lld us before it sleeps, ServerConfig::spin)\n",
                static_cast<long long>(bench_spin.count()));
    std::printf("  raw single-threaded echo server:  %9.0f round trips/s         CPU %5.2f us\n", raw.calls_per_second,
                raw.cpu_us_per_call);
    for (const auto& [label, r] : {std::pair{"1 serving thread: ", one}, std::pair{"2 serving threads:", two},
                                   std::pair{"1 polling thread: ", server_spinning}}) {
        std::printf("  corbel server, %s %9.0f calls/s  (%.2fx)  CPU %5.2f us (%.2fx)\n", label, r.calls_per_second,
                    r.calls_per_second / raw.calls_per_second, r.cpu_us_per_call, r.cpu_us_per_call / raw.cpu_us_per_call);
    }
    std::printf("  clients polling %lld us before they sleep (raw: polling the same way; x: over the blocking raw, over raw+poll):\n",
                static_cast<long long>(bench_spin.count()));
    std::printf("  raw echo server, polling clients:  %9.0f round trips/s         CPU %5.2f us\n",
                raw_polling.calls_per_second, raw_polling.cpu_us_per_call);
    std::printf("  corbel server, 1 serving thread:  %9.0f calls/s  (%.2fx, %.2fx)  CPU %5.2f us (%.2fx, %.2fx)\n",
                one_spinning.calls_per_second, one_spinning.calls_per_second / raw.calls_per_second,
                one_spinning.calls_per_second / raw_polling.calls_per_second, one_spinning.cpu_us_per_call,
                one_spinning.cpu_us_per_call / raw.cpu_us_per_call,
                one_spinning.cpu_us_per_call / raw_polling.cpu_us_per_call);
    std::printf("  one client, %d asynchronous calls in flight, 1 serving thread: %9.0f calls/s  (%.2fx)  CPU %5.2f us (%.2fx)\n",
                async_window, pipelined.calls_per_second, pipelined.calls_per_second / raw.calls_per_second,
                pipelined.cpu_us_per_call, pipelined.cpu_us_per_call / raw.cpu_us_per_call);
    const ClientCounters spun = spinning_client->counters();
    std::printf("  corbel calls that polled: %.0f%%, polls that missed or lost their CPU: %.0f%%\n",
                100.0 * share(spun.spins, spun.calls_started), 100.0 * share(spun.spins_missed, spun.spins));
    for (const auto& [label, server] : {std::pair{"1", &one_thread}, std::pair{"2", &two_threads}}) {
        const ServerCounters counters = server->counters();
        std::printf("  retransmissions seen by the server with %s: %llu history hits, %llu duplicates in progress\n",
                    label, static_cast<unsigned long long>(counters.history_hits),
                    static_cast<unsigned long long>(counters.duplicates_in_progress));
    }
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc >= 2 && std::string(argv[1]) == "--serve") {
            Server server(bench_server());
            std::cout << server.add(std::make_shared<Bench::EchoServant>()).to_string() << std::endl;
            server.run();
            return 0;
        }
        if (argc >= 4 && std::string(argv[1]) == "--call") {
            const RemoteObjectRef ref = RemoteObjectRef::parse(argv[2]);
            const long n = std::strtol(argv[3], nullptr, 10);
            auto client = std::make_shared<Client>(bench_client());
            if (argc >= 5 && std::string(argv[4]) == "echo") {
                const Bench::EchoServiceProxy proxy(client, ref);
                const Bench::Person smith{"Smith", "London", 1934};
                for (long i = 0; i < n; ++i) proxy.echo(smith);
            } else {
                for (long i = 0; i < n; ++i) client->call(ref, Bench::null_op_id, corbel::cdr::ByteView());
            }
            const ClientCounters c = client->counters();
            std::printf("%ld calls, %llu requests sent, %llu retransmissions\n", n,
                        static_cast<unsigned long long>(c.requests_sent),
                        static_cast<unsigned long long>(c.retransmissions));
            return 0;
        }
        const bool throughput_only = argc >= 2 && std::string(argv[1]) == "--throughput";
        const int first_number = throughput_only ? 2 : 1;
        const int round_trips = argc > first_number ? std::max(1000, std::atoi(argv[first_number])) : 20000;
        if (!throughput_only) {
            std::printf("corbel round trips on 127.0.0.1, %d per measurement, against a raw UDP ping-pong of the same sizes\n\n",
                        round_trips);
            latency(round_trips);
        }
        throughput(round_trips);
    } catch (const std::exception& e) {
        std::cerr << "corbel_round_trip_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
