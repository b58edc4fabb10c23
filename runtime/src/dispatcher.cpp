#include <corbel/runtime/dispatcher.hpp>

#include <corbel/cdr/error.hpp>
#include <corbel/cdr/writer.hpp>
#include <corbel/exception.hpp>

#include <exception>
#include <mutex>
#include <stdexcept>

namespace corbel::runtime {
namespace {

constexpr MethodId ping_id = method_id(ping_operation);
constexpr MethodId statistics_id = method_id(statistics_operation);

ReplyStatus error(cdr::ByteBuffer& body, ReplyStatus status, const std::string& detail) {
    body.clear();
    cdr::Writer w(body, cdr::native_byte_order());
    w.write_string(detail);
    return status;
}

}  // namespace

Dispatcher::Dispatcher(std::uint32_t incarnation) : incarnation_(incarnation) {}

std::uint32_t Dispatcher::add(std::shared_ptr<Servant> servant) {
    if (!servant) throw std::invalid_argument("no servant to add: the pointer is null");
    std::unique_lock lock(mutex_);
    const std::uint32_t number = ++last_object_number_;
    std::string repository_id = servant->repository_id();
    servants_.emplace(number, Registered{std::move(servant), std::move(repository_id)});
    return number;
}

bool Dispatcher::remove(std::uint32_t object_number) {
    std::unique_lock lock(mutex_);
    return servants_.erase(object_number) != 0;
}

void Dispatcher::set_statistics_source(std::function<std::string()> source) {
    std::unique_lock lock(mutex_);
    statistics_ = std::move(source);
}

ReplyStatus Dispatcher::builtin(const core::IncomingRequest& request, cdr::ByteBuffer& body) const {
    cdr::Writer w(body, cdr::native_byte_order());
    if (request.method == ping_id) {
        w.write(incarnation_);
        return ReplyStatus::ok;
    }
    if (request.method == statistics_id) {
        std::function<std::string()> source;
        {
            std::shared_lock lock(mutex_);
            source = statistics_;
        }
        w.write_string(source ? source() : std::string("{}"));
        return ReplyStatus::ok;
    }
    return error(body, ReplyStatus::unknown_operation,
                 "object 0 answers only " + std::string(ping_operation) + " and " + statistics_operation);
}

ReplyStatus Dispatcher::dispatch(const core::IncomingRequest& request, cdr::ByteBuffer& body) const {
    body.clear();
    const RemoteObjectRef& target = request.target;
    if (target.object_number == 0) return builtin(request, body);
    if (target.incarnation != incarnation_) {
        return error(body, ReplyStatus::stale_reference,
                     "the reference names incarnation " + std::to_string(target.incarnation) +
                         " of this endpoint, which is now incarnation " + std::to_string(incarnation_) +
                         ": the server was restarted and object " + std::to_string(target.object_number) +
                         " no longer exists");
    }
    std::shared_ptr<Servant> servant;
    bool interface_matches = false;
    {
        std::shared_lock lock(mutex_);
        const auto found = servants_.find(target.object_number);
        if (found != servants_.end()) {
            servant = found->second.servant;
            interface_matches = target.repository_id == found->second.repository_id;
        }
    }
    if (!servant) {
        return error(body, ReplyStatus::unknown_object,
                     "no object number " + std::to_string(target.object_number) + " at this endpoint");
    }
    if (!interface_matches) {
        return error(body, ReplyStatus::unknown_object,
                     "object " + std::to_string(target.object_number) + " is a " + servant->repository_id() +
                         ", not a " + target.repository_id);
    }
    CallContext context{request.key.client, request.key.request_id, request.protocol, request.idempotent};
    try {
        cdr::Reader arguments = request.arguments_reader();
        cdr::Writer results(body, cdr::native_byte_order());
        switch (servant->dispatch(request.method, arguments, results, context)) {
            case DispatchStatus::ok: return ReplyStatus::ok;
            case DispatchStatus::user_exception: return ReplyStatus::user_exception;
            case DispatchStatus::unknown_operation:
                return error(body, ReplyStatus::unknown_operation,
                             std::string(servant->repository_id()) + " has no operation with method id " +
                                 std::to_string(request.method));
        }
        return error(body, ReplyStatus::internal_error, "the servant returned an invalid dispatch status");
    } catch (const cdr::MarshalError& e) {
        return error(body, ReplyStatus::marshal_error, std::string("bad arguments: ") + e.what());
    } catch (const corbel::UserException& e) {
        return error(body, ReplyStatus::internal_error,
                     std::string("the servant raised ") + e.repository_id() + ", which the operation does not declare");
    } catch (const std::exception& e) {
        return error(body, ReplyStatus::internal_error, std::string("the servant failed: ") + e.what());
    } catch (...) {
        return error(body, ReplyStatus::internal_error, "the servant failed with a non-standard exception");
    }
}

}  // namespace corbel::runtime
