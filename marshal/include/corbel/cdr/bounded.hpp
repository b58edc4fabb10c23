// Bounded strings and sequences: IDL's string<N> and sequence<T, N>.
//
// They are a std::string and a std::vector that carry their bound in the type, so that the
// bound travels with every value, nested ones included, and is checked by the codec on
// encoding and decoding. Everything a std::string or std::vector offers still works; the
// bound is checked only at the CDR boundary, where a too-long value fails with bound_exceeded.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace corbel::cdr {

template <std::size_t Bound>
class BoundedString : public std::string {
public:
    static_assert(Bound > 0, "string<0> is not a bounded string");
    static constexpr std::size_t bound = Bound;

    using std::string::string;
    BoundedString() = default;
    BoundedString(const std::string& text) : std::string(text) {}
    BoundedString(std::string&& text) noexcept : std::string(std::move(text)) {}
};

template <class T, std::size_t Bound>
class BoundedSequence : public std::vector<T> {
public:
    static_assert(Bound > 0, "sequence<T, 0> is not a bounded sequence");
    static constexpr std::size_t bound = Bound;

    using std::vector<T>::vector;
    BoundedSequence() = default;
    BoundedSequence(const std::vector<T>& items) : std::vector<T>(items) {}
    BoundedSequence(std::vector<T>&& items) noexcept : std::vector<T>(std::move(items)) {}
};

}  // namespace corbel::cdr
