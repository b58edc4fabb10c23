// The root of every exception corbel throws, and its two families.
//
// UserException is the base of the exceptions declared in IDL (generated code derives from
// it); SystemException is the base of failures of the middleware itself (marshalling errors
// here, timeouts and unknown objects in the runtime). Catching corbel::Exception catches both.
#pragma once

#include <stdexcept>
#include <string>

namespace corbel {

class Exception : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class SystemException : public Exception {
public:
    using Exception::Exception;
};

class UserException : public Exception {
public:
    using Exception::Exception;

    // The IDL repository id of the exception type, for example "IDL:Bank/InsufficientFunds:1.0".
    virtual const char* repository_id() const noexcept = 0;
};

}  // namespace corbel
