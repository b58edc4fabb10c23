// A hand-written servant and proxy in the exact shape corbel-idlc's generated code takes,
// so the runtime is tested on its own and the generator has a model to copy. The IDL:
//
//   module Bank {
//     exception InsufficientFunds { long balance; long requested; };
//     interface Account {
//       long deposit(in long amount);
//       long withdraw(in long amount) raises (InsufficientFunds);
//       readonly attribute long balance;
//       oneway void note(in string text);
//     };
//   };
#pragma once

#include <corbel/cdr.hpp>
#include <corbel/method_id.hpp>
#include <corbel/runtime/client.hpp>
#include <corbel/runtime/exceptions.hpp>
#include <corbel/runtime/servant.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace Bank {

// --- the user exception -------------------------------------------------------------------

struct InsufficientFunds : corbel::UserException {
    static constexpr const char* id = "IDL:Bank/InsufficientFunds:1.0";
    std::int32_t balance = 0;
    std::int32_t requested = 0;

    InsufficientFunds() : corbel::UserException(id) {}
    InsufficientFunds(std::int32_t balance_, std::int32_t requested_)
        : corbel::UserException(id), balance(balance_), requested(requested_) {}
    const char* repository_id() const noexcept override { return id; }
};

inline void encode_cdr(corbel::cdr::Writer& w, const InsufficientFunds& e) {
    corbel::cdr::encode(w, e.balance);
    corbel::cdr::encode(w, e.requested);
}
inline void decode_cdr(corbel::cdr::Reader& r, InsufficientFunds& e) {
    corbel::cdr::Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, e.balance);
    corbel::cdr::decode_member(r, e.requested);
}

// --- the operations' ids (corbel-idlc checks they do not collide) ------------------------

namespace Account_ids {
constexpr corbel::MethodId deposit = corbel::method_id("deposit");
constexpr corbel::MethodId withdraw = corbel::method_id("withdraw");
constexpr corbel::MethodId get_balance = corbel::method_id("_get_balance");
constexpr corbel::MethodId note = corbel::method_id("note");
}  // namespace Account_ids

// --- the skeleton: users derive from it and implement the operations ---------------------

class AccountSkeleton : public corbel::runtime::Servant {
public:
    static constexpr const char* id = "IDL:Bank/Account:1.0";

    virtual std::int32_t deposit(std::int32_t amount) = 0;
    virtual std::int32_t withdraw(std::int32_t amount) = 0;  // throws InsufficientFunds
    virtual std::int32_t balance() = 0;
    virtual void note(const std::string& text) = 0;

    const char* repository_id() const noexcept override { return id; }

    corbel::runtime::DispatchStatus dispatch(corbel::MethodId method, corbel::cdr::Reader& arguments,
                                             corbel::cdr::Writer& results,
                                             const corbel::runtime::CallContext&) override {
        using corbel::runtime::DispatchStatus;
        switch (method) {
            case Account_ids::deposit: {
                std::int32_t amount{};
                corbel::cdr::decode(arguments, amount);
                arguments.expect_end();
                corbel::cdr::encode(results, deposit(amount));
                return DispatchStatus::ok;
            }
            case Account_ids::withdraw: {
                std::int32_t amount{};
                corbel::cdr::decode(arguments, amount);
                arguments.expect_end();
                try {
                    const std::int32_t result = withdraw(amount);
                    corbel::cdr::encode(results, result);
                } catch (const InsufficientFunds& e) {
                    return corbel::runtime::write_user_exception(results, e);
                }
                return DispatchStatus::ok;
            }
            case Account_ids::get_balance: {
                arguments.expect_end();
                corbel::cdr::encode(results, balance());
                return DispatchStatus::ok;
            }
            case Account_ids::note: {
                std::string text;
                corbel::cdr::decode(arguments, text);
                arguments.expect_end();
                note(text);
                return DispatchStatus::ok;
            }
            default:
                return DispatchStatus::unknown_operation;
        }
    }
};

// --- the proxy ----------------------------------------------------------------------------

class AccountProxy : public corbel::runtime::ObjectProxy {
public:
    using corbel::runtime::ObjectProxy::ObjectProxy;

    std::int32_t deposit(std::int32_t amount, const corbel::runtime::CallOptions& options = {}) const {
        corbel::cdr::Writer arguments;
        corbel::cdr::encode(arguments, amount);
        const corbel::runtime::Reply reply = invoke(Account_ids::deposit, arguments, options);
        return read_long(reply);
    }

    std::int32_t withdraw(std::int32_t amount, const corbel::runtime::CallOptions& options = {}) const {
        corbel::cdr::Writer arguments;
        corbel::cdr::encode(arguments, amount);
        const corbel::runtime::Reply reply = invoke(Account_ids::withdraw, arguments, options);
        if (reply.status == corbel::runtime::ReplyStatus::user_exception) {
            corbel::cdr::Reader r = reply.reader();
            const std::string raised = corbel::runtime::read_user_exception_id(r);
            if (raised == InsufficientFunds::id) {
                InsufficientFunds e;
                corbel::cdr::decode(r, e);
                throw e;
            }
            throw corbel::runtime::UnknownUserException(raised);
        }
        return read_long(reply);
    }

    std::int32_t balance(const corbel::runtime::CallOptions& options = {}) const {
        corbel::cdr::Writer arguments;
        return read_long(invoke(Account_ids::get_balance, arguments, options));
    }

    void note(const std::string& text) const {
        corbel::cdr::Writer arguments;
        corbel::cdr::encode(arguments, text);
        corbel::runtime::CallOptions oneway;
        oneway.protocol = corbel::runtime::Protocol::r;
        invoke(Account_ids::note, arguments, oneway);
    }

private:
    static std::int32_t read_long(const corbel::runtime::Reply& reply) {
        if (reply.status != corbel::runtime::ReplyStatus::ok) {
            throw corbel::runtime::UnknownUserException("(a user exception from an operation that declares none)");
        }
        corbel::cdr::Reader r = reply.reader();
        std::int32_t value{};
        corbel::cdr::decode(r, value);
        r.expect_end();
        return value;
    }
};

}  // namespace Bank
