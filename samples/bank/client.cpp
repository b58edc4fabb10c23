// bank-client REF COMMAND...: calls the account that REF (bank-server's first line) names.
// Commands, run in order: `deposit N`, `withdraw N`, `balance`. A refused withdrawal is
// reported and the next command runs; a failure of the call itself (timeout, unknown
// object, ...) stops the client with exit status 2.
#include "bank.rpc.hpp"

#include <corbel/runtime/exceptions.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace {

constexpr const char* usage = "usage: bank-client REF [deposit N | withdraw N | balance]...\n";

bool parse_amount(const char* text, long long& amount) {
    char* end = nullptr;
    amount = std::strtoll(text, &end, 10);
    return end != text && *end == '\0';
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fputs(usage, stderr);
        return 1;
    }
    try {
        const auto reference = corbel::runtime::RemoteObjectRef::parse(argv[1]);
        corbel::runtime::ClientConfig config;
        if (reference.endpoint.address >> 24 == 127) config.bind_address = "127.0.0.1";  // stay on loopback
        const Bank::AccountProxy account(std::make_shared<corbel::runtime::Client>(config), reference);
        for (int i = 2; i < argc; ++i) {
            const std::string command = argv[i];
            long long amount = 0;
            if (command == "balance") {
                std::printf("balance: %lld\n", static_cast<long long>(account.balance()));
                continue;
            }
            if ((command != "deposit" && command != "withdraw") || i + 1 >= argc || !parse_amount(argv[i + 1], amount)) {
                std::fputs(usage, stderr);
                return 1;
            }
            ++i;
            try {
                const std::int64_t balance = command == "deposit" ? account.deposit(amount) : account.withdraw(amount);
                std::printf("%s %lld: balance %lld\n", command.c_str(), amount, static_cast<long long>(balance));
            } catch (const Bank::InsufficientFunds& e) {
                std::printf("%s %lld: refused: InsufficientFunds (balance %lld, requested %lld)\n", command.c_str(),
                            amount, static_cast<long long>(e.balance), static_cast<long long>(e.requested));
            }
        }
        return 0;
    } catch (const corbel::runtime::BadReference& e) {
        std::fprintf(stderr, "bank-client: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bank-client: the call failed: %s\n", e.what());
        return 2;
    }
}
