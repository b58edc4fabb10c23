// bank-server [--port N]: serves one Bank::Account on 127.0.0.1. The first line of standard
// output is the account's stringified reference, for bank-client; SIGINT or SIGTERM stops it.
#include "bank.rpc.hpp"
#include "serve_until_signal.hpp"

#include <cstdio>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace {

class Account : public Bank::AccountSkeleton {
public:
    std::int64_t deposit(std::int64_t amount) override {
        if (amount <= 0) throw std::invalid_argument("a deposit must be positive");
        std::lock_guard lock(mutex_);
        if (amount > std::numeric_limits<std::int64_t>::max() - balance_) {
            throw std::overflow_error("the balance would exceed what a long long holds");
        }
        balance_ += amount;
        return balance_;
    }

    std::int64_t withdraw(std::int64_t amount) override {
        if (amount <= 0) throw std::invalid_argument("a withdrawal must be positive");
        std::lock_guard lock(mutex_);
        if (amount > balance_) {
            Bank::InsufficientFunds refused;
            refused.balance = balance_;
            refused.requested = amount;
            throw refused;
        }
        balance_ -= amount;
        return balance_;
    }

    std::int64_t balance() override {
        std::lock_guard lock(mutex_);
        return balance_;
    }

private:
    std::mutex mutex_;
    std::int64_t balance_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    corbel_samples::block_stop_signals();
    try {
        corbel::runtime::ServerConfig config;
        config.address = "127.0.0.1";
        config.port = corbel_samples::port_from_arguments(argc, argv, "bank-server");
        corbel::runtime::Server server(config);
        const corbel::runtime::RemoteObjectRef reference = server.add(std::make_shared<Account>());
        std::printf("%s\n", reference.to_string().c_str());
        std::fflush(stdout);
        corbel_samples::serve_until_signal(server);
        std::fprintf(stderr, "bank-server: stopped\n");
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bank-server: %s\n", e.what());
        return 1;
    }
}
