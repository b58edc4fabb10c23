// Client and server in separate processes: the server is a child process started here and
// killed by its PID; a restart on the same port makes old references stale.
#include "account.hpp"
#include "child_process.hpp"
#include "loopback.hpp"

#include <corbel/runtime/client.hpp>
#include <corbel/runtime/exceptions.hpp>

#include <doctest/doctest.h>

#include <chrono>

using namespace corbel::runtime;
using namespace std::chrono_literals;

namespace {
const std::string server_program = CORBEL_TEST_SERVER;
}

TEST_CASE("a client talks to a server in another process, which is then killed and restarted") {
    auto client = std::make_shared<Client>(corbel_test::loopback_client());
    corbel_test::ChildServer first({server_program});
    const RemoteObjectRef ref = RemoteObjectRef::parse(first.first_line());
    Bank::AccountProxy account(client, ref);
    CHECK(account.deposit(10) == 10);
    CHECK(account.deposit(5) == 15);
    CHECK_THROWS_AS(account.withdraw(100), Bank::InsufficientFunds);
    std::uint32_t incarnation = 0;
    client->ping(ref.endpoint, &incarnation);
    CHECK(incarnation == ref.incarnation);

    first.kill();
    CallOptions quick;
    quick.deadline = 150ms;
    CHECK_THROWS_AS(account.balance(quick), TimeoutError);

    // Restarted at once on the same port, within the same second: the server itself makes
    // sure its incarnation is new.
    corbel_test::ChildServer second({server_program, "--port", std::to_string(ref.endpoint.port), "--workers", "2"});
    const RemoteObjectRef fresh = RemoteObjectRef::parse(second.first_line());
    CHECK(fresh.endpoint == ref.endpoint);
    CHECK(fresh.incarnation != ref.incarnation);
    CHECK_THROWS_AS(account.balance(), StaleReference);
    Bank::AccountProxy renewed(client, fresh);
    CHECK(renewed.deposit(7) == 7);
}
