// Everything of the CDR marshalling library in one include.
#pragma once

#include <corbel/cdr/bounded.hpp>
#include <corbel/cdr/buffer.hpp>
#include <corbel/cdr/byte_order.hpp>
#include <corbel/cdr/codec.hpp>
#include <corbel/cdr/error.hpp>
#include <corbel/cdr/reader.hpp>
#include <corbel/cdr/writer.hpp>
#include <corbel/exception.hpp>
