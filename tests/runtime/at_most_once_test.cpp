// At-most-once under faults: 10,000 calls of a non-idempotent operation (deposit 1, return
// the new balance) with 30% loss, 10% duplication and 10% reordering of the client's
// datagrams in both directions (requests out, replies in). Every call returns, every
// returned balance is distinct, and the server executed exactly one deposit per call. The
// same run marked idempotent shows the re-executions in the counters.
#include "account.hpp"
#include "account_impl.hpp"
#include "loopback.hpp"

#include <corbel/runtime/client.hpp>
#include <corbel/runtime/server.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

using namespace corbel::runtime;
using namespace std::chrono_literals;

namespace {

constexpr int calls = 10000;
constexpr int threads = 16;

struct Run {
    std::vector<std::int32_t> values;
    std::uint64_t executions = 0;
    ClientCounters client;
    ServerCounters server;
};

Run run(bool idempotent) {
    auto account = std::make_shared<corbel_test::AccountImpl>();
    Server server(corbel_test::loopback_server());
    const RemoteObjectRef ref = server.add(account);
    server.start();
    ClientConfig config = corbel_test::loopback_client(false);
    config.faults = FaultConfig::parse("loss=0.3,dup=0.1,reorder=0.1,seed=7");
    config.defaults.deadline = 30s;  // far beyond what 30% loss needs; a lost call would show as a failure
    auto client = std::make_shared<Client>(config);
    Bank::AccountProxy proxy(client, ref);
    proxy.policy().idempotent = idempotent;

    Run result;
    std::mutex mutex;
    std::vector<std::thread> workers;
    const auto start = std::chrono::steady_clock::now();
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            std::vector<std::int32_t> mine;
            for (int i = 0; i < calls / threads; ++i) mine.push_back(proxy.deposit(1));
            std::lock_guard lock(mutex);
            result.values.insert(result.values.end(), mine.begin(), mine.end());
        });
    }
    for (auto& w : workers) w.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.executions = account->executions;
    result.client = client->counters();
    result.server = server.counters();
    std::printf("at-most-once %s: %d calls in %.2f s; client %s; server %s\n",
                idempotent ? "(idempotent)" : "(non-idempotent)", calls, seconds, result.client.to_json().c_str(),
                result.server.to_json().c_str());
    return result;
}

}  // namespace

TEST_CASE("a non-idempotent operation executes exactly once per call under loss, duplication and reordering") {
    Run r = run(false);
    REQUIRE(r.values.size() == calls);
    std::sort(r.values.begin(), r.values.end());
    CHECK(std::adjacent_find(r.values.begin(), r.values.end()) == r.values.end());  // all distinct
    CHECK(r.values.front() == 1);
    CHECK(r.values.back() == calls);
    CHECK(r.executions == calls);
    CHECK(r.server.requests_executed == calls);
    CHECK(r.client.retransmissions > 0);  // the faults were really there
    CHECK(r.server.history_hits > 0);     // lost replies were re-sent from the history
    CHECK(r.client.timeouts == 0);
}

TEST_CASE("the same operation marked idempotent is re-executed, and the counters show it") {
    const Run r = run(true);
    REQUIRE(r.values.size() == calls);
    CHECK(r.executions > calls);
    CHECK(r.server.requests_executed == r.executions);
    CHECK(r.server.history_hits == 0);
    CHECK(r.server.history_entries == 0);
}
