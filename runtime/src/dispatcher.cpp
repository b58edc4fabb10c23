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
    std::shared_ptr<Servant> removed;  // released after the lock: its destructor may call add or remove
    std::unique_lock lock(mutex_);
    const auto found = servants_.find(object_number);
    if (found == servants_.end()) return false;
    removed = std::move(found->second.servant);
    servants_.erase(found);
    removals_.fetch_add(1, std::memory_order_release);
    lock.unlock();
    return true;
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

std::optional<ReplyStatus> Dispatcher::answer_without_servant(const core::IncomingRequest& request,
                                                              cdr::ByteBuffer& body) const {
    const RemoteObjectRef& target = request.target;
    if (target.object_number == 0) return builtin(request, body);
    if (target.incarnation != incarnation_) {
        return error(body, ReplyStatus::stale_reference,
                     "the reference names incarnation " + std::to_string(target.incarnation) +
                         " of this endpoint, which is now incarnation " + std::to_string(incarnation_) +
                         ": the server was restarted and object " + std::to_string(target.object_number) +
                         " no longer exists");
    }
    return std::nullopt;
}

ReplyStatus Dispatcher::dispatch(const core::IncomingRequest& request, cdr::ByteBuffer& body) const {
    body.clear();
    if (const std::optional<ReplyStatus> answer = answer_without_servant(request, body)) return *answer;
    std::shared_ptr<Servant> servant;
    bool interface_matches = false;
    {
        std::shared_lock lock(mutex_);
        const auto found = servants_.find(request.target.object_number);
        if (found != servants_.end()) {
            servant = found->second.servant;
            interface_matches = request.target.repository_id == found->second.repository_id;
        }
    }
    return run(servant.get(), interface_matches, request, body);
}

ReplyStatus Dispatcher::dispatch(const core::IncomingRequest& request, cdr::ByteBuffer& body, Memo& memo) const {
    body.clear();
    if (const std::optional<ReplyStatus> answer = answer_without_servant(request, body)) return *answer;
    const std::uint32_t number = request.target.object_number;
    if (!memo.servant_ || memo.object_number_ != number ||
        memo.removals_ != removals_.load(std::memory_order_acquire)) {
        // Released after the lock: this may be the last reference to a removed servant,
        // whose destructor may call add or remove.
        const std::shared_ptr<Servant> previous = std::move(memo.servant_);
        std::shared_lock lock(mutex_);
        memo.removals_ = removals_.load(std::memory_order_relaxed);
        memo.object_number_ = number;
        const auto found = servants_.find(number);
        if (found != servants_.end()) {
            memo.servant_ = found->second.servant;
            memo.repository_id_ = found->second.repository_id;  // reuses the string's room
        }
    }
    const bool interface_matches = memo.servant_ && request.target.repository_id == memo.repository_id_;
    return run(memo.servant_.get(), interface_matches, request, body);
}

void Dispatcher::refresh(Memo& memo) const {
    if (memo.servant_ && memo.removals_ != removals_.load(std::memory_order_acquire)) memo.servant_.reset();
}

ReplyStatus Dispatcher::run(Servant* servant, bool interface_matches, const core::IncomingRequest& request,
                            cdr::ByteBuffer& body) const {
    const RemoteObjectRef& target = request.target;
    if (servant == nullptr) {
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
