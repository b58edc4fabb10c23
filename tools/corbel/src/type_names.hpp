// Names for messages and `corbel describe` (a type's IDL spelling is idl::idl_spelling).
#pragma once

#include <corbel/idl/model.hpp>

#include <string>

namespace corbel::cli {

// A scoped name without its leading "::" ("Bank::Account").
std::string display_name(const idl::Declaration& declaration);
// "a struct", "an interface"
std::string with_article(const std::string& noun);

}  // namespace corbel::cli
