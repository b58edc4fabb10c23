// Person of figure 4.8, with its CDR encoding. This is what corbel-idlc generates from
// person.idl; it is kept by hand here until the sample is built from the IDL.
#pragma once

#include <corbel/cdr.hpp>

#include <cstdint>
#include <string>

struct Person {
    std::string name;
    std::string place;
    std::int32_t year = 0;

    bool operator==(const Person& other) const {
        return name == other.name && place == other.place && year == other.year;
    }
};

inline void encode_cdr(corbel::cdr::Writer& writer, const Person& person) {
    corbel::cdr::encode(writer, person.name);
    corbel::cdr::encode(writer, person.place);
    corbel::cdr::encode(writer, person.year);
}

inline void decode_cdr(corbel::cdr::Reader& reader, Person& person) {
    corbel::cdr::Reader::DepthGuard depth(reader);
    corbel::cdr::decode_member(reader, person.name);
    corbel::cdr::decode_member(reader, person.place);
    corbel::cdr::decode_member(reader, person.year);
}
