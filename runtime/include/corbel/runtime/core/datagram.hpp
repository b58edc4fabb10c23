// One UDP datagram and the endpoint at the other end (its destination when sent, its source
// when received).
#pragma once

#include <corbel/cdr/buffer.hpp>
#include <corbel/runtime/types.hpp>

namespace corbel::runtime::core {

struct Datagram {
    Endpoint peer;
    cdr::ByteBuffer bytes;
};

}  // namespace corbel::runtime::core
