// The real `corbel` executable, run as a process: encode and decode, describe and ref, and
// call, ping and stats against a real server on 127.0.0.1 (in this test process, on a port
// the system chose). Also each kind of bad input, with its message and exit status.
#include "bank_servant.hpp"
#include "json_output.hpp"
#include "process.hpp"

#include <corbel/runtime/object_ref.hpp>
#include <corbel/runtime/server.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using cli_test::run_corbel;
using nlohmann::json;

namespace {

const std::string everything_idl = CORBEL_CLI_TEST_IDL_DIR "/everything.idl";
const std::string bank_idl = CORBEL_CLI_TEST_IDL_DIR "/bank.idl";

// A server with one Bank::Account, serving on its own thread for the life of the fixture.
struct BankServer {
    std::shared_ptr<cli_test::BankAccount> account = std::make_shared<cli_test::BankAccount>();
    corbel::runtime::Server server;
    std::string ref;
    BankServer() {
        ref = server.add(account).to_string();
        server.start();
    }
    ~BankServer() { server.stop(); }
    std::string endpoint() const { return server.endpoint().to_string(); }
};

}  // namespace

TEST_CASE("cdr encode prints lowercase hex; decode of it prints the same JSON") {
    const std::string smith = R"({"name":"Smith","place":"London","year":1934})";
    auto encoded = run_corbel({"cdr", "encode", "--idl", everything_idl, "--type", "Test::Person", smith});
    CHECK(encoded.status == 0);
    CHECK(encoded.out == "00000006536d697468000000000000074c6f6e646f6e00000000078e\n");
    auto decoded = run_corbel({"cdr", "decode", "--idl", everything_idl, "--type", "::Test::Person", "--compact",
                               "00000006 536d6974 68000000\n00000007 4c6f6e64 6f6e0000 0000078e"});
    CHECK(decoded.status == 0);
    CHECK(decoded.out == smith + "\n");

    auto textbook_le = run_corbel({"cdr", "encode", "--idl", everything_idl, "--type", "Test::Person",
                                   "--little-endian", "--textbook-strings", smith});
    CHECK(textbook_le.out == "05000000536d697468000000060000004c6f6e646f6e00008e070000\n");
    auto back = run_corbel({"cdr", "decode", "--idl", everything_idl, "--type", "Test::Person", "--little-endian",
                            "--textbook-strings", "--compact", "-"},
                           textbook_le.out);
    CHECK(back.out == smith + "\n");

    // an encapsulation: the byte-order octet, then the value aligned from it
    auto encapsulated = run_corbel({"cdr", "encode", "--idl", everything_idl, "--type", "long", "--little-endian",
                                    "--encapsulation", "--", "-2"});
    CHECK(encapsulated.out == "01000000feffffff\n");
    auto from_capsule = run_corbel({"cdr", "decode", "--idl", everything_idl, "--type", "long", "--encapsulation",
                                    "01000000feffffff"});
    CHECK(from_capsule.out == "-2\n");
}

TEST_CASE("help is printed on request, and exits 0") {
    for (const auto& args : {std::vector<std::string>{"help"}, {"--help"}, {"cdr", "encode", "--help"}}) {
        const auto result = run_corbel(args);
        CHECK(result.status == 0);
        CHECK(result.out.rfind("usage: corbel COMMAND", 0) == 0);
    }
}

TEST_CASE("the version is printed on request, and exits 0") {
    for (const auto& args : {std::vector<std::string>{"version"}, {"--version"}}) {
        const auto result = run_corbel(args);
        CHECK(result.status == 0);
        CHECK(result.out == "corbel " CORBEL_EXPECTED_VERSION "\n");
    }
}

TEST_CASE("describe and ref print what they read") {
    auto described = run_corbel({"describe", "--idl", bank_idl, "Bank::Account"});
    CHECK(described.status == 0);
    CHECK(described.out.find("interface Bank::Account : Bank::Audited {  // IDL:Bank/Account:1.0") != std::string::npos);
    CHECK(described.out.find("double withdraw(in double amount) raises (Bank::InsufficientFunds);") != std::string::npos);
    CHECK(described.out.find("unsigned long audit_count();  // 0x") != std::string::npos);
    CHECK(described.out.find("from Bank::Audited") != std::string::npos);
    CHECK(described.out.find("attribute string owner;  // _get_owner 0x") != std::string::npos);

    auto ref = run_corbel({"ref", "corbel://127.0.0.1:7000/1732190000/3#IDL:Bank/Account:1.0"});
    CHECK(ref.status == 0);
    const json fields = cli_test::json_output(ref);
    CHECK(fields["address"] == "127.0.0.1");
    CHECK(fields["port"] == 7000);
    CHECK(fields["incarnation"] == 1732190000u);
    CHECK(fields["incarnation_utc"] == "2024-11-21T11:53:20Z");
    CHECK(fields["object_number"] == 3);
    CHECK(fields["repository_id"] == "IDL:Bank/Account:1.0");
}

TEST_CASE("call: operations, attributes, out and inout parameters, and an exception reply") {
    BankServer bank;
    auto deposit = run_corbel({"call", "--idl", bank_idl, bank.ref, "deposit", R"({"amount": 50})"});
    CHECK(deposit.status == 0);
    CHECK(cli_test::json_output(deposit) == json::parse(R"({"_return": 150.0})"));

    auto refused = run_corbel({"call", "--idl", bank_idl, bank.ref, "withdraw", R"({"amount": 1000.5})"});
    CHECK(refused.status == 1);
    CHECK(cli_test::json_output(refused) == json::parse(R"({"exception": "Bank::InsufficientFunds",
        "repository_id": "IDL:Bank/InsufficientFunds:1.0", "members": {"balance": 150.0, "requested": 1000.5}})"));

    auto balance = run_corbel({"call", "--idl", bank_idl, bank.ref, "_get_balance"});
    CHECK(cli_test::json_output(balance) == json::parse(R"({"_return": 150.0})"));

    CHECK(run_corbel({"call", "--idl", bank_idl, bank.ref, "_set_owner", R"({"value": "Ann"})"}).out == "{}\n");
    CHECK(cli_test::json_output(run_corbel({"call", "--idl", bank_idl, bank.ref, "_get_owner", "--compact"})) ==
          json::parse(R"({"_return": "Ann"})"));

    auto history = run_corbel({"call", "--idl", bank_idl, bank.ref, "history", R"({"limit": 5, "cursor": 0})"});
    CHECK(history.status == 0);
    CHECK(cli_test::json_output(history) == json::parse(R"({"transfers": [{"memo": "opening", "cents": 10000},
        {"memo": "deposit", "cents": 0}], "cursor": 2})"));

    // inherited operation, and the idempotent/retransmission options
    auto audits = run_corbel({"call", "--idl", bank_idl, bank.ref, "audit_count", "--deadline", "2s",
                              "--initial-timeout", "50ms", "--idempotent", "--protocol", "rra"});
    CHECK(audits.status == 0);
    CHECK(cli_test::json_output(audits)["_return"].get<int>() >= 6);

    // oneway: nothing is printed; the servant gets it (waited for, at most 5 s)
    auto note = run_corbel({"call", "--idl", bank_idl, bank.ref, "note", R"({"text": "hello"})"});
    CHECK(note.status == 0);
    CHECK(note.out.empty());
    for (int i = 0; i < 500 && bank.account->notes_seen() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(bank.account->last_note() == "hello");
}

TEST_CASE("ping and stats against a running server") {
    BankServer bank;
    auto ping = run_corbel({"ping", bank.ref, "--count", "20", "--json"});
    CHECK(ping.status == 0);
    const json report = cli_test::json_output(ping);
    CHECK(report["sent"] == 20);
    CHECK(report["replies"] == 20);
    CHECK(report["lost"] == 0);
    CHECK(report["incarnation"] == bank.server.incarnation());
    CHECK(report["min_us"].get<double>() > 0);
    CHECK(report["min_us"].get<double>() <= report["median_us"].get<double>());
    CHECK(report["median_us"].get<double>() <= report["p99_us"].get<double>());
    MESSAGE("ping over loopback, 20 round trips: " << report.dump());

    CHECK(report["stale_reference"] == false);

    auto text = run_corbel({"ping", bank.endpoint(), "--count", "3"});
    CHECK(text.status == 0);
    CHECK(text.out.find("3 sent, 3 replies, 0 lost") != std::string::npos);
    CHECK(text.out.find("round trip (us): min ") != std::string::npos);
    CHECK(text.out.find("stale") == std::string::npos);
    std::string by_name = bank.endpoint();
    REQUIRE(by_name.rfind("127.0.0.1:", 0) == 0);
    by_name.replace(0, 9, "localhost");
    CHECK(run_corbel({"ping", by_name, "--count", "1"}).status == 0);

    // a reference to an earlier incarnation of this endpoint: the server answers, and ping says the reference is stale
    corbel::runtime::RemoteObjectRef earlier = corbel::runtime::RemoteObjectRef::parse(bank.ref);
    earlier.incarnation -= 1;
    auto stale = run_corbel({"ping", earlier.to_string(), "--count", "1"});
    CHECK(stale.status == 0);
    CHECK(stale.out.find("the reference names incarnation " + std::to_string(earlier.incarnation) + ": it is stale") !=
          std::string::npos);
    CHECK(cli_test::json_output(run_corbel({"ping", earlier.to_string(), "--count", "1", "--json"}))["stale_reference"] ==
          true);

    CHECK(report.at("polled") == 0);  // without --spin, every ping sleeps for its reply

    // A generous limit, so that a loopback round trip on a busy machine is still within it.
    auto polling = run_corbel({"ping", bank.ref, "--count", "20", "--spin", "20ms", "--json"});
    CHECK(polling.status == 0);
    const json polled = cli_test::json_output(polling);
    CHECK(polled["replies"] == 20);
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    REQUIRE(sched_getaffinity(0, sizeof cpus, &cpus) == 0);  // what the child inherits
    if (CPU_COUNT(&cpus) >= 2) {
        CHECK(polled.at("polled").get<int>() > 0);  // the first ping measures the round trip
    } else {
        CHECK(polled.at("polled") == 0);  // a process on one CPU never polls
    }
    CHECK(run_corbel({"ping", bank.ref, "--spin", "soon"}).status == 2);

    auto stats = run_corbel({"stats", bank.endpoint()});
    CHECK(stats.status == 0);
    const json counters = cli_test::json_output(stats);
    INFO(stats.out);
    CHECK(counters.is_object());
    CHECK(counters["requests_received"].get<int>() >= 43);
    // the server keeps no reply of its built-ins (ping, stats) in its history
    CHECK(counters["history_entries"] == 0);
}

TEST_CASE("call retransmits through lost replies, and the server executes each call once") {
    BankServer bank;
    // the corbel process drops half the datagrams it receives (its fault injector, seeded so
    // that every run makes the same decisions); each call must still complete
    for (int seed = 1; seed <= 6; ++seed) {
        CAPTURE(seed);
        auto deposit = run_corbel({"call", "--idl", bank_idl, bank.ref, "deposit", R"({"amount": 1})", "--initial-timeout",
                                   "20ms", "--min-timeout", "10ms", "--deadline", "10s"},
                                  "", 30000, {"CORBEL_FAULTS=loss=0.5,direction=receive,seed=" + std::to_string(seed)});
        CHECK(deposit.status == 0);
        CHECK(cli_test::json_output(deposit) == json{{"_return", 100.0 + seed}});
    }
    const json counters = cli_test::json_output(run_corbel({"stats", bank.endpoint()}));
    INFO(counters.dump());
    CHECK(counters["history_hits"].get<int>() >= 1);  // some replies were lost and sent again
    CHECK(cli_test::json_output(run_corbel({"call", "--idl", bank_idl, bank.ref, "_get_balance"})) == json{{"_return", 106.0}});
}

TEST_CASE("a server that does not answer: the call times out with a message") {
    // a bound socket that never reads: requests go nowhere
    const int silent = socket(AF_INET, SOCK_DGRAM, 0);
    REQUIRE(silent >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(silent, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(getsockname(silent, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    const std::string port = std::to_string(ntohs(address.sin_port));

    auto call = run_corbel({"call", "--idl", bank_idl, "--deadline", "300ms",
                            "corbel://127.0.0.1:" + port + "/1/1#IDL:Bank/Account:1.0", "_get_balance"});
    CHECK(call.status == 1);
    CHECK(call.err.find("corbel: no reply:") == 0);
    auto ping = run_corbel({"ping", "127.0.0.1:" + port, "--count", "2", "--deadline", "100ms"});
    CHECK(ping.status == 1);
    CHECK(ping.err.find("no reply from 127.0.0.1:" + port + " to 2 pings, each given 100 ms") != std::string::npos);
    close(silent);

    // now nothing listens there: the network says so, and the commands say it at once
    auto refused = run_corbel({"ping", "127.0.0.1:" + port, "--deadline", "30s"});
    CHECK(refused.status == 1);
    CHECK(refused.err.find("nothing listens at that port") != std::string::npos);
    auto refused_call = run_corbel({"call", "--idl", bank_idl, "--deadline", "30s",
                                    "corbel://127.0.0.1:" + port + "/1/1#IDL:Bank/Account:1.0", "_get_balance"});
    CHECK(refused_call.status == 1);
    CHECK(refused_call.err.find("nothing listens at that port") != std::string::npos);
}

TEST_CASE("bad input: each with its message and exit status") {
    BankServer bank;
    struct Case {
        std::vector<std::string> args;
        int status;
        std::string message;  // the start of stderr
    };
    const std::string unknown_object_ref =
        "corbel://" + bank.endpoint() + "/" + std::to_string(bank.server.incarnation()) + "/99#IDL:Bank/Account:1.0";
    const Case cases[] = {
        {{}, 2, "corbel: no command given"},
        {{"frobnicate"}, 2, "corbel: unknown command 'frobnicate'"},
        {{"cdr", "encode", "--idl", everything_idl, "--type", "long", "--verbose", "1"}, 2, "corbel: unknown option --verbose"},
        {{"cdr", "encode", "--type", "long", "1"}, 2, "corbel: cdr encode needs --idl FILE"},
        {{"cdr", "encode", "--idl", everything_idl, "--type", "long"}, 2, "corbel: missing arguments: expected encode JSON or decode HEX"},
        {{"cdr", "encode", "--idl", everything_idl, "--type", "long", "--big-endian", "--little-endian", "1"}, 2,
         "corbel: --big-endian and --little-endian exclude each other"},
        {{"ping", bank.endpoint(), "--count", "0"}, 2, "corbel: --count expects a whole number from 1 to 1000000, got '0'"},
        {{"call", "--idl", bank_idl, "--deadline", "soon", bank.ref, "_get_balance"}, 2,
         "corbel: --deadline expects a duration such as 250ms or 2s, got 'soon'"},
        {{"call", "--idl", bank_idl, "--min-timeout", "10s", "--max-timeout", "1ms", bank.ref, "_get_balance"}, 2,
         "corbel: --min-timeout is longer than --max-timeout"},
        {{"cdr", "encode", "--idl", everything_idl, "--type", "Test::Person", "{\"name\": "}, 1,
         "corbel: bad JSON in the value: parse error at line 1, column 10"},
        {{"cdr", "encode", "--idl", everything_idl, "--type", "Test::Person",
          R"({"name": "Smith", "place": "London", "year": "1934"})"}, 1,
         "corbel: year: expected long, got string \"1934\""},
        {{"cdr", "encode", "--idl", everything_idl, "--type", "Test::Persona", "{}"}, 1,
         "corbel: unknown type 'Test::Persona' (types in "},
        {{"cdr", "decode", "--idl", everything_idl, "--type", "long", "0000000"}, 1, "corbel: bad hex: an odd number of hex digits"},
        {{"cdr", "decode", "--idl", everything_idl, "--type", "long", "0000000100"}, 1,
         "corbel: 1 bytes left over after the value (it ended at byte 4 of 5)"},
        {{"cdr", "decode", "--idl", everything_idl, "--type", "Test::Person", "00000006536d69"}, 1,
         "corbel: name: CDR length exceeds input"},
        {{"cdr", "encode", "--idl", "/nonexistent/x.idl", "--type", "long", "1"}, 1,
         "corbel: cannot read IDL file '/nonexistent/x.idl'"},
        {{"describe", "--idl", bank_idl, "Bank::Nothing"}, 1, "corbel: unknown name 'Bank::Nothing' in "},
        {{"cdr", "encode", "--idl", bank_idl, "--type", "Bank::Account", "{}"}, 1,
         "corbel: 'Bank::Account' is an interface, not a data type (types in "},
        {{"describe", "--idl", CORBEL_CLI_TEST_IDL_DIR "/broken.idl"}, 1,
         "corbel: errors in IDL file '" CORBEL_CLI_TEST_IDL_DIR "/broken.idl':\n" CORBEL_CLI_TEST_IDL_DIR "/broken.idl:3:"},
        {{"ref", "corbel://127.0.0.1:0/1/1#IDL:X:1.0"}, 1,
         "corbel: bad reference 'corbel://127.0.0.1:0/1/1#IDL:X:1.0': port 0 names no endpoint"},
        {{"ref", "http://example"}, 1, "corbel: bad reference 'http://example': it must start with corbel://"},
        {{"call", "--idl", bank_idl, "corbel://127.0.0.1:1/1/1", "deposit"}, 1, "corbel: bad reference"},
        {{"ping", "localhost"}, 1, "corbel: bad server 'localhost': expected a reference"},
        {{"call", "--idl", bank_idl, bank.ref, "close"}, 1,
         "corbel: interface Bank::Account has no operation 'close' (it has: audit_count, _get_balance, _get_owner, "
         "_set_owner, deposit, withdraw, history, note)"},
        {{"call", "--idl", bank_idl, bank.ref, "deposit", R"({"amount": "lots"})"}, 1,
         "corbel: amount: expected double"},
        {{"call", "--idl", bank_idl, bank.ref, "deposit", R"({"amuont": 1})"}, 1,
         "corbel: deposit has no parameter 'amuont' (in and inout parameters: amount)"},
        {{"call", "--idl", bank_idl, bank.ref, "deposit"}, 1, "corbel: missing parameter 'amount' of deposit"},
        {{"call", "--idl", bank_idl, bank.ref, "history", R"({"limit": 1, "cursor": 0, "transfers": []})"}, 1,
         "corbel: 'transfers' is an out parameter of history; do not give it"},
        {{"call", "--idl", bank_idl, "corbel://127.0.0.1:9/1/1#IDL:Bank/Vault:1.0", "open"}, 1,
         "corbel: the reference names interface IDL:Bank/Vault:1.0, which "},
        {{"call", "--idl", bank_idl, unknown_object_ref, "_get_balance"}, 1, "corbel: the call failed: "},
    };
    for (const auto& c : cases) {
        std::string line;
        for (const auto& arg : c.args) line += arg + " ";
        CAPTURE(line);
        const auto result = run_corbel(c.args);
        CAPTURE(result.err);
        CHECK_FALSE(result.timed_out);
        CHECK(result.status == c.status);
        CHECK(result.err.rfind(c.message, 0) == 0);
        CHECK(result.err.find("terminate called") == std::string::npos);
    }
}
