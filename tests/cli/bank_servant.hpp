// A hand-written servant of Bank::Account (idl/bank.idl), marshalling with the CDR library
// directly, the way a generated skeleton does, so that `corbel call` is checked against code
// that does not share the tool's dynamic codec.
#pragma once

#include <corbel/cdr.hpp>
#include <corbel/method_id.hpp>
#include <corbel/runtime/servant.hpp>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

namespace cli_test {

class BankAccount : public corbel::runtime::Servant {
public:
    const char* repository_id() const noexcept override { return "IDL:Bank/Account:1.0"; }

    corbel::runtime::DispatchStatus dispatch(corbel::MethodId method, corbel::cdr::Reader& in,
                                             corbel::cdr::Writer& out,
                                             const corbel::runtime::CallContext&) override {
        using corbel::method_id;
        using corbel::runtime::DispatchStatus;
        std::lock_guard<std::mutex> lock(mutex_);
        ++audit_count_;
        if (method == method_id("_get_balance")) {
            out.write(balance_);
        } else if (method == method_id("_get_owner")) {
            out.write_string(owner_);
        } else if (method == method_id("_set_owner")) {
            owner_ = in.read_string();
        } else if (method == method_id("audit_count")) {
            out.write(audit_count_);
        } else if (method == method_id("deposit")) {
            balance_ += in.read<double>();
            transfers_.push_back({"deposit", 0});
            out.write(balance_);
        } else if (method == method_id("withdraw")) {
            const double amount = in.read<double>();
            if (amount > balance_) {
                out.write_string("IDL:Bank/InsufficientFunds:1.0");
                out.write(balance_);
                out.write(amount);
                return DispatchStatus::user_exception;
            }
            balance_ -= amount;
            out.write(balance_);
        } else if (method == method_id("history")) {
            const auto limit = in.read<std::uint32_t>();
            auto cursor = in.read<std::int32_t>();
            std::vector<std::pair<std::string, std::uint64_t>> page;
            for (; cursor >= 0 && static_cast<std::size_t>(cursor) < transfers_.size() && page.size() < limit; ++cursor) {
                page.push_back(transfers_[static_cast<std::size_t>(cursor)]);
            }
            out.write_length(page.size());
            for (const auto& [memo, cents] : page) {
                out.write_string(memo);
                out.write(cents);
            }
            out.write(cursor);
        } else if (method == method_id("note")) {
            notes_.push_back(in.read_string());
            notes_seen_.store(notes_.size());
        } else {
            return DispatchStatus::unknown_operation;
        }
        return DispatchStatus::ok;
    }

    std::size_t notes_seen() const { return notes_seen_.load(); }
    std::string last_note() {
        std::lock_guard<std::mutex> lock(mutex_);
        return notes_.empty() ? "" : notes_.back();
    }

private:
    std::mutex mutex_;
    double balance_ = 100.0;
    std::string owner_ = "nobody";
    std::uint32_t audit_count_ = 0;
    std::vector<std::pair<std::string, std::uint64_t>> transfers_{{"opening", 10000}};
    std::vector<std::string> notes_;
    std::atomic<std::size_t> notes_seen_{0};
};

}  // namespace cli_test
