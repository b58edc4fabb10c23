// `corbel describe`: declarations printed as IDL, with what the wire needs to know added in
// comments (repository ids, method ids, inherited operations).
#pragma once

#include <corbel/idl/model.hpp>

#include <iosfwd>

namespace corbel::cli {

void describe_declaration(std::ostream& out, const idl::Declaration& declaration);

}  // namespace corbel::cli
