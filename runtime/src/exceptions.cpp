#include <corbel/runtime/exceptions.hpp>

#include <corbel/printable.hpp>

#include <chrono>

namespace corbel::runtime {

TimeoutError::TimeoutError(std::uint32_t sends, Duration waited, const std::string& target)
    : SystemException("call to " + target + " timed out after " +
                      std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count()) +
                      " ms; the request was sent " + std::to_string(sends) + " time" + (sends == 1 ? "" : "s")),
      sends_(sends) {}

TimeoutError::TimeoutError(const std::string& message, std::uint32_t sends) : SystemException(message), sends_(sends) {}

ServerUnreachable::ServerUnreachable(std::uint32_t sends, const std::string& target)
    : TimeoutError("call to " + target + " refused: nothing listens at that port (the network answered " +
                       "\"port unreachable\"); the request was sent " + std::to_string(sends) + " time" +
                       (sends == 1 ? "" : "s"),
                   sends) {}

MessageTooLarge::MessageTooLarge(std::size_t size, std::size_t limit, const std::string& what_message)
    : SystemException(what_message), size_(size), limit_(limit) {}

MessageTooLarge::MessageTooLarge(const std::string& remote_message) : SystemException(remote_message) {}

UnknownUserException::UnknownUserException(const std::string& repository_id)
    : SystemException("the server raised a user exception this client does not know: " +
                      printable(repository_id, peer_text_limit)),
      repository_id_(repository_id) {}

}  // namespace corbel::runtime
