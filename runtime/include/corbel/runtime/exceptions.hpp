// The failures a call can end in, one type per cause, all corbel::SystemException.
//
// Error replies from the server (spec/protocol.md section 4) become the exception of the same
// name; TimeoutError and MessageTooLarge can also arise in the client itself. Marshalling
// failures while encoding or decoding locally are corbel::cdr::MarshalError; a server that
// could not decode a request answers marshal_error, which becomes RemoteMarshalError.
#pragma once

#include <corbel/exception.hpp>
#include <corbel/runtime/types.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace corbel::runtime {

class TimeoutError : public SystemException {
public:
    TimeoutError(std::uint32_t sends, Duration waited, const std::string& target);
    // How many times the request was sent before the deadline passed.
    std::uint32_t sends() const noexcept { return sends_; }

protected:
    TimeoutError(const std::string& message, std::uint32_t sends);

private:
    std::uint32_t sends_;
};

// Nothing listens at the server's port: the network answered a request with "port
// unreachable", twice. No reply will come, so the call ends before its deadline; like a
// timeout, it does not say whether an earlier send of the request was executed.
class ServerUnreachable : public TimeoutError {
public:
    ServerUnreachable(std::uint32_t sends, const std::string& target);
};

class UnknownObject : public SystemException {
public:
    using SystemException::SystemException;
};

class UnknownOperation : public SystemException {
public:
    using SystemException::SystemException;
};

// The reference names another incarnation of the server (the server was restarted).
class StaleReference : public SystemException {
public:
    using SystemException::SystemException;
};

class RemoteMarshalError : public SystemException {
public:
    using SystemException::SystemException;
};

class MessageTooLarge : public SystemException {
public:
    MessageTooLarge(std::size_t size, std::size_t limit, const std::string& what_message);
    MessageTooLarge(const std::string& remote_message);
    // 0 when the message came from the server (its text names the limit).
    std::size_t size() const noexcept { return size_; }
    std::size_t limit() const noexcept { return limit_; }

private:
    std::size_t size_ = 0;
    std::size_t limit_ = 0;
};

class InternalError : public SystemException {
public:
    using SystemException::SystemException;
};

// A user exception whose type the client does not know (not declared for the operation).
class UnknownUserException : public SystemException {
public:
    explicit UnknownUserException(const std::string& repository_id);
    const std::string& repository_id() const noexcept { return repository_id_; }

private:
    std::string repository_id_;
};

}  // namespace corbel::runtime
