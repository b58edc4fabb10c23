// The benchmark's servant: the generated skeleton of bench/runtime/echo.idl, so that the
// server side is timed with the code corbel-idlc gives users.
#pragma once

#include "echo.rpc.hpp"  // generated

#include <corbel/method_id.hpp>

namespace Bench {

// The benchmark calls through Client::call with these, to time the runtime without a proxy.
constexpr corbel::MethodId null_op_id = corbel::method_id("null_op");
constexpr corbel::MethodId echo_id = corbel::method_id("echo");

class EchoServant : public EchoServiceSkeleton {
public:
    void null_op() override {}
    Person echo(const Person& p) override { return p; }
};

}  // namespace Bench
