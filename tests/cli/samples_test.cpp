// `corbel call`, ping and stats against the samples' own servers (samples/bank and
// samples/echo, built from generated skeletons), each run as a process on 127.0.0.1.
#include "child_process.hpp"
#include "json_output.hpp"
#include "process.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using cli_test::run_corbel;
using nlohmann::json;

TEST_CASE("the bank sample's server: deposit, the balance attribute, and a refused withdrawal") {
    corbel_test::ChildServer server({BANK_SERVER});
    const std::string ref = server.first_line();
    REQUIRE(ref.rfind("corbel://127.0.0.1:", 0) == 0);
    const std::string idl = BANK_IDL;

    auto deposit = run_corbel({"call", "--idl", idl, ref, "deposit", R"({"amount": 100})"});
    CHECK(deposit.status == 0);
    CHECK(cli_test::json_output(deposit) == json::parse(R"({"_return": 100})"));

    auto refused = run_corbel({"call", "--idl", idl, ref, "withdraw", R"({"amount": 9007199254740993})"});
    CHECK(refused.status == 1);
    CHECK(cli_test::json_output(refused) == json::parse(R"({"exception": "Bank::InsufficientFunds",
        "repository_id": "IDL:Bank/InsufficientFunds:1.0",
        "members": {"balance": 100, "requested": 9007199254740993}})"));

    auto balance = run_corbel({"call", "--idl", idl, ref, "_get_balance", "--compact"});
    CHECK(balance.out == "{\"_return\":100}\n");

    // the servant refuses a negative deposit with a plain C++ exception: an internal error reply
    auto negative = run_corbel({"call", "--idl", idl, ref, "deposit", R"({"amount": -1})"});
    CHECK(negative.status == 1);
    CHECK(negative.err.rfind("corbel: the call failed: ", 0) == 0);
    CHECK(negative.err.find("a deposit must be positive") != std::string::npos);
    // and one that would overflow the balance, without changing it
    auto overflow = run_corbel({"call", "--idl", idl, ref, "deposit", R"({"amount": 9223372036854775807})"});
    CHECK(overflow.status == 1);
    CHECK(overflow.err.find("the balance would exceed what a long long holds") != std::string::npos);

    auto ping = run_corbel({"ping", ref, "--count", "10", "--json"});
    CHECK(ping.status == 0);
    CHECK(cli_test::json_output(ping)["replies"] == 10);
    auto stats = run_corbel({"stats", ref, "--compact"});
    CHECK(stats.status == 0);
    CHECK(cli_test::json_output(stats).is_object());

    CHECK(server.stop() == 0);
}

TEST_CASE("the echo sample's server: an interface outside any module") {
    corbel_test::ChildServer server({ECHO_SERVER});
    const std::string ref = server.first_line();
    REQUIRE(ref.rfind("corbel://127.0.0.1:", 0) == 0);
    auto echo = run_corbel({"call", "--idl", ECHO_IDL, ref, "send", R"({"message": "hello, Grüße"})"});
    CHECK(echo.status == 0);
    CHECK(cli_test::json_output(echo) == json::parse(R"({"_return": "hello, Grüße"})"));
    CHECK(server.stop() == 0);
}
