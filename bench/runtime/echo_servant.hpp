// The benchmark's interface, written in the shape generated code takes:
//   module Bench { struct Person { string name; string place; long year; };
//                  interface Echo { void null_op(); Person echo(in Person p); }; };
#pragma once

#include <corbel/cdr.hpp>
#include <corbel/method_id.hpp>
#include <corbel/runtime/servant.hpp>

#include <cstdint>
#include <string>

namespace Bench {

struct Person {
    std::string name;
    std::string place;
    std::int32_t year = 0;
};

inline void encode_cdr(corbel::cdr::Writer& w, const Person& p) {
    corbel::cdr::encode(w, p.name);
    corbel::cdr::encode(w, p.place);
    corbel::cdr::encode(w, p.year);
}
inline void decode_cdr(corbel::cdr::Reader& r, Person& p) {
    corbel::cdr::Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, p.name);
    corbel::cdr::decode_member(r, p.place);
    corbel::cdr::decode_member(r, p.year);
}

constexpr corbel::MethodId null_op_id = corbel::method_id("null_op");
constexpr corbel::MethodId echo_id = corbel::method_id("echo");

class EchoServant : public corbel::runtime::Servant {
public:
    const char* repository_id() const noexcept override { return "IDL:Bench/Echo:1.0"; }
    corbel::runtime::DispatchStatus dispatch(corbel::MethodId method, corbel::cdr::Reader& arguments,
                                             corbel::cdr::Writer& results,
                                             const corbel::runtime::CallContext&) override {
        if (method == null_op_id) {
            arguments.expect_end();
            return corbel::runtime::DispatchStatus::ok;
        }
        if (method == echo_id) {
            Person p;
            corbel::cdr::decode(arguments, p);
            arguments.expect_end();
            corbel::cdr::encode(results, p);
            return corbel::runtime::DispatchStatus::ok;
        }
        return corbel::runtime::DispatchStatus::unknown_operation;
    }
};

}  // namespace Bench
