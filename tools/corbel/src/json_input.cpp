#include "json_input.hpp"

#include "errors.hpp"

namespace corbel::cli {

Json parse_json_operand(const std::string& text, const std::string& what) {
    try {
        return Json::parse(text);
    } catch (const Json::exception& error) {
        // "[json.exception.parse_error.101] parse error at line 1, ..." -> "parse error at line 1, ..."
        std::string message = error.what();
        const auto bracket = message.find("] ");
        if (message.rfind("[json.exception", 0) == 0 && bracket != std::string::npos) message.erase(0, bracket + 2);
        throw Failure("bad JSON in " + what + ": " + message);
    }
}

}  // namespace corbel::cli
