// The sample values of the cross-check, in omniORB's C++ mapping.
//
// interop_samples.hpp holds the same values in corbel's mapping; the two files must agree
// value for value, and the test proves they do by comparing the bytes each side writes.
#pragma once

#include <omniORB4/CORBA.h>

#include <string>
#include <vector>

namespace interop_peer {

// One named sample: how omniORB writes it, and how it checks that a stream decodes to it.
struct Sample {
    std::string name;
    void (*write)(cdrStream& out);
    // Decodes one value from `in` and compares it with the sample; false (after naming the
    // member that differs, under the path `name`, on stderr) when they differ.
    bool (*decodes_to_sample)(cdrStream& in, const std::string& name);
};

const std::vector<Sample>& samples();

}  // namespace interop_peer
