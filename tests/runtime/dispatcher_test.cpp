// The dispatcher without any I/O: routing by object number, the interface check, removal,
// and a thread's Memo, which must never route a request where a lookup would not.
#include "account.hpp"
#include "account_impl.hpp"

#include <corbel/cdr.hpp>
#include <corbel/runtime/dispatcher.hpp>

#include <doctest/doctest.h>

#include <memory>
#include <string>

using namespace corbel::runtime;
using corbel_test::AccountImpl;
using corbel_test::WatchedAccount;

namespace {

constexpr std::uint32_t incarnation = 1700000000;

core::IncomingRequest deposit_request(std::uint32_t object_number, std::int32_t amount,
                                      const std::string& repository_id = AccountImpl().repository_id()) {
    core::IncomingRequest request;
    request.target = RemoteObjectRef{{0x7f000001, 7000}, incarnation, object_number, repository_id};
    request.method = Bank::Account_ids::deposit;
    corbel::cdr::Writer arguments;
    arguments.write(amount);
    request.arguments.assign(arguments.view().data, arguments.view().size);
    return request;
}

// The balance a deposit's reply body carries.
std::int32_t balance_in(const corbel::cdr::ByteBuffer& body) {
    corbel::cdr::Reader r(body.view(), corbel::cdr::native_byte_order());
    return r.read<std::int32_t>();
}

}  // namespace

TEST_CASE("a memo routes each request where a lookup would, also when the object changes") {
    Dispatcher dispatcher(incarnation);
    const auto first = std::make_shared<AccountImpl>();
    const auto second = std::make_shared<AccountImpl>();
    const std::uint32_t first_number = dispatcher.add(first);
    const std::uint32_t second_number = dispatcher.add(second);
    Dispatcher::Memo memo;
    corbel::cdr::ByteBuffer body;
    CHECK(dispatcher.dispatch(deposit_request(first_number, 10), body, memo) == ReplyStatus::ok);
    CHECK(balance_in(body) == 10);
    CHECK(dispatcher.dispatch(deposit_request(first_number, 5), body, memo) == ReplyStatus::ok);
    CHECK(balance_in(body) == 15);
    CHECK(dispatcher.dispatch(deposit_request(second_number, 7), body, memo) == ReplyStatus::ok);
    CHECK(balance_in(body) == 7);
    CHECK(dispatcher.dispatch(deposit_request(first_number, 1), body, memo) == ReplyStatus::ok);
    CHECK(balance_in(body) == 16);
    CHECK(first->executions == 3);
    CHECK(second->executions == 1);

    SUBCASE("a remembered object asked for under another interface") {
        CHECK(dispatcher.dispatch(deposit_request(first_number, 1, "IDL:Bank/Branch:1.0"), body, memo) ==
              ReplyStatus::unknown_object);
        CHECK(dispatcher.dispatch(deposit_request(first_number, 1, std::string(first->repository_id()) + "x"), body,
                                  memo) == ReplyStatus::unknown_object);
        CHECK(first->executions == 3);
        CHECK(dispatcher.dispatch(deposit_request(first_number, 1), body, memo) == ReplyStatus::ok);
    }
    SUBCASE("an object number that was never given, then a known one") {
        CHECK(dispatcher.dispatch(deposit_request(99, 1), body, memo) == ReplyStatus::unknown_object);
        CHECK(dispatcher.dispatch(deposit_request(second_number, 1), body, memo) == ReplyStatus::ok);
        CHECK(balance_in(body) == 8);
    }
    SUBCASE("a stale incarnation is refused before the memo is consulted") {
        core::IncomingRequest stale = deposit_request(first_number, 1);
        stale.target.incarnation -= 1;
        CHECK(dispatcher.dispatch(stale, body, memo) == ReplyStatus::stale_reference);
        CHECK(first->executions == 3);
    }
}

// Two servants, the first watched for its destruction and remembered by `memo`.
struct WatchedPair {
    bool destroyed = false;  // before the dispatcher, whose destruction may still set it
    Dispatcher dispatcher{incarnation};
    std::uint32_t watched = dispatcher.add(std::make_shared<WatchedAccount>([this] { destroyed = true; }));
    std::uint32_t other = dispatcher.add(std::make_shared<AccountImpl>());
    Dispatcher::Memo memo;
    corbel::cdr::ByteBuffer body;

    WatchedPair() { REQUIRE(dispatcher.dispatch(deposit_request(watched, 10), body, memo) == ReplyStatus::ok); }
};

TEST_CASE("a null servant is refused when added, not when called") {
    Dispatcher dispatcher(incarnation);
    CHECK_THROWS_AS(dispatcher.add(nullptr), std::invalid_argument);
}

TEST_CASE("a removed servant gets no more requests, through a memo or not, and is let go of") {
    WatchedPair p;
    CHECK(p.dispatcher.remove(p.watched));
    CHECK_FALSE(p.dispatcher.remove(p.watched));
    CHECK_FALSE(p.destroyed);  // the memo still holds it

    SUBCASE("the memo's next dispatch lets go of it") {
        CHECK(p.dispatcher.dispatch(deposit_request(p.watched, 1), p.body, p.memo) == ReplyStatus::unknown_object);
        CHECK(p.destroyed);
    }
    SUBCASE("a dispatch to another object lets go of it") {
        CHECK(p.dispatcher.dispatch(deposit_request(p.other, 1), p.body, p.memo) == ReplyStatus::ok);
        CHECK(p.destroyed);
    }
    SUBCASE("refresh lets go of it") {
        p.dispatcher.refresh(p.memo);
        CHECK(p.destroyed);
    }
    SUBCASE("without a memo it is gone too") {
        CHECK(p.dispatcher.dispatch(deposit_request(p.watched, 1), p.body) == ReplyStatus::unknown_object);
    }
}

TEST_CASE("refresh keeps a servant that is still registered; removing another does not disturb the memo") {
    WatchedPair p;
    CHECK(p.dispatcher.remove(p.other));
    p.dispatcher.refresh(p.memo);
    CHECK_FALSE(p.destroyed);
    CHECK(p.dispatcher.dispatch(deposit_request(p.watched, 1), p.body, p.memo) == ReplyStatus::ok);
    CHECK(balance_in(p.body) == 11);
}

TEST_CASE("a servant's destructor may add and remove servants: remove() holds no lock while it runs") {
    Dispatcher dispatcher(incarnation);
    std::uint32_t added_by_destructor = 0;
    const std::uint32_t number = dispatcher.add(std::make_shared<WatchedAccount>(
        [&] { added_by_destructor = dispatcher.add(std::make_shared<AccountImpl>()); }));
    // With remove() destroying the servant under its own lock, the add would deadlock here.
    CHECK(dispatcher.remove(number));
    REQUIRE(added_by_destructor != 0);
    corbel::cdr::ByteBuffer body;
    CHECK(dispatcher.dispatch(deposit_request(added_by_destructor, 3), body) == ReplyStatus::ok);

    SUBCASE("and so may the memo's letting go") {
        bool destroyed = false;
        const std::uint32_t held = dispatcher.add(std::make_shared<WatchedAccount>([&] {
            dispatcher.add(std::make_shared<AccountImpl>());
            destroyed = true;
        }));
        Dispatcher::Memo memo;
        REQUIRE(dispatcher.dispatch(deposit_request(held, 1), body, memo) == ReplyStatus::ok);
        CHECK(dispatcher.remove(held));
        CHECK(dispatcher.dispatch(deposit_request(added_by_destructor, 1), body, memo) == ReplyStatus::ok);
        CHECK(destroyed);
    }
}
