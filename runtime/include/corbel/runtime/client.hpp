// A corbel client: doOperation. Sends requests, retransmits on timeout with an adaptive
// timer, matches replies, and reports how each call ended.
//
// Blocking calls run on the caller's thread with a socket of their own (taken from a pool,
// one per concurrent caller), so a reply that arrives on time costs one sendto and one
// recvfrom. Asynchronous calls share one socket served by a libuv loop on a thread the
// client starts the first time it is needed; their callbacks run on that thread.
//
//   corbel::runtime::Client client;
//   auto ref = corbel::runtime::RemoteObjectRef::parse(argv[1]);
//   corbel::cdr::Writer args; args.write(std::int32_t{100});
//   corbel::runtime::Reply reply = client.call(ref, corbel::method_id("deposit"), args.view());
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/cdr/writer.hpp>
#include <corbel/method_id.hpp>
#include <corbel/runtime/call_policy.hpp>
#include <corbel/runtime/counters.hpp>
#include <corbel/runtime/faults.hpp>
#include <corbel/runtime/object_ref.hpp>
#include <corbel/runtime/reply.hpp>
#include <corbel/runtime/types.hpp>

#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

namespace corbel::runtime {

struct ClientConfig {
    // Local address the client's sockets bind to (port always chosen by the system). Bound
    // to a specific address, a blocking call's socket is connected to its server, which
    // makes each send cheaper (runtime/README.md); bound to the wildcard, it is not.
    std::string bind_address = "0.0.0.0";
    std::size_t max_datagram = max_udp_payload;
    // The defaults of every call made through this client (proxies copy them).
    CallPolicy defaults;
    // Faults to inject; when unset, those of the CORBEL_FAULTS environment variable.
    std::optional<FaultConfig> faults;
};

// Receives the reply, or the exception (TimeoutError, MessageTooLarge, ...) the call ended
// in; exactly one of the two is set.
using ReplyHandler = std::function<void(std::optional<Reply> reply, std::exception_ptr error)>;

class Client {
public:
    explicit Client(ClientConfig config = {});
    ~Client();  // abandons asynchronous calls still in flight (their handlers are not called)
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    const CallPolicy& defaults() const;

    // doOperation: blocks until the reply. Throws TimeoutError after the deadline and
    // MessageTooLarge if the request does not fit; returns every reply, error replies
    // included (see throw_if_system_error). With Protocol::r, returns at once an empty
    // ok reply once the request is sent.
    Reply call(const RemoteObjectRef& target, MethodId method, cdr::ByteView arguments,
               const CallPolicy& policy);
    Reply call(const RemoteObjectRef& target, MethodId method, cdr::ByteView arguments,
               const CallOptions& options = {});

    // The asynchronous forms: return at once; the handler runs on the client's loop thread.
    void call_async(const RemoteObjectRef& target, MethodId method, cdr::ByteView arguments,
                    const CallPolicy& policy, ReplyHandler handler);
    std::future<Reply> call_async(const RemoteObjectRef& target, MethodId method, cdr::ByteView arguments,
                                  const CallOptions& options = {});

    // The built-in operations of the server at `server`: ping returns the round-trip time
    // (and the server's incarnation in `incarnation` if given); statistics its counters as JSON.
    Duration ping(Endpoint server, std::uint32_t* incarnation = nullptr, const CallOptions& options = {});
    std::string statistics(Endpoint server, const CallOptions& options = {});

    ClientCounters counters() const;
    std::string counters_json() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// What generated proxies derive from: a client, the object's reference, and the policy of
// calls made through this proxy (the client's defaults unless changed).
class ObjectProxy {
public:
    ObjectProxy(std::shared_ptr<Client> client, RemoteObjectRef reference);
    virtual ~ObjectProxy() = default;

    const RemoteObjectRef& reference() const noexcept { return reference_; }
    CallPolicy& policy() noexcept { return policy_; }
    const CallPolicy& policy() const noexcept { return policy_; }
    Client& client() const noexcept { return *client_; }

protected:
    // Makes the call under this proxy's policy with `options` applied; throws the
    // exception of any error reply except user_exception, which the caller decodes.
    Reply invoke(MethodId method, const cdr::Writer& arguments, const CallOptions& options) const;
    // The asynchronous form: on the client's loop thread, an error
    // reply becomes its exception and any other reply goes through `decode` (which returns
    // the operation's results or throws its user exception); the future holds the outcome.
    template <class Result>
    std::future<Result> invoke_async(MethodId method, const cdr::Writer& arguments, const CallOptions& options,
                                     Result (*decode)(const Reply&)) const {
        auto promise = std::make_shared<std::promise<Result>>();
        std::future<Result> future = promise->get_future();
        client_->call_async(reference_, method, arguments.view(), options.applied_to(policy_),
                            [promise, decode](std::optional<Reply> reply, std::exception_ptr error) {
                                if (error) {
                                    promise->set_exception(error);
                                    return;
                                }
                                try {
                                    throw_if_system_error(*reply);
                                    if constexpr (std::is_void_v<Result>) {
                                        decode(*reply);
                                        promise->set_value();
                                    } else {
                                        promise->set_value(decode(*reply));
                                    }
                                } catch (...) {
                                    promise->set_exception(std::current_exception());
                                }
                            });
        return future;
    }

private:
    std::shared_ptr<Client> client_;
    RemoteObjectRef reference_;
    CallPolicy policy_;
};

}  // namespace corbel::runtime
