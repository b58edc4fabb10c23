// The JSON value type of the tool: objects keep their members in insertion order, so structs
// print in declaration order and stats print as the server wrote them.
#pragma once

#include <nlohmann/json.hpp>

namespace corbel::cli {

using Json = nlohmann::ordered_json;

}  // namespace corbel::cli
