#include "type_names.hpp"

namespace corbel::cli {

std::string display_name(const idl::Declaration& declaration) {
    const std::string& scoped = declaration.scoped_name;
    if (scoped.rfind("::", 0) == 0) return scoped.substr(2);
    return scoped.empty() ? declaration.name : scoped;
}

std::string with_article(const std::string& noun) {
    const bool vowel = !noun.empty() && std::string("aeiou").find(noun[0]) != std::string::npos;
    return (vowel ? "an " : "a ") + noun;
}

}  // namespace corbel::cli
