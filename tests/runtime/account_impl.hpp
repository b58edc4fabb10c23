// The tests' Account implementation: a balance behind a mutex, counting its executions.
#pragma once

#include "account.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace corbel_test {

class AccountImpl : public Bank::AccountSkeleton {
public:
    std::int32_t deposit(std::int32_t amount) override {
        if (amount < 0) throw std::invalid_argument("negative deposit");
        if (amount == slow_amount) {
            slow_started = true;
            for (int i = 0; i < 10000 && !release_slow; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        ++executions;
        std::lock_guard lock(mutex_);
        balance_ += amount;
        return balance_;
    }
    std::int32_t withdraw(std::int32_t amount) override {
        ++executions;
        std::lock_guard lock(mutex_);
        if (amount > balance_) throw Bank::InsufficientFunds(balance_, amount);
        balance_ -= amount;
        return balance_;
    }
    std::int32_t balance() override {
        std::lock_guard lock(mutex_);
        return balance_;
    }
    void note(const std::string& text) override {
        std::lock_guard lock(mutex_);
        notes.push_back(text);
    }
    std::vector<std::string> notes_seen() {
        std::lock_guard lock(mutex_);
        return notes;
    }

    // A deposit of this amount waits (at most 10 s) for release_slow, to show that a worker
    // pool keeps the other calls moving.
    static constexpr std::int32_t slow_amount = 999999;
    std::atomic<bool> slow_started{false};
    std::atomic<bool> release_slow{false};
    std::atomic<std::uint64_t> executions{0};

private:
    std::mutex mutex_;
    std::int32_t balance_ = 0;
    std::vector<std::string> notes;
};

// An account that calls `on_destroyed` from its destructor: when, and on which thread, a
// server lets go of a servant.
class WatchedAccount : public AccountImpl {
public:
    explicit WatchedAccount(std::function<void()> on_destroyed) : on_destroyed_(std::move(on_destroyed)) {}
    ~WatchedAccount() override { on_destroyed_(); }

private:
    std::function<void()> on_destroyed_;
};

}  // namespace corbel_test
