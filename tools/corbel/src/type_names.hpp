// IDL spellings of model types, for error messages and `corbel describe`.
#pragma once

#include <corbel/idl/model.hpp>

#include <string>

namespace corbel::cli {

// "long", "string<8>", "sequence<Person, 4>", "long[2][3]", "Bank::Account"
std::string type_name(const idl::Type& type);
// A scoped name without its leading "::" ("Bank::Account").
std::string display_name(const idl::Declaration& declaration);
// "struct", "union", "exception", ...
const char* kind_name(idl::Declaration::Kind kind) noexcept;
// "a struct", "an interface"
std::string with_article(const std::string& noun);

}  // namespace corbel::cli
