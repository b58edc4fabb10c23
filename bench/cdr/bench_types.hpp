// The values the CDR benchmark moves, each with a corbel codec and a Fast CDR codec written
// the way its own code generator (corbel-idlc, fastddsgen) writes them: member by member.
#pragma once

#include <corbel/cdr.hpp>

#include <fastcdr/Cdr.h>

#include <cstdint>
#include <string>

namespace cdr_bench {

struct Person {
    std::string name;
    std::string place;
    std::int32_t year = 0;

    bool operator==(const Person& o) const { return name == o.name && place == o.place && year == o.year; }
};

inline void encode_cdr(corbel::cdr::Writer& w, const Person& p) {
    corbel::cdr::encode(w, p.name);
    corbel::cdr::encode(w, p.place);
    corbel::cdr::encode(w, p.year);
}

inline void decode_cdr(corbel::cdr::Reader& r, Person& p) {
    corbel::cdr::Reader::DepthGuard depth(r);
    corbel::cdr::decode_member(r, p.name);
    corbel::cdr::decode_member(r, p.place);
    corbel::cdr::decode_member(r, p.year);
}

inline void fastcdr_serialize(eprosima::fastcdr::Cdr& cdr, const Person& p) { cdr << p.name << p.place << p.year; }
inline void fastcdr_deserialize(eprosima::fastcdr::Cdr& cdr, Person& p) { cdr >> p.name >> p.place >> p.year; }

// A sequence<double> needs no code of its own on either side.
inline void fastcdr_serialize(eprosima::fastcdr::Cdr& cdr, const std::vector<double>& v) { cdr << v; }
inline void fastcdr_deserialize(eprosima::fastcdr::Cdr& cdr, std::vector<double>& v) { cdr >> v; }

}  // namespace cdr_bench
